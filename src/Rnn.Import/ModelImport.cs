using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import;

/// <summary>The importers, and finding the right one from a file's content.</summary>
public static class ModelImport
{
    /// <summary>Bytes read from the start of a file to recognise its format.</summary>
    public const int SniffLength = 4096;

    /// <summary>Every importer, in the order formats are tried.</summary>
    public static IReadOnlyList<IModelImporter> Importers { get; } = new List<IModelImporter>
    {
        new PyTorch.PyTorchImporter(),
        new NeuralPi.NeuralPiImporter(),
        new Onnx.OnnxImporter(),
        new Keras.KerasJsonImporter(),
        new Nam.NamImporter(),
    };

    /// <summary>The importer named <paramref name="format"/>; throws <see cref="ArgumentException"/> listing the names when there is none.</summary>
    public static IModelImporter ByName(string format) =>
        Importers.FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown format \"{format}\"; expected one of {string.Join(", ", Importers.Select(i => i.Format))}", nameof(format));

    /// <summary>The importer whose format the file's content matches; throws <see cref="ModelImportException"/> when none does.</summary>
    public static IModelImporter Detect(string path)
    {
        byte[] head = ReadHead(path);
        foreach (var importer in Importers)
        {
            if (importer.Recognizes(head))
                return importer;
        }

        string formats = string.Join("; ", Importers.Select(i => $"{i.Format}: {i.Description}"));
        throw new ModelImportException(path, $"not a format rnn import recognises ({formats}); name one with --format");
    }

    /// <summary>Imports <paramref name="path"/> with the importer its content matches, or the one named <paramref name="format"/>.</summary>
    public static ModelDescriptor Import(string path, string? format = null)
    {
        var importer = format is null ? Detect(path) : ByName(format);
        return importer.Import(path);
    }

    /// <summary>
    /// The metadata every imported descriptor carries: <c>source_format</c> and <c>source_file</c> (the file's
    /// name), then <paramref name="extra"/> (e.g. a NAM file's sample rate), each a JSON value.
    /// </summary>
    public static MetadataValue SourceMetadata(string format, string path, IEnumerable<KeyValuePair<string, MetadataValue>>? extra = null)
    {
        var fields = new List<KeyValuePair<string, MetadataValue>>
        {
            new("source_format", MetadataValue.FromString(format)),
            new("source_file", MetadataValue.FromString(Path.GetFileName(path))),
        };
        if (extra is not null)
            fields.AddRange(extra);
        return MetadataValue.FromObject(fields);
    }

    private static byte[] ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[SniffLength];
        int length = 0, read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            length += read;
        Array.Resize(ref buffer, length);
        return buffer;
    }
}
