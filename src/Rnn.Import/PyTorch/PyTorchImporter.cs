using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Rnn.Import.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.PyTorch;

/// <summary>
/// Imports a PyTorch model dumped by <c>tools/export_pytorch.py</c> (<c>*.torch.json</c>): a chain of
/// <c>nn.LSTM</c>/<c>nn.GRU</c>/<c>nn.RNN</c> (each stacked layer becomes a descriptor layer; bidirectional,
/// <c>proj_size</c> and <c>bias=False</c> included), <c>nn.Linear</c> with the activation after it as a dense
/// layer, <c>Identity</c> and <c>Dropout</c> (both pass values through at inference, noted in metadata), and an
/// optional residual <c>skip</c>.
/// </summary>
public sealed class PyTorchImporter : IModelImporter
{
    /// <summary>The dump's <c>format</c> tag, written first by the script so the content identifies the file.</summary>
    public const string DumpFormat = "rnn-embedded-torch-export";

    /// <summary>The newest dump version this importer reads.</summary>
    public const int DumpVersion = 1;

    private static readonly string[] s_moduleFields = ["module", "name", "settings", "tensors"];

    /// <inheritdoc />
    public string Format => "pytorch";

    /// <inheritdoc />
    public string Description => "PyTorch model dumped by tools/export_pytorch.py (*.torch.json: LSTM, GRU, RNN, Linear, activations)";

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) => head.IndexOf("\"rnn-embedded-torch-export\""u8) >= 0;

    /// <inheritdoc />
    public ModelDescriptor Import(string path)
    {
        using var json = JsonModelFile.Open(path);
        var root = json.Root;
        json.OnlyKnownFields(root, "", ["format", "version", "producer", "input_size", "skip", "layers"], "tools/export_pytorch.py writes only these");
        string format = json.String(root, "", "format");
        if (format != DumpFormat)
            throw json.Error("format", $"expected \"{DumpFormat}\" (a dump by tools/export_pytorch.py), found {JsonModelFile.Quote(format)}");
        int version = json.Size(root, "", "version");
        if (version > DumpVersion)
            throw json.Error("version", $"dump version {version} is newer than this importer, which reads version {DumpVersion}; update Rnn.Embedded");
        int inputSize = json.Size(root, "", "input_size");
        int skip = json.Int(root, "", "skip", 0, JsonModelFile.MaxSize, fallback: 0);

        var notes = new List<string>();
        var layers = ReadChain(json, json.Array(root, "", "layers"), inputSize, notes);
        int outputSize = layers[^1].OutputSize;
        PyTorchModules.CheckSkip(json, "skip", skip, inputSize, outputSize, $"the model's output size {outputSize}");

        var extra = new List<KeyValuePair<string, MetadataValue>>();
        if (root.TryGetProperty("producer", out var producer))
            extra.Add(new("producer", MetadataValue.FromString(json.String(producer, "producer"))));
        if (notes.Count > 0)
            extra.Add(new("import_notes", MetadataValue.FromArray(notes.Select(MetadataValue.FromString))));
        return json.Descriptor(() => new ModelDescriptor(inputSize, layers, null, ModelImport.SourceMetadata(Format, path, extra), skip));
    }

    private static List<LayerDescriptor> ReadChain(JsonModelFile json, JsonElement modules, int inputSize, List<string> notes)
    {
        var layers = new List<LayerDescriptor>();
        int size = inputSize;
        string? previous = null; // the module before, for "an activation must follow a Linear"
        for (int index = 0; index < modules.GetArrayLength(); index++)
        {
            var layer = modules[index];
            string path = $"layers[{index}]";
            if (layer.ValueKind != JsonValueKind.Object)
                throw json.Error(path, $"expected an object, found {JsonModelFile.Describe(layer)}");
            string module = json.String(layer, path, "module");
            string at = Describe(json, layer, index);

            if (PyTorchModules.IsRecurrent(module, out var kind))
            {
                json.OnlyKnownFields(layer, at, s_moduleFields, "a module holds its settings and tensors");
                var settings = PyTorchModules.RecurrentSettings(json, json.Object(layer, at, "settings"), at + ": settings", kind, size, out double dropout);
                var tensors = Float32Tensor.ReadAll(json, json.Object(layer, at, "tensors"), at + ": tensors");
                layers.AddRange(PyTorchRecurrentTensors.ToLayers(settings, tensors, json, at + ": tensors", ""));
                if (dropout > 0 && settings.NumLayers > 1)
                    notes.Add($"{at}: dropout={dropout.ToString("R", CultureInfo.InvariantCulture)} between stacked layers acts only in training; inference (and this model) applies none");
                size = settings.OutputSize;
            }
            else if (module == "Linear")
            {
                json.OnlyKnownFields(layer, at, s_moduleFields, "a module holds its settings and tensors");
                var activation = Activation.Linear;
                if (index + 1 < modules.GetArrayLength() && modules[index + 1].ValueKind == JsonValueKind.Object
                    && modules[index + 1].TryGetProperty("module", out var next) && next.ValueKind == JsonValueKind.String
                    && PyTorchModules.IsActivation(next.GetString()!, out activation))
                {
                    PyTorchModules.CheckActivation(json, modules[index + 1], Describe(json, modules[index + 1], index + 1), activation);
                }

                var dense = PyTorchModules.Linear(json, layer, at, size, activation);
                layers.Add(dense);
                size = dense.OutputSize;
                if (activation != Activation.Linear)
                    index++; // the activation is now the dense layer's
            }
            else if (PyTorchModules.IsActivation(module, out _))
            {
                throw json.Error(at, $"an activation must directly follow a Linear (a descriptor applies activations in dense layers); it follows {previous ?? "the model's input"}");
            }
            else if (module is "Identity" or "Dropout")
            {
                json.OnlyKnownFields(layer, at, ["module", "name", "settings"], "Identity and Dropout hold no tensors");
                if (module == "Dropout")
                    notes.Add($"{at}: dropout acts only in training; inference (and this model) passes values through");
            }
            else
            {
                throw json.Error(at, $"module {JsonModelFile.Shorten(module)} is not supported; expected LSTM, GRU, RNN, Linear, Tanh, ReLU, Sigmoid, Softmax, Identity or Dropout");
            }

            previous = Describe(json, modules[index], index); // index may have moved past a folded activation
        }

        if (layers.Count == 0)
            throw json.Error("layers", "expected at least one LSTM, GRU, RNN or Linear module, found none");
        return layers;
    }

    /// <summary>A module as errors name it: <c>layers[0] (LSTM "rec")</c>, its class and its attribute name in the model.</summary>
    private static string Describe(JsonModelFile json, JsonElement layer, int index)
    {
        string path = $"layers[{index}]";
        string name = layer.TryGetProperty("name", out var n) ? json.String(n, path + ".name") : "";
        return $"{path} ({JsonModelFile.Shorten(json.String(layer, path, "module"))} {JsonModelFile.Quote(name)})";
    }
}
