using System.Collections.Generic;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Maps JSON paths to where their values sit in the file, so validation (which thinks in paths) can
/// report line and column. Descriptors built in code have no locator and report paths only.
/// </summary>
internal sealed class DescriptorLocator
{
    public static readonly DescriptorLocator None = new(null);

    private readonly Dictionary<string, SourcePosition> _positions = new();

    public DescriptorLocator(string? filePath) => FilePath = filePath;

    public string? FilePath { get; }

    public void Record(string path, SourcePosition position) => _positions[path] = position;

    /// <summary>The position of <paramref name="path"/>, or of its nearest recorded ancestor.</summary>
    public SourcePosition Find(string path)
    {
        while (true)
        {
            if (_positions.TryGetValue(path, out var position))
                return position;
            int cut = path.LastIndexOfAny(new[] { '.', '[' });
            if (cut <= 0)
                return _positions.TryGetValue("", out position) ? position : default;
            path = path.Substring(0, cut);
        }
    }

    public RnnDescriptorException Error(string path, string problem) => new(FilePath, path, Find(path), problem);
}
