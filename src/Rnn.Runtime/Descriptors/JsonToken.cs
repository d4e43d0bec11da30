namespace Rnn.Runtime.Descriptors;

internal enum JsonTokenKind : byte
{
    BeginObject,
    EndObject,
    BeginArray,
    EndArray,
    String,
    Number,
    True,
    False,
    Null,
    // Not JSON, but Python's json module writes these for non-finite floats; we lex them so the
    // error can say "found NaN" at the right place instead of "unexpected character".
    NaN,
    PositiveInfinity,
    NegativeInfinity,
    EndOfInput,
}

/// <summary>
/// One token as the descriptor parser sees it: its kind and where its text is. Commas and colons are not
/// tokens (the grammar check consumed them), so an object's tokens are name, value, name, value ….
/// Line and column are not kept (<see cref="TokenizedJson.PositionOf"/> computes them for errors).
/// </summary>
internal readonly struct JsonToken
{
    public JsonToken(JsonTokenKind kind, int offset, int length)
    {
        Kind = kind;
        Offset = offset;
        Length = length;
    }

    public JsonTokenKind Kind { get; }

    /// <summary>Offset of the token's first character in the text.</summary>
    public int Offset { get; }

    /// <summary>Length of the token's text; 1 for a bracket, 0 for the end of input.</summary>
    public int Length { get; }

    /// <summary>The kind of the token whose text starts at <paramref name="offset"/>: the first character says it.</summary>
    public static JsonTokenKind KindAt(string text, int offset)
    {
        if (offset >= text.Length)
            return JsonTokenKind.EndOfInput;
        switch (text[offset])
        {
            case '{': return JsonTokenKind.BeginObject;
            case '}': return JsonTokenKind.EndObject;
            case '[': return JsonTokenKind.BeginArray;
            case ']': return JsonTokenKind.EndArray;
            case '"': return JsonTokenKind.String;
            case 't': return JsonTokenKind.True;
            case 'f': return JsonTokenKind.False;
            case 'n': return JsonTokenKind.Null;
            case 'N': return JsonTokenKind.NaN;
            case 'I': return JsonTokenKind.PositiveInfinity;
            case '-' when offset + 1 < text.Length && text[offset + 1] == 'I': return JsonTokenKind.NegativeInfinity;
            default: return JsonTokenKind.Number;
        }
    }
}
