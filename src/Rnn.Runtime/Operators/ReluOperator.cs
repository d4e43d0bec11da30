using System;
using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Operators;

/// <summary>relu(x) = max(0, x); NaN stays NaN, as in PyTorch.</summary>
public readonly struct ReluOperator : IActivationOperator
{
    /// <inheritdoc cref="IActivationOperator.Invoke(float)"/>
    public static float Invoke(float x) => MathF.Max(x, 0f);

    // Max propagates NaN on .NET 9 and later, like MathF.Max.
    /// <inheritdoc cref="IActivationOperator.Invoke(Vector128{float})"/>
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Max(x, Vector128<float>.Zero);

    /// <inheritdoc cref="IActivationOperator.Invoke(Vector256{float})"/>
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);

    /// <inheritdoc cref="IActivationOperator.Invoke(Vector512{float})"/>
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
}
