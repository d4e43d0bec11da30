using System;
using System.Numerics;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// A recurrent layer's W_hh [G, H] (G = gates · H) laid out for the two products every step makes:
/// forward a · W_hhᵀ and backward d · W_hh. Both copies are made once per forward pass (the parameters do
/// not change until the optimiser steps) with row strides that do not alias in L1, so the per-step products
/// read them in place instead of packing the same panels 2 × T times.
/// </summary>
internal sealed class RecurrentWeights<T>(int gateWidth, int hiddenSize) where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _g = gateWidth, _h = hiddenSize;
    private readonly int _transposedStride = Gemm.UnaliasedStride<T>(gateWidth), _stride = Gemm.UnaliasedStride<T>(hiddenSize);
    private readonly AlignedBuffer<T> _transposed = new(hiddenSize * Gemm.UnaliasedStride<T>(gateWidth));
    private readonly AlignedBuffer<T> _rows = new(gateWidth * Gemm.UnaliasedStride<T>(hiddenSize));

    /// <summary>Takes W_hh [G, H] from the parameters.</summary>
    public void Load(ReadOnlySpan<T> weightHh)
    {
        MatrixOps.Transpose(weightHh[..(_g * _h)], _transposed, _g, _h, _transposedStride);
        MatrixOps.CopyRows(weightHh, _rows, _g, _h, _stride);
    }

    /// <summary>gates [B, G] += h [B, H] · W_hhᵀ.</summary>
    public void AddForward(ReadOnlySpan<T> hidden, Span<T> gates, int batch) => Gemm.MultiplyAdd(hidden, _transposed, _transposedStride, gates, batch, _h, _g);

    /// <summary>dh [B, H] += dGates [B, G] · W_hh.</summary>
    public void AddBackward(ReadOnlySpan<T> dGates, Span<T> dh, int batch) => Gemm.MultiplyAdd(dGates, _rows, _stride, dh, batch, _g, _h);
}
