using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rnn.Runtime;

/// <summary>
/// Turns the weight image a generated model carries (its packed float32 weights, little-endian, as base64
/// text in a UTF-8 literal: data in the assembly image, compiled in seconds however large) into the buffer
/// its steps read: decoded once, on first use, into a pinned array whose data starts on a 64-byte boundary,
/// so every Vector512 (and Vector256) load of a panel stays inside one cache line. Not meant to be called
/// directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightImage
{
    /// <summary>The alignment of the first weight, in bytes: one cache line, one Vector512.</summary>
    public const int Alignment = 64;

    private const int FloatsPerLine = Alignment / sizeof(float);

    /// <summary>
    /// Decodes <paramref name="count"/> floats from <paramref name="base64"/> (standard alphabet with padding;
    /// line breaks are skipped). The floats start at <see cref="AlignedStart"/> of the returned array.
    /// </summary>
    /// <exception cref="FormatException">The text is not base64 of exactly <paramref name="count"/> floats.</exception>
    public static float[] Decode(ReadOnlySpan<byte> base64, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Pinned: the array never moves, so the aligned start found once stays aligned.
        var data = GC.AllocateArray<float>(count + FloatsPerLine, pinned: true);
        int start = AlignedStart(data);
        Span<byte> bytes = MemoryMarshal.AsBytes(data.AsSpan(start, count));
        int written = 0, bits = 0, pending = 0, padding = 0;
        foreach (byte c in base64)
        {
            int value = c switch
            {
                >= (byte)'A' and <= (byte)'Z' => c - 'A',
                >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
                >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
                (byte)'+' => 62,
                (byte)'/' => 63,
                (byte)'=' => -2,
                (byte)'\n' or (byte)'\r' => -1,
                _ => throw new FormatException($"The weight image holds a byte 0x{c:X2} that is not base64."),
            };
            if (value == -1)
                continue;
            if (value == -2)
            {
                padding++;
                continue;
            }

            if (padding > 0)
                throw new FormatException("The weight image continues after its padding.");
            pending = (pending << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                if (written == bytes.Length)
                    throw new FormatException($"The weight image holds more than {count} floats.");
                bytes[written++] = (byte)(pending >> bits);
                pending &= (1 << bits) - 1;
            }
        }

        if (written != bytes.Length)
            throw new FormatException($"The weight image holds {written} bytes, expected {bytes.Length} bytes ({count} floats).");
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<byte, int>(bytes);
            for (int i = 0; i < words.Length; i++)
                words[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words[i]);
        }

        return data;
    }

    /// <summary>The index of the first element of <paramref name="data"/> (a pinned array) on a 64-byte boundary.</summary>
    public static int AlignedStart(float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // The array's address as a number, without unsafe code: its byte distance from the null reference.
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetArrayDataReference(data));
        int misalignment = (int)(address & (Alignment - 1));
        return misalignment == 0 ? 0 : (Alignment - misalignment) / sizeof(float);
    }
}
