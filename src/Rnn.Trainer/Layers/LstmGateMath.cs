using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// The LSTM's element-wise work of one step over every batch row, forward and backward side by side, in
/// one pass over the gate rows each: gates [B, 4H] (i, f, g, o blocks of H), states [B, H]. One generic body
/// runs on 16 or 8 lanes (<see cref="Lanes512{T}"/>, <see cref="Lanes256{T}"/>) and on the tail of each row
/// one value at a time (<see cref="Lanes1{T}"/>); double runs the same body with exact activations.
/// </summary>
internal static class LstmGateMath
{
    /// <summary>Pre-activations in <paramref name="gates"/> → activated gates, c' = f ⊙ c + i ⊙ g, tanh c', h' = o ⊙ tanh c'.</summary>
    public static void Forward<T>(Span<T> gates, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int batch, int hidden)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = batch * hidden;
        if (gates.Length < 4 * n || cPrev.Length < n || c.Length < n || tanhC.Length < n || h.Length < n)
            throw new ArgumentException("An LSTM step buffer is shorter than batch × hidden.");
        var s = new Step<T>(gates, cPrev, c, tanhC, h, hidden);
        LaneKernel.Run<ForwardKernel<T>, Step<T>, T>(s, batch, hidden);
    }

    /// <summary>
    /// Undoes <see cref="Forward"/> for one step: from ∂L/∂h' (<paramref name="dy"/> + <paramref name="dh"/>) and
    /// ∂L/∂c' (<paramref name="dc"/>, replaced by ∂L/∂c) writes ∂L/∂(gate pre-activations) into <paramref name="dGates"/>.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dy, ReadOnlySpan<T> dh,
        Span<T> dc, Span<T> dGates, int batch, int hidden)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = batch * hidden;
        if (gates.Length < 4 * n || dGates.Length < 4 * n || cPrev.Length < n || tanhC.Length < n || dy.Length < n || dh.Length < n || dc.Length < n)
            throw new ArgumentException("An LSTM step buffer is shorter than batch × hidden.");
        var s = new BackStep<T>(gates, cPrev, tanhC, dy, dh, dc, dGates, hidden);
        LaneKernel.Run<BackwardKernel<T>, BackStep<T>, T>(s, batch, hidden);
    }

    private readonly struct ForwardKernel<T> : ILaneKernel<Step<T>, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Columns [from, returned) of every row, TL.Count at a time.
        public static int Run<TV, TL>(scoped in Step<T> s, int batch, int from)
            where TV : struct
            where TL : ISimdLanes<TV, T>
        {
            int hidden = s.Hidden, w = TL.Count, j = from;
            for (int b = 0; b < batch; b++)
            {
                ref T row = ref Unsafe.Add(ref s.Gates, b * 4 * hidden);
                int k0 = b * hidden;
                for (j = from; j + w <= hidden; j += w)
                {
                    ref T ai = ref Unsafe.Add(ref row, j);
                    ref T af = ref Unsafe.Add(ref ai, hidden);
                    ref T ag = ref Unsafe.Add(ref af, hidden);
                    ref T ao = ref Unsafe.Add(ref ag, hidden);
                    TV i = TL.Sigmoid(TL.Load(ref ai)), f = TL.Sigmoid(TL.Load(ref af)), g = TL.Tanh(TL.Load(ref ag)), o = TL.Sigmoid(TL.Load(ref ao));
                    TL.Store(i, ref ai); TL.Store(f, ref af); TL.Store(g, ref ag); TL.Store(o, ref ao);
                    int k = k0 + j;
                    TV c = TL.Add(TL.Multiply(f, TL.Load(ref Unsafe.Add(ref s.CPrev, k))), TL.Multiply(i, g)); // c' = f ⊙ c + i ⊙ g
                    TV tc = TL.Tanh(c);
                    TL.Store(c, ref Unsafe.Add(ref s.C, k));
                    TL.Store(tc, ref Unsafe.Add(ref s.TanhC, k));
                    TL.Store(TL.Multiply(o, tc), ref Unsafe.Add(ref s.H, k));                                 // h' = o ⊙ tanh(c')
                }
            }

            return j;
        }
    }

    private readonly struct BackwardKernel<T> : ILaneKernel<BackStep<T>, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static int Run<TV, TL>(scoped in BackStep<T> s, int batch, int from)
            where TV : struct
            where TL : ISimdLanes<TV, T>
        {
            int hidden = s.Hidden, w = TL.Count, j = from;
            TV one = TL.Broadcast(T.One);
            for (int b = 0; b < batch; b++)
            {
                ref T row = ref Unsafe.Add(ref s.Gates, b * 4 * hidden);
                ref T drow = ref Unsafe.Add(ref s.DGates, b * 4 * hidden);
                int k0 = b * hidden;
                for (j = from; j + w <= hidden; j += w)
                {
                    int k = k0 + j;
                    ref T gi = ref Unsafe.Add(ref row, j);
                    TV i = TL.Load(ref gi), f = TL.Load(ref Unsafe.Add(ref gi, hidden)), g = TL.Load(ref Unsafe.Add(ref gi, 2 * hidden)), o = TL.Load(ref Unsafe.Add(ref gi, 3 * hidden));
                    TV tc = TL.Load(ref Unsafe.Add(ref s.TanhC, k));
                    TV dh = TL.Add(TL.Load(ref Unsafe.Add(ref s.Dy, k)), TL.Load(ref Unsafe.Add(ref s.Dh, k)));       // h' feeds the output and the next step
                    ref T dcRef = ref Unsafe.Add(ref s.Dc, k);
                    TV dc = TL.Add(TL.Load(ref dcRef), TL.Multiply(TL.Multiply(dh, o), TL.Subtract(one, TL.Multiply(tc, tc)))); // h' = o ⊙ tanh(c')
                    ref T di = ref Unsafe.Add(ref drow, j);
                    TL.Store(TL.Multiply(TL.Multiply(TL.Multiply(dc, g), i), TL.Subtract(one, i)), ref di);                   // c' = f ⊙ c + i ⊙ g, i = σ(a_i)
                    TL.Store(TL.Multiply(TL.Multiply(TL.Multiply(dc, TL.Load(ref Unsafe.Add(ref s.CPrev, k))), f), TL.Subtract(one, f)), ref Unsafe.Add(ref di, hidden));
                    TL.Store(TL.Multiply(TL.Multiply(dc, i), TL.Subtract(one, TL.Multiply(g, g))), ref Unsafe.Add(ref di, 2 * hidden)); // g = tanh(a_g)
                    TL.Store(TL.Multiply(TL.Multiply(TL.Multiply(dh, tc), o), TL.Subtract(one, o)), ref Unsafe.Add(ref di, 3 * hidden));
                    TL.Store(TL.Multiply(dc, f), ref dcRef);                                                                // ∂c'/∂c = f
                }
            }

            return j;
        }
    }

    private readonly ref struct Step<T>(Span<T> gates, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int hidden)
    {
        public readonly ref T Gates = ref MemoryMarshal.GetReference(gates);
        public readonly ref T CPrev = ref MemoryMarshal.GetReference(cPrev);
        public readonly ref T C = ref MemoryMarshal.GetReference(c);
        public readonly ref T TanhC = ref MemoryMarshal.GetReference(tanhC);
        public readonly ref T H = ref MemoryMarshal.GetReference(h);
        public readonly int Hidden = hidden;
    }

    private readonly ref struct BackStep<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dy, ReadOnlySpan<T> dh,
        Span<T> dc, Span<T> dGates, int hidden)
    {
        public readonly ref T Gates = ref MemoryMarshal.GetReference(gates);
        public readonly ref T CPrev = ref MemoryMarshal.GetReference(cPrev);
        public readonly ref T TanhC = ref MemoryMarshal.GetReference(tanhC);
        public readonly ref T Dy = ref MemoryMarshal.GetReference(dy);
        public readonly ref T Dh = ref MemoryMarshal.GetReference(dh);
        public readonly ref T Dc = ref MemoryMarshal.GetReference(dc);
        public readonly ref T DGates = ref MemoryMarshal.GetReference(dGates);
        public readonly int Hidden = hidden;
    }
}
