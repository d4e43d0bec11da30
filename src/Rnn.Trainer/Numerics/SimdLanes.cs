using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Operators;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// One vector width for kernels written once: the products and the gate math are generic over the lanes,
/// and the JIT specialises them for <see cref="Vector512{T}"/> (AVX-512: 32 registers, so wider register
/// tiles) and <see cref="Vector256{T}"/> (AVX2, 16 registers). Arithmetic goes through methods: the vectors'
/// operator interfaces do not satisfy generic constraints here.
/// </summary>
internal interface ISimdLanes<TVector, T>
    where TVector : struct
    where T : unmanaged
{
    /// <summary>Values per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether 32 vector registers hold a 4 × 4 or 8 × 2 tile of accumulators without spilling.</summary>
    static abstract bool ManyRegisters { get; }

    static abstract TVector Load(ref T source);

    static abstract void Store(TVector value, ref T destination);

    static abstract TVector Broadcast(T value);

    /// <summary>x·y + z with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector x, TVector y, TVector z);

    static abstract TVector Add(TVector x, TVector y);

    static abstract TVector Subtract(TVector x, TVector y);

    static abstract TVector Multiply(TVector x, TVector y);

    static abstract TVector Divide(TVector x, TVector y);

    static abstract TVector Sqrt(TVector x);

    /// <summary>1 / (1 + e^-x): in float the runtime's operator (what the interpreter and generated code run), in double exact.</summary>
    static abstract TVector Sigmoid(TVector x);

    /// <summary>tanh x: in float the runtime's operator, in double exact.</summary>
    static abstract TVector Tanh(TVector x);

    /// <summary>max(x, 0).</summary>
    static abstract TVector Relu(TVector x);
}

/// <summary>AVX-512 lanes.</summary>
internal readonly struct Lanes512<T> : ISimdLanes<Vector512<T>, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static bool ManyRegisters => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> x, Vector512<T> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> x, Vector512<T> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> x, Vector512<T> y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> x) => Vector512.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sigmoid(Vector512<T> x) =>
        typeof(T) == typeof(float) ? SigmoidOperator.Invoke(x.AsSingle()).As<float, T>() : ExactLanes.Map<Vector512<T>, T>(x, Lanes1<T>.Sigmoid);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh(Vector512<T> x) =>
        typeof(T) == typeof(float) ? TanhOperator.Invoke(x.AsSingle()).As<float, T>() : ExactLanes.Map<Vector512<T>, T>(x, Lanes1<T>.Tanh);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Relu(Vector512<T> x) => Vector512.Max(x, Vector512<T>.Zero);
}

/// <summary>AVX2 lanes.</summary>
internal readonly struct Lanes256<T> : ISimdLanes<Vector256<T>, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static bool ManyRegisters => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> x, Vector256<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> x, Vector256<T> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> x, Vector256<T> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> x, Vector256<T> y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> x) => Vector256.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sigmoid(Vector256<T> x) =>
        typeof(T) == typeof(float) ? SigmoidOperator.Invoke(x.AsSingle()).As<float, T>() : ExactLanes.Map<Vector256<T>, T>(x, Lanes1<T>.Sigmoid);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Tanh(Vector256<T> x) =>
        typeof(T) == typeof(float) ? TanhOperator.Invoke(x.AsSingle()).As<float, T>() : ExactLanes.Map<Vector256<T>, T>(x, Lanes1<T>.Tanh);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Relu(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);
}

/// <summary>
/// One value as a vector of one lane: the tails of the element-wise kernels, which run the same generic body
/// as the vector lanes. Float activations are the runtime operators' scalar forms (as its tails use).
/// </summary>
internal readonly struct Lanes1<T> : ISimdLanes<T, T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static bool ManyRegisters => false;

    public static T Load(ref T source) => source;

    public static void Store(T value, ref T destination) => destination = value;

    public static T Broadcast(T value) => value;

    public static T MultiplyAdd(T x, T y, T z) => T.FusedMultiplyAdd(x, y, z);

    public static T Add(T x, T y) => x + y;

    public static T Subtract(T x, T y) => x - y;

    public static T Multiply(T x, T y) => x * y;

    public static T Divide(T x, T y) => x / y;

    public static T Sqrt(T x) => T.Sqrt(x);

    public static T Sigmoid(T x) =>
        typeof(T) == typeof(float) ? T.CreateTruncating(SigmoidOperator.Invoke(float.CreateTruncating(x))) : T.One / (T.One + T.Exp(-x));

    public static T Tanh(T x) => typeof(T) == typeof(float) ? T.CreateTruncating(TanhOperator.Invoke(float.CreateTruncating(x))) : T.Tanh(x);

    public static T Relu(T x) => T.Max(x, T.Zero);
}

/// <summary>Exact double activations lane by lane (gradient checks only; float never comes here).</summary>
internal static class ExactLanes
{
    public static TVector Map<TVector, T>(TVector x, Func<T, T> f) where TVector : struct where T : unmanaged
    {
        var lanes = MemoryMarshal.CreateSpan(ref Unsafe.As<TVector, T>(ref x), Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>());
        for (int i = 0; i < lanes.Length; i++)
            lanes[i] = f(lanes[i]);
        return x;
    }
}
