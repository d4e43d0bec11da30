namespace Rnn.Runtime.Descriptors;

internal enum JsonTokenKind : byte
{
    BeginObject,
    EndObject,
    BeginArray,
    EndArray,
    Colon,
    Comma,
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

internal readonly struct JsonToken
{
    public JsonToken(JsonTokenKind kind, SourcePosition position)
    {
        Kind = kind;
        Position = position;
    }

    public JsonTokenKind Kind { get; }

    public SourcePosition Position { get; }
}
