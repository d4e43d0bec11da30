using System;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// One stream's recurrent state for an <see cref="InterpretedModel"/>. Not thread-safe: one stream, one
/// thread at a time. <see cref="Step"/> and <see cref="Run"/> allocate nothing.
/// </summary>
public sealed class ModelState : IRnnModel
{
    private readonly InterpretedModel _model;
    private readonly float[] _state;
    private readonly float[] _scratch;
    private readonly int[] _stateOffsets;
    private bool _reverse;

    internal ModelState(InterpretedModel model)
    {
        _model = model;
        var cells = model.Cells;
        _stateOffsets = new int[cells.Length + 1];
        int scratch = model.InputSize;
        for (int l = 0; l < cells.Length; l++)
        {
            _stateOffsets[l + 1] = _stateOffsets[l] + cells[l].StateLength;
            scratch = Math.Max(scratch, cells[l].ScratchLength);
        }

        _state = new float[_stateOffsets[cells.Length]];
        // The normalised input lives at the front of scratch only until the first layer has read it,
        // so layer scratch goes after it.
        _scratch = new float[model.InputSize + scratch];
    }

    /// <summary>The model this state belongs to.</summary>
    public InterpretedModel Model => _model;

    /// <inheritdoc/>
    public int InputSize => _model.InputSize;

    /// <inheritdoc/>
    public int OutputSize => _model.OutputSize;

    /// <summary>Zeroes the recurrent state, as at the start of a new sequence.</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>Advances one time step.</summary>
    /// <param name="input">Exactly <see cref="InterpretedModel.InputSize"/> values.</param>
    /// <param name="output">Exactly <see cref="InterpretedModel.OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        StepArguments.CheckStep(input.Length, output.Length, _model.InputSize, _model.OutputSize);
        StepUnchecked(input, output);
    }

    /// <summary>Runs a whole sequence from the current state: T steps of InputSize values in, T × OutputSize out.</summary>
    /// <param name="inputs">T × <see cref="InterpretedModel.InputSize"/> values, step after step.</param>
    /// <param name="outputs">T × <see cref="InterpretedModel.OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">The lengths are not whole steps or disagree on T.</exception>
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = _model.InputSize, outputSize = _model.OutputSize;
        int steps = StepArguments.CheckRun(inputs.Length, outputs.Length, inputSize, outputSize);
        for (int t = 0; t < steps; t++)
            StepUnchecked(inputs.Slice(t * inputSize, inputSize), outputs.Slice(t * outputSize, outputSize));
    }

    private void StepUnchecked(ReadOnlySpan<float> input, Span<float> output)
    {
        var cells = _model.Cells;
        var path = _model.Path;
        Span<float> scratch = _scratch;
        ReadOnlySpan<float> x = input;
        if (_model.Mean is { } mean)
        {
            var inverseStd = _model.InverseStd!;
            Span<float> normalized = scratch.Slice(0, input.Length);
            for (int i = 0; i < normalized.Length; i++)
                normalized[i] = (input[i] - mean[i]) * inverseStd[i];
            x = normalized;
        }

        Span<float> layerScratch = scratch.Slice(_model.InputSize);
        bool reverse = _reverse = !_reverse;
        for (int l = 0; l < cells.Length; l++)
        {
            Span<float> state = _state.AsSpan(_stateOffsets[l], cells[l].StateLength);
            cells[l].Step(x, state, layerScratch, path, reverse);
            x = state.Slice(0, cells[l].OutputSize);
        }

        x.CopyTo(output);
    }
}
