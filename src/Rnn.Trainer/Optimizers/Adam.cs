using System;

namespace Rnn.Trainer.Optimizers;

/// <summary>
/// Adam as torch.optim.Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr · m̂ / (√v̂ + ε) with
/// m̂ = m / (1−β₁ᵗ), v̂ = v / (1−β₂ᵗ).
/// </summary>
public sealed class Adam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : Optimizer
{
    private readonly float[] _m = new float[parameterCount], _v = new float[parameterCount];
    private int _step;

    /// <inheritdoc/>
    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        _step++;
        float b1 = (float)beta1, b2 = (float)beta2;
        double correction1 = 1 - Math.Pow(beta1, _step), correction2 = 1 - Math.Pow(beta2, _step);
        float stepSize = (float)(learningRate / correction1);
        float rootCorrection2 = (float)Math.Sqrt(correction2), eps = (float)epsilon;
        for (int k = 0; k < parameters.Length; k++)
        {
            float g = gradients[k];
            _m[k] = b1 * _m[k] + (1 - b1) * g;
            _v[k] = b2 * _v[k] + (1 - b2) * g * g;
            parameters[k] -= stepSize * _m[k] / (MathF.Sqrt(_v[k]) / rootCorrection2 + eps);
        }
    }

    /// <inheritdoc/>
    public override float[] SaveState()
    {
        var state = new float[1 + 2 * _m.Length];
        state[0] = _step;
        _m.CopyTo(state, 1);
        _v.CopyTo(state, 1 + _m.Length);
        return state;
    }

    /// <inheritdoc/>
    public override void LoadState(ReadOnlySpan<float> state)
    {
        if (state.Length != 1 + 2 * _m.Length)
            throw new ArgumentException($"An Adam state for {_m.Length} parameters has {1 + 2 * _m.Length} values, found {state.Length}.", nameof(state));
        _step = (int)state[0];
        state.Slice(1, _m.Length).CopyTo(_m);
        state.Slice(1 + _m.Length, _v.Length).CopyTo(_v);
    }
}
