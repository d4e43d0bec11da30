using System.Collections.Generic;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Keras;

/// <summary>
/// Keras <c>Dense</c> / <c>TimeDistributed(Dense)</c> entries and activation entries as descriptor dense
/// layers. Keras computes <c>y = act(x K + b)</c> with K [inputs][units]; the descriptor's W is Kᵀ.
/// </summary>
internal static class KerasDenseLayers
{
    private static readonly string[] s_fields = ["type", "activation", "shape", "weights", "name"];

    /// <summary>
    /// The widest activation turned into an identity dense layer: its size² weights (64 MB at this width) must be
    /// allocated, and a width the file never backs with weights (e.g. <c>in_shape</c> alone) must not decide that.
    /// </summary>
    public const int MaxIdentitySize = 4096;

    /// <summary>The activation names RTNeural's model_utils writes (and "linear"); "" is its name for linear (and for any activation it does not know).</summary>
    private static readonly Dictionary<string, Activation> s_activations = new()
    {
        [""] = Activation.Linear,
        ["linear"] = Activation.Linear,
        ["tanh"] = Activation.Tanh,
        ["relu"] = Activation.Relu,
        ["sigmoid"] = Activation.Sigmoid,
        ["softmax"] = Activation.Softmax,
    };

    /// <summary>Types RTNeural files use for a bare activation layer, besides <c>activation</c> with an <c>activation</c> field.</summary>
    public static bool IsActivationType(string type) => type == "activation" || (type.Length > 0 && s_activations.ContainsKey(type));

    /// <summary>A <c>dense</c> or <c>time-distributed-dense</c> entry: weights [kernel [I][units], bias [units]] (no bias when use_bias=False).</summary>
    public static DenseLayerDescriptor Dense(KerasLayerSource layer)
    {
        layer.OnlyKnownFields(s_fields, "a Keras Dense setting the runtime does not model");
        var activation = ActivationOf(layer, layer.OptionalString("activation", ""));
        int units = layer.Units(recurrent: false), inputs = layer.InputSize;
        var weights = layer.Weights(1, 2, "[kernel, bias] (or no bias)");
        var kernel = layer.Weight(weights, 0, "kernel [inputs][units]", inputs, units);
        var bias = weights.GetArrayLength() == 2 ? layer.Weight(weights, 1, "bias [units]", units) : new float[units];
        return new DenseLayerDescriptor(inputs, units, activation, KerasGates.KernelToRows(kernel, inputs, units, [0]), bias);
    }

    /// <summary>
    /// An activation entry (<c>type: "activation"</c> with its <c>activation</c> field, or the activation's
    /// name as the type) appended to <paramref name="layers"/>. The descriptor has no activation layer: the
    /// activation joins the dense layer before it when that one is linear, and otherwise becomes a dense layer
    /// with identity weights and zero bias (exact: each output is 1·x_j plus zeros).
    /// </summary>
    public static void AppendActivation(KerasLayerSource layer, List<LayerDescriptor> layers)
    {
        layer.OnlyKnownFields(s_fields, "an activation layer has no settings");
        var activation = ActivationOf(layer, layer.Type == "activation" ? layer.OptionalString("activation", "") : layer.Type);
        int size = layer.InputSize;
        if (layer.Json.TryGetProperty("shape", out _) && layer.Units(recurrent: false) is int units && units != size)
            throw layer.Error($"shape: expected {size} values per step (an activation keeps its input's size), found {units}");
        if (layer.Json.TryGetProperty("weights", out _))
            layer.Weights(0, 0, "none (an activation has no weights)");
        if (activation == Activation.Linear)
            return;
        if (layers.Count > 0 && layers[^1] is DenseLayerDescriptor { Activation: Activation.Linear } previous)
        {
            layers[^1] = new DenseLayerDescriptor(previous.InputSize, previous.Units, activation, previous.Weight.ToArray(), previous.Bias.ToArray());
            return;
        }

        if (size > MaxIdentitySize)
            throw layer.Error($"an activation that follows no linear dense layer becomes an identity dense layer of {size} x {size} weights; at most {MaxIdentitySize} values per step are supported there");
        var identity = new float[size * size];
        for (int j = 0; j < size; j++)
            identity[j * size + j] = 1f;
        layers.Add(new DenseLayerDescriptor(size, size, activation, identity, new float[size]));
    }

    private static Activation ActivationOf(KerasLayerSource layer, string name) =>
        s_activations.TryGetValue(name, out var activation)
            ? activation
            : throw layer.Error($"activation \"{name}\" is not supported; expected one of linear, tanh, relu, sigmoid, softmax (or \"\" for linear)");
}
