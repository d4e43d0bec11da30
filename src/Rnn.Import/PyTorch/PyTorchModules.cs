using System.Text.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.PyTorch;

/// <summary>
/// Reads the modules of a PyTorch dump (tools/export_pytorch.py): a recurrent module's settings, an
/// <c>nn.Linear</c>'s tensors and the activation after it. Each reader checks the settings against the
/// sizes flowing in and refuses any setting the descriptor cannot hold, naming the module and setting.
/// </summary>
internal static class PyTorchModules
{
    /// <summary>The modules that become a recurrent descriptor layer per stacked layer.</summary>
    public static bool IsRecurrent(string module, out LayerKind kind)
    {
        kind = module switch { "LSTM" => LayerKind.Lstm, "GRU" => LayerKind.Gru, "RNN" => LayerKind.Rnn, _ => LayerKind.Dense };
        return kind != LayerKind.Dense;
    }

    /// <summary>The activation a module applies element-wise (or over the features, for Softmax), if it is one.</summary>
    public static bool IsActivation(string module, out Activation activation)
    {
        activation = module switch
        {
            "Tanh" => Activation.Tanh,
            "ReLU" => Activation.Relu,
            "Sigmoid" => Activation.Sigmoid,
            "Softmax" => Activation.Softmax,
            _ => Activation.Linear,
        };
        return activation != Activation.Linear;
    }

    /// <summary>
    /// The constructor settings of a recurrent module reading <paramref name="inputSize"/> values.
    /// <paramref name="dropout"/> is its dropout between stacked layers (training only).
    /// </summary>
    public static PyTorchRecurrentSettings RecurrentSettings(TorchJsonFile json, JsonElement settings, string path, LayerKind kind, int inputSize, out double dropout)
    {
        var known = kind switch
        {
            LayerKind.Lstm => new[] { "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size" },
            LayerKind.Rnn => new[] { "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "nonlinearity" },
            _ => new[] { "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional" },
        };
        json.OnlyKnownFields(settings, path, known);
        int declared = json.Int(settings, path, "input_size", 1);
        if (declared != inputSize)
            throw json.Error(TorchJsonFile.Join(path, "input_size"), $"expected {inputSize} (the values reaching this module), found {declared}");
        int hidden = json.Int(settings, path, "hidden_size", 1);
        int layers = json.Int(settings, path, "num_layers", 1, fallback: 1);
        bool bias = json.Bool(settings, path, "bias", fallback: true);
        _ = json.Bool(settings, path, "batch_first", fallback: false); // only the layout of forward()'s arguments
        dropout = json.Number(settings, path, "dropout", 0);
        bool bidirectional = json.Bool(settings, path, "bidirectional", fallback: false);
        int projection = kind == LayerKind.Lstm ? json.Int(settings, path, "proj_size", 0, fallback: 0) : 0;
        if (projection >= hidden)
            throw json.Error(TorchJsonFile.Join(path, "proj_size"), $"expected 0 (none) or less than hidden_size {hidden}, found {projection}");
        var nonlinearity = Activation.Tanh;
        if (kind == LayerKind.Rnn && settings.TryGetProperty("nonlinearity", out _))
        {
            string text = json.String(settings, path, "nonlinearity");
            nonlinearity = text switch
            {
                "tanh" => Activation.Tanh,
                "relu" => Activation.Relu,
                _ => throw json.Error(TorchJsonFile.Join(path, "nonlinearity"), $"expected \"tanh\" or \"relu\", found \"{text}\""),
            };
        }

        return new PyTorchRecurrentSettings(kind, inputSize, hidden, layers, bias, bidirectional, projection, nonlinearity);
    }

    /// <summary>An <c>nn.Linear</c> reading <paramref name="inputSize"/> values, followed by <paramref name="activation"/>, as a dense layer.</summary>
    public static DenseLayerDescriptor Linear(TorchJsonFile json, JsonElement layer, string at, int inputSize, Activation activation)
    {
        string settingsPath = at + ": settings", tensorsPath = at + ": tensors";
        var settings = json.Object(layer, at, "settings");
        json.OnlyKnownFields(settings, settingsPath, "in_features", "out_features", "bias");
        int inFeatures = json.Int(settings, settingsPath, "in_features", 1);
        if (inFeatures != inputSize)
            throw json.Error(TorchJsonFile.Join(settingsPath, "in_features"), $"expected {inputSize} (the values reaching this module), found {inFeatures}");
        int outFeatures = json.Int(settings, settingsPath, "out_features", 1);
        bool bias = json.Bool(settings, settingsPath, "bias", fallback: true);

        var tensors = json.Object(layer, at, "tensors");
        json.OnlyKnownFields(tensors, tensorsPath, bias ? new[] { "weight", "bias" } : new[] { "weight" });
        // nn.Linear's weight is [out_features, in_features]: the dense layer's units × I, row-major as it is.
        var weight = PyTorchTensor.Read(json.Required(tensors, tensorsPath, "weight"), json, TorchJsonFile.Join(tensorsPath, "weight"))
            .Expect(json, TorchJsonFile.Join(tensorsPath, "weight"), $"out_features {outFeatures} by in_features {inFeatures}", outFeatures, inFeatures);
        var biasValues = bias
            ? PyTorchTensor.Read(json.Required(tensors, tensorsPath, "bias"), json, TorchJsonFile.Join(tensorsPath, "bias"))
                .Expect(json, TorchJsonFile.Join(tensorsPath, "bias"), $"out_features {outFeatures}", outFeatures).Values
            : new float[outFeatures];
        return new DenseLayerDescriptor(inFeatures, outFeatures, activation, weight.Values, biasValues);
    }

    /// <summary>Checks an activation module's settings: Softmax must act over the features (dim -1, or 2 of [T, B, F]).</summary>
    public static void CheckActivation(TorchJsonFile json, JsonElement layer, string at, Activation activation)
    {
        if (activation != Activation.Softmax)
        {
            json.OnlyKnownFields(layer, at, "module", "name");
            return;
        }

        json.OnlyKnownFields(layer, at, "module", "name", "settings");
        var settings = json.Object(layer, at, "settings");
        string path = at + ": settings";
        json.OnlyKnownFields(settings, path, "dim");
        var dim = json.Required(settings, path, "dim");
        if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int value) || (value != -1 && value != 2))
            throw json.Error(TorchJsonFile.Join(path, "dim"), $"expected -1 (softmax over the features; 2 for [seq, batch, features]), found {TorchJsonFile.Describe(dim)}");
    }
}
