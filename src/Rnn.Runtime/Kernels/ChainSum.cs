using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// The one rule for adding a product's accumulator chains (a row's sum split over alternate inputs so more
/// FMAs are in flight). With huge inputs one chain can overflow to +∞ and another to −∞, and their sum is NaN
/// where a single chain would have stayed ±∞ (each FMA rounds once, so a chain never turns NaN by itself).
/// Saturating the running sum to ±float.MaxValue before the next chain is added makes the total at worst ±∞,
/// never NaN, and then tanh and σ saturate as in the float64 reference. The clamp is the identity on finite
/// values, so no finite sum changes; it costs one min and one max per chain added, once per row block.
/// NaN stays NaN (IEEE min/max).
/// </summary>
public static class ChainSum
{
    /// <summary>min(max(v, −float.MaxValue), float.MaxValue): ±∞ to ±float.MaxValue, everything else unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Saturate(Vector128<float> v) =>
        Vector128.Clamp(v, Vector128.Create(-float.MaxValue), Vector128.Create(float.MaxValue));

    /// <inheritdoc cref="Saturate(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Saturate(Vector256<float> v) =>
        Vector256.Clamp(v, Vector256.Create(-float.MaxValue), Vector256.Create(float.MaxValue));

    /// <inheritdoc cref="Saturate(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Saturate(Vector512<float> v) =>
        Vector512.Clamp(v, Vector512.Create(-float.MaxValue), Vector512.Create(float.MaxValue));
}
