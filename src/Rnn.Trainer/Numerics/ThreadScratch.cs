using System;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// Per-thread scratch arrays, grown once, so the products allocate nothing in steady state. One slot per use, because
/// <see cref="Gemm.TransposedMultiplyAdd"/> holds a transposed result and its packed A panel while the tiles pack B.
/// </summary>
internal static class ThreadScratch<T> where T : unmanaged
{
    [ThreadStatic]
    private static AlignedBuffer<T>? s_packedA;

    [ThreadStatic]
    private static AlignedBuffer<T>? s_packedB;

    [ThreadStatic]
    private static AlignedBuffer<T>? s_transposed;

    /// <summary>The packed-A buffer, at least <paramref name="length"/> long.</summary>
    public static Span<T> PackedA(int length) => Grow(ref s_packedA, length);

    /// <summary>The packed-B buffer, at least <paramref name="length"/> long.</summary>
    public static Span<T> PackedB(int length) => Grow(ref s_packedB, length);

    /// <summary>The buffer for a transposed result, at least <paramref name="length"/> long.</summary>
    public static Span<T> Transposed(int length) => Grow(ref s_transposed, length);

    private static Span<T> Grow(ref AlignedBuffer<T>? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new AlignedBuffer<T>(length);
        return buffer.AsSpan(0, length);
    }
}
