using System;
using Rnn.Runtime.Cells;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// Run for a model with a reverse or bidirectional layer: the sequence goes through the model layer after
/// layer, each layer's T outputs written to a sequence buffer the next layer reads, so a backward pass can
/// start from the last step. Two buffers of T × (widest layer) floats, owned by the state and grown once
/// to the longest sequence seen (not pooled: a stream that ran a long sequence is likely to run another).
/// </summary>
public sealed partial class ModelState
{
    private float[] _sequenceIn = [];
    private float[] _sequenceOut = [];

    private void RunWholeSequence(ReadOnlySpan<float> inputs, Span<float> outputs, int steps)
    {
        var layers = _model.Layers;
        int inputSize = _model.InputSize, width = inputSize;
        foreach (var layer in layers)
            width = Math.Max(width, layer.OutputSize);
        if (_sequenceIn.Length < steps * width)
        {
            _sequenceIn = new float[steps * width];
            _sequenceOut = new float[steps * width];
        }

        Reset();
        for (int t = 0; t < steps; t++)
        {
            var x = inputs.Slice(t * inputSize, inputSize);
            Normalize(_model, x, _sequenceIn.AsSpan(t * inputSize, inputSize)).CopyTo(_sequenceIn.AsSpan(t * inputSize, inputSize));
        }

        int size = inputSize;
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = layers[l];
            RunCell(layer.Cell, _stateOffsets[l], steps, size, layer.OutputSize, offset: 0, layer.Backward);
            if (layer.ReverseCell is { } reverse)
                RunCell(reverse, _reverseStateOffsets[l], steps, size, layer.OutputSize, offset: layer.Cell.OutputSize, backward: true);
            (_sequenceIn, _sequenceOut) = (_sequenceOut, _sequenceIn);
            size = layer.OutputSize;
        }

        _sequenceIn.AsSpan(0, steps * size).CopyTo(outputs);
        for (int t = 0; t < steps; t++)
            AddSkip(_model, inputs.Slice(t * inputSize, inputSize), outputs.Slice(t * size, size));
    }

    // One cell over the sequence in _sequenceIn (T × inputWidth), its S outputs per step written to
    // _sequenceOut (T × outputWidth) at offset; backward walks from the last step, so output t is the
    // state after reading steps T-1 down to t.
    private void RunCell(Cell cell, int stateOffset, int steps, int inputWidth, int outputWidth, int offset, bool backward)
    {
        Span<float> state = StateOf(cell, stateOffset);
        Span<float> scratch = _scratch.AsSpan(_model.InputSize);
        for (int s = 0; s < steps; s++)
        {
            int t = backward ? steps - 1 - s : s;
            bool reverse = _reverse = !_reverse;
            cell.Step(_sequenceIn.AsSpan(t * inputWidth, inputWidth), state, scratch, _model.Path, reverse);
            state.Slice(0, cell.OutputSize).CopyTo(_sequenceOut.AsSpan(t * outputWidth + offset, cell.OutputSize));
        }
    }
}
