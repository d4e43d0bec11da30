using System;
using System.Numerics;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// One trainable layer over a batch of sequences. Buffers are time-major and batch-row contiguous:
/// <c>x: [T, B, I]</c>, <c>y: [T, B, O]</c>. Recurrent layers carry a state <c>[B, StateSize]</c> in and out
/// of <see cref="Forward"/> (initial → final), which is how truncated BPTT carries it across chunks.
/// Parameters live in the network's one buffer, in PyTorch's layout (so export is a copy).
/// </summary>
internal abstract class Layer<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public abstract int InputSize { get; }

    public abstract int OutputSize { get; }

    public abstract int ParameterCount { get; }

    /// <summary>State values per batch row: h (Elman, GRU), h then c (LSTM), none (dense).</summary>
    public virtual int StateSize => 0;

    /// <summary>PyTorch's default initialisation of this layer's parameters.</summary>
    public abstract void Initialize(Span<T> parameters, Random random);

    /// <summary>Sizes the caches the backward pass needs for <paramref name="steps"/> × <paramref name="batch"/>.</summary>
    public abstract void Reserve(int steps, int batch);

    /// <summary>x: [T, B, I] → y: [T, B, O]; <paramref name="state"/> [B, StateSize]: initial in, final out.</summary>
    public abstract void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> x, Span<T> y, Span<T> state, int steps, int batch);

    /// <summary>
    /// Undoes the last <see cref="Forward"/>: adds ∂L/∂parameters to <paramref name="gradients"/>, writes
    /// ∂L/∂x to <paramref name="dx"/> [T, B, I] (empty: not needed); <paramref name="dState"/> [B, StateSize] is ∂L/∂(final state) in
    /// (zero when a truncated chunk ends) and ∂L/∂(initial state) out. <paramref name="dy"/> may be overwritten.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<T> parameters, Span<T> gradients, ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, Span<T> dState, int steps, int batch);

    /// <summary>
    /// The parameter and input gradients every recurrent layer ends with, over all steps and batch rows at
    /// once, for PyTorch's layout W_ih [G, I], W_hh [G, H], b_ih [G], b_hh [G] (G = gates · H):
    ///   dW_ih += dInputᵀ · x,  dW_hh += dHiddenᵀ · h_prev,  db_ih += Σ dInput,  db_hh += Σ dHidden,  dx = dInput · W_ih
    /// where dInput / dHidden [T·B, G] are the gradients of the input and hidden halves of the gate
    /// pre-activations (the same buffer except in the GRU, whose reset gate scales only the hidden half).
    /// </summary>
    protected static void AccumulateRecurrent(ReadOnlySpan<T> p, Span<T> grad, ReadOnlySpan<T> x, ReadOnlySpan<T> hiddenPrevious,
        ReadOnlySpan<T> dInput, ReadOnlySpan<T> dHidden, Span<T> dx, int rows, int gates, int inputSize, int hiddenSize)
    {
        int weightHh = gates * inputSize, biasIh = weightHh + gates * hiddenSize, biasHh = biasIh + gates;
        Gemm.TransposedMultiplyAdd(dInput, x, grad[..weightHh], gates, rows, inputSize);
        Gemm.TransposedMultiplyAdd(dHidden, hiddenPrevious, grad.Slice(weightHh, gates * hiddenSize), gates, rows, hiddenSize);
        MatrixOps.AddColumnSums(dInput, grad.Slice(biasIh, gates), rows);
        MatrixOps.AddColumnSums(dHidden, grad.Slice(biasHh, gates), rows);
        if (dx.IsEmpty)
            return;
        dx.Clear();
        Gemm.MultiplyAdd(dInput, p[..weightHh], dx, rows, gates, inputSize);
    }

    /// <summary>U(-bound, bound), PyTorch's default for recurrent layers (bound 1/√H) and linear layers (1/√fan_in).</summary>
    protected static void Uniform(Span<T> values, Random random, double bound)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = T.CreateChecked((random.NextDouble() * 2 - 1) * bound);
    }

    protected static T[] Grow(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];
}
