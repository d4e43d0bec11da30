namespace Rnn.Runtime.Descriptors;

/// <summary>Strings and numbers: their grammar, the Unicode rules for strings and the length limit for numbers.</summary>
internal sealed partial class JsonLexer
{
    /// <summary>The end of the string starting with the quote at <paramref name="start"/>.</summary>
    private int ScanString(int start)
    {
        int i = start + 1;
        while (true)
        {
            if (i >= _text.Length)
                throw TruncatedInside(start, "a string that never ends");
            char c = _text[i];
            if (c == '"')
                return i + 1;
            if (c < ' ')
                throw Malformed(i, 1, "line break or control character inside a string (did a string lose its closing quote?)");
            if (c == '\\')
            {
                i = ScanEscape(start, i);
                continue;
            }

            // Text given as a .NET string (not decoded from UTF-8 by this reader) can hold half a surrogate pair.
            if (char.IsHighSurrogate(c) && i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1]))
            {
                i += 2;
                continue;
            }

            if (char.IsSurrogate(c))
                throw Malformed(i, 1, $"an unpaired surrogate {Describe(c)} inside a string; expected Unicode text");
            i++;
        }
    }

    /// <summary>The end of the escape at <paramref name="i"/> (a backslash) in the string starting at <paramref name="start"/>.</summary>
    private int ScanEscape(int start, int i)
    {
        if (i + 1 >= _text.Length)
            throw TruncatedInside(start, "a string that never ends");
        char e = _text[i + 1];
        if (e != 'u')
        {
            if ("\"\\/bfnrt".IndexOf(e) < 0)
                throw Malformed(i, 2, $"invalid escape '\\{Describe(e).Trim('\'')}'");
            return i + 2;
        }

        int unit = HexEscape(start, i);
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            throw Malformed(i, 6, $"the escape {_text.Substring(i, 6)} is a lone low surrogate; expected Unicode text (a low surrogate only follows a high one, \\ud800-\\udbff)");
        if (unit < 0xD800 || unit > 0xDBFF)
            return i + 6;
        // A high surrogate escape must be followed at once by a low one: together they are one character.
        if (i + 12 <= _text.Length && _text[i + 6] == '\\' && _text[i + 7] == 'u')
        {
            int low = HexEscape(start, i + 6);
            if (low >= 0xDC00 && low <= 0xDFFF)
                return i + 12;
        }

        throw Malformed(i, 6, $"the escape {_text.Substring(i, 6)} is a high surrogate not followed by a low surrogate escape (\\udc00-\\udfff); expected Unicode text");
    }

    /// <summary>The UTF-16 unit of the <c>\uXXXX</c> escape at <paramref name="i"/>.</summary>
    private int HexEscape(int start, int i)
    {
        int unit = 0;
        for (int k = 2; k < 6; k++)
        {
            if (i + k >= _text.Length)
                throw TruncatedInside(start, "a string that never ends");
            int digit = HexValue(_text[i + k]);
            if (digit < 0)
                throw Malformed(i, 6, "invalid \\u escape: expected four hexadecimal digits");
            unit = unit * 16 + digit;
        }

        return unit;
    }

    private static int HexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    /// <summary>The end of the number starting at <paramref name="start"/>, at most <see cref="DescriptorLimits.MaxNumberLength"/> characters.</summary>
    private int ScanNumber(int start)
    {
        // JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        int i = start;
        if (_text[i] == '-')
            i++;
        if (i >= _text.Length)
            throw TruncatedInside(start, "a number");
        if (_text[i] == '0')
            i++;
        else if (IsDigit(_text[i]))
            i = SkipDigits(i);
        else
            throw Malformed(start, i - start + 1, "a '-' must be followed by digits");

        if (i < _text.Length && _text[i] == '.')
        {
            i++;
            if (i >= _text.Length || !IsDigit(_text[i]))
                throw Malformed(start, i - start, "a decimal point must be followed by digits");
            i = SkipDigits(i);
        }

        if (i < _text.Length && (_text[i] == 'e' || _text[i] == 'E'))
        {
            i++;
            if (i < _text.Length && (_text[i] == '+' || _text[i] == '-'))
                i++;
            if (i >= _text.Length || !IsDigit(_text[i]))
                throw Malformed(start, i - start, "an exponent must have digits");
            i = SkipDigits(i);
        }

        if (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] == '.'))
            throw Malformed(i, 1, $"unexpected character {Describe(_text[i])} in a number");
        if (i - start > DescriptorLimits.MaxNumberLength)
            throw Malformed(start, i - start,
                $"a number of {MessageText.Count(i - start)} characters, longer than the limit of {MessageText.Count(DescriptorLimits.MaxNumberLength)} characters for a number");
        return i;
    }

    private int SkipDigits(int i)
    {
        while (i < _text.Length && IsDigit(_text[i]))
            i++;
        return i;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
