using System;
using System.IO;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// The one descriptor reader of the product: the runtime, the generator (compiled from these same source
/// files) and the trainer all read <c>*.rnn.json</c> through it. Every problem is an
/// <see cref="RnnDescriptorException"/> naming the file, line, column and JSON path.
/// </summary>
public static class DescriptorReader
{
    /// <summary>Parses and validates descriptor text.</summary>
    /// <param name="json">The whole descriptor.</param>
    /// <param name="filePath">Named in error messages; null when the text is not from a file.</param>
    /// <exception cref="RnnDescriptorException">The text is not a valid descriptor.</exception>
    public static ModelDescriptor Parse(string json, string? filePath = null)
    {
        if (json is null)
            throw new ArgumentNullException(nameof(json));
        return DescriptorParser.Parse(json, filePath);
    }

    /// <summary>Parses and validates descriptor text, reporting a problem instead of throwing.</summary>
    public static bool TryParse(string json, string? filePath, out ModelDescriptor? descriptor, out RnnDescriptorException? error)
    {
        try
        {
            descriptor = Parse(json, filePath);
            error = null;
            return true;
        }
        catch (RnnDescriptorException e)
        {
            descriptor = null;
            error = e;
            return false;
        }
    }

#if !NETSTANDARD2_0
    /// <summary>Reads, parses and validates a descriptor file.</summary>
    /// <exception cref="RnnDescriptorException">The file cannot be read or is not a valid descriptor.</exception>
    public static ModelDescriptor ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file: " + e.Message;
            throw new RnnDescriptorException(path, "", default, problem, e);
        }

        return Parse(text, path);
    }
#endif
}
