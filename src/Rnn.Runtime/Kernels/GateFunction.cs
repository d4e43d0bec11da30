using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Operators;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// What a recurrent layer does to its pre-activations before the nonlinearity (format v2): ONNX's clip
/// to [-clip, clip] on every gate and the candidate, and σ = sigmoid or hard_sigmoid(v) = max(0, min(1,
/// α v + β)) on the gates. A plain layer (no clip, sigmoid gates) runs the fused v1 kernels instead.
/// </summary>
internal readonly struct GateFunction
{
    private readonly float _clip;
    private readonly bool _hard;
    private readonly float _alpha;
    private readonly float _beta;

    public GateFunction(RecurrentLayerOptions options)
    {
        _clip = options.Clip;
        _hard = options.GateActivation == Activation.HardSigmoid;
        _alpha = options.HardSigmoidAlpha;
        _beta = options.HardSigmoidBeta;
    }

    /// <summary>No clipping and sigmoid gates: PyTorch's cell, which the fused kernels compute.</summary>
    public bool IsPlain => _clip == 0 && !_hard;

    /// <summary>v = min(max(v, -clip), clip) when the layer clips.</summary>
    public void Clip(Span<float> v, SimdPath path)
    {
        if (_clip > 0)
            ElementwiseKernels.Clamp(v, _clip, path);
    }

    /// <summary>Gates: v = σ(clip(v)).</summary>
    public void Gates(Span<float> v, SimdPath path)
    {
        Clip(v, path);
        if (_hard)
            ElementwiseKernels.HardSigmoid(v, _alpha, _beta, path);
        else
            GateKernels.Apply<SigmoidOperator>(v, v, path);
    }

    /// <summary>The candidate: v = tanh(clip(v)).</summary>
    public void Candidate(Span<float> v, SimdPath path)
    {
        Clip(v, path);
        GateKernels.Apply<TanhOperator>(v, v, path);
    }
}
