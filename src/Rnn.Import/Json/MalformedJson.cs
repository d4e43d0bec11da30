using System;
using System.Text.Json;

namespace Rnn.Import.Json;

/// <summary>What is wrong with text the JSON parser rejected, said so that a user can find and fix it.</summary>
internal static class MalformedJson
{
    /// <summary>
    /// Python's <c>json.dump</c> writes these for non-finite floats by default, though JSON has no such values;
    /// a model file holding one has a weight that is not a number, which no importer could use anyway.
    /// </summary>
    private static readonly string[] s_pythonNonFinite = ["NaN", "-Infinity", "Infinity"];

    /// <summary><c>malformed JSON at line L, byte B: reason</c>, with the parser's reason and, for NaN or Infinity, why the file holds one.</summary>
    public static string Describe(ReadOnlySpan<byte> text, JsonException e)
    {
        long line = e.LineNumber ?? 0, byteInLine = e.BytePositionInLine ?? 0;
        int offset = OffsetOf(text, line, byteInLine);
        // The parser stops at the I of -Infinity (the minus sign began a number): the token starts one byte back.
        if (offset > 0 && byteInLine > 0 && text[offset - 1] == (byte)'-')
        {
            offset--;
            byteInLine--;
        }

        string where = $"malformed JSON at line {line + 1}, byte {byteInLine + 1}";
        if (offset >= text.Length)
            return $"{where}: the file ends before the JSON value does (is it truncated?)";
        var rest = text[offset..];
        foreach (string token in s_pythonNonFinite)
        {
            if (rest.StartsWith(System.Text.Encoding.ASCII.GetBytes(token)))
                return $"{where}: {token} is not a JSON number (Python's json module writes it for a non-finite float); the model holds a weight or setting that is not finite";
        }

        return $"{where}: {Reason(e.Message)}";
    }

    /// <summary>Null for valid UTF-8; otherwise where the first byte that is not UTF-8 is (<c>line L, byte B</c>).</summary>
    public static string? FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        if (System.Text.Unicode.Utf8.IsValid(text))
            return null;
        int offset = 0, line = 0, lineStart = 0;
        while (System.Text.Rune.DecodeFromUtf8(text[offset..], out _, out int length) == System.Buffers.OperationStatus.Done)
        {
            if (text[offset] == (byte)'\n')
            {
                line++;
                lineStart = offset + 1;
            }

            offset += length;
        }

        return $"the file is not UTF-8 text: byte 0x{text[offset]:X2} at line {line + 1}, byte {offset - lineStart + 1} is not valid UTF-8; expected UTF-8 (what Python's json module writes)";
    }

    /// <summary>The byte offset of (line, byte in line), both counted from 0 as System.Text.Json reports them.</summary>
    private static int OffsetOf(ReadOnlySpan<byte> text, long line, long byteInLine)
    {
        int offset = 0;
        for (long l = 0; l < line; l++)
        {
            int next = text[offset..].IndexOf((byte)'\n');
            if (next < 0)
                return text.Length;
            offset += next + 1;
        }

        return (int)Math.Min(text.Length, offset + byteInLine);
    }

    /// <summary>The parser's first sentence, without the line and position it also appends (they are given already).</summary>
    private static string Reason(string message)
    {
        foreach (string tail in new[] { " Path:", " LineNumber:" })
        {
            int end = message.IndexOf(tail, StringComparison.Ordinal);
            if (end >= 0)
                message = message[..end];
        }

        return message.TrimEnd('.', ' ');
    }
}
