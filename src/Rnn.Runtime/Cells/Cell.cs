using System;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// One layer with its weights packed for the kernels. Immutable and shared by every stream; a stream owns
/// the layer's state (zeroed by Reset) and lends it scratch. The layer's output for the step is always the
/// first <see cref="OutputSize"/> values of its state: the hidden state h of a recurrent layer, the
/// activations of a dense one.
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

    /// <summary>
    /// Advances one time step: reads x (InputSize values), updates the state. <c>reverse</c> says which way
    /// to walk the weights this step (see <see cref="MatVec.Multiply"/>); the caller flips it every step.
    /// </summary>
    public abstract void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse);
}
