using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Kernels;

/// <summary>y = b + W x over a <see cref="PackedMatrix"/>, the one matrix-vector product of the runtime.</summary>
internal static partial class MatVec
{
    /// <summary>Inputs from which the Vector256 path splits even and odd inputs into separate chains.</summary>
    private const int SplitFromColumns = 16;

    /// <summary>
    /// Writes matrix.Rows values to y. With <c>reverse</c> the row blocks are walked last to first; callers
    /// flip it every step, so for matrices larger than L1 the blocks read last are still in L1 when the next
    /// step starts with them. Blocks are independent, so the results are the same either way.
    /// </summary>
    public static void Multiply(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, SimdPath path, bool reverse = false)
    {
        if (x.Length != matrix.Columns || bias.Length != matrix.Rows || y.Length < matrix.Rows)
            throw new ArgumentException("Matrix, bias, input and output sizes disagree.");
        CheckPath(matrix.PanelWidth, path);
        MultiplyPanels(matrix, bias, x, y, path, 0, matrix.Rows / matrix.PanelWidth, reverse);
    }

    /// <summary>
    /// Rows [firstPanel · PanelWidth, (firstPanel + panelCount) · PanelWidth) of <see cref="Multiply(PackedMatrix, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, SimdPath, bool)"/>, each
    /// computed exactly as Multiply computes it: a row's chains, their order and their FMAs depend only on the
    /// row and the matrix's column count, never on which other rows share its call. The batched product
    /// (<see cref="MultiplyBatch"/>) relies on that for bit-identical streams. Sizes are the caller's to check.
    /// </summary>
    internal static void MultiplyPanels(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, SimdPath path, int firstPanel, int panelCount, bool reverse = false)
    {
        if (matrix.PanelWidth == 16)
        {
            MultiplyVector512(matrix, bias, x, y, reverse, firstPanel, panelCount);
            return;
        }

        switch (path)
        {
            case SimdPath.Vector512:
            case SimdPath.Vector256:
                MultiplyVector256(matrix, bias, x, y, reverse, firstPanel, panelCount);
                break;
            case SimdPath.Vector128:
                MultiplyVector128(matrix, bias, x, y, reverse, firstPanel, panelCount);
                break;
            default:
                MultiplyScalar(matrix, bias, x, y, firstPanel, panelCount);
                break;
        }
    }

    // 16-row panels are packed only for the Vector512 path.
    private static void CheckPath(int panelWidth, SimdPath path)
    {
        if (panelWidth == 16 && path != SimdPath.Vector512)
            throw new ArgumentException("A matrix of 16-row panels runs on the Vector512 path only.", nameof(path));
    }

    /// <summary>The reference the vector paths are tested against: the same packed layout, one multiply-add at a time.</summary>
    public static void MultiplyScalar(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y) =>
        MultiplyScalar(matrix, bias, x, y, 0, matrix.Rows / matrix.PanelWidth);

    private static void MultiplyScalar(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, int firstPanel, int panelCount)
    {
        int W = matrix.PanelWidth;
        var data = matrix.Data;
        int columns = matrix.Columns;
        for (int panel = firstPanel; panel < firstPanel + panelCount; panel++)
        {
            int start = panel * W * columns;
            for (int r = 0; r < W; r++)
            {
                float sum = bias[panel * W + r];
                for (int j = 0; j < columns; j++)
                    sum += data[start + j * W + r] * x[j];
                y[panel * W + r] = sum;
            }
        }
    }

    // Four panels at a time: four independent accumulator chains hide the FMA latency.
    private static void MultiplyVector256(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, bool reverse, int firstPanel, int panelCount)
    {
        const int W = PackedMatrix.DefaultPanelWidth;
        int columns = matrix.Columns, endPanel = firstPanel + panelCount, stride = W * columns;
        ref float w = ref MemoryMarshal.GetArrayDataReference(matrix.Data);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int blocks = (panelCount + 3) / 4;
        for (int block = 0; block < blocks; block++)
        {
            int panel = firstPanel + 4 * (reverse ? blocks - 1 - block : block);
            if (panel + 4 > endPanel)
            {
                for (; panel < endPanel; panel++)
                {
                    ref float p = ref Unsafe.Add(ref w, panel * stride);
                    var a = Vector256.LoadUnsafe(ref b, (nuint)(panel * W));
                    Vector256<float> e = default;
                    int j = 0, pairs = columns >= SplitFromColumns ? columns & ~1 : 0;
                    for (; j < pairs; j += 2)
                    {
                        a = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p, (nuint)(j * W)), Vector256.Create(Unsafe.Add(ref xs, j)), a);
                        e = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p, (nuint)(j * W + W)), Vector256.Create(Unsafe.Add(ref xs, j + 1)), e);
                    }

                    for (; j < columns; j++)
                        a = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p, (nuint)(j * W)), Vector256.Create(Unsafe.Add(ref xs, j)), a);
                    (ChainSum.Saturate(a) + e).StoreUnsafe(ref ys, (nuint)(panel * W)); // never +∞ + −∞: ChainSum
                }

                continue;
            }

            ref float p0 = ref Unsafe.Add(ref w, panel * stride);
            ref float p1 = ref Unsafe.Add(ref p0, stride);
            ref float p2 = ref Unsafe.Add(ref p1, stride);
            ref float p3 = ref Unsafe.Add(ref p2, stride);
            var a0 = Vector256.LoadUnsafe(ref b, (nuint)(panel * W));
            var a1 = Vector256.LoadUnsafe(ref b, (nuint)(panel * W + W));
            var a2 = Vector256.LoadUnsafe(ref b, (nuint)(panel * W + 2 * W));
            var a3 = Vector256.LoadUnsafe(ref b, (nuint)(panel * W + 3 * W));
            // Even and odd inputs in separate chains: eight FMAs in flight and half the dependency chain.
            // Below SplitFromColumns the chains are short anyway and the split measured slower.
            Vector256<float> e0 = default, e1 = default, e2 = default, e3 = default;
            int column = 0, paired = columns >= SplitFromColumns ? columns & ~1 : 0;
            for (; column < paired; column += 2)
            {
                var xj = Vector256.Create(Unsafe.Add(ref xs, column));
                var xk = Vector256.Create(Unsafe.Add(ref xs, column + 1));
                nuint offset = (nuint)(column * W);
                a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p0, offset), xj, a0);
                a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p1, offset), xj, a1);
                a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p2, offset), xj, a2);
                a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p3, offset), xj, a3);
                e0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p0, offset + W), xk, e0);
                e1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p1, offset + W), xk, e1);
                e2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p2, offset + W), xk, e2);
                e3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p3, offset + W), xk, e3);
            }

            for (; column < columns; column++)
            {
                var xj = Vector256.Create(Unsafe.Add(ref xs, column));
                nuint offset = (nuint)(column * W);
                a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p0, offset), xj, a0);
                a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p1, offset), xj, a1);
                a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p2, offset), xj, a2);
                a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p3, offset), xj, a3);
            }

            a0 = ChainSum.Saturate(a0) + e0;
            a1 = ChainSum.Saturate(a1) + e1;
            a2 = ChainSum.Saturate(a2) + e2;
            a3 = ChainSum.Saturate(a3) + e3;
            a0.StoreUnsafe(ref ys, (nuint)(panel * W));
            a1.StoreUnsafe(ref ys, (nuint)(panel * W + W));
            a2.StoreUnsafe(ref ys, (nuint)(panel * W + 2 * W));
            a3.StoreUnsafe(ref ys, (nuint)(panel * W + 3 * W));
        }
    }

    // 16-row panels, one Vector512 each; otherwise the Vector256 kernel above at twice the width.
    private static void MultiplyVector512(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, bool reverse, int firstPanel, int panelCount)
    {
        const int W = 16;
        int columns = matrix.Columns, endPanel = firstPanel + panelCount, stride = W * columns;
        ref float w = ref MemoryMarshal.GetArrayDataReference(matrix.Data);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int blocks = (panelCount + 3) / 4;
        for (int block = 0; block < blocks; block++)
        {
            int panel = firstPanel + 4 * (reverse ? blocks - 1 - block : block);
            if (panel + 4 > endPanel)
            {
                for (; panel < endPanel; panel++)
                {
                    ref float p = ref Unsafe.Add(ref w, panel * stride);
                    var a = Vector512.LoadUnsafe(ref b, (nuint)(panel * W));
                    Vector512<float> e = default;
                    int j = 0, pairs = columns >= SplitFromColumns ? columns & ~1 : 0;
                    for (; j < pairs; j += 2)
                    {
                        a = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p, (nuint)(j * W)), Vector512.Create(Unsafe.Add(ref xs, j)), a);
                        e = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p, (nuint)(j * W + W)), Vector512.Create(Unsafe.Add(ref xs, j + 1)), e);
                    }

                    for (; j < columns; j++)
                        a = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p, (nuint)(j * W)), Vector512.Create(Unsafe.Add(ref xs, j)), a);
                    (ChainSum.Saturate(a) + e).StoreUnsafe(ref ys, (nuint)(panel * W)); // never +∞ + −∞: ChainSum
                }

                continue;
            }

            ref float p0 = ref Unsafe.Add(ref w, panel * stride);
            ref float p1 = ref Unsafe.Add(ref p0, stride);
            ref float p2 = ref Unsafe.Add(ref p1, stride);
            ref float p3 = ref Unsafe.Add(ref p2, stride);
            var a0 = Vector512.LoadUnsafe(ref b, (nuint)(panel * W));
            var a1 = Vector512.LoadUnsafe(ref b, (nuint)(panel * W + W));
            var a2 = Vector512.LoadUnsafe(ref b, (nuint)(panel * W + 2 * W));
            var a3 = Vector512.LoadUnsafe(ref b, (nuint)(panel * W + 3 * W));
            // Even and odd inputs in separate chains: eight FMAs in flight and half the dependency chain.
            // Below SplitFromColumns the chains are short anyway and the split measured slower.
            Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default;
            int column = 0, paired = columns >= SplitFromColumns ? columns & ~1 : 0;
            for (; column < paired; column += 2)
            {
                var xj = Vector512.Create(Unsafe.Add(ref xs, column));
                var xk = Vector512.Create(Unsafe.Add(ref xs, column + 1));
                nuint offset = (nuint)(column * W);
                a0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p0, offset), xj, a0);
                a1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p1, offset), xj, a1);
                a2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p2, offset), xj, a2);
                a3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p3, offset), xj, a3);
                e0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p0, offset + W), xk, e0);
                e1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p1, offset + W), xk, e1);
                e2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p2, offset + W), xk, e2);
                e3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p3, offset + W), xk, e3);
            }

            for (; column < columns; column++)
            {
                var xj = Vector512.Create(Unsafe.Add(ref xs, column));
                nuint offset = (nuint)(column * W);
                a0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p0, offset), xj, a0);
                a1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p1, offset), xj, a1);
                a2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p2, offset), xj, a2);
                a3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref p3, offset), xj, a3);
            }

            a0 = ChainSum.Saturate(a0) + e0;
            a1 = ChainSum.Saturate(a1) + e1;
            a2 = ChainSum.Saturate(a2) + e2;
            a3 = ChainSum.Saturate(a3) + e3;
            a0.StoreUnsafe(ref ys, (nuint)(panel * W));
            a1.StoreUnsafe(ref ys, (nuint)(panel * W + W));
            a2.StoreUnsafe(ref ys, (nuint)(panel * W + 2 * W));
            a3.StoreUnsafe(ref ys, (nuint)(panel * W + 3 * W));
        }
    }

    // A panel is two Vector128 halves; two panels at a time keep four chains in flight as above.
    private static void MultiplyVector128(PackedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, bool reverse, int firstPanel, int panelCount)
    {
        const int W = PackedMatrix.DefaultPanelWidth, H = W / 2;
        int columns = matrix.Columns, endPanel = firstPanel + panelCount, stride = W * columns;
        ref float w = ref MemoryMarshal.GetArrayDataReference(matrix.Data);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int blocks = (panelCount + 1) / 2;
        for (int block = 0; block < blocks; block++)
        {
            int panel = firstPanel + 2 * (reverse ? blocks - 1 - block : block);
            if (panel + 2 > endPanel)
            {
                ref float p = ref Unsafe.Add(ref w, panel * stride);
                nuint po = (nuint)(panel * W);
                var c0 = Vector128.LoadUnsafe(ref b, po);
                var c1 = Vector128.LoadUnsafe(ref b, po + H);
                for (int j = 0; j < columns; j++)
                {
                    var xj = Vector128.Create(Unsafe.Add(ref xs, j));
                    c0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p, (nuint)(j * W)), xj, c0);
                    c1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p, (nuint)(j * W + H)), xj, c1);
                }

                c0.StoreUnsafe(ref ys, po);
                c1.StoreUnsafe(ref ys, po + H);
                continue;
            }

            ref float p0 = ref Unsafe.Add(ref w, panel * stride);
            ref float p1 = ref Unsafe.Add(ref p0, stride);
            nuint o = (nuint)(panel * W);
            var a0 = Vector128.LoadUnsafe(ref b, o);
            var a1 = Vector128.LoadUnsafe(ref b, o + H);
            var a2 = Vector128.LoadUnsafe(ref b, o + W);
            var a3 = Vector128.LoadUnsafe(ref b, o + W + H);
            for (int j = 0; j < columns; j++)
            {
                var xj = Vector128.Create(Unsafe.Add(ref xs, j));
                nuint offset = (nuint)(j * W);
                a0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p0, offset), xj, a0);
                a1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p0, offset + H), xj, a1);
                a2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p1, offset), xj, a2);
                a3 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p1, offset + H), xj, a3);
            }

            a0.StoreUnsafe(ref ys, o);
            a1.StoreUnsafe(ref ys, o + H);
            a2.StoreUnsafe(ref ys, o + W);
            a3.StoreUnsafe(ref ys, o + W + H);
        }
    }
}
