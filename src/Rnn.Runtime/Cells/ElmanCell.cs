using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Operators;

namespace Rnn.Runtime.Cells;

/// <summary>
/// PyTorch's <c>nn.RNN</c> cell with format v2's clip: h' = act(clip(W_ih x + b_ih + W_hh h + b_hh)),
/// act = tanh or relu. Packed as one matrix over [x; h] with the biases folded. State: h (H padded to a panel).
/// </summary>
internal sealed partial class ElmanCell : Cell
{
    private readonly WeightMatrix _weights;
    private readonly float[] _bias;
    private readonly Activation _nonlinearity;
    private readonly GateFunction _clip;

    public ElmanCell(RecurrentLayerDescriptor layer, RecurrentWeights weights, int panelWidth = PackedMatrix.DefaultPanelWidth, WeightPrecision precision = WeightPrecision.Float32)
        : base(layer.InputSize, layer.HiddenSize)
    {
        (var packed, _bias, _) = GatePacking.PackCombined(layer, weights, panelWidth);
        _weights = new WeightMatrix(packed, precision);
        _nonlinearity = layer.Nonlinearity;
        _clip = new GateFunction(layer.Options);
        InitialState = InitialStateImage(StateLength, weights.InitialHArray);
    }

    public override int StateLength => _weights.Rows;

    public override int ScratchLength => InputSize + OutputSize + _weights.Rows;

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse)
    {
        int hidden = OutputSize;
        Span<float> h = state.Slice(0, _weights.Rows);
        Span<float> xh = scratch.Slice(0, InputSize + hidden);
        Span<float> preActivation = scratch.Slice(InputSize + hidden, _weights.Rows);
        x.CopyTo(xh);
        h.Slice(0, hidden).CopyTo(xh.Slice(InputSize));
        MatVec.Multiply(_weights, _bias, xh, preActivation, path, reverse);
        Activate(preActivation, h, path);
    }

    // h' = act(clip(pre-activation)).
    private void Activate(Span<float> preActivation, Span<float> h, SimdPath path)
    {
        _clip.Clip(preActivation, path);
        if (_nonlinearity == Activation.Relu)
            GateKernels.Apply<ReluOperator>(preActivation, h, path);
        else
            GateKernels.Apply<TanhOperator>(preActivation, h, path);
    }
}
