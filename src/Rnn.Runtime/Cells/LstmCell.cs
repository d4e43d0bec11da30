using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Operators;
using static Rnn.Runtime.Kernels.ElementwiseKernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// PyTorch's LSTM cell with format v2's peepholes, clip, gate activation and projection:
/// i = σ(clip(W_ii x + b_ii + W_hi h + b_hi + p_i ⊙ c)), f = σ(clip(W_if x + b_if + W_hf h + b_hf + p_f ⊙ c)),
/// g = tanh(clip(W_ig x + b_ig + W_hg h + b_hg)), c' = f ⊙ c + i ⊙ g,
/// o = σ(clip(W_io x + b_io + W_ho h + b_ho + p_o ⊙ c')), h' = o ⊙ tanh(c'), then h' = W_hr h' with a projection.
/// Packed as one matrix over [x; h] with b_ih + b_hh folded, each gate block padded to a panel multiple.
/// State: h (Sp, S = P or H), then c (Hp). Without peepholes, clip or hard-sigmoid gates the element-wise
/// half is the fused <see cref="GateKernels.Lstm"/>; with any of them, passes of <see cref="ElementwiseKernels"/>.
/// </summary>
internal sealed partial class LstmCell : Cell
{
    private readonly WeightMatrix _weights;
    private readonly float[] _bias;
    private readonly int _paddedHidden;
    private readonly int _paddedState;
    private readonly float[]? _peephole;
    private readonly WeightMatrix? _projection;
    private readonly float[]? _projectionBias;
    private readonly GateFunction _gates;

    public LstmCell(RecurrentLayerDescriptor layer, RecurrentWeights weights, int panelWidth = PackedMatrix.DefaultPanelWidth, WeightPrecision precision = WeightPrecision.Float32)
        : base(layer.InputSize, layer.StateSize)
    {
        (var packed, _bias, _paddedHidden) = GatePacking.PackCombined(layer, weights, panelWidth);
        _weights = new WeightMatrix(packed, precision);
        _gates = new GateFunction(layer.Options);
        if (weights.PeepholeArray is { } peephole)
            _peephole = GatePacking.PadBlocks(peephole, 0, 3, layer.HiddenSize, _paddedHidden);
        _paddedState = _paddedHidden;
        if (weights.WeightHrArray is { } projection)
        {
            _projection = new WeightMatrix(GatePacking.PackProjection(layer, projection, panelWidth), precision);
            _projectionBias = new float[_projection.Rows];
            _paddedState = _projection.Rows;
        }

        InitialState = InitialStateImage(StateLength, weights.InitialHArray, weights.InitialCArray, _paddedState);
    }

    public override int StateLength => _paddedState + _paddedHidden;

    public override int ScratchLength => InputSize + OutputSize + _weights.Rows + (_projection is null ? 0 : _paddedHidden);

    private int HiddenSize => _projection?.Columns ?? OutputSize;

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse)
    {
        int padded = _paddedHidden;
        Span<float> h = state.Slice(0, _paddedState), c = state.Slice(_paddedState, padded);
        Span<float> xh = scratch.Slice(0, InputSize + OutputSize);
        Span<float> gates = scratch.Slice(InputSize + OutputSize, _weights.Rows);
        // With a projection, o ⊙ tanh(c') goes to scratch and h' = W_hr of it; without, straight to h.
        Span<float> gated = _projection is null ? h : scratch.Slice(InputSize + OutputSize + _weights.Rows, padded);
        x.CopyTo(xh);
        h.Slice(0, OutputSize).CopyTo(xh.Slice(InputSize));
        MatVec.Multiply(_weights, _bias, xh, gates, path, reverse);
        ApplyGates(gates, gated, c, path);
        if (_projection is not null)
            MatVec.Multiply(_projection, _projectionBias, gated.Slice(0, HiddenSize), h, path, reverse);
    }

    // The element-wise half: c' and o ⊙ tanh(c') into gated, from the gate pre-activations.
    private void ApplyGates(Span<float> gates, Span<float> gated, Span<float> c, SimdPath path)
    {
        if (_peephole is null && _gates.IsPlain)
            GateKernels.Lstm(gates, gated, c, _paddedHidden, path);
        else
            ComposedGates(gates, gated, c, path);
    }

    // The element-wise half one equation at a time (see the class summary), for peepholes, clip and hard σ.
    private void ComposedGates(Span<float> gates, Span<float> gated, Span<float> c, SimdPath path)
    {
        int hp = _paddedHidden;
        Span<float> i = gates.Slice(0, hp), f = gates.Slice(hp, hp), g = gates.Slice(2 * hp, hp), o = gates.Slice(3 * hp, hp);
        if (_peephole is { } p)
        {
            MultiplyAdd(p.AsSpan(0, hp), c, i, path);       // + p_i ⊙ c
            MultiplyAdd(p.AsSpan(hp, hp), c, f, path);      // + p_f ⊙ c
        }

        _gates.Gates(gates.Slice(0, 2 * hp), path);        // i, f = σ(clip(·))
        _gates.Candidate(g, path);                          // g = tanh(clip(·))
        Multiply(f, c, c, path);                            // c' = f ⊙ c
        MultiplyAdd(i, g, c, path);                         //    + i ⊙ g
        if (_peephole is { } q)
            MultiplyAdd(q.AsSpan(2 * hp, hp), c, o, path);  // + p_o ⊙ c'
        _gates.Gates(o, path);                              // o = σ(clip(·))
        GateKernels.Apply<TanhOperator>(c, gated, path);    // h' = o ⊙ tanh(c')
        Multiply(o, gated, gated, path);
    }
}
