using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Operators;

/// <summary>
/// hard_sigmoid(x) = max(0, min(1, α x + β)): the gate activation of ONNX (α 0.2, β 0.5), Keras 2
/// (the same) and Keras 3 (α 1/6, β 0.5). Exact (one multiply-add and two clamps), so no error bound;
/// NaN in gives an unspecified value in [0, 1] on the vector paths. The parameters come from the
/// descriptor, so unlike <see cref="IActivationOperator"/> they are arguments.
/// </summary>
public static class HardSigmoidOperator
{
    /// <summary>hard_sigmoid of one value.</summary>
    public static float Invoke(float x, float alpha, float beta) => System.MathF.Max(0f, System.MathF.Min(1f, alpha * x + beta));

    /// <summary>hard_sigmoid of four values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> alpha, Vector128<float> beta) =>
        Vector128.Max(Vector128<float>.Zero, Vector128.Min(Vector128<float>.One, Vector128.MultiplyAddEstimate(alpha, x, beta)));

    /// <summary>hard_sigmoid of eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> alpha, Vector256<float> beta) =>
        Vector256.Max(Vector256<float>.Zero, Vector256.Min(Vector256<float>.One, Vector256.MultiplyAddEstimate(alpha, x, beta)));

    /// <summary>hard_sigmoid of sixteen values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> alpha, Vector512<float> beta) =>
        Vector512.Max(Vector512<float>.Zero, Vector512.Min(Vector512<float>.One, Vector512.MultiplyAddEstimate(alpha, x, beta)));
}
