using System.Collections.Generic;
using System.Text;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// A descriptor's tokens after a full grammar check, so the descriptor parser can walk a structure it
/// knows is well-formed and only has to judge meaning. Keeps the text to decode strings and numbers lazily.
/// </summary>
internal sealed class TokenizedJson
{
    private const int MaxDepth = 64;

    private readonly List<JsonToken> _tokens;
    private readonly int[] _valueEnd;

    private TokenizedJson(string text, string? filePath, List<JsonToken> tokens)
    {
        Text = text;
        FilePath = filePath;
        _tokens = tokens;
        _valueEnd = new int[tokens.Count];
    }

    public string Text { get; }

    public string? FilePath { get; }

    public JsonToken this[int index] => _tokens[index];

    /// <summary>Lexes and checks <paramref name="text"/>; the root value starts at token 0.</summary>
    public static TokenizedJson Parse(string text, string? filePath)
    {
        var document = new TokenizedJson(text, filePath, JsonLexer.Tokenize(text, filePath));
        int end = document.CheckValue(0, 0);
        var next = document._tokens[end];
        if (next.Kind != JsonTokenKind.EndOfInput)
            throw document.Malformed(next.Position, $"unexpected {document.DescribeToken(end)} after the end of the document");
        return document;
    }

    /// <summary>Index of the first token after the value that starts at <paramref name="index"/>.</summary>
    public int SkipValue(int index) => _valueEnd[index];

    /// <summary>The decoded value of a string token.</summary>
    public string GetString(int index)
    {
        var position = _tokens[index].Position;
        int start = position.Offset + 1, end = position.Offset + position.Length - 1;
        if (Text.IndexOf('\\', start, end - start) < 0)
            return Text.Substring(start, end - start);

        var builder = new StringBuilder(end - start);
        for (int i = start; i < end; i++)
        {
            char c = Text[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            char e = Text[++i];
            switch (e)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)int.Parse(Text.Substring(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(e); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The raw text of a token, e.g. the digits of a number.</summary>
    public string GetRawText(int index)
    {
        var position = _tokens[index].Position;
        return Text.Substring(position.Offset, position.Length);
    }

    /// <summary>Names a token for an error message: <c>the string "32"</c>, <c>the number 1.5</c>, <c>an object</c>.</summary>
    public string DescribeToken(int index)
    {
        var token = _tokens[index];
        switch (token.Kind)
        {
            case JsonTokenKind.BeginObject: return "an object";
            case JsonTokenKind.BeginArray: return "an array";
            case JsonTokenKind.EndObject: return "'}'";
            case JsonTokenKind.EndArray: return "']'";
            case JsonTokenKind.Colon: return "':'";
            case JsonTokenKind.Comma: return "','";
            case JsonTokenKind.String: return "the string " + Shorten(GetRawText(index));
            case JsonTokenKind.Number: return "the number " + Shorten(GetRawText(index));
            case JsonTokenKind.EndOfInput: return "the end of the file";
            default: return GetRawText(index);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

    private int CheckValue(int index, int depth)
    {
        var token = _tokens[index];
        int end;
        switch (token.Kind)
        {
            case JsonTokenKind.BeginObject:
                end = CheckObject(index, depth + 1);
                break;
            case JsonTokenKind.BeginArray:
                end = CheckArray(index, depth + 1);
                break;
            case JsonTokenKind.String:
            case JsonTokenKind.Number:
            case JsonTokenKind.True:
            case JsonTokenKind.False:
            case JsonTokenKind.Null:
            case JsonTokenKind.NaN:
            case JsonTokenKind.PositiveInfinity:
            case JsonTokenKind.NegativeInfinity:
                end = index + 1;
                break;
            default:
                throw Unexpected(index, "a value");
        }

        _valueEnd[index] = end;
        return end;
    }

    private int CheckObject(int index, int depth)
    {
        if (depth > MaxDepth)
            throw Malformed(_tokens[index].Position, $"nesting deeper than {MaxDepth} levels");
        int i = index + 1;
        if (_tokens[i].Kind == JsonTokenKind.EndObject)
            return i + 1;
        while (true)
        {
            if (_tokens[i].Kind != JsonTokenKind.String)
                throw Unexpected(i, "a field name in double quotes");
            i++;
            if (_tokens[i].Kind != JsonTokenKind.Colon)
                throw Unexpected(i, "':' after the field name");
            i = CheckValue(i + 1, depth);
            var kind = _tokens[i].Kind;
            if (kind == JsonTokenKind.EndObject)
                return i + 1;
            if (kind != JsonTokenKind.Comma)
                throw Unexpected(i, "',' or '}' after a field");
            i++;
        }
    }

    private int CheckArray(int index, int depth)
    {
        if (depth > MaxDepth)
            throw Malformed(_tokens[index].Position, $"nesting deeper than {MaxDepth} levels");
        int i = index + 1;
        if (_tokens[i].Kind == JsonTokenKind.EndArray)
            return i + 1;
        while (true)
        {
            i = CheckValue(i, depth);
            var kind = _tokens[i].Kind;
            if (kind == JsonTokenKind.EndArray)
                return i + 1;
            if (kind != JsonTokenKind.Comma)
                throw Unexpected(i, "',' or ']' after an array element");
            i++;
        }
    }

    private RnnDescriptorException Unexpected(int index, string expected)
    {
        var token = _tokens[index];
        if (token.Kind == JsonTokenKind.EndOfInput)
            return new RnnDescriptorException(FilePath, "", token.Position, $"unexpected end of file: expected {expected} (is the file truncated?)");
        return Malformed(token.Position, $"expected {expected}, found {DescribeToken(index)}");
    }

    private RnnDescriptorException Malformed(SourcePosition at, string problem) =>
        new(FilePath, "", at, "malformed JSON: " + problem);
}
