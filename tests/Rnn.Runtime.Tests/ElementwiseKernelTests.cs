using System;
using System.Linq;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Operators;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// The element-wise passes the format-v2 cells are built from, on every path and every length from 0 to
/// two Vector512 widths plus one, against the formula in double precision; the values past the end stay
/// untouched; clamp and hard sigmoid at saturation, ±∞ and NaN.
/// </summary>
public class ElementwiseKernelTests
{
    /// <summary>Fused and unfused multiply-adds differ by one rounding of values below 2^5: a few float32 ulps.</summary>
    private const double Tolerance = 1e-5;

    private const float Sentinel = 12345f;

    public static TheoryData<SimdPath> EveryPath() => new(Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported));

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 16 - 8)).ToArray();
    }

    // Runs `kernel` on d = the first `length` of a longer buffer and checks every value and the sentinel after it.
    private static void Check(SimdPath path, Action<float[], float[], Span<float>, SimdPath> kernel, Func<double, double, double, double> formula)
    {
        for (int length = 0; length <= 33; length++)
        {
            float[] a = Values(length, 1), b = Values(length, 2), d = Values(length, 3).Append(Sentinel).ToArray();
            var expected = Enumerable.Range(0, length).Select(k => formula(a[k], b[k], d[k])).ToArray();
            kernel(a, b, d.AsSpan(0, length), path);
            for (int k = 0; k < length; k++)
                Assert.True(Math.Abs(d[k] - expected[k]) <= Tolerance, $"{path}, length {length}, element {k}: expected {expected[k]}, found {d[k]}");
            Assert.Equal(Sentinel, d[length]);
        }
    }

    [Theory]
    [MemberData(nameof(EveryPath))]
    public void AddMultiplyMultiplyAddAndInterpolate(SimdPath path)
    {
        Check(path, (a, b, d, p) => ElementwiseKernels.Add(a, b, d, p), (a, b, _) => a + b);
        Check(path, (a, b, d, p) => ElementwiseKernels.Multiply(a, b, d, p), (a, b, _) => a * b);
        Check(path, (a, b, d, p) => ElementwiseKernels.MultiplyAdd(a, b, d, p), (a, b, d) => d + a * b);
        Check(path, (a, b, d, p) => ElementwiseKernels.Interpolate(a, b, d, p), (z, n, h) => (1 - z) * n + z * h);
    }

    [Theory]
    [MemberData(nameof(EveryPath))]
    public void ClampAndHardSigmoid(SimdPath path)
    {
        Check(path, (_, _, d, p) => ElementwiseKernels.Clamp(d, 2.5f, p), (_, _, d) => Math.Clamp(d, -2.5, 2.5));
        float alpha = 1f / 6, beta = 0.5f;
        Check(path, (_, _, d, p) => ElementwiseKernels.HardSigmoid(d, alpha, beta, p), (_, _, d) => Math.Clamp((double)alpha * d + beta, 0, 1));
    }

    [Theory]
    [MemberData(nameof(EveryPath))]
    public void SaturationInfinitiesAndNaN(SimdPath path)
    {
        float[] edges = [20f, -20f, 1e30f, -1e30f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, float.NaN, 0f, -0f];
        // 16 copies, so every path runs them through its widest vector as well as its scalar tail.
        float[] clamped = Enumerable.Repeat(edges, 17).SelectMany(e => e).ToArray(), hard = (float[])clamped.Clone();
        ElementwiseKernels.Clamp(clamped, 3f, path);
        ElementwiseKernels.HardSigmoid(hard, 0.2f, 0.5f, path);
        for (int k = 0; k < clamped.Length; k++)
        {
            float x = edges[k % edges.Length];
            if (float.IsNaN(x))
            {
                Assert.True(float.IsNaN(clamped[k]), $"{path}: clamp(NaN) = {clamped[k]} at {k}");
                Assert.InRange(float.IsNaN(hard[k]) ? 0.5f : hard[k], 0f, 1f); // documented: unspecified in [0, 1], or NaN
                continue;
            }

            Assert.Equal(Math.Clamp(x, -3f, 3f), clamped[k]);
            Assert.Equal(HardSigmoidOperator.Invoke(x, 0.2f, 0.5f), hard[k]);
        }

        Assert.Equal(1f, HardSigmoidOperator.Invoke(float.PositiveInfinity, 0.2f, 0.5f));
        Assert.Equal(0f, HardSigmoidOperator.Invoke(-20f, 0.2f, 0.5f));
        Assert.Equal(0.5f, HardSigmoidOperator.Invoke(0f, 0.2f, 0.5f));
    }

    [Fact]
    public void OperandsShorterThanTheDestinationAreRefused() =>
        Assert.Throws<ArgumentException>(() => ElementwiseKernels.Add(new float[3], new float[4], new float[4], SimdPath.Scalar));
}
