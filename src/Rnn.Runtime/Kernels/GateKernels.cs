using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Operators;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// The element-wise half of a recurrent step, vectorised over units. Gate blocks sit at multiples of the
/// padded hidden size Hp (a multiple of 8), and state buffers hold Hp values, so every path runs whole
/// vectors with no tails; padding units compute exact zeros and stay zero.
/// </summary>
internal static class GateKernels
{
    /// <summary>LSTM: i, f, g, o = σ, σ, tanh, σ of gates[0, Hp, 2Hp, 3Hp]; c' = f c + i g; h' = o tanh(c').</summary>
    public static void Lstm(ReadOnlySpan<float> gates, Span<float> h, Span<float> c, int padded, SimdPath path)
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float hs = ref MemoryMarshal.GetReference(h);
        ref float cs = ref MemoryMarshal.GetReference(c);
        int k = 0;
        if (path == SimdPath.Vector512)
        {
            for (; k + 16 <= padded; k += 16)
            {
                nuint u = (nuint)k;
                var i = SigmoidOperator.Invoke(Vector512.LoadUnsafe(ref g, u));
                var f = SigmoidOperator.Invoke(Vector512.LoadUnsafe(ref g, u + (nuint)padded));
                var candidate = TanhOperator.Invoke(Vector512.LoadUnsafe(ref g, u + (nuint)(2 * padded)));
                var o = SigmoidOperator.Invoke(Vector512.LoadUnsafe(ref g, u + (nuint)(3 * padded)));
                var cell = Vector512.MultiplyAddEstimate(f, Vector512.LoadUnsafe(ref cs, u), i * candidate);
                cell.StoreUnsafe(ref cs, u);
                (o * TanhOperator.Invoke(cell)).StoreUnsafe(ref hs, u);
            }
        }

        // Vector256 for the whole layer, or for an 8-unit tail after Vector512.
        if (path is SimdPath.Vector256 or SimdPath.Vector512)
        {
            for (; k < padded; k += 8)
            {
                nuint u = (nuint)k;
                var i = SigmoidOperator.Invoke(Vector256.LoadUnsafe(ref g, u));
                var f = SigmoidOperator.Invoke(Vector256.LoadUnsafe(ref g, u + (nuint)padded));
                var candidate = TanhOperator.Invoke(Vector256.LoadUnsafe(ref g, u + (nuint)(2 * padded)));
                var o = SigmoidOperator.Invoke(Vector256.LoadUnsafe(ref g, u + (nuint)(3 * padded)));
                var cell = Vector256.MultiplyAddEstimate(f, Vector256.LoadUnsafe(ref cs, u), i * candidate);
                cell.StoreUnsafe(ref cs, u);
                (o * TanhOperator.Invoke(cell)).StoreUnsafe(ref hs, u);
            }
        }
        else if (path == SimdPath.Vector128)
        {
            for (; k < padded; k += 4)
            {
                nuint u = (nuint)k;
                var i = SigmoidOperator.Invoke(Vector128.LoadUnsafe(ref g, u));
                var f = SigmoidOperator.Invoke(Vector128.LoadUnsafe(ref g, u + (nuint)padded));
                var candidate = TanhOperator.Invoke(Vector128.LoadUnsafe(ref g, u + (nuint)(2 * padded)));
                var o = SigmoidOperator.Invoke(Vector128.LoadUnsafe(ref g, u + (nuint)(3 * padded)));
                var cell = Vector128.MultiplyAddEstimate(f, Vector128.LoadUnsafe(ref cs, u), i * candidate);
                cell.StoreUnsafe(ref cs, u);
                (o * TanhOperator.Invoke(cell)).StoreUnsafe(ref hs, u);
            }
        }

        for (; k < padded; k++)
        {
            float i = SigmoidOperator.Invoke(Unsafe.Add(ref g, k));
            float f = SigmoidOperator.Invoke(Unsafe.Add(ref g, padded + k));
            float candidate = TanhOperator.Invoke(Unsafe.Add(ref g, 2 * padded + k));
            float o = SigmoidOperator.Invoke(Unsafe.Add(ref g, 3 * padded + k));
            float cell = f * Unsafe.Add(ref cs, k) + i * candidate;
            Unsafe.Add(ref cs, k) = cell;
            Unsafe.Add(ref hs, k) = o * TanhOperator.Invoke(cell);
        }
    }

    /// <summary>GRU: r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r gh_n), h' = n + z (h - n).</summary>
    public static void Gru(ReadOnlySpan<float> gx, ReadOnlySpan<float> gh, Span<float> h, int padded, SimdPath path)
    {
        ref float x = ref MemoryMarshal.GetReference(gx);
        ref float r = ref MemoryMarshal.GetReference(gh);
        ref float hs = ref MemoryMarshal.GetReference(h);
        int k = 0;
        if (path == SimdPath.Vector512)
        {
            for (; k + 16 <= padded; k += 16)
            {
                nuint u = (nuint)k, z = u + (nuint)padded, n = u + (nuint)(2 * padded);
                var reset = SigmoidOperator.Invoke(Vector512.LoadUnsafe(ref x, u) + Vector512.LoadUnsafe(ref r, u));
                var update = SigmoidOperator.Invoke(Vector512.LoadUnsafe(ref x, z) + Vector512.LoadUnsafe(ref r, z));
                var candidate = TanhOperator.Invoke(Vector512.MultiplyAddEstimate(reset, Vector512.LoadUnsafe(ref r, n), Vector512.LoadUnsafe(ref x, n)));
                Vector512.MultiplyAddEstimate(update, Vector512.LoadUnsafe(ref hs, u) - candidate, candidate).StoreUnsafe(ref hs, u);
            }
        }

        if (path is SimdPath.Vector256 or SimdPath.Vector512)
        {
            for (; k < padded; k += 8)
            {
                nuint u = (nuint)k, z = u + (nuint)padded, n = u + (nuint)(2 * padded);
                var reset = SigmoidOperator.Invoke(Vector256.LoadUnsafe(ref x, u) + Vector256.LoadUnsafe(ref r, u));
                var update = SigmoidOperator.Invoke(Vector256.LoadUnsafe(ref x, z) + Vector256.LoadUnsafe(ref r, z));
                var candidate = TanhOperator.Invoke(Vector256.MultiplyAddEstimate(reset, Vector256.LoadUnsafe(ref r, n), Vector256.LoadUnsafe(ref x, n)));
                Vector256.MultiplyAddEstimate(update, Vector256.LoadUnsafe(ref hs, u) - candidate, candidate).StoreUnsafe(ref hs, u);
            }
        }
        else if (path == SimdPath.Vector128)
        {
            for (; k < padded; k += 4)
            {
                nuint u = (nuint)k, z = u + (nuint)padded, n = u + (nuint)(2 * padded);
                var reset = SigmoidOperator.Invoke(Vector128.LoadUnsafe(ref x, u) + Vector128.LoadUnsafe(ref r, u));
                var update = SigmoidOperator.Invoke(Vector128.LoadUnsafe(ref x, z) + Vector128.LoadUnsafe(ref r, z));
                var candidate = TanhOperator.Invoke(Vector128.MultiplyAddEstimate(reset, Vector128.LoadUnsafe(ref r, n), Vector128.LoadUnsafe(ref x, n)));
                Vector128.MultiplyAddEstimate(update, Vector128.LoadUnsafe(ref hs, u) - candidate, candidate).StoreUnsafe(ref hs, u);
            }
        }

        for (; k < padded; k++)
        {
            float reset = SigmoidOperator.Invoke(Unsafe.Add(ref x, k) + Unsafe.Add(ref r, k));
            float update = SigmoidOperator.Invoke(Unsafe.Add(ref x, padded + k) + Unsafe.Add(ref r, padded + k));
            float candidate = TanhOperator.Invoke(Unsafe.Add(ref x, 2 * padded + k) + reset * Unsafe.Add(ref r, 2 * padded + k));
            Unsafe.Add(ref hs, k) = candidate + update * (Unsafe.Add(ref hs, k) - candidate);
        }
    }

    /// <summary>Applies <typeparamref name="TOperator"/> to <paramref name="source"/> into <paramref name="destination"/> (lengths a multiple of 8).</summary>
    public static void Apply<TOperator>(ReadOnlySpan<float> source, Span<float> destination, SimdPath path)
        where TOperator : struct, IActivationOperator
    {
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int k = 0, length = source.Length;
        if (path == SimdPath.Vector512)
        {
            for (; k + 16 <= length; k += 16)
                TOperator.Invoke(Vector512.LoadUnsafe(ref s, (nuint)k)).StoreUnsafe(ref d, (nuint)k);
        }

        if (path is SimdPath.Vector256 or SimdPath.Vector512)
        {
            for (; k + 8 <= length; k += 8)
                TOperator.Invoke(Vector256.LoadUnsafe(ref s, (nuint)k)).StoreUnsafe(ref d, (nuint)k);
        }
        else if (path == SimdPath.Vector128)
        {
            for (; k + 4 <= length; k += 4)
                TOperator.Invoke(Vector128.LoadUnsafe(ref s, (nuint)k)).StoreUnsafe(ref d, (nuint)k);
        }

        for (; k < length; k++)
            Unsafe.Add(ref d, k) = TOperator.Invoke(Unsafe.Add(ref s, k));
    }
}
