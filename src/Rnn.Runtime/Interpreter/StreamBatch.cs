using System;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// The recurrent state of several independent streams of one <see cref="InterpretedModel"/>, stepped together
/// (eight audio channels, a rack of sensors): one <see cref="Step"/> advances every stream by one time step
/// and reads each weight from memory once for all of them, where one <see cref="ModelState"/> per stream
/// would read every weight once per stream. Each stream's outputs are bit-identical to stepping it alone
/// with a <see cref="ModelState"/> of the same model; resetting one leaves the others untouched. Not
/// thread-safe; <see cref="Step"/> allocates nothing.
/// </summary>
/// <example>
/// <code>
/// var batch = model.CreateBatch(8);
/// batch.Step(inputs, outputs); // stream s: inputs[s × InputSize ..], outputs[s × OutputSize ..]
/// batch.Reset(3);              // stream 3 starts a new sequence
/// </code>
/// </example>
public sealed class StreamBatch
{
    // Each stream's scratch starts on its own 64-byte line.
    private const int FloatsPerLine = 16;

    private readonly InterpretedModel _model;
    private readonly float[] _state;
    private readonly float[] _scratch;
    private readonly int[] _stateOffsets;
    private readonly int _stateStride;
    private readonly int _scratchStride;
    private bool _reverse;

    internal StreamBatch(InterpretedModel model, int streams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        if (model.WholeSequenceLayer is int l)
        {
            string direction = model.Layers[l].Backward ? "reverse" : "bidirectional";
            throw new InvalidOperationException(
                $"layers[{l}] is {direction}: it needs the whole sequence, so its streams cannot be stepped together; run each stream's sequence with ModelState.Run");
        }

        _model = model;
        StreamCount = streams;
        var layers = model.Layers;
        _stateOffsets = new int[layers.Length];
        int stateLength = 0, scratch = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            _stateOffsets[i] = stateLength;
            stateLength += layers[i].Cell.StateLength;
            scratch = Math.Max(scratch, layers[i].Cell.ScratchLength);
        }

        // Per stream: its state; its scratch holds its input (normalised when the model normalises) at the
        // front, then layer scratch, as a ModelState's does.
        _stateStride = stateLength;
        _scratchStride = (model.InputSize + scratch + FloatsPerLine - 1) / FloatsPerLine * FloatsPerLine;
        _state = new float[(long)streams * _stateStride];
        _scratch = new float[(long)streams * _scratchStride];
        Reset();
    }

    /// <summary>The model every stream runs.</summary>
    public InterpretedModel Model => _model;

    /// <summary>Streams in the batch (B): <see cref="Step"/> takes B × <see cref="InputSize"/> values.</summary>
    public int StreamCount { get; }

    /// <summary>Values per time step in, per stream.</summary>
    public int InputSize => _model.InputSize;

    /// <summary>Values per time step out, per stream.</summary>
    public int OutputSize => _model.OutputSize;

    /// <summary>Returns every stream to the start of a sequence (the learned initial state, else zeros).</summary>
    public void Reset()
    {
        for (int stream = 0; stream < StreamCount; stream++)
            Reset(stream);
    }

    /// <summary>Returns one stream to the start of a sequence; the others keep their state.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is not in [0, <see cref="StreamCount"/>).</exception>
    public void Reset(int stream)
    {
        if ((uint)stream >= (uint)StreamCount)
            throw new ArgumentOutOfRangeException(nameof(stream), stream, $"This batch has streams 0 to {StreamCount - 1}.");
        var layers = _model.Layers;
        for (int l = 0; l < layers.Length; l++)
            layers[l].Cell.ResetState(_state.AsSpan(stream * _stateStride + _stateOffsets[l], layers[l].Cell.StateLength));
    }

    /// <summary>Advances every stream one time step.</summary>
    /// <param name="inputs">B × <see cref="InputSize"/> values, stream after stream: stream s's at [s × InputSize, (s + 1) × InputSize).</param>
    /// <param name="outputs">B × <see cref="OutputSize"/> values, laid out the same way.</param>
    /// <exception cref="ArgumentException">A span's length is not B × the model's size.</exception>
    public void Step(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int streams = StreamCount, inputSize = _model.InputSize, outputSize = _model.OutputSize;
        StepArguments.CheckBatch(streams, inputs.Length, outputs.Length, inputSize, outputSize);
        var x = new StreamSet(_scratch, 0, _scratchStride, inputSize, streams);
        for (int k = 0; k < streams; k++)
        {
            ReadOnlySpan<float> input = inputs.Slice(k * inputSize, inputSize);
            if (_model.Mean is null)
                input.CopyTo(x[k]);
            else
                ModelState.Normalize(_model, input, x[k]);
        }

        var layerScratch = new StreamSet(_scratch, inputSize, _scratchStride, _scratchStride - inputSize, streams);
        var layers = _model.Layers;
        var path = _model.Path;
        // One walk direction for the whole batch; rows are independent, so it changes no result.
        bool reverse = _reverse = !_reverse;
        for (int l = 0; l < layers.Length; l++)
        {
            var cell = layers[l].Cell;
            var state = new StreamSet(_state, _stateOffsets[l], _stateStride, cell.StateLength, streams);
            cell.StepBatch(x, state, layerScratch, path, reverse);
            x = state.Slice(0, cell.OutputSize);
        }

        for (int k = 0; k < streams; k++)
        {
            Span<float> output = outputs.Slice(k * outputSize, outputSize);
            x[k].CopyTo(output);
            ModelState.AddSkip(_model, inputs.Slice(k * inputSize, inputSize), output);
        }
    }
}
