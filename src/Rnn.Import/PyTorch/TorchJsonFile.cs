using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Rnn.Import.PyTorch;

/// <summary>
/// A JSON model file being imported (a PyTorch dump or a NeuralPi model): typed field reads whose
/// errors name the file, the JSON path and what was expected versus found.
/// </summary>
internal sealed class TorchJsonFile : IDisposable
{
    private readonly JsonDocument _document;

    private TorchJsonFile(string filePath, JsonDocument document)
    {
        FilePath = filePath;
        _document = document;
    }

    /// <summary>The file, as named in errors.</summary>
    public string FilePath { get; }

    /// <summary>The top-level value.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>Parses <paramref name="path"/>; a file that is not JSON, or whose top level is not an object, is an error naming the file.</summary>
    public static TorchJsonFile Open(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ModelImportException(path, $"malformed JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelImportException(path, $"cannot read the file: {e.Message}", e);
        }

        var json = new TorchJsonFile(path, document);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ModelImportException(path, $"expected a JSON object at the top level, found {Describe(document.RootElement)}");
        }

        return json;
    }

    /// <summary>An error at <paramref name="path"/> (a JSON path, or a layer description).</summary>
    public ModelImportException Error(string path, string problem) => new(FilePath, $"{path}: {problem}");

    /// <summary>The object's field, or an error naming the missing field.</summary>
    public JsonElement Required(JsonElement obj, string path, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw Error(path, $"missing field \"{name}\"");

    /// <summary>The field as an object.</summary>
    public JsonElement Object(JsonElement obj, string path, string name)
    {
        var value = Required(obj, path, name);
        return value.ValueKind == JsonValueKind.Object ? value : throw Error(Join(path, name), $"expected an object, found {Describe(value)}");
    }

    /// <summary>The field as an array.</summary>
    public JsonElement Array(JsonElement obj, string path, string name)
    {
        var value = Required(obj, path, name);
        return value.ValueKind == JsonValueKind.Array ? value : throw Error(Join(path, name), $"expected an array, found {Describe(value)}");
    }

    /// <summary>The field as a string.</summary>
    public string String(JsonElement obj, string path, string name)
    {
        var value = Required(obj, path, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(Join(path, name), $"expected a string, found {Describe(value)}");
    }

    /// <summary>The field as an integer of at least <paramref name="minimum"/>; <paramref name="fallback"/> when absent, if given.</summary>
    public int Int(JsonElement obj, string path, string name, int minimum, int? fallback = null)
    {
        if (!obj.TryGetProperty(name, out var value))
            return fallback ?? throw Error(path, $"missing field \"{name}\"");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int result))
            throw Error(Join(path, name), $"expected an integer, found {Describe(value)}");
        return result >= minimum ? result : throw Error(Join(path, name), $"expected an integer of at least {minimum}, found {result}");
    }

    /// <summary>The field as a boolean; <paramref name="fallback"/> when absent, if given.</summary>
    public bool Bool(JsonElement obj, string path, string name, bool? fallback = null)
    {
        if (!obj.TryGetProperty(name, out var value))
            return fallback ?? throw Error(path, $"missing field \"{name}\"");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(Join(path, name), $"expected true or false, found {Describe(value)}"),
        };
    }

    /// <summary>The field as a number; <paramref name="fallback"/> when absent.</summary>
    public double Number(JsonElement obj, string path, string name, double fallback)
    {
        if (!obj.TryGetProperty(name, out var value))
            return fallback;
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Error(Join(path, name), $"expected a number, found {Describe(value)}");
    }

    /// <summary>Throws naming the first field of <paramref name="obj"/> not in <paramref name="known"/> (nothing a file holds is silently ignored).</summary>
    public void OnlyKnownFields(JsonElement obj, string path, params string[] known)
    {
        foreach (var field in obj.EnumerateObject())
        {
            if (!known.Contains(field.Name))
                throw Error(Join(path, field.Name), $"unknown field \"{field.Name}\"; expected one of {string.Join(", ", known)}");
        }
    }

    /// <summary>Every field of a tensor object, read as tensors, in file order.</summary>
    public List<KeyValuePair<string, PyTorchTensor>> Tensors(JsonElement obj, string path)
    {
        var tensors = new List<KeyValuePair<string, PyTorchTensor>>();
        foreach (var field in obj.EnumerateObject())
            tensors.Add(new(field.Name, PyTorchTensor.Read(field.Value, this, Join(path, field.Name))));
        return tensors;
    }

    /// <summary><paramref name="path"/>.<paramref name="name"/>, or the name alone at the top level.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>A JSON value in a few words, for "found …".</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();
}
