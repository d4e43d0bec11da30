using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// PyTorch's LSTM cell:
/// i = σ(W_ii x + b_ii + W_hi h + b_hi), f = σ(W_if x + b_if + W_hf h + b_hf),
/// g = tanh(W_ig x + b_ig + W_hg h + b_hg), o = σ(W_io x + b_io + W_ho h + b_ho),
/// c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
/// Packed as one matrix over [x; h] with b_ih + b_hh folded, each gate block padded to a panel multiple.
/// State: h (Hp), then c (Hp), Hp = H padded to a panel.
/// </summary>
internal sealed class LstmCell : Cell
{
    private readonly PackedMatrix _weights;
    private readonly float[] _bias;
    private readonly int _paddedHidden;

    public LstmCell(RecurrentLayerDescriptor layer, int panelWidth = PackedMatrix.DefaultPanelWidth)
        : base(layer.InputSize, layer.HiddenSize)
    {
        (_weights, _bias, _paddedHidden) = GatePacking.PackCombined(layer, panelWidth);
    }

    public override int StateLength => 2 * _paddedHidden;

    public override int ScratchLength => InputSize + OutputSize + _weights.Rows;

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse)
    {
        int hidden = OutputSize, padded = _paddedHidden;
        Span<float> h = state.Slice(0, padded), c = state.Slice(padded, padded);
        Span<float> xh = scratch.Slice(0, InputSize + hidden);
        Span<float> gates = scratch.Slice(InputSize + hidden, _weights.Rows);
        x.CopyTo(xh);
        h.Slice(0, hidden).CopyTo(xh.Slice(InputSize));
        MatVec.Multiply(_weights, _bias, xh, gates, path, reverse);
        GateKernels.Lstm(gates, h, c, padded, path);
    }
}
