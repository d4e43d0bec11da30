using System.Text;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// A descriptor's tokens after a full grammar check, so the descriptor parser can walk a structure it
/// knows is well-formed and only has to judge meaning. Keeps the text to decode strings and numbers lazily.
/// </summary>
internal sealed class TokenizedJson
{
    private readonly TokenStore _tokens;

    private TokenizedJson(string text, string? filePath, TokenStore tokens)
    {
        Text = text;
        FilePath = filePath;
        _tokens = tokens;
    }

    public string Text { get; }

    public string? FilePath { get; }

    /// <summary>The token at <paramref name="index"/>; the root value is token 0, and every value is followed by a token.</summary>
    public JsonToken this[int index]
    {
        get
        {
            int offset = _tokens.OffsetOf(index);
            var kind = JsonToken.KindAt(Text, offset);
            int length = kind == JsonTokenKind.BeginObject || kind == JsonTokenKind.BeginArray ? 1 : _tokens.ExtentOf(index);
            return new JsonToken(kind, offset, length);
        }
    }

    /// <summary>Lexes and grammar-checks <paramref name="text"/> (see <see cref="JsonLexer"/>).</summary>
    public static TokenizedJson Parse(string text, string? filePath) =>
        new(text, filePath, JsonLexer.Tokenize(text, filePath));

    /// <summary>Index of the first token after the value that starts at <paramref name="index"/>.</summary>
    public int SkipValue(int index)
    {
        char first = Text[_tokens.OffsetOf(index)];
        return first == '{' || first == '[' ? _tokens.ExtentOf(index) + 1 : index + 1;
    }

    /// <summary>Line and column of a token, for an error message (computed by scanning the text, so not in a loop).</summary>
    public SourcePosition PositionOf(int index)
    {
        var token = this[index];
        return LineBreaks.Locate(Text, token.Offset, token.Length);
    }

    /// <summary>The decoded value of a string token.</summary>
    public string GetString(int index)
    {
        var token = this[index];
        int start = token.Offset + 1, end = token.Offset + token.Length - 1;
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
        var token = this[index];
        return Text.Substring(token.Offset, token.Length);
    }

    /// <summary>Names a token for an error message: <c>the string "32"</c>, <c>the number 1.5</c>, <c>an object</c>.</summary>
    public string DescribeToken(int index)
    {
        switch (this[index].Kind)
        {
            case JsonTokenKind.BeginObject: return "an object";
            case JsonTokenKind.BeginArray: return "an array";
            case JsonTokenKind.EndObject: return "'}'";
            case JsonTokenKind.EndArray: return "']'";
            case JsonTokenKind.String: return "the string " + MessageText.Shorten(GetRawText(index));
            case JsonTokenKind.Number: return "the number " + MessageText.Shorten(GetRawText(index));
            case JsonTokenKind.EndOfInput: return "the end of the file";
            default: return GetRawText(index);
        }
    }
}
