using System;

namespace Rnn.Runtime.Operators;

/// <summary>relu(x) = max(0, x); NaN stays NaN, as in PyTorch.</summary>
internal readonly struct ReluOperator : IActivationOperator
{
    public static float Invoke(float x) => MathF.Max(x, 0f);
}
