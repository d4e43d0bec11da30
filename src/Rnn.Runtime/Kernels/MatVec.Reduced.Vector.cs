using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Precision;

namespace Rnn.Runtime.Kernels;

/// <summary>The kernels of the reduced-precision product, the scalar reference first (see <c>MatVec.Reduced.cs</c> for the chains they all follow).</summary>
internal static partial class MatVec
{
    /// <summary>The reference the reduced-precision vector paths are tested against: the same words and chains, one row and one FMA at a time.</summary>
    public static void MultiplyReducedScalar(QuantizedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y)
    {
        int panels = matrix.Rows / matrix.PanelWidth;
        switch (matrix.Precision)
        {
            case WeightPrecision.Float16:
                ReducedScalar<Float16Format>(matrix, bias, x, y, 0, panels);
                break;
            case WeightPrecision.BFloat16:
                ReducedScalar<BFloat16Format>(matrix, bias, x, y, 0, panels);
                break;
            default:
                ReducedScalar<Int8Format>(matrix, bias, x, y, 0, panels);
                break;
        }
    }

    private static void ReducedScalar<TFormat>(QuantizedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, int firstPanel, int panelCount)
        where TFormat : struct, IReducedFormat
    {
        int W = matrix.PanelWidth, G = TFormat.Group, groups = matrix.Groups, columns = matrix.Columns;
        var words = matrix.Words;
        for (int panel = firstPanel; panel < firstPanel + panelCount; panel++)
        {
            for (int r = 0; r < W; r++)
            {
                int row = panel * W + r;
                float c0 = TFormat.Scaled ? 0f : bias[row], c1 = 0f;
                for (int g = 0; g < groups; g++)
                {
                    uint word = words[(panel * groups + g) * W + r];
                    for (int k = 0; k < G; k += 2)
                    {
                        c0 = MathF.FusedMultiplyAdd(TFormat.Decode(word, k), InputAt(x, g * G + k, columns), c0);
                        c1 = MathF.FusedMultiplyAdd(TFormat.Decode(word, k + 1), InputAt(x, g * G + k + 1, columns), c1);
                    }
                }

                y[row] = TFormat.Scaled ? MathF.FusedMultiplyAdd(c0 + c1, matrix.RowScales[row], bias[row]) : c0 + c1;
            }
        }
    }

    // 8-row panels, four at a time: two chains per panel (even and odd k), eight in flight; a panel left over runs alone with the same chains.
    private static void ReducedVector256<TFormat>(QuantizedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, bool reverse, int firstPanel, int panelCount)
        where TFormat : struct, IReducedFormat
    {
        const int W = 8;
        int G = TFormat.Group, groups = matrix.Groups, columns = matrix.Columns, endPanel = firstPanel + panelCount, stride = groups * W;
        ref uint w = ref WordsOf(matrix);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float s = ref MemoryMarshal.GetArrayDataReference(matrix.RowScales);
        int blocks = (panelCount + 3) / 4;
        for (int block = 0; block < blocks; block++)
        {
            int panel = firstPanel + 4 * (reverse ? blocks - 1 - block : block);
            if (panel + 4 > endPanel)
            {
                for (; panel < endPanel; panel++)
                {
                    ref uint p = ref Unsafe.Add(ref w, panel * stride);
                    nuint o = (nuint)(panel * W);
                    var a = TFormat.Scaled ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref b, o);
                    var e = Vector256<float>.Zero;
                    for (int g = 0; g < groups; g++)
                    {
                        var v = Vector256.LoadUnsafe(ref p, (nuint)(g * W));
                        int j = g * G;
                        a = Vector256.MultiplyAddEstimate(TFormat.Decode(v, 0), Vector256.Create(InputAt(ref xs, j, columns)), a);
                        e = Vector256.MultiplyAddEstimate(TFormat.Decode(v, 1), Vector256.Create(InputAt(ref xs, j + 1, columns)), e);
                        if (G == 4)
                        {
                            a = Vector256.MultiplyAddEstimate(TFormat.Decode(v, 2), Vector256.Create(InputAt(ref xs, j + 2, columns)), a);
                            e = Vector256.MultiplyAddEstimate(TFormat.Decode(v, 3), Vector256.Create(InputAt(ref xs, j + 3, columns)), e);
                        }
                    }

                    Finish<TFormat>(a + e, ref b, ref s, ref ys, o);
                }

                continue;
            }

            ref uint p0 = ref Unsafe.Add(ref w, panel * stride);
            ref uint p1 = ref Unsafe.Add(ref p0, stride);
            ref uint p2 = ref Unsafe.Add(ref p1, stride);
            ref uint p3 = ref Unsafe.Add(ref p2, stride);
            nuint o0 = (nuint)(panel * W);
            var a0 = TFormat.Scaled ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref b, o0);
            var a1 = TFormat.Scaled ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref b, o0 + W);
            var a2 = TFormat.Scaled ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref b, o0 + 2 * W);
            var a3 = TFormat.Scaled ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref b, o0 + 3 * W);
            Vector256<float> e0 = default, e1 = default, e2 = default, e3 = default;
            for (int g = 0; g < groups; g++)
            {
                nuint offset = (nuint)(g * W);
                var v0 = Vector256.LoadUnsafe(ref p0, offset);
                var v1 = Vector256.LoadUnsafe(ref p1, offset);
                var v2 = Vector256.LoadUnsafe(ref p2, offset);
                var v3 = Vector256.LoadUnsafe(ref p3, offset);
                int j = g * G;
                var xj = Vector256.Create(InputAt(ref xs, j, columns));
                var xk = Vector256.Create(InputAt(ref xs, j + 1, columns));
                a0 = Vector256.MultiplyAddEstimate(TFormat.Decode(v0, 0), xj, a0);
                a1 = Vector256.MultiplyAddEstimate(TFormat.Decode(v1, 0), xj, a1);
                a2 = Vector256.MultiplyAddEstimate(TFormat.Decode(v2, 0), xj, a2);
                a3 = Vector256.MultiplyAddEstimate(TFormat.Decode(v3, 0), xj, a3);
                e0 = Vector256.MultiplyAddEstimate(TFormat.Decode(v0, 1), xk, e0);
                e1 = Vector256.MultiplyAddEstimate(TFormat.Decode(v1, 1), xk, e1);
                e2 = Vector256.MultiplyAddEstimate(TFormat.Decode(v2, 1), xk, e2);
                e3 = Vector256.MultiplyAddEstimate(TFormat.Decode(v3, 1), xk, e3);
                if (G == 4)
                {
                    xj = Vector256.Create(InputAt(ref xs, j + 2, columns));
                    xk = Vector256.Create(InputAt(ref xs, j + 3, columns));
                    a0 = Vector256.MultiplyAddEstimate(TFormat.Decode(v0, 2), xj, a0);
                    a1 = Vector256.MultiplyAddEstimate(TFormat.Decode(v1, 2), xj, a1);
                    a2 = Vector256.MultiplyAddEstimate(TFormat.Decode(v2, 2), xj, a2);
                    a3 = Vector256.MultiplyAddEstimate(TFormat.Decode(v3, 2), xj, a3);
                    e0 = Vector256.MultiplyAddEstimate(TFormat.Decode(v0, 3), xk, e0);
                    e1 = Vector256.MultiplyAddEstimate(TFormat.Decode(v1, 3), xk, e1);
                    e2 = Vector256.MultiplyAddEstimate(TFormat.Decode(v2, 3), xk, e2);
                    e3 = Vector256.MultiplyAddEstimate(TFormat.Decode(v3, 3), xk, e3);
                }
            }

            Finish<TFormat>(a0 + e0, ref b, ref s, ref ys, o0);
            Finish<TFormat>(a1 + e1, ref b, ref s, ref ys, o0 + W);
            Finish<TFormat>(a2 + e2, ref b, ref s, ref ys, o0 + 2 * W);
            Finish<TFormat>(a3 + e3, ref b, ref s, ref ys, o0 + 3 * W);
        }
    }

    // 16-row panels, four at a time: two chains per panel (even and odd k), eight in flight; a panel left over runs alone with the same chains.
    private static void ReducedVector512<TFormat>(QuantizedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, bool reverse, int firstPanel, int panelCount)
        where TFormat : struct, IReducedFormat
    {
        const int W = 16;
        int G = TFormat.Group, groups = matrix.Groups, columns = matrix.Columns, endPanel = firstPanel + panelCount, stride = groups * W;
        ref uint w = ref WordsOf(matrix);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float s = ref MemoryMarshal.GetArrayDataReference(matrix.RowScales);
        int blocks = (panelCount + 3) / 4;
        for (int block = 0; block < blocks; block++)
        {
            int panel = firstPanel + 4 * (reverse ? blocks - 1 - block : block);
            if (panel + 4 > endPanel)
            {
                for (; panel < endPanel; panel++)
                {
                    ref uint p = ref Unsafe.Add(ref w, panel * stride);
                    nuint o = (nuint)(panel * W);
                    var a = TFormat.Scaled ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref b, o);
                    var e = Vector512<float>.Zero;
                    for (int g = 0; g < groups; g++)
                    {
                        var v = Vector512.LoadUnsafe(ref p, (nuint)(g * W));
                        int j = g * G;
                        a = Vector512.MultiplyAddEstimate(TFormat.Decode(v, 0), Vector512.Create(InputAt(ref xs, j, columns)), a);
                        e = Vector512.MultiplyAddEstimate(TFormat.Decode(v, 1), Vector512.Create(InputAt(ref xs, j + 1, columns)), e);
                        if (G == 4)
                        {
                            a = Vector512.MultiplyAddEstimate(TFormat.Decode(v, 2), Vector512.Create(InputAt(ref xs, j + 2, columns)), a);
                            e = Vector512.MultiplyAddEstimate(TFormat.Decode(v, 3), Vector512.Create(InputAt(ref xs, j + 3, columns)), e);
                        }
                    }

                    Finish<TFormat>(a + e, ref b, ref s, ref ys, o);
                }

                continue;
            }

            ref uint p0 = ref Unsafe.Add(ref w, panel * stride);
            ref uint p1 = ref Unsafe.Add(ref p0, stride);
            ref uint p2 = ref Unsafe.Add(ref p1, stride);
            ref uint p3 = ref Unsafe.Add(ref p2, stride);
            nuint o0 = (nuint)(panel * W);
            var a0 = TFormat.Scaled ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref b, o0);
            var a1 = TFormat.Scaled ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref b, o0 + W);
            var a2 = TFormat.Scaled ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref b, o0 + 2 * W);
            var a3 = TFormat.Scaled ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref b, o0 + 3 * W);
            Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default;
            for (int g = 0; g < groups; g++)
            {
                nuint offset = (nuint)(g * W);
                var v0 = Vector512.LoadUnsafe(ref p0, offset);
                var v1 = Vector512.LoadUnsafe(ref p1, offset);
                var v2 = Vector512.LoadUnsafe(ref p2, offset);
                var v3 = Vector512.LoadUnsafe(ref p3, offset);
                int j = g * G;
                var xj = Vector512.Create(InputAt(ref xs, j, columns));
                var xk = Vector512.Create(InputAt(ref xs, j + 1, columns));
                a0 = Vector512.MultiplyAddEstimate(TFormat.Decode(v0, 0), xj, a0);
                a1 = Vector512.MultiplyAddEstimate(TFormat.Decode(v1, 0), xj, a1);
                a2 = Vector512.MultiplyAddEstimate(TFormat.Decode(v2, 0), xj, a2);
                a3 = Vector512.MultiplyAddEstimate(TFormat.Decode(v3, 0), xj, a3);
                e0 = Vector512.MultiplyAddEstimate(TFormat.Decode(v0, 1), xk, e0);
                e1 = Vector512.MultiplyAddEstimate(TFormat.Decode(v1, 1), xk, e1);
                e2 = Vector512.MultiplyAddEstimate(TFormat.Decode(v2, 1), xk, e2);
                e3 = Vector512.MultiplyAddEstimate(TFormat.Decode(v3, 1), xk, e3);
                if (G == 4)
                {
                    xj = Vector512.Create(InputAt(ref xs, j + 2, columns));
                    xk = Vector512.Create(InputAt(ref xs, j + 3, columns));
                    a0 = Vector512.MultiplyAddEstimate(TFormat.Decode(v0, 2), xj, a0);
                    a1 = Vector512.MultiplyAddEstimate(TFormat.Decode(v1, 2), xj, a1);
                    a2 = Vector512.MultiplyAddEstimate(TFormat.Decode(v2, 2), xj, a2);
                    a3 = Vector512.MultiplyAddEstimate(TFormat.Decode(v3, 2), xj, a3);
                    e0 = Vector512.MultiplyAddEstimate(TFormat.Decode(v0, 3), xk, e0);
                    e1 = Vector512.MultiplyAddEstimate(TFormat.Decode(v1, 3), xk, e1);
                    e2 = Vector512.MultiplyAddEstimate(TFormat.Decode(v2, 3), xk, e2);
                    e3 = Vector512.MultiplyAddEstimate(TFormat.Decode(v3, 3), xk, e3);
                }
            }

            Finish<TFormat>(a0 + e0, ref b, ref s, ref ys, o0);
            Finish<TFormat>(a1 + e1, ref b, ref s, ref ys, o0 + W);
            Finish<TFormat>(a2 + e2, ref b, ref s, ref ys, o0 + 2 * W);
            Finish<TFormat>(a3 + e3, ref b, ref s, ref ys, o0 + 3 * W);
        }
    }

    // An 8-row panel is two Vector128 halves: four chains (two per half), one panel at a time.
    private static void ReducedVector128<TFormat>(QuantizedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, int firstPanel, int panelCount)
        where TFormat : struct, IReducedFormat
    {
        const int W = PackedMatrix.DefaultPanelWidth, H = W / 2;
        int G = TFormat.Group, groups = matrix.Groups, columns = matrix.Columns, stride = groups * W;
        ref uint w = ref WordsOf(matrix);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float s = ref MemoryMarshal.GetArrayDataReference(matrix.RowScales);
        for (int panel = firstPanel; panel < firstPanel + panelCount; panel++)
        {
            ref uint p = ref Unsafe.Add(ref w, panel * stride);
            nuint o = (nuint)(panel * W);
            var a0 = TFormat.Scaled ? Vector128<float>.Zero : Vector128.LoadUnsafe(ref b, o);
            var a1 = TFormat.Scaled ? Vector128<float>.Zero : Vector128.LoadUnsafe(ref b, o + H);
            Vector128<float> e0 = default, e1 = default;
            for (int g = 0; g < groups; g++)
            {
                var v0 = Vector128.LoadUnsafe(ref p, (nuint)(g * W));
                var v1 = Vector128.LoadUnsafe(ref p, (nuint)(g * W + H));
                int j = g * G;
                var xj = Vector128.Create(InputAt(ref xs, j, columns));
                var xk = Vector128.Create(InputAt(ref xs, j + 1, columns));
                a0 = Vector128.MultiplyAddEstimate(TFormat.Decode(v0, 0), xj, a0);
                a1 = Vector128.MultiplyAddEstimate(TFormat.Decode(v1, 0), xj, a1);
                e0 = Vector128.MultiplyAddEstimate(TFormat.Decode(v0, 1), xk, e0);
                e1 = Vector128.MultiplyAddEstimate(TFormat.Decode(v1, 1), xk, e1);
                if (G == 4)
                {
                    xj = Vector128.Create(InputAt(ref xs, j + 2, columns));
                    xk = Vector128.Create(InputAt(ref xs, j + 3, columns));
                    a0 = Vector128.MultiplyAddEstimate(TFormat.Decode(v0, 2), xj, a0);
                    a1 = Vector128.MultiplyAddEstimate(TFormat.Decode(v1, 2), xj, a1);
                    e0 = Vector128.MultiplyAddEstimate(TFormat.Decode(v0, 3), xk, e0);
                    e1 = Vector128.MultiplyAddEstimate(TFormat.Decode(v1, 3), xk, e1);
                }
            }

            Finish<TFormat>(a0 + e0, ref b, ref s, ref ys, o);
            Finish<TFormat>(a1 + e1, ref b, ref s, ref ys, o + H);
        }
    }

    // y = c₀ + c₁ (chain 0 began at the bias), or for int8 y = b + s · (c₀ + c₁).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TFormat>(Vector128<float> sum, ref float b, ref float s, ref float ys, nuint o)
        where TFormat : struct, IReducedFormat
    {
        if (TFormat.Scaled)
            sum = Vector128.MultiplyAddEstimate(sum, Vector128.LoadUnsafe(ref s, o), Vector128.LoadUnsafe(ref b, o));
        sum.StoreUnsafe(ref ys, o);
    }

    // y = c₀ + c₁ (chain 0 began at the bias), or for int8 y = b + s · (c₀ + c₁).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TFormat>(Vector256<float> sum, ref float b, ref float s, ref float ys, nuint o)
        where TFormat : struct, IReducedFormat
    {
        if (TFormat.Scaled)
            sum = Vector256.MultiplyAddEstimate(sum, Vector256.LoadUnsafe(ref s, o), Vector256.LoadUnsafe(ref b, o));
        sum.StoreUnsafe(ref ys, o);
    }

    // y = c₀ + c₁ (chain 0 began at the bias), or for int8 y = b + s · (c₀ + c₁).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TFormat>(Vector512<float> sum, ref float b, ref float s, ref float ys, nuint o)
        where TFormat : struct, IReducedFormat
    {
        if (TFormat.Scaled)
            sum = Vector512.MultiplyAddEstimate(sum, Vector512.LoadUnsafe(ref s, o), Vector512.LoadUnsafe(ref b, o));
        sum.StoreUnsafe(ref ys, o);
    }
}
