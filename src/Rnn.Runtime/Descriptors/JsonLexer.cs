using System.Collections.Generic;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Splits descriptor text into tokens with exact positions. Hand-written rather than System.Text.Json so
/// the same source compiles into the netstandard2.0 generator and every token carries a line and column
/// for diagnostics.
/// </summary>
internal sealed class JsonLexer
{
    private readonly string _text;
    private readonly string? _filePath;
    private readonly List<JsonToken> _tokens = new();
    private int _offset;
    private int _line = 1;
    private int _lineStart;

    private JsonLexer(string text, string? filePath)
    {
        _text = text;
        _filePath = filePath;
    }

    public static List<JsonToken> Tokenize(string text, string? filePath)
    {
        var lexer = new JsonLexer(text, filePath);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
            _offset = _lineStart = 1;
        while (true)
        {
            SkipWhitespace();
            if (_offset >= _text.Length)
            {
                _tokens.Add(new JsonToken(JsonTokenKind.EndOfInput, Here(0)));
                return;
            }

            char c = _text[_offset];
            switch (c)
            {
                case '{': Single(JsonTokenKind.BeginObject); break;
                case '}': Single(JsonTokenKind.EndObject); break;
                case '[': Single(JsonTokenKind.BeginArray); break;
                case ']': Single(JsonTokenKind.EndArray); break;
                case ':': Single(JsonTokenKind.Colon); break;
                case ',': Single(JsonTokenKind.Comma); break;
                case '"': LexString(); break;
                case '-':
                    if (Matches("-Infinity"))
                        Word("-Infinity", JsonTokenKind.NegativeInfinity);
                    else
                        LexNumber();
                    break;
                case 't': Word("true", JsonTokenKind.True); break;
                case 'f': Word("false", JsonTokenKind.False); break;
                case 'n': Word("null", JsonTokenKind.Null); break;
                case 'N': Word("NaN", JsonTokenKind.NaN); break;
                case 'I': Word("Infinity", JsonTokenKind.PositiveInfinity); break;
                default:
                    if (c >= '0' && c <= '9')
                        LexNumber();
                    else
                        throw Malformed(Here(1), $"unexpected character {Describe(c)}");
                    break;
            }
        }
    }

    private void SkipWhitespace()
    {
        while (_offset < _text.Length)
        {
            char c = _text[_offset];
            if (c == '\n')
            {
                _offset++;
                _line++;
                _lineStart = _offset;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _offset++;
            }
            else
            {
                return;
            }
        }
    }

    private SourcePosition Here(int length) => new(_offset, length, _line, _offset - _lineStart + 1);

    private void Single(JsonTokenKind kind)
    {
        _tokens.Add(new JsonToken(kind, Here(1)));
        _offset++;
    }

    private bool Matches(string word) =>
        _offset + word.Length <= _text.Length && string.CompareOrdinal(_text, _offset, word, 0, word.Length) == 0;

    private void Word(string word, JsonTokenKind kind)
    {
        if (!Matches(word))
        {
            int end = _offset;
            while (end < _text.Length && end - _offset < 20 && char.IsLetterOrDigit(_text[end]))
                end++;
            string found = end > _offset ? _text.Substring(_offset, end - _offset) : _text[_offset].ToString();
            throw Malformed(Here(end - _offset), $"unexpected word '{found}'; expected a JSON value");
        }

        _tokens.Add(new JsonToken(kind, Here(word.Length)));
        _offset += word.Length;
    }

    private void LexString()
    {
        var start = Here(0);
        int i = _offset + 1;
        while (true)
        {
            if (i >= _text.Length)
                throw Truncated(start, "a string that never ends");
            char c = _text[i];
            if (c == '"')
                break;
            if (c == '\n' || c == '\r' || c < ' ')
                throw Malformed(new SourcePosition(i, 1, _line, i - _lineStart + 1), "line break or control character inside a string (did a string lose its closing quote?)");
            if (c == '\\')
            {
                if (i + 1 >= _text.Length)
                    throw Truncated(start, "a string that never ends");
                char e = _text[i + 1];
                if (e == 'u')
                {
                    for (int k = 2; k < 6; k++)
                    {
                        if (i + k >= _text.Length)
                            throw Truncated(start, "a string that never ends");
                        if (!IsHex(_text[i + k]))
                            throw Malformed(new SourcePosition(i, 6, _line, i - _lineStart + 1), "invalid \\u escape: expected four hexadecimal digits");
                    }
                    i += 6;
                    continue;
                }

                if ("\"\\/bfnrt".IndexOf(e) < 0)
                    throw Malformed(new SourcePosition(i, 2, _line, i - _lineStart + 1), $"invalid escape '\\{e}'");
                i += 2;
                continue;
            }

            i++;
        }

        int length = i + 1 - _offset;
        _tokens.Add(new JsonToken(JsonTokenKind.String, new SourcePosition(_offset, length, start.Line, start.Column)));
        _offset = i + 1;
    }

    private void LexNumber()
    {
        // JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        int i = _offset;
        if (_text[i] == '-')
            i++;
        if (i >= _text.Length)
            throw Truncated(Here(1), "a number");
        if (_text[i] == '0')
        {
            i++;
        }
        else if (IsDigit(_text[i]))
        {
            while (i < _text.Length && IsDigit(_text[i]))
                i++;
        }
        else
        {
            throw Malformed(Here(i - _offset + 1), "a '-' must be followed by digits");
        }

        if (i < _text.Length && _text[i] == '.')
        {
            i++;
            if (i >= _text.Length || !IsDigit(_text[i]))
                throw Malformed(Here(i - _offset), "a decimal point must be followed by digits");
            while (i < _text.Length && IsDigit(_text[i]))
                i++;
        }

        if (i < _text.Length && (_text[i] == 'e' || _text[i] == 'E'))
        {
            i++;
            if (i < _text.Length && (_text[i] == '+' || _text[i] == '-'))
                i++;
            if (i >= _text.Length || !IsDigit(_text[i]))
                throw Malformed(Here(i - _offset), "an exponent must have digits");
            while (i < _text.Length && IsDigit(_text[i]))
                i++;
        }

        if (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] == '.'))
            throw Malformed(new SourcePosition(i, 1, _line, i - _lineStart + 1), $"unexpected character {Describe(_text[i])} in a number");

        _tokens.Add(new JsonToken(JsonTokenKind.Number, Here(i - _offset)));
        _offset = i;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    internal static string Describe(char c) =>
        c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";

    private RnnDescriptorException Malformed(SourcePosition at, string problem) =>
        new(_filePath, "", at, "malformed JSON: " + problem);

    private RnnDescriptorException Truncated(SourcePosition at, string what) =>
        new(_filePath, "", at, $"unexpected end of file inside {what} (is the file truncated?)");
}
