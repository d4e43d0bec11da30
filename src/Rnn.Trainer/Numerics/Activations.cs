using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Operators;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// Element-wise activations over spans. In float they are the runtime's own vector operators (the same
/// tanh and sigmoid the interpreter and generated code run, max error 3.2e-7); in double they are the exact
/// functions, so gradient checks compare derivatives of exactly the function being differentiated.
/// </summary>
internal static class Activations
{
    /// <summary>y = tanh(x), in place allowed.</summary>
    public static void Tanh<T>(Span<T> values) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Apply<TanhOperator>(MemoryMarshal.Cast<T, float>(values));
            return;
        }

        for (int i = 0; i < values.Length; i++)
            values[i] = T.Tanh(values[i]);
    }

    /// <summary>y = 1 / (1 + e^-x), in place.</summary>
    public static void Sigmoid<T>(Span<T> values) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Apply<SigmoidOperator>(MemoryMarshal.Cast<T, float>(values));
            return;
        }

        for (int i = 0; i < values.Length; i++)
            values[i] = T.One / (T.One + T.Exp(-values[i]));
    }

    /// <summary>y = max(0, x), in place.</summary>
    public static void Relu<T>(Span<T> values) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = T.Max(values[i], T.Zero);
    }

    private static void Apply<TOperator>(Span<float> values) where TOperator : IActivationOperator
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= values.Length; i += 8)
                TOperator.Invoke(Vector256.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref v, (nuint)i);
        }

        for (; i < values.Length; i++)
            Unsafe.Add(ref v, i) = TOperator.Invoke(Unsafe.Add(ref v, i));
    }
}
