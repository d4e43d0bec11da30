using System.Text.Json;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Keras;

/// <summary>
/// Keras <c>LSTM</c> and <c>GRU</c> entries as descriptor layers. Keras's equations (keras/layers/rnn), with
/// K the kernel, U the recurrent kernel and σ the recurrent activation:
/// <code>
/// LSTM   z = x K + h U + b (columns i, f, c, o)   c' = σ(z_f) ⊙ c + σ(z_i) ⊙ tanh(z_c)   h' = σ(z_o) ⊙ tanh(c')
/// GRU    z = σ(x K_z + b_z + h U_z + b'_z)         r = σ(x K_r + b_r + h U_r + b'_r)
///        reset_after=True:  h~ = tanh(x K_h + b_h + r ⊙ (h U_h + b'_h))     (bias [2][3H]: b input, b' recurrent)
///        reset_after=False: h~ = tanh(x K_h + b_h + (r ⊙ h) U_h)            (bias [3H], no recurrent bias)
///        h' = z ⊙ h + (1 - z) ⊙ h~
/// </code>
/// These are PyTorch's equations with W = Kᵀ (<see cref="KerasGates"/>); the LSTM's single bias goes to
/// <c>bias_ih</c> (<c>bias_hh</c> zero), and reset_after=False is the descriptor's <c>reset_after: false</c>
/// GRU, whose b_hn sits outside the reset product: Keras's bias is b_ih and b_hh is zero.
/// </summary>
internal static class KerasRecurrentLayers
{
    /// <summary>Fields a recurrent entry may carry; any other may change the model's meaning, so it is refused.</summary>
    private static readonly string[] s_fields = ["type", "activation", "shape", "weights", "recurrent_activation", "return_sequences", "stateful", "go_backwards", "name"];

    private static readonly string[] s_gruFields = [.. s_fields, "reset_after"];

    /// <summary>An <c>lstm</c> entry: weights [kernel [I][4H], recurrent_kernel [H][4H], bias [4H]] (no bias when use_bias=False).</summary>
    public static RecurrentLayerDescriptor Lstm(KerasLayerSource layer)
    {
        layer.OnlyKnownFields(s_fields, "a Keras LSTM setting the runtime does not model");
        var options = Options(layer, resetAfter: true);
        int units = layer.Units(recurrent: true), inputs = layer.InputSize, columns = 4 * units;
        var weights = layer.Weights(2, 3, "[kernel, recurrent_kernel, bias] (or no bias)");
        var kernel = layer.Weight(weights, 0, "kernel [inputs][4*units]", inputs, columns);
        var recurrent = layer.Weight(weights, 1, "recurrent_kernel [units][4*units]", units, columns);
        var bias = weights.GetArrayLength() == 3 ? layer.Weight(weights, 2, "bias [4*units]", columns) : new float[columns];
        var tensors = new RecurrentWeights(
            KerasGates.KernelToRows(kernel, inputs, units, KerasGates.Lstm),
            KerasGates.KernelToRows(recurrent, units, units, KerasGates.Lstm),
            KerasGates.BiasToBlocks(bias, units, KerasGates.Lstm),
            new float[columns]);
        return new RecurrentLayerDescriptor(LayerKind.Lstm, inputs, units, Activation.Tanh, tensors, null, options);
    }

    /// <summary>
    /// A <c>gru</c> entry: weights [kernel [I][3H], recurrent_kernel [H][3H], bias]; the bias's shape says the
    /// variant: [2][3H] is reset_after=True (input and recurrent biases), [3H] is reset_after=False.
    /// </summary>
    public static RecurrentLayerDescriptor Gru(KerasLayerSource layer)
    {
        layer.OnlyKnownFields(s_gruFields, "a Keras GRU setting the runtime does not model");
        int units = layer.Units(recurrent: true), inputs = layer.InputSize, columns = 3 * units;
        var weights = layer.Weights(2, 3, "[kernel, recurrent_kernel, bias] (or no bias)");
        var kernel = layer.Weight(weights, 0, "kernel [inputs][3*units]", inputs, columns);
        var recurrent = layer.Weight(weights, 1, "recurrent_kernel [units][3*units]", units, columns);
        float[] inputBias = new float[columns], recurrentBias = new float[columns];
        bool resetAfter = weights.GetArrayLength() == 2 || IsMatrix(weights[2]);
        if (weights.GetArrayLength() == 3)
        {
            if (resetAfter)
            {
                var both = layer.Weight(weights, 2, "bias [2][3*units] of reset_after=True: input, recurrent", 2, columns);
                System.Array.Copy(both, 0, inputBias, 0, columns);
                System.Array.Copy(both, columns, recurrentBias, 0, columns);
            }
            else
            {
                inputBias = layer.Weight(weights, 2, "bias [3*units] of reset_after=False", columns);
            }
        }

        if (layer.OptionalBoolean("reset_after") is bool declared && declared != resetAfter)
            throw layer.Error($"reset_after: the field says {(resetAfter ? "false" : "true")} but the bias has the shape of reset_after={(resetAfter ? "True ([2][3*units])" : "False ([3*units])")}");

        var tensors = new RecurrentWeights(
            KerasGates.KernelToRows(kernel, inputs, units, KerasGates.Gru),
            KerasGates.KernelToRows(recurrent, units, units, KerasGates.Gru),
            KerasGates.BiasToBlocks(inputBias, units, KerasGates.Gru),
            KerasGates.BiasToBlocks(recurrentBias, units, KerasGates.Gru));
        return new RecurrentLayerDescriptor(LayerKind.Gru, inputs, units, Activation.Tanh, tensors, null, Options(layer, resetAfter));
    }

    /// <summary>
    /// The cell's activations and flags. RTNeural's loader ignores <c>activation</c> and always uses tanh, so
    /// tanh (or "", which model_utils writes for activations it does not name) is accepted and anything else
    /// refused; the recurrent activation is sigmoid unless the entry says hard_sigmoid.
    /// </summary>
    private static RecurrentLayerOptions Options(KerasLayerSource layer, bool resetAfter)
    {
        string activation = layer.OptionalString("activation", "tanh");
        if (activation is not ("tanh" or ""))
            throw layer.Error($"activation \"{activation}\" is not supported; the runtime's {layer.Type.ToUpperInvariant()} uses tanh for the candidate and the cell output");
        RequireFlag(layer, "return_sequences", expected: true, "the runtime outputs every step; return_sequences=False keeps only the last one");
        RequireFlag(layer, "stateful", expected: false, "state across batches is the caller's, not the model's");
        RequireFlag(layer, "go_backwards", expected: false, "Keras returns the reversed walk's outputs in reversed order");
        return layer.OptionalString("recurrent_activation", "sigmoid") switch
        {
            "sigmoid" => new RecurrentLayerOptions { ResetAfter = resetAfter },
            // Keras 2 (tf.keras): hard_sigmoid(x) = clip(0.2 x + 0.5, 0, 1); the descriptor's defaults α = 0.2, β = 0.5.
            "hard_sigmoid" => new RecurrentLayerOptions { ResetAfter = resetAfter, GateActivation = Activation.HardSigmoid, HardSigmoidAlpha = 0.2f, HardSigmoidBeta = 0.5f },
            string other => throw layer.Error($"recurrent_activation \"{other}\" is not supported; expected sigmoid or hard_sigmoid"),
        };
    }

    /// <summary>Whether a weight is a nested array (a matrix) rather than a flat list of numbers.</summary>
    private static bool IsMatrix(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Array;

    private static void RequireFlag(KerasLayerSource layer, string name, bool expected, string why)
    {
        if (layer.OptionalBoolean(name) is bool value && value != expected)
            throw layer.Error($"{name}={(expected ? "false" : "true")} is not supported ({why})");
    }
}
