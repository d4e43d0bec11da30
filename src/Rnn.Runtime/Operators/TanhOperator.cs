using System;

namespace Rnn.Runtime.Operators;

/// <summary>tanh(x) = (e^x - e^-x) / (e^x + e^-x), from the platform's correctly saturating MathF.Tanh.</summary>
internal readonly struct TanhOperator : IActivationOperator
{
    public static float Invoke(float x) => MathF.Tanh(x);
}
