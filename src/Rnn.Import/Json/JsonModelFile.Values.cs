using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Json;

/// <summary>Typed reads: of a value at a path, or of field <c>name</c> of an object at a path (the error then names <c>path.name</c>).</summary>
internal sealed partial class JsonModelFile
{
    /// <summary>
    /// The largest size (units, features, layers) accepted: far beyond any model a file under
    /// <see cref="MaxFileBytes"/> can hold weights for, and small enough that gates × size × size products of
    /// sizes cannot overflow before the weights are checked against them.
    /// </summary>
    public const int MaxSize = 1 << 24;

    /// <summary>Throws naming the first field of <paramref name="obj"/> not in <paramref name="known"/>: a field we do not understand may change the model's meaning, so none is ignored.</summary>
    public void OnlyKnownFields(JsonElement obj, string where, IReadOnlyCollection<string> known, string why)
    {
        foreach (var field in obj.EnumerateObject())
        {
            if (!known.Contains(field.Name))
                throw Error(where, $"field {Quote(field.Name)} is not supported ({why}); expected only {string.Join(", ", known)}");
        }
    }

    /// <summary>Field <paramref name="name"/> of <paramref name="obj"/>; missing is an error.</summary>
    public JsonElement Required(JsonElement obj, string where, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw Error(where, $"missing field \"{name}\"");

    /// <summary>An object.</summary>
    public JsonElement Object(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Error(where, $"expected an object, found {Describe(value)}");

    /// <summary>Field <paramref name="name"/> as an object.</summary>
    public JsonElement Object(JsonElement obj, string where, string name) => Object(Required(obj, where, name), Join(where, name));

    /// <summary>An array (of any items).</summary>
    public JsonElement Array(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Array ? value : throw Error(where, $"expected an array, found {Describe(value)}");

    /// <summary>Field <paramref name="name"/> as an array.</summary>
    public JsonElement Array(JsonElement obj, string where, string name) => Array(Required(obj, where, name), Join(where, name));

    /// <summary>A string.</summary>
    public string String(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(where, $"expected a string, found {Describe(value)}");

    /// <summary>Field <paramref name="name"/> as a string.</summary>
    public string String(JsonElement obj, string where, string name) => String(Required(obj, where, name), Join(where, name));

    /// <summary>Field <paramref name="name"/> as a string, or <paramref name="absent"/> when there is no such field.</summary>
    public string OptionalString(JsonElement obj, string where, string name, string absent) =>
        obj.TryGetProperty(name, out var value) ? String(value, Join(where, name)) : absent;

    /// <summary>An integer from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public int Int(JsonElement value, string where, int minimum, int maximum) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= minimum && n <= maximum
            ? n
            : throw Error(where, $"expected an integer from {minimum} to {maximum}, found {Describe(value)}");

    /// <summary>Field <paramref name="name"/> as an integer from <paramref name="minimum"/> to <paramref name="maximum"/>; <paramref name="fallback"/> when absent, if given.</summary>
    public int Int(JsonElement obj, string where, string name, int minimum, int maximum, int? fallback = null) =>
        fallback is int absent && !obj.TryGetProperty(name, out _) ? absent : Int(Required(obj, where, name), Join(where, name), minimum, maximum);

    /// <summary>A size (units, features, layers): an integer from 1 to <see cref="MaxSize"/>.</summary>
    public int Size(JsonElement value, string where) => Int(value, where, 1, MaxSize);

    /// <summary>Field <paramref name="name"/> as a size; <paramref name="fallback"/> when absent, if given.</summary>
    public int Size(JsonElement obj, string where, string name, int? fallback = null) => Int(obj, where, name, 1, MaxSize, fallback);

    /// <summary>A boolean.</summary>
    public bool Boolean(JsonElement value, string where) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Error(where, $"expected true or false, found {Describe(value)}");

    /// <summary>Field <paramref name="name"/> as a boolean; <paramref name="fallback"/> when absent, if given.</summary>
    public bool Boolean(JsonElement obj, string where, string name, bool? fallback = null) =>
        fallback is bool absent && !obj.TryGetProperty(name, out _) ? absent : Boolean(Required(obj, where, name), Join(where, name));

    /// <summary>A finite number, as the double nearest to its text (a number beyond double's range, e.g. 1e400, is an error).</summary>
    public double Number(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Number)
            throw Error(where, $"expected a number, found {Describe(value)}");
        double result = double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(result) ? result : throw Error(where, $"expected a finite number, found {Describe(value)}");
    }

    /// <summary>Field <paramref name="name"/> as a finite number; <paramref name="fallback"/> when absent.</summary>
    public double Number(JsonElement obj, string where, string name, double fallback) =>
        obj.TryGetProperty(name, out var value) ? Number(value, Join(where, name)) : fallback;

    /// <summary>
    /// A number as the float32 nearest to its decimal text (the descriptor's own rule; float32 weights that
    /// Python wrote as float64 text come back bit-exactly). Values beyond float32's range are errors.
    /// </summary>
    public float Float32(JsonElement value, string where) =>
        TryFloat32(value, out float result) ? result
        : value.ValueKind != JsonValueKind.Number ? throw Error(where, $"expected a number, found {Describe(value)}")
        : throw Error(where, $"expected a finite float32, found {Shorten(value.GetRawText())}");

    /// <summary>
    /// <see cref="Float32"/> without the error, for the millions of numbers in a weights array: parsed from the
    /// file's UTF-8 bytes, so no string is made per number.
    /// </summary>
    public static bool TryFloat32(JsonElement value, out float result)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number)
            return false;
        result = float.Parse(JsonMarshal.GetRawUtf8Value(value), NumberStyles.Float, CultureInfo.InvariantCulture);
        return float.IsFinite(result);
    }

    /// <summary>A JSON value kept as descriptor metadata; its numbers must be finite doubles (the descriptor writes them in round-trip form).</summary>
    public MetadataValue Metadata(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.Object => MetadataValue.FromObject(value.EnumerateObject()
            .Select(p => new KeyValuePair<string, MetadataValue>(p.Name, Metadata(p.Value, Join(where, p.Name)))).ToList()),
        JsonValueKind.Array => MetadataValue.FromArray(value.EnumerateArray().Select((item, k) => Metadata(item, $"{where}[{k}]")).ToList()),
        JsonValueKind.String => MetadataValue.FromString(value.GetString()!),
        JsonValueKind.Number => MetadataValue.FromNumber(Number(value, where)),
        JsonValueKind.True => MetadataValue.FromBoolean(true),
        JsonValueKind.False => MetadataValue.FromBoolean(false),
        _ => MetadataValue.Null,
    };
}
