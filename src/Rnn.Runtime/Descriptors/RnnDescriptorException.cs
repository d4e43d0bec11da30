using System;
using System.Text;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// The one error a descriptor reader raises: it names the file, the line and column, the JSON path and
/// what was expected versus what was found, e.g.
/// <c>kws.rnn.json(14,18): layers[1].weight_hh: expected 4*32*32 = 4096 values, found 4095</c>.
/// </summary>
public sealed class RnnDescriptorException : Exception
{
    private const int MaxPathLength = 160;

    /// <summary>Creates the exception from its parts; <see cref="Exception.Message"/> is composed from them.</summary>
    public RnnDescriptorException(string? filePath, string jsonPath, SourcePosition position, string problem, Exception? inner = null)
        : base(Compose(filePath, jsonPath, position, problem), inner)
    {
        FilePath = filePath;
        JsonPath = jsonPath;
        Position = position;
        Problem = problem;
    }

    /// <summary>The descriptor file, or null when the text did not come from a file.</summary>
    public string? FilePath { get; }

    /// <summary>The JSON path of the offending value, e.g. <c>layers[1].weight_hh</c>; empty for the document itself.</summary>
    public string JsonPath { get; }

    /// <summary>Where the offending token is; <see cref="SourcePosition.IsKnown"/> is false for descriptors built in code.</summary>
    public SourcePosition Position { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }

    private static string Compose(string? filePath, string jsonPath, SourcePosition position, string problem)
    {
        var text = new StringBuilder();
        if (filePath is not null)
            text.Append(filePath);
        if (position.IsKnown)
            text.Append('(').Append(position.Line).Append(',').Append(position.Column).Append(')');
        if (text.Length > 0)
            text.Append(": ");
        // A path holds names from the file; a 10 MB name must not go into the message whole.
        if (jsonPath.Length > 0)
            text.Append(MessageText.Shorten(jsonPath, MaxPathLength)).Append(": ");
        text.Append(problem);
        return text.ToString();
    }
}
