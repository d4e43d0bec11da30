using System;
using System.Collections.Generic;

namespace Rnn.Runtime.Descriptors;

/// <summary>The kind of a free-form metadata value.</summary>
public enum MetadataKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number, kept as its text so nothing is lost.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>null.</summary>
    Null,

    /// <summary>A JSON array.</summary>
    Array,

    /// <summary>A JSON object with ordered fields.</summary>
    Object,
}

/// <summary>
/// A value in the descriptor's free-form <c>metadata</c> object (producer, creation time, training notes,
/// a text model's vocabulary …). Immutable; a reader keeps it exactly and a writer writes it back.
/// </summary>
public sealed class MetadataValue
{
    private static readonly MetadataValue[] s_noItems = new MetadataValue[0];
    private static readonly KeyValuePair<string, MetadataValue>[] s_noFields = new KeyValuePair<string, MetadataValue>[0];

    private MetadataValue(MetadataKind kind, string? text, bool boolean, MetadataValue[] items, KeyValuePair<string, MetadataValue>[] fields)
    {
        Kind = kind;
        Text = text;
        Boolean = boolean;
        Items = items;
        Fields = fields;
    }

    /// <summary>What kind of JSON value this is.</summary>
    public MetadataKind Kind { get; }

    /// <summary>The string of a <see cref="MetadataKind.String"/>, the JSON text of a <see cref="MetadataKind.Number"/>; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>The value of a <see cref="MetadataKind.Boolean"/>.</summary>
    public bool Boolean { get; }

    /// <summary>The elements of an <see cref="MetadataKind.Array"/>; empty otherwise.</summary>
    public IReadOnlyList<MetadataValue> Items { get; }

    /// <summary>The fields of an <see cref="MetadataKind.Object"/> in file order; empty otherwise.</summary>
    public IReadOnlyList<KeyValuePair<string, MetadataValue>> Fields { get; }

    /// <summary>The JSON null.</summary>
    public static MetadataValue Null { get; } = new(MetadataKind.Null, null, false, s_noItems, s_noFields);

    /// <summary>A string value.</summary>
    public static MetadataValue FromString(string value) =>
        new(MetadataKind.String, value ?? throw new ArgumentNullException(nameof(value)), false, s_noItems, s_noFields);

    /// <summary>A number value, written in round-trip form.</summary>
    public static MetadataValue FromNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        return new(MetadataKind.Number, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), false, s_noItems, s_noFields);
    }

    /// <summary>A boolean value.</summary>
    public static MetadataValue FromBoolean(bool value) => new(MetadataKind.Boolean, null, value, s_noItems, s_noFields);

    /// <summary>An array of values.</summary>
    public static MetadataValue FromArray(IEnumerable<MetadataValue> items) =>
        new(MetadataKind.Array, null, false, new List<MetadataValue>(items).ToArray(), s_noFields);

    /// <summary>An object whose fields keep the given order.</summary>
    public static MetadataValue FromObject(IEnumerable<KeyValuePair<string, MetadataValue>> fields) =>
        new(MetadataKind.Object, null, false, s_noItems, new List<KeyValuePair<string, MetadataValue>>(fields).ToArray());

    internal static MetadataValue FromNumberText(string text) => new(MetadataKind.Number, text, false, s_noItems, s_noFields);

    /// <summary>Looks up a field of an object by name.</summary>
    public bool TryGetField(string name, out MetadataValue value)
    {
        foreach (var field in Fields)
        {
            if (field.Key == name)
            {
                value = field.Value;
                return true;
            }
        }

        value = Null;
        return false;
    }
}
