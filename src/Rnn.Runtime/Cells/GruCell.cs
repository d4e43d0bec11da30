using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using static Rnn.Runtime.Kernels.ElementwiseKernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// The GRU cell, PyTorch's form (reset_after true) or the other (format v2's reset_after false), with
/// format v2's clip and gate activation:
/// r = σ(clip(W_ir x + b_ir + W_hr h + b_hr)), z = σ(clip(W_iz x + b_iz + W_hz h + b_hz)),
/// reset_after true:  n = tanh(clip(W_in x + b_in + r ⊙ (W_hn h + b_hn))),
/// reset_after false: n = tanh(clip(W_in x + b_in + W_hn (r ⊙ h) + b_hn)),
/// h' = (1 - z) ⊙ n + z ⊙ h.
/// The input and hidden products stay separate because b_hn and W_hn h sit inside the reset product (or,
/// reset_after false, W_hn reads r ⊙ h, so it is its own matrix after r is known). State: h (Hp).
/// </summary>
internal sealed partial class GruCell : Cell
{
    private readonly WeightMatrix _inputWeights;
    private readonly WeightMatrix _hiddenWeights;
    private readonly float[] _inputBias;
    private readonly float[] _hiddenBias;
    private readonly WeightMatrix? _candidateWeights;
    private readonly float[]? _candidateBias;
    private readonly int _paddedHidden;
    private readonly GateFunction _gates;

    public GruCell(RecurrentLayerDescriptor layer, RecurrentWeights weights, int panelWidth = PackedMatrix.DefaultPanelWidth, WeightPrecision precision = WeightPrecision.Float32)
        : base(layer.InputSize, layer.HiddenSize)
    {
        int hidden = layer.HiddenSize;
        _gates = new GateFunction(layer.Options);
        (var input, _inputBias, _paddedHidden) = GatePacking.Pack(layer, weights.WeightIhArray, layer.InputSize, weights.BiasIhArray, panelWidth);
        _inputWeights = new WeightMatrix(input, precision);
        if (layer.Options.ResetAfter)
        {
            (var recurrent, _hiddenBias, _) = GatePacking.Pack(layer, weights.WeightHhArray, hidden, weights.BiasHhArray, panelWidth);
            _hiddenWeights = new WeightMatrix(recurrent, precision);
        }
        else
        {
            (var gates, _hiddenBias, _) = GatePacking.Pack(layer, weights.WeightHhArray, hidden, weights.BiasHhArray, panelWidth, firstGate: 0, gates: 2);
            (var candidate, _candidateBias, _) = GatePacking.Pack(layer, weights.WeightHhArray, hidden, weights.BiasHhArray, panelWidth, firstGate: 2, gates: 1);
            _hiddenWeights = new WeightMatrix(gates, precision);
            _candidateWeights = new WeightMatrix(candidate, precision);
        }

        InitialState = InitialStateImage(StateLength, weights.InitialHArray);
    }

    public override int StateLength => _paddedHidden;

    public override int ScratchLength => 2 * _inputWeights.Rows + (_candidateWeights is null ? 0 : _paddedHidden);

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse)
    {
        int hp = _paddedHidden;
        Span<float> h = state.Slice(0, hp);
        Span<float> gx = scratch.Slice(0, _inputWeights.Rows);
        Span<float> gh = scratch.Slice(_inputWeights.Rows, _inputWeights.Rows);
        // Backward means the whole walk backward: the hidden matrix first.
        if (reverse)
            MatVec.Multiply(_hiddenWeights, _hiddenBias, h.Slice(0, OutputSize), gh, path, reverse);
        MatVec.Multiply(_inputWeights, _inputBias, x, gx, path, reverse);
        if (!reverse)
            MatVec.Multiply(_hiddenWeights, _hiddenBias, h.Slice(0, OutputSize), gh, path);
        if (GatesBeforeCandidate(gx, gh, h, scratch, path))
            return;
        if (_candidateWeights is not null)
            MatVec.Multiply(_candidateWeights, _candidateBias, scratch.Slice(2 * _inputWeights.Rows, OutputSize), gh.Slice(2 * hp, hp), path, reverse);
        GatesAfterCandidate(gx, gh, h, path);
    }

    // Everything before W_hn (r ⊙ h) (reset_after false): r, z and then r ⊙ h into scratch; true when done
    // already (the fused kernel, or reset_after true with n = tanh(clip(W_in x + b_in + r ⊙ (W_hn h + b_hn)))).
    private bool GatesBeforeCandidate(Span<float> gx, Span<float> gh, Span<float> h, Span<float> scratch, SimdPath path)
    {
        int hp = _paddedHidden;
        if (_candidateWeights is null && _gates.IsPlain)
        {
            GateKernels.Gru(gx, gh, h, hp, path);
            return true;
        }

        Span<float> rz = gx.Slice(0, 2 * hp), r = gx.Slice(0, hp), n = gx.Slice(2 * hp, hp);
        Add(rz, gh, rz, path);                               // r, z pre-activations: input + hidden parts
        _gates.Gates(rz, path);                              // r, z = σ(clip(·))
        if (_candidateWeights is null)
        {
            MultiplyAdd(r, gh.Slice(2 * hp, hp), n, path);   // W_in x + b_in + r ⊙ (W_hn h + b_hn)
            GatesAfterCandidate(gx, gh, h, path);
            return true;
        }

        Multiply(r, h, scratch.Slice(2 * _inputWeights.Rows, hp), path); // r ⊙ h
        return false;
    }

    // Once the hidden part of n is known (gh_n, or with reset_after false W_hn (r ⊙ h) + b_hn): n and h'.
    private void GatesAfterCandidate(Span<float> gx, Span<float> gh, Span<float> h, SimdPath path)
    {
        int hp = _paddedHidden;
        Span<float> z = gx.Slice(hp, hp), n = gx.Slice(2 * hp, hp);
        if (_candidateWeights is not null)
            Add(n, gh.Slice(2 * hp, hp), n, path);           // W_in x + b_in + W_hn (r ⊙ h) + b_hn
        _gates.Candidate(n, path);                           // n = tanh(clip(·))
        Interpolate(z, n, h, path);                          // h' = n + z ⊙ (h - n)
    }
}
