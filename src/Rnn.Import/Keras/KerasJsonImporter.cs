using System;
using System.Collections.Generic;
using System.Text.Json;
using Rnn.Import.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Keras;

/// <summary>
/// Keras models as RTNeural's <c>python/model_utils.py</c> writes them (the JSON AIDA-X and GuitarML
/// models use): <c>in_shape</c>, then <c>layers[]</c>, each with <c>type</c>, <c>activation</c>,
/// <c>shape</c> (the Keras output shape) and <c>weights</c> (<c>get_weights()</c>, in Keras layout).
/// Types <c>lstm</c>, <c>gru</c>, <c>dense</c>, <c>time-distributed-dense</c> and activation layers
/// import; convolutions, batch norm, PReLU and anything else are refused naming the layer.
/// </summary>
public sealed class KerasJsonImporter : IModelImporter
{
    /// <summary>What RTNeural files hold that the runtime has no layer for, with the reason given in the error.</summary>
    private static readonly Dictionary<string, string> s_refused = new()
    {
        ["conv1d"] = "convolutions have no descriptor layer",
        ["conv2d"] = "convolutions have no descriptor layer",
        ["batchnorm"] = "batch normalisation has no descriptor layer",
        ["batchnorm2d"] = "batch normalisation has no descriptor layer",
        ["prelu"] = "PReLU has no descriptor activation",
        ["elu"] = "ELU has no descriptor activation",
    };

    private static readonly string[] s_topFields = ["in_shape", "layers"];

    /// <inheritdoc />
    public string Format => "keras";

    /// <inheritdoc />
    public string Description => "Keras/RTNeural JSON (in_shape, layers: dense, time-distributed-dense, lstm, gru, activations)";

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) => JsonHead.HasKeys(head, "in_shape", "layers");

    /// <inheritdoc />
    public ModelDescriptor Import(string path)
    {
        using var file = JsonModelFile.Open(path);
        var root = file.Root;
        file.OnlyKnownFields(root, "", s_topFields, "RTNeural's model files hold only these");
        int inputSize = InputSize(file, file.Array(root, "", "in_shape"));
        var entries = file.Array(root, "", "layers");
        if (entries.GetArrayLength() == 0)
            throw file.Error("layers", "expected at least one layer, found none");

        var layers = new List<LayerDescriptor>();
        int index = 0, size = inputSize;
        foreach (var entry in entries.EnumerateArray())
        {
            string at = $"layers[{index}]";
            if (entry.ValueKind != JsonValueKind.Object)
                throw file.Error(at, $"expected a layer object, found {JsonModelFile.Describe(entry)}");
            var layer = new KerasLayerSource(file, index, file.String(entry, at, "type"), entry, size);
            string type = layer.Type;
            switch (type)
            {
                case "lstm":
                    layers.Add(KerasRecurrentLayers.Lstm(layer));
                    break;
                case "gru":
                    layers.Add(KerasRecurrentLayers.Gru(layer));
                    break;
                case "dense" or "time-distributed-dense":
                    layers.Add(KerasDenseLayers.Dense(layer));
                    break;
                case var _ when KerasDenseLayers.IsActivationType(type):
                    KerasDenseLayers.AppendActivation(layer, layers);
                    break;
                default:
                    throw layer.Error(s_refused.TryGetValue(type, out string? why)
                        ? $"layer type \"{type}\" is not supported ({why})"
                        : $"layer type {JsonModelFile.Quote(type)} is not supported; expected one of lstm, gru, dense, time-distributed-dense, activation, tanh, relu, sigmoid, softmax");
            }

            size = layers.Count > 0 ? layers[^1].OutputSize : size;
            index++;
        }

        if (layers.Count == 0)
            throw file.Error("layers", "only linear activations, so no layer to import");
        return file.Descriptor(() => new ModelDescriptor(inputSize, layers, metadata: ModelImport.SourceMetadata(Format, path)));
    }

    /// <summary>The values per step: the last entry of <c>in_shape</c> ([batch, time, features] or [batch, features]).</summary>
    private static int InputSize(JsonModelFile file, JsonElement shape)
    {
        int rank = shape.GetArrayLength();
        if (rank is < 2 or > 3)
            throw file.Error("in_shape", $"expected [batch, time, features] or [batch, features], found {rank} dimension(s)");
        return file.Size(shape[rank - 1], $"in_shape[{rank - 1}]");
    }
}
