using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Operators;

/// <summary>
/// tanh(x). The scalar form is the platform's MathF.Tanh. The vector forms evaluate the 13/6-degree odd/even
/// rational interpolant p(x)/q(x) published with Eigen's <c>generic_fast_tanh_float</c> (accurate to a
/// couple of float ulps on [-9, 9]); beyond ±9, where tanh rounds to ±1 in float32, it returns ±1:
/// about a dozen FMAs and one division, no exp. Maximum absolute error against double precision: 3.2e-7,
/// largest near ±9 (tested on a dense grid over [-100, 100], every float in ±[8, 9.5] and at ±0, ±1e30 and ±∞).
/// Every result lies in [-1, 1] (p/q alone reaches 1.0000002 at x = 8.54038; it is clamped). NaN stays NaN:
/// the saturation test is false for NaN, p/q is NaN and the clamp propagates it.
/// </summary>
public readonly struct TanhOperator : IActivationOperator
{
    private const float Clamp = 9f;
    private const float Alpha1 = 4.89352455891786e-03f;
    private const float Alpha3 = 6.37261928875436e-04f;
    private const float Alpha5 = 1.48572235717979e-05f;
    private const float Alpha7 = 5.12229709037114e-08f;
    private const float Alpha9 = -8.60467152213735e-11f;
    private const float Alpha11 = 2.00018790482477e-13f;
    private const float Alpha13 = -2.76076847742355e-16f;
    private const float Beta0 = 4.89352518554385e-03f;
    private const float Beta2 = 2.26843463243900e-03f;
    private const float Beta4 = 1.18534705686654e-04f;
    private const float Beta6 = 1.19825839466702e-06f;

    /// <inheritdoc cref="IActivationOperator.Invoke(float)"/>
    public static float Invoke(float x) => MathF.Tanh(x);

    /// <inheritdoc cref="IActivationOperator.Invoke(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x)
    {
        var y = x * x;
        var y2 = y * y;
        var y4 = y2 * y2;
        // p(x) = x (α1 + α3 y + … + α13 y⁶) and q = β0 + β2 y + β4 y² + β6 y³ with y = x², in Estrin's
        // scheme: independent pairs combined by powers of y, so the dependency chain is about half
        // Horner's — the step's latency runs through two tanh evaluations.
        var p = Vector128.MultiplyAddEstimate(
            y4,
            Vector128.MultiplyAddEstimate(y2, Vector128.Create(Alpha13), Vector128.MultiplyAddEstimate(y, Vector128.Create(Alpha11), Vector128.Create(Alpha9))),
            Vector128.MultiplyAddEstimate(
                y2,
                Vector128.MultiplyAddEstimate(y, Vector128.Create(Alpha7), Vector128.Create(Alpha5)),
                Vector128.MultiplyAddEstimate(y, Vector128.Create(Alpha3), Vector128.Create(Alpha1))));
        p *= x;
        var q = Vector128.MultiplyAddEstimate(
            y2,
            Vector128.MultiplyAddEstimate(y, Vector128.Create(Beta6), Vector128.Create(Beta4)),
            Vector128.MultiplyAddEstimate(y, Vector128.Create(Beta2), Vector128.Create(Beta0)));
        // Beyond ±9 tanh is ±1 in float32 (and p/q overflows for huge x): choose ±1 there after the
        // division rather than clamping x before it, which would lengthen the dependency chain. Below ±9
        // p/q overshoots 1 by up to 2 ulps near x = 8.54 (1.0000002): the clamp keeps |tanh| ≤ 1, and so
        // σ = ½ + ½ tanh within [0, 1]. Clamp is IEEE min/max, so NaN passes through.
        var saturated = Vector128.GreaterThan(Vector128.Abs(x), Vector128.Create(Clamp));
        var one = Vector128<float>.One;
        return Vector128.ConditionalSelect(saturated, Vector128.CopySign(one, x), Vector128.Clamp(p / q, -one, one));
    }

    /// <inheritdoc cref="IActivationOperator.Invoke(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x)
    {
        var y = x * x;
        var y2 = y * y;
        var y4 = y2 * y2;
        // p(x) = x (α1 + α3 y + … + α13 y⁶) and q = β0 + β2 y + β4 y² + β6 y³ with y = x², in Estrin's
        // scheme: independent pairs combined by powers of y, so the dependency chain is about half
        // Horner's — the step's latency runs through two tanh evaluations.
        var p = Vector256.MultiplyAddEstimate(
            y4,
            Vector256.MultiplyAddEstimate(y2, Vector256.Create(Alpha13), Vector256.MultiplyAddEstimate(y, Vector256.Create(Alpha11), Vector256.Create(Alpha9))),
            Vector256.MultiplyAddEstimate(
                y2,
                Vector256.MultiplyAddEstimate(y, Vector256.Create(Alpha7), Vector256.Create(Alpha5)),
                Vector256.MultiplyAddEstimate(y, Vector256.Create(Alpha3), Vector256.Create(Alpha1))));
        p *= x;
        var q = Vector256.MultiplyAddEstimate(
            y2,
            Vector256.MultiplyAddEstimate(y, Vector256.Create(Beta6), Vector256.Create(Beta4)),
            Vector256.MultiplyAddEstimate(y, Vector256.Create(Beta2), Vector256.Create(Beta0)));
        // Beyond ±9 tanh is ±1 in float32 (and p/q overflows for huge x): choose ±1 there after the
        // division rather than clamping x before it, which would lengthen the dependency chain. Below ±9
        // p/q overshoots 1 by up to 2 ulps near x = 8.54 (1.0000002): the clamp keeps |tanh| ≤ 1, and so
        // σ = ½ + ½ tanh within [0, 1]. Clamp is IEEE min/max, so NaN passes through.
        var saturated = Vector256.GreaterThan(Vector256.Abs(x), Vector256.Create(Clamp));
        var one = Vector256<float>.One;
        return Vector256.ConditionalSelect(saturated, Vector256.CopySign(one, x), Vector256.Clamp(p / q, -one, one));
    }

    /// <inheritdoc cref="IActivationOperator.Invoke(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x)
    {
        var y = x * x;
        var y2 = y * y;
        var y4 = y2 * y2;
        // p(x) = x (α1 + α3 y + … + α13 y⁶) and q = β0 + β2 y + β4 y² + β6 y³ with y = x², in Estrin's
        // scheme: independent pairs combined by powers of y, so the dependency chain is about half
        // Horner's — the step's latency runs through two tanh evaluations.
        var p = Vector512.MultiplyAddEstimate(
            y4,
            Vector512.MultiplyAddEstimate(y2, Vector512.Create(Alpha13), Vector512.MultiplyAddEstimate(y, Vector512.Create(Alpha11), Vector512.Create(Alpha9))),
            Vector512.MultiplyAddEstimate(
                y2,
                Vector512.MultiplyAddEstimate(y, Vector512.Create(Alpha7), Vector512.Create(Alpha5)),
                Vector512.MultiplyAddEstimate(y, Vector512.Create(Alpha3), Vector512.Create(Alpha1))));
        p *= x;
        var q = Vector512.MultiplyAddEstimate(
            y2,
            Vector512.MultiplyAddEstimate(y, Vector512.Create(Beta6), Vector512.Create(Beta4)),
            Vector512.MultiplyAddEstimate(y, Vector512.Create(Beta2), Vector512.Create(Beta0)));
        // Beyond ±9 tanh is ±1 in float32 (and p/q overflows for huge x): choose ±1 there after the
        // division rather than clamping x before it, which would lengthen the dependency chain. Below ±9
        // p/q overshoots 1 by up to 2 ulps near x = 8.54 (1.0000002): the clamp keeps |tanh| ≤ 1, and so
        // σ = ½ + ½ tanh within [0, 1]. Clamp is IEEE min/max, so NaN passes through.
        var saturated = Vector512.GreaterThan(Vector512.Abs(x), Vector512.Create(Clamp));
        var one = Vector512<float>.One;
        return Vector512.ConditionalSelect(saturated, Vector512.CopySign(one, x), Vector512.Clamp(p / q, -one, one));
    }
}
