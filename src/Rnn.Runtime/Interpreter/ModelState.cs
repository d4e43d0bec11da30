using System;
using Rnn.Runtime.Cells;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// One stream's recurrent state for an <see cref="InterpretedModel"/>. Not thread-safe: one stream, one
/// thread at a time. <see cref="Step"/> allocates nothing; neither does <see cref="Run"/>, except that a
/// whole-sequence model's first Run over a longer sequence than before grows the state's sequence buffers.
/// </summary>
public sealed partial class ModelState : IRnnModel
{
    private readonly InterpretedModel _model;
    private readonly float[] _state;
    private readonly float[] _scratch;
    private readonly int[] _stateOffsets;
    private readonly int[] _reverseStateOffsets;
    private bool _reverse;

    internal ModelState(InterpretedModel model)
    {
        _model = model;
        var layers = model.Layers;
        _stateOffsets = new int[layers.Length];
        _reverseStateOffsets = new int[layers.Length];
        int stateLength = 0, scratch = model.InputSize;
        for (int l = 0; l < layers.Length; l++)
        {
            _stateOffsets[l] = stateLength;
            stateLength += layers[l].Cell.StateLength;
            scratch = Math.Max(scratch, layers[l].Cell.ScratchLength);
            _reverseStateOffsets[l] = stateLength;
            if (layers[l].ReverseCell is { } reverse)
            {
                stateLength += reverse.StateLength;
                scratch = Math.Max(scratch, reverse.ScratchLength);
            }
        }

        _state = new float[stateLength];
        // The normalised input lives at the front of scratch only until the first layer has read it,
        // so layer scratch goes after it.
        _scratch = new float[model.InputSize + scratch];
        Reset();
    }

    /// <summary>The model this state belongs to.</summary>
    public InterpretedModel Model => _model;

    /// <inheritdoc/>
    public int InputSize => _model.InputSize;

    /// <inheritdoc/>
    public int OutputSize => _model.OutputSize;

    /// <summary>Returns every layer to the start of a sequence: its learned initial state (format v2's <c>initial_h</c>/<c>initial_c</c>), else zeros.</summary>
    public void Reset()
    {
        var layers = _model.Layers;
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].Cell.ResetState(StateOf(layers[l].Cell, _stateOffsets[l]));
            layers[l].ReverseCell?.ResetState(StateOf(layers[l].ReverseCell!, _reverseStateOffsets[l]));
        }
    }

    /// <summary>Advances one time step.</summary>
    /// <param name="input">Exactly <see cref="InterpretedModel.InputSize"/> values.</param>
    /// <param name="output">Exactly <see cref="InterpretedModel.OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">A layer is reverse or bidirectional, so the model needs the whole sequence: call <see cref="Run"/>.</exception>
    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        ThrowIfWholeSequence(_model);
        StepArguments.CheckStep(input.Length, output.Length, _model.InputSize, _model.OutputSize);
        StepUnchecked(input, output);
    }

    /// <summary>
    /// Runs T steps: T × InputSize values in, T × OutputSize out. A model that can run step by step
    /// continues from the current state, exactly as T calls of <see cref="Step"/> (so a sequence may be
    /// run in pieces). A model with a reverse or bidirectional layer treats <paramref name="inputs"/> as
    /// one complete sequence starting from the initial state, whatever ran before; it runs layer after
    /// layer through two sequence buffers owned by this state, grown once to the longest sequence seen.
    /// </summary>
    /// <param name="inputs">T × <see cref="InterpretedModel.InputSize"/> values, step after step.</param>
    /// <param name="outputs">T × <see cref="InterpretedModel.OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">The lengths are not whole steps or disagree on T.</exception>
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = _model.InputSize, outputSize = _model.OutputSize;
        int steps = StepArguments.CheckRun(inputs.Length, outputs.Length, inputSize, outputSize);
        if (_model.WholeSequenceLayer is not null)
        {
            RunWholeSequence(inputs, outputs, steps);
            return;
        }

        for (int t = 0; t < steps; t++)
            StepUnchecked(inputs.Slice(t * inputSize, inputSize), outputs.Slice(t * outputSize, outputSize));
    }

    internal static void ThrowIfWholeSequence(InterpretedModel model)
    {
        if (model.WholeSequenceLayer is int l)
        {
            string direction = model.Layers[l].Backward ? "reverse" : "bidirectional";
            throw new InvalidOperationException($"layers[{l}] is {direction}: it needs the whole sequence; call Run");
        }
    }

    private Span<float> StateOf(Cell cell, int offset) => _state.AsSpan(offset, cell.StateLength);

    private void StepUnchecked(ReadOnlySpan<float> input, Span<float> output)
    {
        var layers = _model.Layers;
        var path = _model.Path;
        Span<float> scratch = _scratch;
        ReadOnlySpan<float> x = Normalize(_model, input, scratch.Slice(0, input.Length));
        Span<float> layerScratch = scratch.Slice(_model.InputSize);
        bool reverse = _reverse = !_reverse;
        for (int l = 0; l < layers.Length; l++)
        {
            var cell = layers[l].Cell;
            Span<float> state = StateOf(cell, _stateOffsets[l]);
            cell.Step(x, state, layerScratch, path, reverse);
            x = state.Slice(0, cell.OutputSize);
        }

        x.CopyTo(output);
        AddSkip(_model, input, output);
    }

    // (x - mean) / std into destination when the model normalises its input; else x itself.
    internal static ReadOnlySpan<float> Normalize(InterpretedModel model, ReadOnlySpan<float> input, Span<float> destination)
    {
        if (model.Mean is not { } mean)
            return input;
        var inverseStd = model.InverseStd!;
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (input[i] - mean[i]) * inverseStd[i];
        return destination;
    }

    // Format v2's residual skip: y[j] += x[j] for j < skip, x the raw input (before normalisation).
    internal static void AddSkip(InterpretedModel model, ReadOnlySpan<float> rawInput, Span<float> output)
    {
        int skip = model.Descriptor.Skip;
        for (int j = 0; j < skip; j++)
            output[j] += rawInput[j];
    }
}
