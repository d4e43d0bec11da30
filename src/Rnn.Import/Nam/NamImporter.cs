using System;
using System.Collections.Generic;
using System.Text.Json;
using Rnn.Import.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Nam;

/// <summary>
/// Neural Amp Modeler <c>.nam</c> files with <c>architecture: "LSTM"</c>: <c>config</c> (num_layers,
/// input_size, hidden_size) and one flat <c>weights</c> array, as neural-amp-modeler's
/// <c>nam/models/recurrent.py</c> exports it and NeuralAmpModelerCore's <c>NAM/lstm.cpp</c> reads it:
/// <code>
/// per layer k:  W  [4H][I_k + H] row-major = [W_ih | W_hh] side by side, gate rows i, f, g, o (PyTorch's)
///               b  [4H]  = b_ih + b_hh (PyTorch's two biases summed; NAM keeps one)
///               h0 [H], c0 [H]   the state the layer starts from (the exporter's burnt-in initial state)
/// then the head Linear(H, out_channels): weight [out][H] row-major, bias [out]
/// </code>
/// The core feeds the raw sample as the input (input_size 1, no scaling) and outputs <c>head(h_last)</c>;
/// the file's <c>sample_rate</c> and <c>metadata</c> (loudness, input/output levels) are for the host's
/// calibration, so they are kept in the descriptor's metadata, not applied. On Reset the core may also
/// "prewarm" (run 0.5 s of silence, a runtime policy rather than a part of the model); the descriptor starts
/// from the stored h0, c0 as the core's constructor does. Other architectures (WaveNet, ConvNet, Linear,
/// CatLSTM …) are refused naming the architecture.
/// </summary>
public sealed class NamImporter : IModelImporter
{
    private static readonly string[] s_topFields = ["version", "metadata", "architecture", "config", "weights", "sample_rate"];

    /// <inheritdoc />
    public string Format => "nam";

    /// <inheritdoc />
    public string Description => "Neural Amp Modeler .nam file (LSTM architecture)";

    /// <summary>
    /// A JSON object naming an architecture and a config, or, when a long <c>metadata</c> pushes those past
    /// the sniffed bytes, one that opens the way NAM's exporter writes every file: <c>{"version": "…", "metadata"</c>.
    /// </summary>
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        JsonHead.HasKeys(head, "architecture", "config")
        || (head.StartsWith("{\"version\": \""u8) && JsonHead.HasKeys(head, "metadata"));

    /// <inheritdoc />
    public ModelDescriptor Import(string path)
    {
        using var file = JsonModelFile.Open(path);
        var root = file.Root;
        file.OnlyKnownFields(root, "", s_topFields, "fields of a .nam file this importer does not know may change the model");
        string architecture = file.String(root, "", "architecture");
        if (architecture != "LSTM")
            throw file.Error("architecture", $"{JsonModelFile.Quote(architecture)} is not supported; only \"LSTM\" models import (convolutional and linear NAM architectures have no recurrent descriptor)");
        var config = NamLstmConfig.Read(file, file.Object(root, "", "config"));
        var weights = Float32Tensor.Read(file, file.Required(root, "", "weights"), "weights",
            $"{config.NumLayers} layer(s) of [W 4H x (I+H), b 4H, h0 H, c0 H] with H = {config.HiddenSize}, then the head's {config.OutChannels} x {config.HiddenSize} weights and {config.OutChannels} bias(es)",
            config.WeightCount).Values;

        var layers = new List<LayerDescriptor>();
        int offset = 0;
        for (int k = 0; k < config.NumLayers; k++)
        {
            int length = (int)config.LayerLength(k); // fits: the weights array, of that length at least, has been read
            layers.Add(Layer(config, k, weights.AsSpan(offset, length)));
            offset += length;
        }

        int h = config.HiddenSize, outputs = config.OutChannels;
        layers.Add(new DenseLayerDescriptor(h, outputs, Activation.Linear,
            weights.AsSpan(offset, outputs * h).ToArray(), weights.AsSpan(offset + outputs * h, outputs).ToArray()));
        var metadata = ModelImport.SourceMetadata(Format, path, Extra(file, root));
        return file.Descriptor(() => new ModelDescriptor(config.InputSize, layers, metadata: metadata));
    }

    /// <summary>One layer's slice of the flat array: W split into W_ih | W_hh, b to bias_ih (bias_hh zero), h0 and c0 as the learned initial state.</summary>
    private static RecurrentLayerDescriptor Layer(NamLstmConfig config, int layer, ReadOnlySpan<float> flat)
    {
        int h = config.HiddenSize, inputs = config.LayerInputs(layer), rows = 4 * h, columns = inputs + h;
        var weightIh = new float[rows * inputs];
        var weightHh = new float[rows * h];
        for (int r = 0; r < rows; r++)
        {
            flat.Slice(r * columns, inputs).CopyTo(weightIh.AsSpan(r * inputs));
            flat.Slice(r * columns + inputs, h).CopyTo(weightHh.AsSpan(r * h));
        }

        int offset = rows * columns;
        var bias = flat.Slice(offset, rows).ToArray();
        var initialH = flat.Slice(offset + rows, h).ToArray();
        var initialC = flat.Slice(offset + rows + h, h).ToArray();
        var tensors = new RecurrentWeights(weightIh, weightHh, bias, new float[rows], initialH: initialH, initialC: initialC);
        return new RecurrentLayerDescriptor(LayerKind.Lstm, inputs, h, Activation.Tanh, tensors, null, null);
    }

    /// <summary>What the host needs besides the network: NAM's file version, the sample rate and NAM's own metadata.</summary>
    private static List<KeyValuePair<string, MetadataValue>> Extra(JsonModelFile file, JsonElement root)
    {
        var extra = new List<KeyValuePair<string, MetadataValue>>();
        if (root.TryGetProperty("version", out var version))
            extra.Add(new("nam_version", MetadataValue.FromString(file.String(version, "version"))));
        if (root.TryGetProperty("sample_rate", out var rate))
            extra.Add(new("sample_rate", MetadataValue.FromNumber(file.Number(rate, "sample_rate"))));
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null)
            extra.Add(new("nam_metadata", file.Metadata(metadata, "metadata")));
        return extra;
    }
}
