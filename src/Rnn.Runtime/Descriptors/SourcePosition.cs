namespace Rnn.Runtime.Descriptors;

/// <summary>Where a token sits in a descriptor's text: character offset and length, and 1-based line and column.</summary>
public readonly struct SourcePosition
{
    /// <summary>Creates a position.</summary>
    public SourcePosition(int offset, int length, int line, int column)
    {
        Offset = offset;
        Length = length;
        Line = line;
        Column = column;
    }

    /// <summary>Zero-based character offset of the token's first character.</summary>
    public int Offset { get; }

    /// <summary>Length of the token in characters.</summary>
    public int Length { get; }

    /// <summary>1-based line number; 0 when the position is unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column number (in characters); 0 when the position is unknown.</summary>
    public int Column { get; }

    /// <summary>True when this position points into a text.</summary>
    public bool IsKnown => Line > 0;
}
