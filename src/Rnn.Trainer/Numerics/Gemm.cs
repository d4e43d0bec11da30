using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// The two matrix products training needs, on dense row-major spans, accumulating into C:
/// <c>C += A·B</c> (forward projections, input gradients) and <c>C += Aᵀ·B</c> (weight gradients over every
/// time step and batch row at once). Register-blocked over 4 rows of C and two vectors of columns, with
/// fused multiply-adds; float and double share the code (double for gradient checks).
/// </summary>
internal static class Gemm
{
    /// <summary><c>C[m×n] += A[m×k] · B[k×n]</c>.</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        ref T a0 = ref MemoryMarshal.GetReference(a);
        // C row i = Σ_p A[i,p] · B row p: A's elements are broadcast, B's and C's rows are vectors.
        Kernel(ref a0, k, 1, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c), m, k, n);
    }

    /// <summary><c>C[m×n] += A[k×m]ᵀ · B[k×n]</c>.</summary>
    public static void TransposedMultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(a.Length >= k * m && b.Length >= k * n && c.Length >= m * n);
        ref T a0 = ref MemoryMarshal.GetReference(a);
        ref T b0 = ref MemoryMarshal.GetReference(b);
        ref T c0 = ref MemoryMarshal.GetReference(c);
        int blocks = m / 4;
        if (blocks == 0 || k < 64)
        {
            // Aᵀ[i,p] = A[p,i]: the same kernel with A's strides swapped.
            Kernel(ref a0, 1, m, ref b0, ref c0, m, k, n);
            return;
        }

        // Weight gradients run over every step and batch row (k in the thousands): read in place, four
        // columns of A sit in one cache line per row, a line that is gone by the time the next four columns
        // need it. Packing each group of four columns into a contiguous [k × 4] panel makes the reads
        // sequential and keeps the panel in L1 across all column blocks of C.
        var panel = PanelBuffer<T>.Get(4 * k);
        ref T p0 = ref MemoryMarshal.GetArrayDataReference(panel);
        for (int block = 0; block < blocks; block++)
        {
            int i = 4 * block;
            for (int p = 0; p < k; p++)
            {
                ref T row = ref Unsafe.Add(ref a0, p * m + i);
                Unsafe.Add(ref p0, 4 * p) = row;
                Unsafe.Add(ref p0, 4 * p + 1) = Unsafe.Add(ref row, 1);
                Unsafe.Add(ref p0, 4 * p + 2) = Unsafe.Add(ref row, 2);
                Unsafe.Add(ref p0, 4 * p + 3) = Unsafe.Add(ref row, 3);
            }

            Kernel(ref p0, 1, 4, ref b0, ref Unsafe.Add(ref c0, i * n), 4, k, n);
        }

        if (m % 4 != 0)
            Kernel(ref Unsafe.Add(ref a0, 4 * blocks), 1, m, ref b0, ref Unsafe.Add(ref c0, 4 * blocks * n), m % 4, k, n);
    }

    /// <summary>One packing buffer per thread, grown once: the products allocate nothing in steady state.</summary>
    private static class PanelBuffer<T>
    {
        [ThreadStatic]
        private static T[]? s_buffer;

        public static T[] Get(int length)
        {
            if (s_buffer is null || s_buffer.Length < length)
                s_buffer = new T[length];
            return s_buffer;
        }
    }

    private static void Check(bool ok)
    {
        if (!ok)
            throw new ArgumentException("A matrix span is shorter than its dimensions.");
    }

    // C[i, j] += Σ_p A(i, p) · B[p, j] with A(i, p) at a[i·rowStride + p·depthStride].
    private static void Kernel<T>(ref T a, int rowStride, int depthStride, ref T b, ref T c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Vector256.IsHardwareAccelerated ? Vector256<T>.Count : 0;
        int j = 0;
        if (width > 0)
        {
            for (; j + 2 * width <= n; j += 2 * width)
                Columns2(ref a, rowStride, depthStride, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref c, j), m, k, n, width);
            for (; j + width <= n; j += width)
                Columns1(ref a, rowStride, depthStride, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref c, j), m, k, n);
        }

        for (; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                T sum = Unsafe.Add(ref c, i * n + j);
                for (int p = 0; p < k; p++)
                    sum += Unsafe.Add(ref a, i * rowStride + p * depthStride) * Unsafe.Add(ref b, p * n + j);
                Unsafe.Add(ref c, i * n + j) = sum;
            }
        }
    }

    // Two vectors of columns, four rows at a time: eight independent accumulators hide the FMA latency.
    private static void Columns2<T>(ref T a, int rs, int ds, ref T b, ref T c, int m, int k, int n, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T c0 = ref Unsafe.Add(ref c, i * n);
            ref T c1 = ref Unsafe.Add(ref c0, n);
            ref T c2 = ref Unsafe.Add(ref c1, n);
            ref T c3 = ref Unsafe.Add(ref c2, n);
            Vector256<T> s00 = Vector256.LoadUnsafe(ref c0), s01 = Vector256.LoadUnsafe(ref c0, (nuint)width);
            Vector256<T> s10 = Vector256.LoadUnsafe(ref c1), s11 = Vector256.LoadUnsafe(ref c1, (nuint)width);
            Vector256<T> s20 = Vector256.LoadUnsafe(ref c2), s21 = Vector256.LoadUnsafe(ref c2, (nuint)width);
            Vector256<T> s30 = Vector256.LoadUnsafe(ref c3), s31 = Vector256.LoadUnsafe(ref c3, (nuint)width);
            ref T ai = ref Unsafe.Add(ref a, i * rs);
            for (int p = 0; p < k; p++)
            {
                ref T bp = ref Unsafe.Add(ref b, p * n);
                Vector256<T> b0 = Vector256.LoadUnsafe(ref bp), b1 = Vector256.LoadUnsafe(ref bp, (nuint)width);
                ref T ap = ref Unsafe.Add(ref ai, p * ds);
                Vector256<T> x0 = Vector256.Create(ap);
                Vector256<T> x1 = Vector256.Create(Unsafe.Add(ref ap, rs));
                Vector256<T> x2 = Vector256.Create(Unsafe.Add(ref ap, 2 * rs));
                Vector256<T> x3 = Vector256.Create(Unsafe.Add(ref ap, 3 * rs));
                s00 = Fma(x0, b0, s00); s01 = Fma(x0, b1, s01);
                s10 = Fma(x1, b0, s10); s11 = Fma(x1, b1, s11);
                s20 = Fma(x2, b0, s20); s21 = Fma(x2, b1, s21);
                s30 = Fma(x3, b0, s30); s31 = Fma(x3, b1, s31);
            }

            s00.StoreUnsafe(ref c0); s01.StoreUnsafe(ref c0, (nuint)width);
            s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, (nuint)width);
            s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, (nuint)width);
            s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, (nuint)width);
        }

        for (; i < m; i++)
        {
            ref T ci = ref Unsafe.Add(ref c, i * n);
            Vector256<T> s0 = Vector256.LoadUnsafe(ref ci), s1 = Vector256.LoadUnsafe(ref ci, (nuint)width);
            ref T ai = ref Unsafe.Add(ref a, i * rs);
            for (int p = 0; p < k; p++)
            {
                ref T bp = ref Unsafe.Add(ref b, p * n);
                Vector256<T> x = Vector256.Create(Unsafe.Add(ref ai, p * ds));
                s0 = Fma(x, Vector256.LoadUnsafe(ref bp), s0);
                s1 = Fma(x, Vector256.LoadUnsafe(ref bp, (nuint)width), s1);
            }

            s0.StoreUnsafe(ref ci); s1.StoreUnsafe(ref ci, (nuint)width);
        }
    }

    private static void Columns1<T>(ref T a, int rs, int ds, ref T b, ref T c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            ref T ci = ref Unsafe.Add(ref c, i * n);
            Vector256<T> s = Vector256.LoadUnsafe(ref ci);
            ref T ai = ref Unsafe.Add(ref a, i * rs);
            for (int p = 0; p < k; p++)
                s = Fma(Vector256.Create(Unsafe.Add(ref ai, p * ds)), Vector256.LoadUnsafe(ref Unsafe.Add(ref b, p * n)), s);
            s.StoreUnsafe(ref ci);
        }
    }

    /// <summary>x·y + z, fused for float and double (the JIT keeps only the branch for T).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return x * y + z;
    }
}
