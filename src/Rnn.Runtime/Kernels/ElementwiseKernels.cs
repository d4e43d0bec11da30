using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// d = op(a, b, d) element by element, on a vector per iteration of the chosen path. The cells that
/// format v2's variants need (peepholes, clipping, hard-sigmoid gates, GRU reset before the product) are
/// composed from these passes instead of one fused kernel per combination: a pass over a gate block of
/// a few dozen floats stays in L1, and the mat-vec products dominate the step anyway. v1 cells keep
/// their fused kernels in <see cref="GateKernels"/>.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>Applies <paramref name="op"/> over d.Length values; a and b are at least as long (pass d for an unused operand).</summary>
    public static void Map<TOperator>(in TOperator op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d, SimdPath path)
        where TOperator : struct, IElementwiseOperator
    {
        if (a.Length < d.Length || b.Length < d.Length)
            throw new ArgumentException("The operands are shorter than the destination.");
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        ref float z = ref MemoryMarshal.GetReference(d);
        int k = 0, length = d.Length;
        if (path == SimdPath.Vector512)
        {
            for (; k + 16 <= length; k += 16)
            {
                nuint u = (nuint)k;
                op.Invoke(Vector512.LoadUnsafe(ref x, u), Vector512.LoadUnsafe(ref y, u), Vector512.LoadUnsafe(ref z, u)).StoreUnsafe(ref z, u);
            }
        }

        if (path is SimdPath.Vector256 or SimdPath.Vector512)
        {
            for (; k + 8 <= length; k += 8)
            {
                nuint u = (nuint)k;
                op.Invoke(Vector256.LoadUnsafe(ref x, u), Vector256.LoadUnsafe(ref y, u), Vector256.LoadUnsafe(ref z, u)).StoreUnsafe(ref z, u);
            }
        }
        else if (path == SimdPath.Vector128)
        {
            for (; k + 4 <= length; k += 4)
            {
                nuint u = (nuint)k;
                op.Invoke(Vector128.LoadUnsafe(ref x, u), Vector128.LoadUnsafe(ref y, u), Vector128.LoadUnsafe(ref z, u)).StoreUnsafe(ref z, u);
            }
        }

        for (; k < length; k++)
            Unsafe.Add(ref z, k) = op.Invoke(Unsafe.Add(ref x, k), Unsafe.Add(ref y, k), Unsafe.Add(ref z, k));
    }

    /// <summary>d = a + b.</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d, SimdPath path) => Map(default(AddOperator), a, b, d, path);

    /// <summary>d = a ⊙ b.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d, SimdPath path) => Map(default(MultiplyOperator), a, b, d, path);

    /// <summary>d = d + a ⊙ b.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d, SimdPath path) => Map(default(MultiplyAddOperator), a, b, d, path);

    /// <summary>d = b + a ⊙ (d - b): the GRU update h' = n + z ⊙ (h - n) = (1 - z) ⊙ n + z ⊙ h with a = z, b = n, d = h.</summary>
    public static void Interpolate(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d, SimdPath path) => Map(default(InterpolateOperator), a, b, d, path);

    /// <summary>d = min(max(d, -limit), limit), ONNX's clip.</summary>
    public static void Clamp(Span<float> d, float limit, SimdPath path) => Map(new ClampOperator(limit), d, d, d, path);

    /// <summary>d = hard_sigmoid(d) = max(0, min(1, α d + β)).</summary>
    public static void HardSigmoid(Span<float> d, float alpha, float beta, SimdPath path) => Map(new HardSigmoidGateOperator(alpha, beta), d, d, d, path);
}
