using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import;

/// <summary>
/// Turns one foreign model format into a descriptor. Importers are pure: a file in, a validated
/// <see cref="ModelDescriptor"/> out (written by the caller through <see cref="DescriptorWriter"/>); anything
/// the file holds that the runtime cannot express is a <see cref="ModelImportException"/>, never dropped.
/// </summary>
public interface IModelImporter
{
    /// <summary>The name <c>rnn import --format</c> takes and the descriptor's <c>metadata.source_format</c> records, e.g. <c>onnx</c>.</summary>
    string Format { get; }

    /// <summary>One line for help and errors, e.g. "ONNX model (LSTM, GRU, RNN nodes with a MatMul/Gemm head)".</summary>
    string Description { get; }

    /// <summary>Whether the file's first bytes (at most <see cref="ModelImport.SniffLength"/>) look like this format.</summary>
    bool Recognizes(ReadOnlySpan<byte> head);

    /// <summary>Reads <paramref name="path"/> and returns the model; throws <see cref="ModelImportException"/> naming the file and the place when it cannot.</summary>
    ModelDescriptor Import(string path);
}
