using System;
using System.Linq;
using System.Text;

namespace Rnn.Import.Json;

/// <summary>Recognising a JSON model format from a file's first bytes (<see cref="IModelImporter.Recognizes"/>), before anything is parsed.</summary>
internal static class JsonHead
{
    /// <summary>Whether <paramref name="head"/> opens a JSON object and contains every one of <paramref name="keys"/> as a quoted name.</summary>
    public static bool HasKeys(ReadOnlySpan<byte> head, params string[] keys)
    {
        string text = Encoding.UTF8.GetString(head);
        if (!text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{'))
            return false;
        return keys.All(k => text.Contains('"' + k + '"', StringComparison.Ordinal));
    }
}
