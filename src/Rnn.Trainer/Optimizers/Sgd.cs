using System;

namespace Rnn.Trainer.Optimizers;

/// <summary>SGD with momentum as torch.optim.SGD: b ← μb + g (b = g at the first step), p ← p − lr · b.</summary>
public sealed class Sgd(int parameterCount, double learningRate, double momentum = 0) : Optimizer
{
    private readonly float[] _velocity = new float[parameterCount];
    private bool _started;

    /// <inheritdoc/>
    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        float lr = (float)learningRate, mu = (float)momentum;
        for (int k = 0; k < parameters.Length; k++)
        {
            float b = momentum == 0 ? gradients[k] : _started ? mu * _velocity[k] + gradients[k] : gradients[k];
            _velocity[k] = b;
            parameters[k] -= lr * b;
        }

        _started = true;
    }

    /// <inheritdoc/>
    public override float[] SaveState()
    {
        var state = new float[1 + _velocity.Length];
        state[0] = _started ? 1 : 0;
        _velocity.CopyTo(state, 1);
        return state;
    }

    /// <inheritdoc/>
    public override void LoadState(ReadOnlySpan<float> state)
    {
        if (state.Length != 1 + _velocity.Length)
            throw new ArgumentException($"An SGD state for {_velocity.Length} parameters has {1 + _velocity.Length} values, found {state.Length}.", nameof(state));
        _started = state[0] != 0;
        state[1..].CopyTo(_velocity);
    }
}
