using System;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// The same region of every stream's buffer in a batch: stream k's copy is
/// <c>Data[Offset + k · Stride, Offset + k · Stride + Length)</c>. Batched kernels take these where the
/// single-stream kernels take one span, so a batch is B streams laid out one after another in one array.
/// </summary>
internal readonly ref struct StreamSet
{
    private readonly Span<float> _data;

    public StreamSet(Span<float> data, int offset, int stride, int length, int count)
    {
        if (count < 0 || length < 0 || offset < 0 || (count > 0 && offset + (long)(count - 1) * stride + length > data.Length))
            throw new ArgumentException("The streams do not fit in the buffer.", nameof(data));
        _data = data;
        Offset = offset;
        Stride = stride;
        Length = length;
        Count = count;
    }

    /// <summary>Where stream 0's region starts.</summary>
    public int Offset { get; }

    /// <summary>Floats from one stream's region to the next's.</summary>
    public int Stride { get; }

    /// <summary>Floats in each stream's region.</summary>
    public int Length { get; }

    /// <summary>Streams in the batch.</summary>
    public int Count { get; }

    /// <summary>Stream <paramref name="stream"/>'s region.</summary>
    public Span<float> this[int stream] => _data.Slice(Offset + stream * Stride, Length);

    /// <summary>The part [start, start + length) of every stream's region.</summary>
    public StreamSet Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
            throw new ArgumentOutOfRangeException(nameof(start));
        return new StreamSet(_data, Offset + start, Stride, length, Count);
    }
}
