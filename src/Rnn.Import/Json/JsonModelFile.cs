using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Json;

/// <summary>
/// A JSON model file being imported (Keras/RTNeural, NAM, a PyTorch dump, NeuralPi): the one place that opens
/// such a file, with bounds, and the typed reads every JSON importer uses. Every read takes the JSON path of
/// the value (e.g. <c>layers[2] (lstm): weights[0]</c> or <c>state_dict.rec.weight_ih_l0</c>), so each failure
/// is a <see cref="ModelImportException"/> naming the file, the path and what was expected versus found.
/// </summary>
internal sealed partial class JsonModelFile : IDisposable
{
    /// <summary>
    /// Larger files are refused before they are read: a recurrent model that runs on a small device holds far
    /// fewer weights (4·10⁶ float32s are ~80 MB of JSON text), and parsing a file keeps all of it in memory twice.
    /// </summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Nesting beyond this is refused while parsing: the formats nest at most ~8 deep (a layer's weights' rows), and recursion must stay bounded.</summary>
    public const int MaxDepth = 64;

    private readonly JsonDocument _document;

    private JsonModelFile(string filePath, JsonDocument document)
    {
        FilePath = filePath;
        _document = document;
    }

    /// <summary>The file, as named in errors.</summary>
    public string FilePath { get; }

    /// <summary>The top-level object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>
    /// Reads and parses <paramref name="path"/>. A file over <see cref="MaxFileBytes"/>, an empty one, malformed
    /// JSON (named by line and byte), a name given twice in one object (which value would count?) and a top
    /// level that is not an object are each an error naming the file.
    /// </summary>
    public static JsonModelFile Open(string path)
    {
        byte[] bytes = ReadBounded(path);
        // Editors on Windows may start a file with a UTF-8 byte order mark; the parser does not skip one.
        var text = bytes.AsMemory(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new ModelImportException(path, "the file is UTF-16 text (Windows PowerShell's > writes that); expected UTF-8: save it as UTF-8 (e.g. Out-File -Encoding utf8)");
        if (text.Span.Trim(" \t\r\n"u8).IsEmpty)
            throw new ModelImportException(path, "the file is empty; expected a JSON object");
        // The parser leaves strings' bytes unchecked until they are read, which would then throw; check them all now.
        if (MalformedJson.FirstInvalidUtf8(text.Span) is string notUtf8)
            throw new ModelImportException(path, notUtf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new ModelImportException(path, MalformedJson.Describe(text.Span, e), e);
        }

        var file = new JsonModelFile(path, document);
        try
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelImportException(path, $"expected a JSON object at the top level, found {Describe(document.RootElement)}");
            file.CheckNamesAndText(document.RootElement, "");
            return file;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Throws naming the first object below <paramref name="value"/> that gives a name twice (the parser keeps
    /// both, and which one an importer reads, or another tool read, would be a guess), or the first string whose
    /// <c>\u</c> escapes are not Unicode text (a lone surrogate, which would throw when read).
    /// </summary>
    private void CheckNamesAndText(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in value.EnumerateObject())
            {
                string name = Text(() => field.Name, where, "a field name");
                if (!names.Add(name))
                    throw Error(where, $"field {Quote(name)} is given twice; expected each name once (which value counts would be a guess)");
                CheckNamesAndText(field.Value, Join(where, name));
            }
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            Text(() => value.GetString()!, where, "the string");
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var item in value.EnumerateArray())
            {
                // Only containers can hold names; a weights array of millions of numbers builds no paths.
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String)
                    CheckNamesAndText(item, $"{where}[{index}]");
                index++;
            }
        }
    }

    /// <summary>
    /// The descriptor <paramref name="build"/> makes of what was read. Its validation should find nothing an importer
    /// has not checked already; if it does, the error names the descriptor's path (e.g. <c>layers[1]</c>), not the file's.
    /// </summary>
    public ModelDescriptor Descriptor(Func<ModelDescriptor> build)
    {
        try
        {
            return build();
        }
        catch (RnnDescriptorException e)
        {
            string where = e.JsonPath.Length == 0 ? "" : $" at {e.JsonPath}";
            throw new ModelImportException(FilePath, $"the imported model is not a valid descriptor{where}: {e.Problem}", e);
        }
    }

    private string Text(Func<string> read, string where, string what)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw Error(where, $"{what} has a \\u escape that is not Unicode text (a lone surrogate); expected valid UTF-16 escapes", e);
        }
    }

    /// <summary>An error at <paramref name="where"/> (a JSON path, or a layer description; "" for the file as a whole).</summary>
    public ModelImportException Error(string where, string problem, Exception? inner = null) =>
        new(FilePath, where.Length == 0 ? problem : $"{where}: {problem}", inner);

    /// <summary>
    /// The path of field <paramref name="name"/> inside the value at <paramref name="where"/>: <c>name</c> at the
    /// top level, <c>where.name</c> inside a field, and <c>where: name</c> after a description such as
    /// <c>layers[0] (LSTM "rec")</c> (one ending in a parenthesis).
    /// </summary>
    public static string Join(string where, string name) =>
        where.Length == 0 ? name : where.EndsWith(')') ? $"{where}: {name}" : $"{where}.{name}";

    /// <summary>A JSON value in a few words, for "found …": <c>the string "x"</c>, <c>the number 3.5</c>, <c>an array of 4</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>Text from the file in quotes, cut short so that a huge value cannot flood the message.</summary>
    public static string Quote(string text) => $"\"{Shorten(text)}\"";

    /// <summary>Text from the file cut to 40 characters, so that a huge value cannot flood a message.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    private static byte[] ReadBounded(string path)
    {
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
                throw new ModelImportException(path, $"the file is {length} bytes; JSON models of more than {MaxFileBytes} bytes are refused (no recurrent model for a small device is that large)");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelImportException(path, $"cannot read the file: {e.Message}", e);
        }
    }
}
