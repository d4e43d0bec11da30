namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Splits descriptor text into tokens and checks the JSON grammar in the same single pass. Hand-written rather
/// than System.Text.Json so the same source compiles into the netstandard2.0 generator. The pass keeps its own
/// stack of open brackets, at most <see cref="DescriptorLimits.MaxDepth"/> deep, so a file of ten million
/// brackets is refused at bracket 65 having stored 64 tokens; tokens are 8 bytes (<see cref="TokenStore"/>).
/// </summary>
internal sealed partial class JsonLexer
{
    private readonly string _text;
    private readonly string? _filePath;
    private readonly TokenStore _tokens = new();
    private readonly int[] _open = new int[DescriptorLimits.MaxDepth];
    private int _depth;
    private int _offset;

    private JsonLexer(string text, string? filePath)
    {
        _text = text;
        _filePath = filePath;
    }

    // What the grammar allows next.
    private enum Expect
    {
        Value,
        ValueOrEndArray,
        NameOrEndObject,
        Name,
        Colon,
        AfterValue,
    }

    /// <summary>Tokenizes and grammar-checks <paramref name="text"/>; the root value is token 0, the last token is the end of input.</summary>
    public static TokenStore Tokenize(string text, string? filePath)
    {
        var lexer = new JsonLexer(text, filePath);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        if (_text.Length > DescriptorLimits.MaxFileBytes)
            throw new RnnDescriptorException(_filePath, "", default,
                $"the text is {MessageText.Count(_text.Length)} characters, over the limit of {MessageText.Count(DescriptorLimits.MaxFileBytes)} (256 MiB) for a descriptor");
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _offset = 1;
            if (_text.Length > 1 && _text[1] == '\uFEFF')
                throw Malformed(1, 1, "a second byte-order mark (U+FEFF); a descriptor starts with at most one");
        }

        var expect = Expect.Value;
        while (true)
        {
            SkipWhitespace();
            if (_offset >= _text.Length)
            {
                if (expect == Expect.AfterValue && _depth == 0)
                {
                    _tokens.Add(_text.Length, 0);
                    return;
                }

                throw Truncated(Expected(expect));
            }

            char c = _text[_offset];
            switch (expect)
            {
                case Expect.Value:
                case Expect.ValueOrEndArray:
                    if (c == ']' && expect == Expect.ValueOrEndArray)
                    {
                        Close();
                        expect = Expect.AfterValue;
                    }
                    else if (c == '{' || c == '[')
                    {
                        expect = Open(c);
                    }
                    else if (IsValueStart(c))
                    {
                        LexScalar();
                        expect = Expect.AfterValue;
                    }
                    else
                    {
                        throw Unexpected(Expected(expect));
                    }

                    break;
                case Expect.NameOrEndObject:
                case Expect.Name:
                    if (c == '}' && expect == Expect.NameOrEndObject)
                    {
                        Close();
                        expect = Expect.AfterValue;
                    }
                    else if (c == '"')
                    {
                        LexString();
                        expect = Expect.Colon;
                    }
                    else
                    {
                        throw Unexpected(Expected(expect));
                    }

                    break;
                case Expect.Colon:
                    if (c != ':')
                        throw Unexpected(Expected(expect));
                    _offset++;
                    expect = Expect.Value;
                    break;
                default:
                    if (_depth == 0)
                        throw Malformed(_offset, 1, $"unexpected {DescribeHere()} after the end of the document");
                    bool inObject = _text[_tokens.OffsetOf(_open[_depth - 1])] == '{';
                    if (c == ',')
                    {
                        _offset++;
                        expect = inObject ? Expect.Name : Expect.Value;
                    }
                    else if (c == (inObject ? '}' : ']'))
                    {
                        Close();
                    }
                    else
                    {
                        throw Unexpected(Expected(expect));
                    }

                    break;
            }
        }
    }

    private string Expected(Expect expect)
    {
        switch (expect)
        {
            case Expect.Value:
            case Expect.ValueOrEndArray:
                return "a value";
            case Expect.NameOrEndObject:
            case Expect.Name:
                return "a field name in double quotes";
            case Expect.Colon:
                return "':' after the field name";
            default:
                return _text[_tokens.OffsetOf(_open[_depth - 1])] == '{' ? "',' or '}' after a field" : "',' or ']' after an array element";
        }
    }

    private Expect Open(char bracket)
    {
        if (_depth == DescriptorLimits.MaxDepth)
            throw Malformed(_offset, 1, $"nesting deeper than the limit of {DescriptorLimits.MaxDepth} levels");
        _open[_depth++] = _tokens.Add(_offset, 0);
        _offset++;
        return bracket == '{' ? Expect.NameOrEndObject : Expect.ValueOrEndArray;
    }

    private void Close()
    {
        int close = _tokens.Add(_offset, 1);
        _tokens.SetExtent(_open[--_depth], close);
        _offset++;
    }

    private void SkipWhitespace()
    {
        while (_offset < _text.Length)
        {
            char c = _text[_offset];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            _offset++;
        }
    }

    private static bool IsValueStart(char c) =>
        c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n' || c == 'N' || c == 'I';

    private void LexScalar()
    {
        int start = _offset;
        int end = ScanScalar(start);
        _tokens.Add(start, end - start);
        _offset = end;
    }

    /// <summary>The end of the scalar value starting at <paramref name="start"/>; throws if it is not one.</summary>
    private int ScanScalar(int start)
    {
        switch (_text[start])
        {
            case '"': return ScanString(start);
            case 't': return ScanWord(start, "true");
            case 'f': return ScanWord(start, "false");
            case 'n': return ScanWord(start, "null");
            case 'N': return ScanWord(start, "NaN");
            case 'I': return ScanWord(start, "Infinity");
            case '-' when Matches(start, "-Infinity"): return start + "-Infinity".Length;
            default: return ScanNumber(start);
        }
    }

    private void LexString()
    {
        int start = _offset;
        _offset = ScanString(start);
        _tokens.Add(start, _offset - start);
    }

    private bool Matches(int at, string word) =>
        at + word.Length <= _text.Length && string.CompareOrdinal(_text, at, word, 0, word.Length) == 0;

    private int ScanWord(int start, string word)
    {
        if (Matches(start, word))
            return start + word.Length;
        int end = start;
        while (end < _text.Length && end - start < 20 && char.IsLetterOrDigit(_text[end]))
            end++;
        string found = end > start ? _text.Substring(start, end - start) : _text[start].ToString();
        throw Malformed(start, end - start, $"unexpected word '{found}'; expected a JSON value");
    }

    /// <summary>Names what starts at the current offset, for "expected …, found …".</summary>
    private string DescribeHere()
    {
        char c = _text[_offset];
        switch (c)
        {
            case '{': return "an object";
            case '[': return "an array";
            case '}': return "'}'";
            case ']': return "']'";
            case ':': return "':'";
            case ',': return "','";
        }

        if (!IsValueStart(c))
            throw Malformed(_offset, 1, $"unexpected character {Describe(c)}");
        int end = ScanScalar(_offset);
        string raw = _text.Substring(_offset, end - _offset);
        switch (JsonToken.KindAt(_text, _offset))
        {
            case JsonTokenKind.String: return "the string " + MessageText.Shorten(raw);
            case JsonTokenKind.Number: return "the number " + MessageText.Shorten(raw);
            default: return raw;
        }
    }

    internal static string Describe(char c) =>
        c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";

    private RnnDescriptorException Unexpected(string expected)
    {
        char c = _text[_offset];
        if (c != '{' && c != '[' && c != '}' && c != ']' && c != ':' && c != ',' && !IsValueStart(c))
            throw Malformed(_offset, 1, $"unexpected character {Describe(c)}");
        return Malformed(_offset, 1, $"expected {expected}, found {DescribeHere()}");
    }

    private RnnDescriptorException Malformed(int offset, int length, string problem) =>
        new(_filePath, "", LineBreaks.Locate(_text, offset, length), "malformed JSON: " + problem);

    private RnnDescriptorException Truncated(string expected) =>
        new(_filePath, "", LineBreaks.Locate(_text, _text.Length, 0), $"unexpected end of file: expected {expected} (is the file truncated?)");

    private RnnDescriptorException TruncatedInside(int start, string what) =>
        new(_filePath, "", LineBreaks.Locate(_text, start, 0), $"unexpected end of file inside {what} (is the file truncated?)");
}
