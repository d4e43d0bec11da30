using System;

namespace Rnn.Trainer.Data;

/// <summary>A problem in a user's data file, naming the file, the line and, where it applies, the column.</summary>
public sealed class DataFileException : Exception
{
    /// <summary>
    /// Creates the exception; the message reads <c>file:line: problem</c>, <c>file:line, column c: problem</c>, or
    /// <c>file: problem</c> when <paramref name="line"/> is 0 (the whole file: there is no line to point at);
    /// "-" reads as "standard input".
    /// </summary>
    public DataFileException(string filePath, int line, int column, string problem, Exception? inner = null)
        : base($"{DataFiles.DisplayName(filePath)}{(line > 0 ? $":{line}" : "")}{(line > 0 && column > 0 ? $", column {column}" : "")}: {problem}", inner)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The data file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line; 0 when the problem is with the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based CSV column (field number); 0 when the problem is with the whole line.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
