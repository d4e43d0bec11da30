using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Operators;

namespace Rnn.Runtime.Cells;

/// <summary>
/// PyTorch's <c>nn.RNN</c> cell: h' = act(W_ih x + b_ih + W_hh h + b_hh), act = tanh or relu.
/// Packed as one matrix over [x; h] with the biases folded. State: h (H).
/// </summary>
internal sealed class ElmanCell : Cell
{
    private readonly PackedMatrix _weights;
    private readonly float[] _bias;
    private readonly Activation _nonlinearity;

    public ElmanCell(RecurrentLayerDescriptor layer)
        : base(layer.InputSize, layer.HiddenSize)
    {
        (_weights, _bias, _) = GatePacking.PackCombined(layer);
        _nonlinearity = layer.Nonlinearity;
    }

    public override int StateLength => OutputSize;

    public override int ScratchLength => InputSize + OutputSize + _weights.Rows;

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path)
    {
        int hidden = OutputSize;
        Span<float> h = state.Slice(0, hidden);
        Span<float> xh = scratch.Slice(0, InputSize + hidden);
        Span<float> preActivation = scratch.Slice(InputSize + hidden, _weights.Rows);
        x.CopyTo(xh);
        h.CopyTo(xh.Slice(InputSize));
        MatVec.Multiply(_weights, _bias, xh, preActivation, path);
        preActivation.Slice(0, hidden).CopyTo(h);
        Activations.Apply(_nonlinearity, h);
    }
}
