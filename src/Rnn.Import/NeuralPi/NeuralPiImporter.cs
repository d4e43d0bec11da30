using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Rnn.Import.PyTorch;
using Rnn.Import.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.NeuralPi;

/// <summary>
/// Imports the JSON that Automated-GuitarAmpModelling's <c>SimpleRNN.save_model</c> writes (the models
/// GuitarML's NeuralPi loads): <c>model_data</c> (<c>unit_type</c> LSTM/GRU/RNN, <c>input_size</c>,
/// <c>hidden_size</c>, <c>num_layers</c>, <c>output_size</c>, <c>skip</c>, <c>bias_fl</c>) and the module's
/// PyTorch <c>state_dict</c>: <c>rec.*</c> (an <c>nn.LSTM</c>/<c>nn.GRU</c>/<c>nn.RNN</c> built with its
/// defaults) and <c>lin.weight</c>/<c>lin.bias</c> (an <c>nn.Linear</c>). The network computes
/// <c>y = lin(rec(x)) + x[:, :, 0:skip]</c>, which is the descriptor's model-level <c>skip</c>.
/// </summary>
public sealed class NeuralPiImporter : IModelImporter
{
    private const string RecurrentPrefix = "rec.";

    /// <inheritdoc />
    public string Format => "neuralpi";

    /// <inheritdoc />
    public string Description => "NeuralPi / Automated-GuitarAmpModelling JSON (model_data + state_dict of a SimpleRNN)";

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) => head.IndexOf("\"model_data\""u8) >= 0;

    /// <inheritdoc />
    public ModelDescriptor Import(string path)
    {
        using var json = JsonModelFile.Open(path);
        json.OnlyKnownFields(json.Root, "", ["model_data", "state_dict"], "SimpleRNN.save_model writes only these");
        var data = json.Object(json.Root, "", "model_data");
        const string at = "model_data";
        json.OnlyKnownFields(data, at, ["model", "input_size", "output_size", "unit_type", "num_layers", "hidden_size", "skip", "bias_fl"], "SimpleRNN has only these");
        string model = json.String(data, at, "model");
        if (model != "SimpleRNN")
            throw json.Error("model_data.model", $"expected \"SimpleRNN\" (a recurrent unit and a linear layer), found {JsonModelFile.Quote(model)}");
        string unit = json.String(data, at, "unit_type");
        var kind = unit switch
        {
            "LSTM" => LayerKind.Lstm,
            "GRU" => LayerKind.Gru,
            "RNN" => LayerKind.Rnn,
            _ => throw json.Error("model_data.unit_type", $"expected \"LSTM\", \"GRU\" or \"RNN\", found {JsonModelFile.Quote(unit)}"),
        };

        // SimpleRNN builds its unit as nn.<unit_type>(input_size, hidden_size, num_layers): every other setting
        // is PyTorch's default (bias, one direction, no projection, tanh), and its constructor's defaults
        // stand in for fields an older file may lack.
        int inputSize = json.Size(data, at, "input_size");
        var settings = new PyTorchRecurrentSettings(kind, inputSize, json.Size(data, at, "hidden_size"),
            json.Size(data, at, "num_layers", fallback: 1), Bias: true, Bidirectional: false, ProjectionSize: 0, Activation.Tanh);
        int outputSize = json.Size(data, at, "output_size");
        bool linearBias = json.Boolean(data, at, "bias_fl", fallback: true);
        int skip = Skip(json, data, inputSize, outputSize);

        var state = json.Object(json.Root, "", "state_dict");
        var tensors = Float32Tensor.ReadAll(json, state, "state_dict");
        var recurrent = new List<KeyValuePair<string, Float32Tensor>>();
        foreach (var (name, tensor) in tensors)
        {
            if (name.StartsWith(RecurrentPrefix, StringComparison.Ordinal))
                recurrent.Add(new(name[RecurrentPrefix.Length..], tensor));
            else if (name != "lin.weight" && !(name == "lin.bias" && linearBias))
                throw json.Error($"state_dict.{name}", $"unexpected tensor; a SimpleRNN with bias_fl={(linearBias ? "true" : "false")} has rec.* and lin.weight{(linearBias ? ", lin.bias" : "")}");
        }

        var layers = new List<LayerDescriptor>(PyTorchRecurrentTensors.ToLayers(settings, recurrent, json, "state_dict", RecurrentPrefix));
        layers.Add(Linear(json, tensors, settings.OutputSize, outputSize, linearBias));
        return json.Descriptor(() => new ModelDescriptor(inputSize, layers, null, ModelImport.SourceMetadata(Format, path), skip));
    }

    /// <summary>
    /// <c>skip</c>: SimpleRNN adds <c>x[:, :, 0:skip]</c> to the output when skip is truthy (Python's
    /// <c>True</c> slices one feature).
    /// </summary>
    private static int Skip(JsonModelFile json, JsonElement data, int inputSize, int outputSize)
    {
        int skip = data.TryGetProperty("skip", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? (value.ValueKind == JsonValueKind.True ? 1 : 0)
            : json.Int(data, "model_data", "skip", 0, JsonModelFile.MaxSize, fallback: 1);
        PyTorchModules.CheckSkip(json, "model_data.skip", skip, inputSize, outputSize, $"output_size {outputSize}");
        return skip;
    }

    private static DenseLayerDescriptor Linear(JsonModelFile json, List<KeyValuePair<string, Float32Tensor>> tensors, int hidden, int outputSize, bool bias)
    {
        Float32Tensor Tensor(string name) =>
            tensors.FirstOrDefault(t => t.Key == name).Value ?? throw json.Error("state_dict", $"missing tensor \"{name}\"");

        // nn.Linear(hidden_size, output_size): weight [output_size, hidden_size] is the dense layer's units × I.
        var weight = Tensor("lin.weight").Expect(json, "state_dict.lin.weight", $"output_size {outputSize} by the recurrent unit's {hidden} outputs", outputSize, hidden);
        var biasValues = bias
            ? Tensor("lin.bias").Expect(json, "state_dict.lin.bias", $"output_size {outputSize}", outputSize).Values
            : new float[outputSize];
        return new DenseLayerDescriptor(hidden, outputSize, Activation.Linear, weight.Values, biasValues);
    }
}
