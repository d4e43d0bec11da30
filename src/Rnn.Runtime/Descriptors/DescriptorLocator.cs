using System.Collections.Generic;
using System.Globalization;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Maps JSON paths to where their values sit in the file, so validation (which thinks in paths) can
/// report line and column. Array elements are found on demand by walking the array, so a weight matrix
/// costs one entry, not one per value. Descriptors built in code have no document and report paths only.
/// </summary>
internal sealed class DescriptorLocator
{
    public static readonly DescriptorLocator None = new(null);

    private readonly TokenizedJson? _document;
    private readonly Dictionary<string, int> _tokenIndex = new();

    public DescriptorLocator(TokenizedJson? document) => _document = document;

    public void Record(string path, int tokenIndex) => _tokenIndex[path] = tokenIndex;

    /// <summary>The position of <paramref name="path"/>, or of its nearest recorded ancestor.</summary>
    public SourcePosition Find(string path)
    {
        if (_document is null)
            return default;
        return _document.PositionOf(FindToken(path));
    }

    private int FindToken(string path)
    {
        if (_tokenIndex.TryGetValue(path, out int index))
            return index;
        int cut = path.LastIndexOfAny(new[] { '.', '[' });
        if (cut <= 0)
            return 0;
        int parent = FindToken(path.Substring(0, cut));
        if (path[cut] == '[' && _document![parent].Kind == JsonTokenKind.BeginArray
            && int.TryParse(path.Substring(cut + 1, path.Length - cut - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int element))
        {
            int i = parent + 1;
            for (int k = 0; k < element && _document[i].Kind != JsonTokenKind.EndArray; k++)
            {
                i = _document.SkipValue(i);
            }

            if (_document[i].Kind != JsonTokenKind.EndArray)
                return i;
        }

        return parent;
    }

    public RnnDescriptorException Error(string path, string problem) => new(_document?.FilePath, path, Find(path), problem);
}
