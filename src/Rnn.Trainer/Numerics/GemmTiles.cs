using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// The register tiles behind <see cref="Gemm"/>: C[i, j] += Σ_p A(i, p) · B[p, j] with A(i, p) at
/// a[i·rs + p·ds], B and C row-major with n columns. A tile keeps R rows × V vectors of C in registers
/// (R·V independent accumulators hide the FMA latency) and reads per step of p V vectors of B and R
/// broadcasts of A. With 32 registers (AVX-512) tiles are 4 × 4 and 8 × 2; with 16 (AVX2) 4 × 2.
/// Accumulators start from C and add p in order, so any tile gives the same bits.
/// </summary>
internal static class GemmTiles
{
    /// <summary>Half of a 48 KiB L1: the panel of B (depth × V vectors) every row tile of a column block shares.</summary>
    private const int PanelBytes = 24 * 1024;

    /// <summary>Columns [0, returned) of the first <paramref name="columns"/> of C (row stride n), a multiple of the vector width; the caller finishes the rest.</summary>
    public static int Columns<TV, TL, T>(ref T a, int rs, int ds, ref T b, int ldb, ref T c, int m, int k, int n, int columns, bool packB)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int w = TL.Count, j = 0;
        if (TL.ManyRegisters)
        {
            for (; j + 4 * w <= columns; j += 4 * w)
                Block<TV, TL, T>(4, ref a, rs, ds, ref Unsafe.Add(ref b, j), ldb, ref Unsafe.Add(ref c, j), m, k, n, packB);
        }

        for (; j + 2 * w <= columns; j += 2 * w)
            Block<TV, TL, T>(2, ref a, rs, ds, ref Unsafe.Add(ref b, j), ldb, ref Unsafe.Add(ref c, j), m, k, n, packB);
        for (; j + w <= columns; j += w)
            Block<TV, TL, T>(1, ref a, rs, ds, ref Unsafe.Add(ref b, j), ldb, ref Unsafe.Add(ref c, j), m, k, n, packB);
        return j;
    }

    /// <summary>Column j of C by plain fused multiply-adds, four rows at a time for independent chains.</summary>
    public static void ScalarColumn<T>(ref T a, int rs, int ds, ref T b, int ldb, ref T c, int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T ai = ref Unsafe.Add(ref a, i * rs);
            T s0 = Unsafe.Add(ref c, i * n), s1 = Unsafe.Add(ref c, (i + 1) * n), s2 = Unsafe.Add(ref c, (i + 2) * n), s3 = Unsafe.Add(ref c, (i + 3) * n);
            for (int p = 0; p < k; p++)
            {
                T bp = Unsafe.Add(ref b, p * ldb);
                ref T ap = ref Unsafe.Add(ref ai, p * ds);
                s0 = T.FusedMultiplyAdd(ap, bp, s0);
                s1 = T.FusedMultiplyAdd(Unsafe.Add(ref ap, rs), bp, s1);
                s2 = T.FusedMultiplyAdd(Unsafe.Add(ref ap, 2 * rs), bp, s2);
                s3 = T.FusedMultiplyAdd(Unsafe.Add(ref ap, 3 * rs), bp, s3);
            }

            Unsafe.Add(ref c, i * n) = s0; Unsafe.Add(ref c, (i + 1) * n) = s1;
            Unsafe.Add(ref c, (i + 2) * n) = s2; Unsafe.Add(ref c, (i + 3) * n) = s3;
        }

        for (; i < m; i++)
        {
            T sum = Unsafe.Add(ref c, i * n);
            for (int p = 0; p < k; p++)
                sum = T.FusedMultiplyAdd(Unsafe.Add(ref a, i * rs + p * ds), Unsafe.Add(ref b, p * ldb), sum);
            Unsafe.Add(ref c, i * n) = sum;
        }
    }

    // One block of V vectors of columns, every row, cut along p so the panel of B stays in L1. When several
    // row tiles share the panel it is first copied into contiguous memory (unless the caller laid B out with
    // a row stride that does not alias): rows of B a power-of-two stride apart (1 KiB at n = 256) fall into
    // a few L1 sets and evict each other long before the panel is reused.
    private static void Block<TV, TL, T>(int vectors, ref T a, int rs, int ds, ref T b, int ldb, ref T c, int m, int k, int n, bool packB)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = vectors * TL.Count;
        int depth = Math.Max(16, PanelBytes / (width * Unsafe.SizeOf<T>()));
        bool pack = packB && m >= 16;
        ref T packed = ref pack ? ref MemoryMarshal.GetReference(ThreadScratch<T>.PackedB(depth * width)) : ref Unsafe.NullRef<T>();
        for (int from = 0; from < k; from += depth)
        {
            int kc = Math.Min(depth, k - from);
            ref T af = ref Unsafe.Add(ref a, from * ds);
            ref T bf = ref Unsafe.Add(ref b, from * ldb);
            nint bs = ldb;
            if (pack)
            {
                for (int p = 0; p < kc; p++)
                {
                    for (int v = 0; v < vectors; v++)
                        TL.Store(TL.Load(ref Unsafe.Add(ref bf, p * ldb + v * TL.Count)), ref Unsafe.Add(ref packed, p * width + v * TL.Count));
                }

                bf = ref packed;
                bs = width;
            }

            int i = 0;
            if (vectors == 4)
            {
                for (; i + 4 <= m; i += 4)
                    Tile4x4<TV, TL, T>(ref Unsafe.Add(ref af, i * rs), rs, ds, ref bf, bs, ref Unsafe.Add(ref c, i * n), n, kc);
            }
            else if (vectors == 2)
            {
                if (TL.ManyRegisters)
                {
                    for (; i + 8 <= m; i += 8)
                        Tile8x2<TV, TL, T>(ref Unsafe.Add(ref af, i * rs), rs, ds, ref bf, bs, ref Unsafe.Add(ref c, i * n), n, kc);
                }

                for (; i + 4 <= m; i += 4)
                    Tile4x2<TV, TL, T>(ref Unsafe.Add(ref af, i * rs), rs, ds, ref bf, bs, ref Unsafe.Add(ref c, i * n), n, kc);
            }
            else
            {
                for (; i + 4 <= m; i += 4)
                    Tile4x1<TV, TL, T>(ref Unsafe.Add(ref af, i * rs), rs, ds, ref bf, bs, ref Unsafe.Add(ref c, i * n), n, kc);
            }

            for (; i < m; i++)
            {
                for (int v = 0; v < vectors; v++)
                    Tile1x1<TV, TL, T>(ref Unsafe.Add(ref af, i * rs), ds, ref Unsafe.Add(ref bf, v * TL.Count), bs, ref Unsafe.Add(ref c, i * n + v * TL.Count), kc);
            }
        }
    }

    private static void Tile4x4<TV, TL, T>(ref T a, nint rs, nint ds, ref T b, nint bs, ref T c, nint n, int k)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint w = TL.Count;
        ref T c0 = ref c;
        ref T c1 = ref Unsafe.Add(ref c0, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        TV s00 = TL.Load(ref c0), s01 = TL.Load(ref Unsafe.Add(ref c0, w)), s02 = TL.Load(ref Unsafe.Add(ref c0, 2 * w)), s03 = TL.Load(ref Unsafe.Add(ref c0, 3 * w));
        TV s10 = TL.Load(ref c1), s11 = TL.Load(ref Unsafe.Add(ref c1, w)), s12 = TL.Load(ref Unsafe.Add(ref c1, 2 * w)), s13 = TL.Load(ref Unsafe.Add(ref c1, 3 * w));
        TV s20 = TL.Load(ref c2), s21 = TL.Load(ref Unsafe.Add(ref c2, w)), s22 = TL.Load(ref Unsafe.Add(ref c2, 2 * w)), s23 = TL.Load(ref Unsafe.Add(ref c2, 3 * w));
        TV s30 = TL.Load(ref c3), s31 = TL.Load(ref Unsafe.Add(ref c3, w)), s32 = TL.Load(ref Unsafe.Add(ref c3, 2 * w)), s33 = TL.Load(ref Unsafe.Add(ref c3, 3 * w));
        for (int p = 0; p < k; p++)
        {
            TV b0 = TL.Load(ref b), b1 = TL.Load(ref Unsafe.Add(ref b, w)), b2 = TL.Load(ref Unsafe.Add(ref b, 2 * w)), b3 = TL.Load(ref Unsafe.Add(ref b, 3 * w));
            TV x = TL.Broadcast(a);
            s00 = TL.MultiplyAdd(x, b0, s00); s01 = TL.MultiplyAdd(x, b1, s01); s02 = TL.MultiplyAdd(x, b2, s02); s03 = TL.MultiplyAdd(x, b3, s03);
            x = TL.Broadcast(Unsafe.Add(ref a, rs));
            s10 = TL.MultiplyAdd(x, b0, s10); s11 = TL.MultiplyAdd(x, b1, s11); s12 = TL.MultiplyAdd(x, b2, s12); s13 = TL.MultiplyAdd(x, b3, s13);
            x = TL.Broadcast(Unsafe.Add(ref a, 2 * rs));
            s20 = TL.MultiplyAdd(x, b0, s20); s21 = TL.MultiplyAdd(x, b1, s21); s22 = TL.MultiplyAdd(x, b2, s22); s23 = TL.MultiplyAdd(x, b3, s23);
            x = TL.Broadcast(Unsafe.Add(ref a, 3 * rs));
            s30 = TL.MultiplyAdd(x, b0, s30); s31 = TL.MultiplyAdd(x, b1, s31); s32 = TL.MultiplyAdd(x, b2, s32); s33 = TL.MultiplyAdd(x, b3, s33);
            a = ref Unsafe.Add(ref a, ds);
            b = ref Unsafe.Add(ref b, bs);
        }

        TL.Store(s00, ref c0); TL.Store(s01, ref Unsafe.Add(ref c0, w)); TL.Store(s02, ref Unsafe.Add(ref c0, 2 * w)); TL.Store(s03, ref Unsafe.Add(ref c0, 3 * w));
        TL.Store(s10, ref c1); TL.Store(s11, ref Unsafe.Add(ref c1, w)); TL.Store(s12, ref Unsafe.Add(ref c1, 2 * w)); TL.Store(s13, ref Unsafe.Add(ref c1, 3 * w));
        TL.Store(s20, ref c2); TL.Store(s21, ref Unsafe.Add(ref c2, w)); TL.Store(s22, ref Unsafe.Add(ref c2, 2 * w)); TL.Store(s23, ref Unsafe.Add(ref c2, 3 * w));
        TL.Store(s30, ref c3); TL.Store(s31, ref Unsafe.Add(ref c3, w)); TL.Store(s32, ref Unsafe.Add(ref c3, 2 * w)); TL.Store(s33, ref Unsafe.Add(ref c3, 3 * w));
    }

    private static void Tile8x2<TV, TL, T>(ref T a, nint rs, nint ds, ref T b, nint bs, ref T c, nint n, int k)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Two tiles of four rows sharing the loads of B.
        nint w = TL.Count;
        ref T c0 = ref c;
        ref T c1 = ref Unsafe.Add(ref c0, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        ref T c4 = ref Unsafe.Add(ref c3, n);
        ref T c5 = ref Unsafe.Add(ref c4, n);
        ref T c6 = ref Unsafe.Add(ref c5, n);
        ref T c7 = ref Unsafe.Add(ref c6, n);
        TV s00 = TL.Load(ref c0), s01 = TL.Load(ref Unsafe.Add(ref c0, w)), s10 = TL.Load(ref c1), s11 = TL.Load(ref Unsafe.Add(ref c1, w));
        TV s20 = TL.Load(ref c2), s21 = TL.Load(ref Unsafe.Add(ref c2, w)), s30 = TL.Load(ref c3), s31 = TL.Load(ref Unsafe.Add(ref c3, w));
        TV s40 = TL.Load(ref c4), s41 = TL.Load(ref Unsafe.Add(ref c4, w)), s50 = TL.Load(ref c5), s51 = TL.Load(ref Unsafe.Add(ref c5, w));
        TV s60 = TL.Load(ref c6), s61 = TL.Load(ref Unsafe.Add(ref c6, w)), s70 = TL.Load(ref c7), s71 = TL.Load(ref Unsafe.Add(ref c7, w));
        for (int p = 0; p < k; p++)
        {
            TV b0 = TL.Load(ref b), b1 = TL.Load(ref Unsafe.Add(ref b, w));
            TV x = TL.Broadcast(a);
            s00 = TL.MultiplyAdd(x, b0, s00); s01 = TL.MultiplyAdd(x, b1, s01);
            x = TL.Broadcast(Unsafe.Add(ref a, rs));
            s10 = TL.MultiplyAdd(x, b0, s10); s11 = TL.MultiplyAdd(x, b1, s11);
            x = TL.Broadcast(Unsafe.Add(ref a, 2 * rs));
            s20 = TL.MultiplyAdd(x, b0, s20); s21 = TL.MultiplyAdd(x, b1, s21);
            x = TL.Broadcast(Unsafe.Add(ref a, 3 * rs));
            s30 = TL.MultiplyAdd(x, b0, s30); s31 = TL.MultiplyAdd(x, b1, s31);
            x = TL.Broadcast(Unsafe.Add(ref a, 4 * rs));
            s40 = TL.MultiplyAdd(x, b0, s40); s41 = TL.MultiplyAdd(x, b1, s41);
            x = TL.Broadcast(Unsafe.Add(ref a, 5 * rs));
            s50 = TL.MultiplyAdd(x, b0, s50); s51 = TL.MultiplyAdd(x, b1, s51);
            x = TL.Broadcast(Unsafe.Add(ref a, 6 * rs));
            s60 = TL.MultiplyAdd(x, b0, s60); s61 = TL.MultiplyAdd(x, b1, s61);
            x = TL.Broadcast(Unsafe.Add(ref a, 7 * rs));
            s70 = TL.MultiplyAdd(x, b0, s70); s71 = TL.MultiplyAdd(x, b1, s71);
            a = ref Unsafe.Add(ref a, ds);
            b = ref Unsafe.Add(ref b, bs);
        }

        TL.Store(s00, ref c0); TL.Store(s01, ref Unsafe.Add(ref c0, w)); TL.Store(s10, ref c1); TL.Store(s11, ref Unsafe.Add(ref c1, w));
        TL.Store(s20, ref c2); TL.Store(s21, ref Unsafe.Add(ref c2, w)); TL.Store(s30, ref c3); TL.Store(s31, ref Unsafe.Add(ref c3, w));
        TL.Store(s40, ref c4); TL.Store(s41, ref Unsafe.Add(ref c4, w)); TL.Store(s50, ref c5); TL.Store(s51, ref Unsafe.Add(ref c5, w));
        TL.Store(s60, ref c6); TL.Store(s61, ref Unsafe.Add(ref c6, w)); TL.Store(s70, ref c7); TL.Store(s71, ref Unsafe.Add(ref c7, w));
    }

    private static void Tile4x2<TV, TL, T>(ref T a, nint rs, nint ds, ref T b, nint bs, ref T c, nint n, int k)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint w = TL.Count;
        ref T c0 = ref c;
        ref T c1 = ref Unsafe.Add(ref c0, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        TV s00 = TL.Load(ref c0), s01 = TL.Load(ref Unsafe.Add(ref c0, w)), s10 = TL.Load(ref c1), s11 = TL.Load(ref Unsafe.Add(ref c1, w));
        TV s20 = TL.Load(ref c2), s21 = TL.Load(ref Unsafe.Add(ref c2, w)), s30 = TL.Load(ref c3), s31 = TL.Load(ref Unsafe.Add(ref c3, w));
        for (int p = 0; p < k; p++)
        {
            TV b0 = TL.Load(ref b), b1 = TL.Load(ref Unsafe.Add(ref b, w));
            TV x = TL.Broadcast(a);
            s00 = TL.MultiplyAdd(x, b0, s00); s01 = TL.MultiplyAdd(x, b1, s01);
            x = TL.Broadcast(Unsafe.Add(ref a, rs));
            s10 = TL.MultiplyAdd(x, b0, s10); s11 = TL.MultiplyAdd(x, b1, s11);
            x = TL.Broadcast(Unsafe.Add(ref a, 2 * rs));
            s20 = TL.MultiplyAdd(x, b0, s20); s21 = TL.MultiplyAdd(x, b1, s21);
            x = TL.Broadcast(Unsafe.Add(ref a, 3 * rs));
            s30 = TL.MultiplyAdd(x, b0, s30); s31 = TL.MultiplyAdd(x, b1, s31);
            a = ref Unsafe.Add(ref a, ds);
            b = ref Unsafe.Add(ref b, bs);
        }

        TL.Store(s00, ref c0); TL.Store(s01, ref Unsafe.Add(ref c0, w)); TL.Store(s10, ref c1); TL.Store(s11, ref Unsafe.Add(ref c1, w));
        TL.Store(s20, ref c2); TL.Store(s21, ref Unsafe.Add(ref c2, w)); TL.Store(s30, ref c3); TL.Store(s31, ref Unsafe.Add(ref c3, w));
    }

    private static void Tile4x1<TV, TL, T>(ref T a, nint rs, nint ds, ref T b, nint bs, ref T c, nint n, int k)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T c0 = ref c;
        ref T c1 = ref Unsafe.Add(ref c0, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        TV s0 = TL.Load(ref c0), s1 = TL.Load(ref c1), s2 = TL.Load(ref c2), s3 = TL.Load(ref c3);
        for (int p = 0; p < k; p++)
        {
            TV b0 = TL.Load(ref b);
            s0 = TL.MultiplyAdd(TL.Broadcast(a), b0, s0);
            s1 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a, rs)), b0, s1);
            s2 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a, 2 * rs)), b0, s2);
            s3 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a, 3 * rs)), b0, s3);
            a = ref Unsafe.Add(ref a, ds);
            b = ref Unsafe.Add(ref b, bs);
        }

        TL.Store(s0, ref c0); TL.Store(s1, ref c1); TL.Store(s2, ref c2); TL.Store(s3, ref c3);
    }

    private static void Tile1x1<TV, TL, T>(ref T a, nint ds, ref T b, nint bs, ref T c, int k)
        where TV : struct
        where TL : ISimdLanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV s = TL.Load(ref c);
        for (int p = 0; p < k; p++)
        {
            s = TL.MultiplyAdd(TL.Broadcast(a), TL.Load(ref b), s);
            a = ref Unsafe.Add(ref a, ds);
            b = ref Unsafe.Add(ref b, bs);
        }

        TL.Store(s, ref c);
    }
}
