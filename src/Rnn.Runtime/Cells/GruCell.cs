using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// PyTorch's GRU cell (the reset gate applied after the recurrent product):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 - z) ⊙ n + z ⊙ h.
/// The input and hidden products stay separate because b_hn and W_hn h sit inside the reset product.
/// State: h (Hp).
/// </summary>
internal sealed class GruCell : Cell
{
    private readonly PackedMatrix _inputWeights;
    private readonly PackedMatrix _hiddenWeights;
    private readonly float[] _inputBias;
    private readonly float[] _hiddenBias;
    private readonly int _paddedHidden;

    public GruCell(RecurrentLayerDescriptor layer, int panelWidth = PackedMatrix.DefaultPanelWidth)
        : base(layer.InputSize, layer.HiddenSize)
    {
        (_inputWeights, _inputBias, _paddedHidden) = GatePacking.Pack(layer, layer.WeightIhArray, layer.InputSize, layer.BiasIhArray, panelWidth);
        (_hiddenWeights, _hiddenBias, _) = GatePacking.Pack(layer, layer.WeightHhArray, layer.HiddenSize, layer.BiasHhArray, panelWidth);
    }

    public override int StateLength => _paddedHidden;

    public override int ScratchLength => 2 * _inputWeights.Rows;

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse)
    {
        Span<float> h = state.Slice(0, _paddedHidden);
        Span<float> gx = scratch.Slice(0, _inputWeights.Rows);
        Span<float> gh = scratch.Slice(_inputWeights.Rows, _hiddenWeights.Rows);
        // Backward means the whole walk backward: the hidden matrix first.
        if (reverse)
            MatVec.Multiply(_hiddenWeights, _hiddenBias, h.Slice(0, OutputSize), gh, path, reverse);
        MatVec.Multiply(_inputWeights, _inputBias, x, gx, path, reverse);
        if (!reverse)
            MatVec.Multiply(_hiddenWeights, _hiddenBias, h.Slice(0, OutputSize), gh, path);
        GateKernels.Gru(gx, gh, h, _paddedHidden, path);
    }
}
