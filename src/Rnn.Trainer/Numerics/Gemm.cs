using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// The two matrix products training needs, on dense row-major spans, accumulating into C:
/// <c>C += A·B</c> (forward projections, the recurrent product per step, input gradients) and
/// <c>C += Aᵀ·B</c> (weight gradients over every time step and batch row at once). Register tiles of fused
/// multiply-adds on the widest vectors the machine has (<see cref="GemmTiles"/>); float and double share
/// the code (double for gradient checks). Every element of C sums its k terms in order p = 0, 1, …, one
/// rounding each, whatever the tile or vector width, so results do not depend on the instruction set.
/// </summary>
internal static class Gemm
{
    /// <summary>Depth of the packed panels of <see cref="TransposedMultiplyAdd"/>: the part of B they sweep stays in L2.</summary>
    private const int PanelDepth = 256;

    /// <summary><c>C[m×n] += A[m×k] · B[k×n]</c>.</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        // C row i = Σ_p A[i,p] · B row p: A's elements are broadcast, B's and C's rows are vectors.
        Product(ref MemoryMarshal.GetReference(a), k, 1, ref MemoryMarshal.GetReference(b), n, ref MemoryMarshal.GetReference(c), m, k, n, packB: true);
    }

    /// <summary>
    /// <c>C[m×n] += A[m×k] · B[k×n]</c> with B's rows <paramref name="bRowStride"/> apart, a stride from
    /// <see cref="UnaliasedStride"/>: B is read in place, never packed (for a weight matrix used every step).
    /// </summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int bRowStride, Span<T> c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(a.Length >= m * k && bRowStride >= n && (k == 0 || b.Length >= (k - 1) * bRowStride + n) && c.Length >= m * n);
        Product(ref MemoryMarshal.GetReference(a), k, 1, ref MemoryMarshal.GetReference(b), bRowStride, ref MemoryMarshal.GetReference(c), m, k, n, packB: false);
    }

    /// <summary>
    /// A row stride of at least <paramref name="columns"/> whose rows do not map to the same few L1 sets: a
    /// stride of a multiple of 256 bytes gets 64 bytes more.
    /// </summary>
    public static int UnaliasedStride<T>(int columns) where T : unmanaged
        => columns * Unsafe.SizeOf<T>() % 256 == 0 ? columns + 64 / Unsafe.SizeOf<T>() : columns;

    /// <summary><c>C[m×n] += A[k×m]ᵀ · B[k×n]</c>.</summary>
    public static void TransposedMultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(a.Length >= k * m && b.Length >= k * n && c.Length >= m * n);
        ref T a0 = ref MemoryMarshal.GetReference(a);
        ref T b0 = ref MemoryMarshal.GetReference(b);
        ref T c0 = ref MemoryMarshal.GetReference(c);
        if (n < 2 * Vector256<T>.Count && m >= 4 * n && k >= 64)
        {
            // A few columns (a weight gradient for 8 inputs): the tiles would have one or no vector of them.
            // Cᵀ[n×m] += B[k×n]ᵀ · A[k×m] is the same sums, each over p in order, with m across the vectors.
            var transposed = ThreadScratch<T>.Transposed(m * n);
            MatrixOps.Transpose<T>(c[..(m * n)], transposed, m, n);
            TransposedMultiplyAdd<T>(b, a, transposed, n, k, m);
            MatrixOps.Transpose<T>(transposed, c, n, m);
            return;
        }

        const int group = 8;
        int groups = m / group;
        if (groups == 0 || k < 64)
        {
            // Aᵀ[i,p] = A[p,i]: the same tiles with A's strides swapped.
            Product(ref a0, 1, m, ref b0, n, ref c0, m, k, n, packB: true);
            return;
        }

        // Weight gradients run over every step and batch row (k in the thousands). Read in place, a group of
        // A's columns shares one cache line per row, gone by the time the next group needs it: each group of
        // eight columns is packed into a contiguous [depth × 8] panel (read sequentially, kept in L1), and the
        // depth is cut into chunks so the rows of B a chunk sweeps stay in L2 for every group.
        var panel = ThreadScratch<T>.PackedA(group * PanelDepth);
        ref T p0 = ref MemoryMarshal.GetReference(panel);
        for (int from = 0; from < k; from += PanelDepth)
        {
            int depth = Math.Min(PanelDepth, k - from);
            ref T aFrom = ref Unsafe.Add(ref a0, from * m);
            ref T bFrom = ref Unsafe.Add(ref b0, from * n);
            for (int g = 0; g < groups; g++)
            {
                int i = group * g;
                for (int p = 0; p < depth; p++)
                    Unsafe.As<T, Block8<T>>(ref Unsafe.Add(ref p0, group * p)) = Unsafe.As<T, Block8<T>>(ref Unsafe.Add(ref aFrom, p * m + i));
                Product(ref p0, 1, group, ref bFrom, n, ref Unsafe.Add(ref c0, i * n), group, depth, n, packB: true);
            }

            if (m % group != 0)
                Product(ref Unsafe.Add(ref aFrom, group * groups), 1, m, ref bFrom, n, ref Unsafe.Add(ref c0, group * groups * n), m % group, depth, n, packB: true);
        }
    }

    /// <summary>C[i, j] += Σ_p A(i, p) · B[p, j] with A(i, p) at a[i·rowStride + p·depthStride].</summary>
    private static void Product<T>(ref T a, int rowStride, int depthStride, ref T b, int ldb, ref T c, int m, int k, int n, bool packB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
            j = GemmTiles.Columns<Vector512<T>, Lanes512<T>, T>(ref a, rowStride, depthStride, ref b, ldb, ref c, m, k, n, n, packB);
        if (Vector256.IsHardwareAccelerated && n - j >= Vector256<T>.Count)
            j += GemmTiles.Columns<Vector256<T>, Lanes256<T>, T>(ref a, rowStride, depthStride, ref Unsafe.Add(ref b, j), ldb, ref Unsafe.Add(ref c, j), m, k, n, n - j, packB);
        for (; j < n; j++)
            GemmTiles.ScalarColumn(ref a, rowStride, depthStride, ref Unsafe.Add(ref b, j), ldb, ref Unsafe.Add(ref c, j), m, k, n);
    }

    private static void Check(bool ok)
    {
        if (!ok)
            throw new ArgumentException("A matrix span is shorter than its dimensions.");
    }

    /// <summary>Eight consecutive values, copied as one block.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Block8<T> where T : unmanaged
    {
        public T V0, V1, V2, V3, V4, V5, V6, V7;
    }
}
