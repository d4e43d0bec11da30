using System;

namespace Rnn.Runtime.Operators;

/// <summary>σ(x) = 1 / (1 + e^-x). Saturates cleanly: e^-x overflows to ∞ for x ≲ -88 and σ becomes 0; NaN stays NaN.</summary>
internal readonly struct SigmoidOperator : IActivationOperator
{
    public static float Invoke(float x) => 1f / (1f + MathF.Exp(-x));
}
