using System;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// One layer (one direction of a bidirectional layer) with its weights packed for the kernels. Immutable
/// and shared by every stream; a stream owns the layer's state (set by <see cref="ResetState"/>) and lends
/// it scratch. The layer's output for the step is always the first <see cref="OutputSize"/> values of its
/// state: the hidden state h of a recurrent layer, the activations of a dense one.
/// </summary>
internal abstract class Cell
{
    protected Cell(int inputSize, int outputSize)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>Floats of state a stream keeps for this layer between steps.</summary>
    public abstract int StateLength { get; }

    /// <summary>Floats of temporary space one step needs.</summary>
    public abstract int ScratchLength { get; }

    /// <summary>The state at the start of a sequence (format v2's learned initial_h/initial_c), laid out as the state; null for zeros.</summary>
    protected float[]? InitialState { get; init; }

    /// <summary>Puts the layer's state where a sequence starts: the learned initial state, or zeros.</summary>
    public void ResetState(Span<float> state)
    {
        if (InitialState is { } initial)
            initial.CopyTo(state);
        else
            state.Clear();
    }

    /// <summary>
    /// Advances one time step: reads x (InputSize values), updates the state. <c>reverse</c> says which way
    /// to walk the weights this step (see <see cref="MatVec.Multiply(WeightMatrix, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, SimdPath, bool)"/>); the caller flips it every step.
    /// </summary>
    public abstract void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse);

    /// <summary>
    /// <see cref="Step"/> for a batch of independent streams: stream k reads <paramref name="x"/>[k] and updates
    /// <paramref name="state"/>[k] with <paramref name="scratch"/>[k] as its scratch. Products go through
    /// <see cref="MatVec.MultiplyBatch"/> (each weight read once for every stream), element-wise math runs per
    /// stream through the same code as Step, so each stream ends bit-identical to stepping it alone.
    /// </summary>
    public abstract void StepBatch(StreamSet x, StreamSet state, StreamSet scratch, SimdPath path, bool reverse);

    /// <summary>[x; h] into the front of every stream's scratch, for the cells that multiply one matrix over both; returns that region.</summary>
    protected StreamSet GatherInputAndHidden(StreamSet x, StreamSet state, StreamSet scratch)
    {
        StreamSet xh = scratch.Slice(0, InputSize + OutputSize);
        for (int k = 0; k < x.Count; k++)
        {
            x[k].CopyTo(xh[k]);
            state[k].Slice(0, OutputSize).CopyTo(xh[k].Slice(InputSize));
        }

        return xh;
    }

    /// <summary>A state image with h at 0 and c at <paramref name="cellOffset"/>; null when both are absent (zeros).</summary>
    protected static float[]? InitialStateImage(int length, float[]? hidden, float[]? cell = null, int cellOffset = 0)
    {
        if (hidden is null && cell is null)
            return null;
        var image = new float[length];
        hidden?.CopyTo(image, 0);
        cell?.CopyTo(image, cellOffset);
        return image;
    }
}
