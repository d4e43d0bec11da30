using System.Text;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Descriptor bytes to text: UTF-8 only, as the format specifies. A UTF-16 or UTF-32 byte-order mark, a second
/// UTF-8 one and every byte sequence that is not UTF-8 (overlong forms, encoded surrogates, code points beyond
/// U+10FFFF, sequences cut short, stray continuation bytes) are refused with the line and column where they start.
/// </summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks and decodes <paramref name="count"/> bytes; a leading UTF-8 byte-order mark is dropped (as Roslyn drops it).</summary>
    public static string Decode(byte[] bytes, int count, string? filePath)
    {
        string? foreign = ForeignEncoding(bytes, count);
        if (foreign is not null)
            throw new RnnDescriptorException(filePath, "", new SourcePosition(0, 0, 1, 1),
                $"the file is {foreign}; descriptors are UTF-8 text: save it as UTF-8");
        int start = HasUtf8Mark(bytes, 0, count) ? 3 : 0;
        if (HasUtf8Mark(bytes, start, count) && start > 0)
            throw new RnnDescriptorException(filePath, "", new SourcePosition(0, 0, 1, 1),
                "the file starts with two UTF-8 byte-order marks (EF BB BF EF BB BF); expected at most one");
        Validate(bytes, start, count, filePath);
        return s_strict.GetString(bytes, start, count - start);
    }

    private static bool HasUtf8Mark(byte[] bytes, int at, int count) =>
        count - at >= 3 && bytes[at] == 0xEF && bytes[at + 1] == 0xBB && bytes[at + 2] == 0xBF;

    /// <summary>The encoding a byte-order mark (or a UTF-16 text's zero bytes) says the file is in, or null.</summary>
    private static string? ForeignEncoding(byte[] b, int count)
    {
        // UTF-32 LE's mark begins with UTF-16 LE's, so it is tested first.
        if (count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
            return "UTF-32 little-endian (it starts with the byte-order mark FF FE 00 00)";
        if (count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
            return "UTF-32 big-endian (it starts with the byte-order mark 00 00 FE FF)";
        if (count >= 2 && b[0] == 0xFF && b[1] == 0xFE)
            return "UTF-16 little-endian (it starts with the byte-order mark FF FE; Windows PowerShell's > writes that)";
        if (count >= 2 && b[0] == 0xFE && b[1] == 0xFF)
            return "UTF-16 big-endian (it starts with the byte-order mark FE FF)";
        // JSON text starts with an ASCII character; in UTF-16 without a mark, one of its first two bytes is zero.
        if (count >= 2 && (b[0] == 0) != (b[1] == 0))
            return b[0] == 0 ? "UTF-16 big-endian (a zero byte before the first character)" : "UTF-16 little-endian (a zero byte after the first character)";
        return null;
    }

    /// <summary>Throws at the first byte sequence that is not UTF-8, naming its line and column (counted in UTF-16 characters, as Roslyn does).</summary>
    private static void Validate(byte[] bytes, int start, int count, string? filePath)
    {
        int line = 1, column = 1, chars = 0;
        bool afterCr = false;
        for (int i = start; i < count;)
        {
            byte b = bytes[i];
            int length, codePoint;
            if (b < 0x80)
            {
                length = 1;
                codePoint = b;
            }
            else
            {
                string? problem = Sequence(bytes, i, count, out length, out codePoint);
                if (problem is not null)
                    throw new RnnDescriptorException(filePath, "", new SourcePosition(chars, 1, line, column),
                        $"the file is not UTF-8 text: {problem} (byte 0x{b:X2} at byte offset {MessageText.Count(i)}); descriptors are UTF-8 text");
            }

            i += length;
            int units = codePoint >= 0x10000 ? 2 : 1;
            chars += units;
            // Line breaks as Roslyn counts them (see LineBreaks): CR LF is one.
            bool isBreak = codePoint == '\r' || codePoint == 0x85 || codePoint == 0x2028 || codePoint == 0x2029 || (codePoint == '\n' && !afterCr);
            if (isBreak)
            {
                line++;
                column = 1;
            }
            else if (codePoint != '\n')
            {
                column += units;
            }

            afterCr = codePoint == '\r';
        }
    }

    /// <summary>Null when a valid multi-byte sequence starts at <paramref name="i"/>; otherwise what is wrong with it.</summary>
    private static string? Sequence(byte[] bytes, int i, int count, out int length, out int codePoint)
    {
        byte b = bytes[i];
        length = 1;
        codePoint = 0;
        if (b < 0xC0)
            return "a continuation byte with no lead byte before it";
        if (b < 0xC2)
            return "an overlong encoding of an ASCII character";
        if (b > 0xF4)
            return "a byte that never occurs in UTF-8";
        length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        codePoint = b & (0x7F >> length);
        for (int k = 1; k < length; k++)
        {
            if (i + k >= count || (bytes[i + k] & 0xC0) != 0x80)
            {
                length = 1;
                return i + k >= count ? "a multi-byte sequence cut short by the end of the file" : "a multi-byte sequence cut short";
            }

            codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
        }

        if ((length == 3 && codePoint < 0x800) || (length == 4 && codePoint < 0x10000))
            return "an overlong encoding";
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF)
            return $"the UTF-16 surrogate U+{codePoint:X4} encoded as UTF-8";
        if (codePoint > 0x10FFFF)
            return $"a code point beyond U+10FFFF";
        return null;
    }
}
