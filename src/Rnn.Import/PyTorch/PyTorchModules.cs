using System.Text.Json;
using Rnn.Import.Json;
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
    public static PyTorchRecurrentSettings RecurrentSettings(JsonModelFile json, JsonElement settings, string path, LayerKind kind, int inputSize, out double dropout)
    {
        var known = kind switch
        {
            LayerKind.Lstm => new[] { "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size" },
            LayerKind.Rnn => new[] { "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "nonlinearity" },
            _ => new[] { "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional" },
        };
        json.OnlyKnownFields(settings, path, known, $"a setting of nn.{(kind == LayerKind.Lstm ? "LSTM" : kind == LayerKind.Gru ? "GRU" : "RNN")} the descriptor does not model");
        int declared = json.Size(settings, path, "input_size");
        if (declared != inputSize)
            throw json.Error(JsonModelFile.Join(path, "input_size"), $"expected {inputSize} (the values reaching this module), found {declared}");
        int hidden = json.Size(settings, path, "hidden_size");
        int layers = json.Size(settings, path, "num_layers", fallback: 1);
        bool bias = json.Boolean(settings, path, "bias", fallback: true);
        _ = json.Boolean(settings, path, "batch_first", fallback: false); // only the layout of forward()'s arguments
        dropout = json.Number(settings, path, "dropout", 0);
        bool bidirectional = json.Boolean(settings, path, "bidirectional", fallback: false);
        int projection = kind == LayerKind.Lstm ? json.Int(settings, path, "proj_size", 0, JsonModelFile.MaxSize, fallback: 0) : 0;
        if (projection >= hidden)
            throw json.Error(JsonModelFile.Join(path, "proj_size"), $"expected 0 (none) or less than hidden_size {hidden}, found {projection}");
        var nonlinearity = Activation.Tanh;
        if (kind == LayerKind.Rnn && settings.TryGetProperty("nonlinearity", out _))
        {
            string text = json.String(settings, path, "nonlinearity");
            nonlinearity = text switch
            {
                "tanh" => Activation.Tanh,
                "relu" => Activation.Relu,
                _ => throw json.Error(JsonModelFile.Join(path, "nonlinearity"), $"expected \"tanh\" or \"relu\", found {JsonModelFile.Quote(text)}"),
            };
        }

        return new PyTorchRecurrentSettings(kind, inputSize, hidden, layers, bias, bidirectional, projection, nonlinearity);
    }

    /// <summary>An <c>nn.Linear</c> reading <paramref name="inputSize"/> values, followed by <paramref name="activation"/>, as a dense layer.</summary>
    public static DenseLayerDescriptor Linear(JsonModelFile json, JsonElement layer, string at, int inputSize, Activation activation)
    {
        string settingsPath = at + ": settings", tensorsPath = at + ": tensors";
        var settings = json.Object(layer, at, "settings");
        json.OnlyKnownFields(settings, settingsPath, ["in_features", "out_features", "bias"], "a setting of nn.Linear the descriptor does not model");
        int inFeatures = json.Size(settings, settingsPath, "in_features");
        if (inFeatures != inputSize)
            throw json.Error(JsonModelFile.Join(settingsPath, "in_features"), $"expected {inputSize} (the values reaching this module), found {inFeatures}");
        int outFeatures = json.Size(settings, settingsPath, "out_features");
        bool bias = json.Boolean(settings, settingsPath, "bias", fallback: true);

        var tensors = json.Object(layer, at, "tensors");
        json.OnlyKnownFields(tensors, tensorsPath, bias ? ["weight", "bias"] : ["weight"], $"nn.Linear with bias={(bias ? "True" : "False")} has these");
        // nn.Linear's weight is [out_features, in_features]: the dense layer's units × I, row-major as it is.
        var weight = Float32Tensor.Read(json, json.Required(tensors, tensorsPath, "weight"), JsonModelFile.Join(tensorsPath, "weight"),
            $"out_features {outFeatures} by in_features {inFeatures}", outFeatures, inFeatures).Values;
        var biasValues = bias
            ? Float32Tensor.Read(json, json.Required(tensors, tensorsPath, "bias"), JsonModelFile.Join(tensorsPath, "bias"), $"out_features {outFeatures}", outFeatures).Values
            : new float[outFeatures];
        return new DenseLayerDescriptor(inFeatures, outFeatures, activation, weight, biasValues);
    }

    /// <summary>
    /// Checks a residual skip, <c>y = net(x) + x[..., 0:skip]</c>: 0 (none), or the output size when the input has
    /// that many features. PyTorch would broadcast any other width, which the descriptor's skip cannot hold.
    /// <paramref name="output"/> names the output size as the file does, e.g. <c>output_size 1</c>.
    /// </summary>
    public static void CheckSkip(JsonModelFile json, string where, int skip, int inputSize, int outputSize, string output)
    {
        if (skip != 0 && (skip != outputSize || skip > inputSize))
            throw json.Error(where, $"expected 0 (none) or {output} (at most input_size {inputSize}): the output adds the first skip input features, found {skip}");
    }

    /// <summary>Checks an activation module's settings: Softmax must act over the features (dim -1, or 2 of [T, B, F]).</summary>
    public static void CheckActivation(JsonModelFile json, JsonElement layer, string at, Activation activation)
    {
        if (activation != Activation.Softmax)
        {
            json.OnlyKnownFields(layer, at, ["module", "name"], "this activation has no settings");
            return;
        }

        json.OnlyKnownFields(layer, at, ["module", "name", "settings"], "Softmax has only its dim");
        var settings = json.Object(layer, at, "settings");
        string path = at + ": settings";
        json.OnlyKnownFields(settings, path, ["dim"], "Softmax has only its dim");
        var dim = json.Required(settings, path, "dim");
        if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int value) || (value != -1 && value != 2))
            throw json.Error(JsonModelFile.Join(path, "dim"), $"expected -1 (softmax over the features; 2 for [seq, batch, features]), found {JsonModelFile.Describe(dim)}");
    }
}
