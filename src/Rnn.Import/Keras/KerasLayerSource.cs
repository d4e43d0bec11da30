using System.Text.Json;
using Rnn.Import.Json;

namespace Rnn.Import.Keras;

/// <summary>One entry of the file's <c>layers</c> array, with what the converters need to read it and to name it in errors.</summary>
/// <param name="File">The file being imported.</param>
/// <param name="Index">The entry's index in <c>layers</c>.</param>
/// <param name="Type">Its <c>type</c>.</param>
/// <param name="Json">The entry.</param>
/// <param name="InputSize">Values per step it reads: the previous layer's output size (or the model's input size).</param>
internal sealed record KerasLayerSource(JsonModelFile File, int Index, string Type, JsonElement Json, int InputSize)
{
    /// <summary>The entry's place for error messages, e.g. <c>layers[3] (conv1d)</c>.</summary>
    public string Where => $"layers[{Index}] ({JsonModelFile.Shorten(Type)})";

    /// <summary>An import error at this entry.</summary>
    public ModelImportException Error(string problem) => File.Error(Where, problem);

    /// <summary>Refuses any field of the entry not in <paramref name="known"/> (<paramref name="why"/> goes into the error).</summary>
    public void OnlyKnownFields(string[] known, string why) => File.OnlyKnownFields(Json, Where, known, why);

    /// <summary>The <c>weights</c> list (Keras's <c>get_weights()</c>): between <paramref name="min"/> and <paramref name="max"/> tensors.</summary>
    public JsonElement Weights(int min, int max, string expected)
    {
        var weights = File.Array(Json, Where, "weights");
        int count = weights.GetArrayLength();
        if (count < min || count > max)
            throw Error($"weights: expected {expected}, found {count} tensor(s)");
        return weights;
    }

    /// <summary>Tensor <paramref name="index"/> of <c>weights</c>, of shape <paramref name="shape"/>; <paramref name="meaning"/> names it for errors, e.g. <c>kernel [inputs][4*units]</c>.</summary>
    public float[] Weight(JsonElement weights, int index, string meaning, params long[] shape) =>
        Float32Tensor.Read(File, weights[index], $"{Where}: weights[{index}]", meaning, shape).Values;

    /// <summary>The string field <paramref name="name"/>, or <paramref name="absent"/> when the entry has none.</summary>
    public string OptionalString(string name, string absent) => File.OptionalString(Json, Where, name, absent);

    /// <summary>The boolean field <paramref name="name"/>, or null when the entry has none.</summary>
    public bool? OptionalBoolean(string name) => Json.TryGetProperty(name, out var value) ? File.Boolean(value, JsonModelFile.Join(Where, name)) : null;

    /// <summary>
    /// The layer's output size: the last entry of <c>shape</c> (Keras's output shape, as RTNeural's loader
    /// reads it). A recurrent layer's shape must keep the time axis ([batch, time, units]): without it the
    /// Keras layer had <c>return_sequences=False</c> and gave only the last step's output.
    /// </summary>
    public int Units(bool recurrent)
    {
        var shape = File.Array(Json, Where, "shape");
        int rank = shape.GetArrayLength();
        if (rank == 0)
            throw Error("shape: expected the layer's output shape, found an empty array");
        if (recurrent && rank != 3)
            throw Error($"shape: expected [batch, time, units], found {rank} dimension(s): the layer returns only its last step (return_sequences=False), which a step-by-step model cannot express");
        if (!recurrent && rank > 3)
            throw Error($"shape: expected [batch, time, units], found {rank} dimensions (2-D feature maps are not supported)");
        return File.Size(shape[rank - 1], $"{Where}: shape[{rank - 1}]");
    }
}
