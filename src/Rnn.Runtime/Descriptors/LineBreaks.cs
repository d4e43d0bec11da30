namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Line and column of a character offset, counted the way Roslyn counts them (its <c>SourceText.Lines</c>), so
/// the generator's diagnostic location and the reader's own <c>file(line,col)</c> agree: CR, LF, CR LF, U+0085,
/// U+2028 and U+2029 each end a line (CR LF once), and columns count UTF-16 characters from 1.
/// </summary>
internal static class LineBreaks
{
    /// <summary>True for every character Roslyn treats as the end of a line.</summary>
    public static bool IsBreak(char c) => c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';

    /// <summary>
    /// The position of the <paramref name="length"/> characters at <paramref name="offset"/>. Scans the text up to
    /// the offset: positions are computed only for error messages, so tokens need not store them.
    /// </summary>
    public static SourcePosition Locate(string text, int offset, int length)
    {
        // A byte-order mark left in the text is not a column (Roslyn drops it when it decodes the file).
        int lineStart = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1;
        int end = offset < text.Length ? offset : text.Length;
        for (int i = lineStart; i < end; i++)
        {
            char c = text[i];
            if (!IsBreak(c))
                continue;
            // The LF of a CR LF belongs to the break the CR began.
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                if (i + 1 == end)
                    break;
                i++;
            }

            line++;
            lineStart = i + 1;
        }

        if (lineStart > offset)
            lineStart = offset;
        return new SourcePosition(offset, length, line, offset - lineStart + 1);
    }
}
