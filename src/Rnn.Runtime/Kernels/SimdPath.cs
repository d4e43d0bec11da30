using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Kernels;

/// <summary>Which instruction-set path a kernel runs. Chosen once per model, never per element.</summary>
public enum SimdPath
{
    /// <summary>Plain scalar code; the reference every vector path is tested against.</summary>
    Scalar,

    /// <summary>128-bit vectors: SSE on x64, NEON (AdvSimd) on ARM64.</summary>
    Vector128,

    /// <summary>256-bit vectors: AVX2 with FMA on x64.</summary>
    Vector256,

    /// <summary>
    /// 512-bit vectors: AVX-512 on x64 (Intel servers, AMD Zen 4 and 5). Generated code and interpreter use
    /// them for layers of 16 units or more and Vector256 for narrower ones (a 16-lane vector would be half
    /// padding).
    /// </summary>
    Vector512,
}

/// <summary>What this machine can run.</summary>
public static class SimdCapabilities
{
    /// <summary>The widest accelerated path on this machine.</summary>
    public static SimdPath Best =>
        Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : Vector128.IsHardwareAccelerated ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary>True when <paramref name="path"/> runs in hardware here (the scalar path always does).</summary>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Vector512 => Vector512.IsHardwareAccelerated,
        SimdPath.Vector256 => Vector256.IsHardwareAccelerated,
        SimdPath.Vector128 => Vector128.IsHardwareAccelerated,
        SimdPath.Scalar => true,
        _ => false,
    };
}
