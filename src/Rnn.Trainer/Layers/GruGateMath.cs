using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// The GRU's element-wise work of one step over every batch row, forward and backward side by side: input
/// halves gates [B, 3H] and hidden halves hiddenGates [B, 3H] (r, z, n blocks of H), states [B, H]. One
/// generic body on 16 or 8 lanes and, for the tail of each row, one value at a time (as <see cref="LstmGateMath"/>).
/// </summary>
internal static class GruGateMath
{
    /// <summary>
    /// r = σ(a_r + ĥ_r), z = σ(a_z + ĥ_z), n = tanh(a_n + r ⊙ ĥ_n), h' = (1 − z) ⊙ n + z ⊙ h, with a the input
    /// halves (replaced by r, z, n) and ĥ = W_hh h + b_hh.
    /// </summary>
    public static void Forward<T>(Span<T> gates, ReadOnlySpan<T> hiddenGates, ReadOnlySpan<T> hPrev, Span<T> hNext, int batch, int hidden)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = batch * hidden;
        if (gates.Length < 3 * n || hiddenGates.Length < 3 * n || hPrev.Length < n || hNext.Length < n)
            throw new ArgumentException("A GRU step buffer is shorter than batch × hidden.");
        var s = new Step<T>(gates, hiddenGates, hPrev, hNext, default, default, default, hidden);
        LaneKernel.Run<ForwardKernel<T>, Step<T>, T>(s, batch, hidden);
    }

    /// <summary>
    /// Undoes <see cref="Forward"/> for one step: from ∂L/∂h' = <paramref name="dy"/> + <paramref name="dh"/> writes the
    /// gradients of the input halves (<paramref name="dInput"/>) and hidden halves (<paramref name="dHidden"/>: r scales
    /// ĥ_n) and replaces <paramref name="dh"/> with the direct path z ⊙ ∂L/∂h' (the product through W_hh is added after).
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> hiddenGates, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> dy, Span<T> dh,
        Span<T> dInput, Span<T> dHidden, int batch, int hidden)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = batch * hidden;
        if (gates.Length < 3 * n || hiddenGates.Length < 3 * n || dInput.Length < 3 * n || dHidden.Length < 3 * n
            || hPrev.Length < n || dy.Length < n || dh.Length < n)
            throw new ArgumentException("A GRU step buffer is shorter than batch × hidden.");
        var s = new Step<T>(gates, hiddenGates, hPrev, dh, dy, dInput, dHidden, hidden);
        LaneKernel.Run<BackwardKernel<T>, Step<T>, T>(s, batch, hidden);
    }

    private readonly struct ForwardKernel<T> : ILaneKernel<Step<T>, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static int Run<TV, TL>(scoped in Step<T> s, int batch, int from)
            where TV : struct
            where TL : ISimdLanes<TV, T>
        {
            int hidden = s.Hidden, w = TL.Count, j = from;
            TV one = TL.Broadcast(T.One);
            for (int b = 0; b < batch; b++)
            {
                ref T g = ref Unsafe.Add(ref s.Gates, b * 3 * hidden);
                ref T hg = ref Unsafe.Add(ref s.HiddenGates, b * 3 * hidden);
                for (j = from; j + w <= hidden; j += w)
                {
                    ref T ar = ref Unsafe.Add(ref g, j);
                    ref T az = ref Unsafe.Add(ref ar, hidden);
                    ref T an = ref Unsafe.Add(ref az, hidden);
                    ref T hr = ref Unsafe.Add(ref hg, j);
                    TV r = TL.Sigmoid(TL.Add(TL.Load(ref ar), TL.Load(ref hr)));
                    TV z = TL.Sigmoid(TL.Add(TL.Load(ref az), TL.Load(ref Unsafe.Add(ref hr, hidden))));
                    TV n = TL.Tanh(TL.Add(TL.Load(ref an), TL.Multiply(r, TL.Load(ref Unsafe.Add(ref hr, 2 * hidden)))));
                    TL.Store(r, ref ar); TL.Store(z, ref az); TL.Store(n, ref an);
                    int k = b * hidden + j;
                    TV h = TL.Load(ref Unsafe.Add(ref s.HPrev, k));
                    TL.Store(TL.Add(TL.Multiply(TL.Subtract(one, z), n), TL.Multiply(z, h)), ref Unsafe.Add(ref s.H, k));
                }
            }

            return j;
        }
    }

    private readonly struct BackwardKernel<T> : ILaneKernel<Step<T>, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static int Run<TV, TL>(scoped in Step<T> s, int batch, int from)
            where TV : struct
            where TL : ISimdLanes<TV, T>
        {
            int hidden = s.Hidden, w = TL.Count, j = from;
            TV one = TL.Broadcast(T.One);
            for (int b = 0; b < batch; b++)
            {
                int q0 = b * 3 * hidden;
                for (j = from; j + w <= hidden; j += w)
                {
                    int k = b * hidden + j, q = q0 + j;
                    ref T gr = ref Unsafe.Add(ref s.Gates, q);
                    TV r = TL.Load(ref gr), z = TL.Load(ref Unsafe.Add(ref gr, hidden)), n = TL.Load(ref Unsafe.Add(ref gr, 2 * hidden));
                    TV hn = TL.Load(ref Unsafe.Add(ref s.HiddenGates, q + 2 * hidden));
                    ref T dhRef = ref Unsafe.Add(ref s.H, k);
                    TV dh = TL.Add(TL.Load(ref Unsafe.Add(ref s.Dy, k)), TL.Load(ref dhRef));
                    TV dan = TL.Multiply(TL.Multiply(dh, TL.Subtract(one, z)), TL.Subtract(one, TL.Multiply(n, n)));   // h' = (1 − z) n + z h, n = tanh(a_n)
                    TV dar = TL.Multiply(TL.Multiply(TL.Multiply(dan, hn), r), TL.Subtract(one, r));                  // a_n = … + r ⊙ ĥ_n
                    TV daz = TL.Multiply(TL.Multiply(TL.Multiply(dh, TL.Subtract(TL.Load(ref Unsafe.Add(ref s.HPrev, k)), n)), z), TL.Subtract(one, z));
                    ref T di = ref Unsafe.Add(ref s.DInput, q);
                    ref T dhh = ref Unsafe.Add(ref s.DHidden, q);
                    TL.Store(dar, ref di); TL.Store(daz, ref Unsafe.Add(ref di, hidden)); TL.Store(dan, ref Unsafe.Add(ref di, 2 * hidden));
                    TL.Store(dar, ref dhh); TL.Store(daz, ref Unsafe.Add(ref dhh, hidden)); TL.Store(TL.Multiply(dan, r), ref Unsafe.Add(ref dhh, 2 * hidden));
                    TL.Store(TL.Multiply(dh, z), ref dhRef);                                                          // the direct path z ⊙ h
                }
            }

            return j;
        }
    }

    // Forward: H is h'. Backward: H is dh (in and out), Dy ∂L/∂h' from the output, DInput/DHidden the gate gradients.
    private readonly ref struct Step<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> hiddenGates, ReadOnlySpan<T> hPrev, Span<T> h,
        ReadOnlySpan<T> dy, Span<T> dInput, Span<T> dHidden, int hidden)
    {
        public readonly ref T Gates = ref MemoryMarshal.GetReference(gates);
        public readonly ref T HiddenGates = ref MemoryMarshal.GetReference(hiddenGates);
        public readonly ref T HPrev = ref MemoryMarshal.GetReference(hPrev);
        public readonly ref T H = ref MemoryMarshal.GetReference(h);
        public readonly ref T Dy = ref MemoryMarshal.GetReference(dy);
        public readonly ref T DInput = ref MemoryMarshal.GetReference(dInput);
        public readonly ref T DHidden = ref MemoryMarshal.GetReference(dHidden);
        public readonly int Hidden = hidden;
    }
}
