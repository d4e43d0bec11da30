using System;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// Per-thread scratch arrays, grown once, so the products allocate nothing in steady state. One slot per use, because
/// <see cref="Gemm.TransposedMultiplyAdd"/> holds a transposed result and its packed A panel while the tiles pack B.
/// </summary>
internal static class ThreadScratch<T>
{
    [ThreadStatic]
    private static T[]? s_packedA;

    [ThreadStatic]
    private static T[]? s_packedB;

    [ThreadStatic]
    private static T[]? s_transposed;

    /// <summary>The packed-A buffer, at least <paramref name="length"/> long.</summary>
    public static T[] PackedA(int length) => Grow(ref s_packedA, length);

    /// <summary>The packed-B buffer, at least <paramref name="length"/> long.</summary>
    public static T[] PackedB(int length) => Grow(ref s_packedB, length);

    /// <summary>The buffer for a transposed result, at least <paramref name="length"/> long.</summary>
    public static T[] Transposed(int length) => Grow(ref s_transposed, length);

    private static T[] Grow(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new T[length];
        return buffer;
    }
}
