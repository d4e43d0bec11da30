using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import;

/// <summary>
/// Reading the JSON model formats (Keras/RTNeural, NAM): every accessor takes the file and a JSON path such
/// as <c>layers[2].weights[0]</c>, so each failure is a <see cref="ModelImportException"/> that says where
/// and what was expected versus found.
/// </summary>
internal static class ImportJson
{
    /// <summary>Parses the file; malformed JSON names the line and byte position System.Text.Json reports.</summary>
    public static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, position = (e.BytePositionInLine ?? 0) + 1;
            throw new ModelImportException(file, $"malformed JSON at line {line}, byte {position}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>The root, which must be an object.</summary>
    public static JsonElement RootObject(string file, JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new ModelImportException(file, $"expected a JSON object at the top, found {Describe(document.RootElement)}");

    /// <summary>The field <paramref name="name"/> of <paramref name="obj"/> at <paramref name="where"/>; missing is an error.</summary>
    public static JsonElement Required(string file, JsonElement obj, string where, string name) =>
        obj.TryGetProperty(name, out var value)
            ? value
            : throw new ModelImportException(file, $"{Prefix(where)}missing field \"{name}\"");

    /// <summary>Refuses any field of <paramref name="obj"/> not in <paramref name="known"/>: a field we do not understand may change the model's meaning.</summary>
    public static void OnlyKnownFields(string file, JsonElement obj, string where, IReadOnlyCollection<string> known, string why)
    {
        foreach (var field in obj.EnumerateObject())
        {
            if (!known.Contains(field.Name))
                throw new ModelImportException(file, $"{Prefix(where)}field \"{field.Name}\" is not supported ({why}); expected only {string.Join(", ", known)}");
        }
    }

    /// <summary>A string field.</summary>
    public static string String(string file, JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ModelImportException(file, $"{where}: expected a string, found {Describe(value)}");

    /// <summary>A positive integer (a size).</summary>
    public static int PositiveInt(string file, JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n > 0
            ? n
            : throw new ModelImportException(file, $"{where}: expected a positive integer, found {Describe(value)}");

    /// <summary>A boolean field.</summary>
    public static bool Boolean(string file, JsonElement value, string where) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new ModelImportException(file, $"{where}: expected true or false, found {Describe(value)}");

    /// <summary>An array (of any items).</summary>
    public static JsonElement Array(string file, JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Array
            ? value
            : throw new ModelImportException(file, $"{where}: expected an array, found {Describe(value)}");

    /// <summary>
    /// A number as the float32 nearest to its decimal text (the descriptor's own rule; float32 weights that
    /// Python wrote as float64 text come back bit-exactly). Non-finite or out-of-range values are errors.
    /// </summary>
    public static float Float32(string file, JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Number)
            throw new ModelImportException(file, $"{where}: expected a number, found {Describe(value)}");
        float result = float.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return float.IsFinite(result)
            ? result
            : throw new ModelImportException(file, $"{where}: expected a finite float32, found {value.GetRawText()}");
    }

    /// <summary>A flat array of exactly <paramref name="count"/> numbers (<paramref name="meaning"/> says what they are, for the error).</summary>
    public static float[] Floats(string file, JsonElement value, string where, int count, string meaning)
    {
        Array(file, value, where);
        int length = value.GetArrayLength();
        if (length != count)
            throw new ModelImportException(file, $"{where}: expected {count} numbers ({meaning}), found {length}");
        var result = new float[count];
        int k = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[k] = Float32(file, item, $"{where}[{k}]");
            k++;
        }

        return result;
    }

    /// <summary>A JSON value kept as descriptor metadata (numbers in round-trip form).</summary>
    public static MetadataValue ToMetadata(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => MetadataValue.FromObject(value.EnumerateObject().Select(p => new KeyValuePair<string, MetadataValue>(p.Name, ToMetadata(p.Value)))),
        JsonValueKind.Array => MetadataValue.FromArray(value.EnumerateArray().Select(ToMetadata)),
        JsonValueKind.String => MetadataValue.FromString(value.GetString()!),
        JsonValueKind.Number => MetadataValue.FromNumber(value.GetDouble()),
        JsonValueKind.True => MetadataValue.FromBoolean(true),
        JsonValueKind.False => MetadataValue.FromBoolean(false),
        _ => MetadataValue.Null,
    };

    /// <summary>A short description of a found value for error messages: <c>the string "x"</c>, <c>the number 3.5</c>, <c>an array of 4</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>Whether the file's first bytes contain every one of <paramref name="keys"/> as a quoted JSON name.</summary>
    public static bool HeadHasKeys(ReadOnlySpan<byte> head, params string[] keys)
    {
        string text = Encoding.UTF8.GetString(head);
        if (!text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{'))
            return false;
        return keys.All(k => text.Contains('"' + k + '"', StringComparison.Ordinal));
    }

    private static string Prefix(string where) => where.Length == 0 ? "" : where + ": ";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
