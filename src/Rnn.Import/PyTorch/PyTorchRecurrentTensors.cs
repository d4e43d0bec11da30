using System.Collections.Generic;
using System.Linq;
using Rnn.Import.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.PyTorch;

/// <summary>
/// The one place that knows PyTorch's recurrent tensor names and layouts (used by the PyTorch dump and
/// NeuralPi importers): stacked layer k of an <c>nn.LSTM</c>/<c>nn.GRU</c>/<c>nn.RNN</c> has
/// <c>weight_ih_l{k}</c> [G·H, I_k], <c>weight_hh_l{k}</c> [G·H, S], <c>bias_ih_l{k}</c> and
/// <c>bias_hh_l{k}</c> [G·H] (absent when <c>bias=False</c>), <c>weight_hr_l{k}</c> [P, H] with
/// <c>proj_size</c>, and a <c>_reverse</c> twin of each when bidirectional; I_0 is the module's input size,
/// later layers read the previous layer's S or 2·S outputs. Each stacked layer becomes one descriptor layer.
/// </summary>
internal static class PyTorchRecurrentTensors
{
    // Gate blocks, PyTorch's row order → the descriptor's: the descriptor uses PyTorch's order, so the
    // permutation is the identity and rows are copied as they are.
    //   LSTM [i, f, g, o] → [i, f, g, o]      GRU [r, z, n] → [r, z, n]      RNN [h] → [h]

    /// <summary>A tensor's name, e.g. <c>weight_ih_l1_reverse</c>.</summary>
    public static string Name(string tensor, int layer, bool reverse) => $"{tensor}_l{layer}{(reverse ? "_reverse" : "")}";

    /// <summary>Every tensor name the module's settings give it, in PyTorch's state_dict order.</summary>
    public static IEnumerable<string> ExpectedNames(PyTorchRecurrentSettings settings)
    {
        for (int layer = 0; layer < settings.NumLayers; layer++)
        {
            foreach (bool reverse in settings.Bidirectional ? new[] { false, true } : new[] { false })
            {
                yield return Name("weight_ih", layer, reverse);
                yield return Name("weight_hh", layer, reverse);
                if (settings.Bias)
                {
                    yield return Name("bias_ih", layer, reverse);
                    yield return Name("bias_hh", layer, reverse);
                }

                if (settings.ProjectionSize > 0)
                    yield return Name("weight_hr", layer, reverse);
            }
        }
    }

    /// <summary>
    /// The descriptor layers of the module: one per stacked layer. <paramref name="tensors"/> are the
    /// module's tensors by their names after <paramref name="prefix"/>; <paramref name="path"/> is where they
    /// sit in the file (errors name <c>path.prefix+name</c>). Every tensor is checked for its shape and every
    /// one is used: a missing or an unexpected tensor is an error.
    /// </summary>
    public static List<RecurrentLayerDescriptor> ToLayers(
        PyTorchRecurrentSettings settings, IReadOnlyList<KeyValuePair<string, Float32Tensor>> tensors, JsonModelFile json, string path, string prefix)
    {
        var expected = ExpectedNames(settings).ToList();
        var byName = new Dictionary<string, Float32Tensor>();
        foreach (var (name, tensor) in tensors)
        {
            if (!expected.Contains(name))
                throw json.Error(JsonModelFile.Join(path, prefix + name), $"unexpected tensor for {Describe(settings)}; expected {string.Join(", ", expected.Select(n => prefix + n))}");
            byName[name] = tensor;
        }

        foreach (string name in expected)
        {
            if (!byName.ContainsKey(name))
                throw json.Error(path, $"missing tensor \"{prefix + name}\" of {Describe(settings)}");
        }

        var layers = new List<RecurrentLayerDescriptor>();
        var options = new RecurrentLayerOptions
        {
            Direction = settings.Bidirectional ? RecurrentDirection.Bidirectional : RecurrentDirection.Forward,
            ProjectionSize = settings.ProjectionSize,
        };
        for (int layer = 0; layer < settings.NumLayers; layer++)
        {
            var forward = Direction(settings, layer, reverse: false, byName, json, path, prefix);
            var reverse = settings.Bidirectional ? Direction(settings, layer, reverse: true, byName, json, path, prefix) : null;
            layers.Add(new RecurrentLayerDescriptor(settings.Kind, settings.InputSizeOf(layer), settings.HiddenSize, settings.Nonlinearity, forward, reverse, options));
        }

        return layers;
    }

    /// <summary>The settings as PyTorch's constructor takes them, for messages.</summary>
    public static string Describe(PyTorchRecurrentSettings s) =>
        $"nn.{s.ModuleName}(input_size={s.InputSize}, hidden_size={s.HiddenSize}, num_layers={s.NumLayers}, bias={(s.Bias ? "True" : "False")}, bidirectional={(s.Bidirectional ? "True" : "False")}"
        + (s.Kind == LayerKind.Lstm ? $", proj_size={s.ProjectionSize})" : ")");

    private static RecurrentWeights Direction(PyTorchRecurrentSettings s, int layer, bool reverse,
        Dictionary<string, Float32Tensor> byName, JsonModelFile json, string path, string prefix)
    {
        int gates = RecurrentLayerDescriptor.GateCountOf(s.Kind);
        long rows = (long)gates * s.HiddenSize;
        int input = s.InputSizeOf(layer);
        string gatesTimesH = $"{gates} gate block(s) × hidden_size {s.HiddenSize}";
        float[] Get(string tensor, string why, params long[] shape)
        {
            string name = Name(tensor, layer, reverse);
            return byName[name].Expect(json, JsonModelFile.Join(path, prefix + name), why, shape).Values;
        }

        string inputWhy = layer == 0 ? $"the module's input_size {input}" : $"layer {layer - 1}'s {input} outputs";
        var weightIh = Get("weight_ih", $"{gatesTimesH} by {inputWhy}", rows, input);
        var weightHh = Get("weight_hh", $"{gatesTimesH} by {(s.ProjectionSize > 0 ? $"proj_size {s.ProjectionSize}" : $"hidden_size {s.HiddenSize}")}", rows, s.StateSize);
        var biasIh = s.Bias ? Get("bias_ih", gatesTimesH, rows) : new float[rows];
        var biasHh = s.Bias ? Get("bias_hh", gatesTimesH, rows) : new float[rows];
        var weightHr = s.ProjectionSize > 0 ? Get("weight_hr", $"proj_size {s.ProjectionSize} by hidden_size {s.HiddenSize}", s.ProjectionSize, s.HiddenSize) : null;
        return new RecurrentWeights(weightIh, weightHh, biasIh, biasHh, weightHr: weightHr);
    }
}
