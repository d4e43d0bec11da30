using System.Globalization;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// The meaning checks every descriptor passes, whether read from a file or built in code: positive sizes,
/// sizes that chain from layer to layer, weight counts that match the sizes, finite values, positive std.
/// </summary>
internal static class DescriptorValidator
{
    public static void Validate(ModelDescriptor model, DescriptorLocator at)
    {
        RequirePositive(at, "input_size", model.InputSize);
        if (model.InputNormalization is { } normalization)
        {
            RequireCount(at, "input_normalization.mean", normalization.MeanArray.Length, model.InputSize, "input_size");
            RequireCount(at, "input_normalization.std", normalization.StdArray.Length, model.InputSize, "input_size");
            RequireFinite(at, "input_normalization.mean", normalization.MeanArray);
            RequireFinite(at, "input_normalization.std", normalization.StdArray);
            for (int i = 0; i < normalization.StdArray.Length; i++)
            {
                if (!(normalization.StdArray[i] > 0))
                    throw at.Error($"input_normalization.std[{i}]", $"expected a positive standard deviation, found {Format(normalization.StdArray[i])}");
            }
        }

        if (model.Layers.Count == 0)
            throw at.Error("layers", "expected at least one layer, found none");

        int previousOutput = model.InputSize;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            string path = $"layers[{l}]";
            RequirePositive(at, path + ".input_size", layer.InputSize);
            RequirePositive(at, path + (layer.Kind == LayerKind.Dense ? ".units" : ".hidden_size"),
                layer is RecurrentLayerDescriptor r ? r.HiddenSize : layer.OutputSize);
            if (layer.InputSize != previousOutput)
            {
                string source = l == 0 ? "the model's input_size" : $"the output size of layers[{l - 1}]";
                throw at.Error(path + ".input_size", $"expected {previousOutput} ({source}), found {layer.InputSize}");
            }

            if (layer is RecurrentLayerDescriptor recurrent)
                ValidateRecurrent(at, path, recurrent);
            else if (layer is DenseLayerDescriptor dense)
                ValidateDense(at, path, dense);
            previousOutput = layer.OutputSize;
        }

        if (model.Skip != 0)
        {
            if (model.Skip < 0 || model.Skip > model.InputSize)
                throw at.Error("skip", $"expected a count of input features from 1 to input_size = {model.InputSize}, found {model.Skip}");
            if (model.Skip != model.OutputSize)
                throw at.Error("skip", $"the skip adds the first {model.Skip} inputs to the output, so the output size must be {model.Skip}; the last layer writes {model.OutputSize}");
        }

        if (model.WeightPrecision < WeightPrecision.Float32 || model.WeightPrecision > WeightPrecision.Int8)
            throw at.Error(DescriptorNames.WeightPrecisionField, $"expected one of {string.Join(", ", DescriptorNames.WeightPrecisions)}, found {(int)model.WeightPrecision}");
        Precision.DescriptorRounding.Check(model, at);
    }

    private static void ValidateRecurrent(DescriptorLocator at, string path, RecurrentLayerDescriptor layer)
    {
        if (layer.Kind == LayerKind.Rnn && layer.Nonlinearity != Activation.Tanh && layer.Nonlinearity != Activation.Relu)
            throw at.Error(path + ".nonlinearity", $"expected \"tanh\" or \"relu\", found \"{DescriptorNames.Of(layer.Nonlinearity)}\"");
        if (layer.Kind != LayerKind.Rnn && layer.Nonlinearity != Activation.Tanh)
            throw at.Error(path, $"an {DescriptorNames.Of(layer.Kind)} layer has no choice of nonlinearity; expected tanh, found {DescriptorNames.Of(layer.Nonlinearity)}");

        var options = layer.Options;
        string kind = KindWithArticle(layer.Kind);
        if (!options.ResetAfter && layer.Kind != LayerKind.Gru)
            throw at.Error(path + ".reset_after", $"only gru layers have the reset_after variant; this is {kind} layer");
        if (options.ProjectionSize != 0 && layer.Kind != LayerKind.Lstm)
            throw at.Error(path + ".proj_size", $"only lstm layers have a projection; this is {kind} layer");
        if (options.ProjectionSize < 0 || options.ProjectionSize >= layer.HiddenSize && options.ProjectionSize != 0)
            throw at.Error(path + ".proj_size", $"expected a projection size from 1 to hidden_size - 1 = {layer.HiddenSize - 1}, found {options.ProjectionSize}");
        if (!(options.Clip >= 0) || float.IsInfinity(options.Clip))
            throw at.Error(path + ".clip", $"expected a positive clipping threshold, found {Format(options.Clip)}");
        if (options.GateActivation != Activation.Sigmoid && options.GateActivation != Activation.HardSigmoid)
            throw at.Error(path + ".gate_activation", $"expected \"sigmoid\" or \"hard_sigmoid\", found \"{DescriptorNames.Of(options.GateActivation)}\"");
        if (options.GateActivation != Activation.Sigmoid && layer.Kind == LayerKind.Rnn)
            throw at.Error(path + ".gate_activation", "an rnn layer has no gates; its activation is \"nonlinearity\"");
        RequireFinite(at, path + ".gate_activation_alpha", options.HardSigmoidAlpha);
        RequireFinite(at, path + ".gate_activation_beta", options.HardSigmoidBeta);

        bool bidirectional = options.Direction == RecurrentDirection.Bidirectional;
        if (bidirectional && layer.ReverseWeights is null)
            throw at.Error(path, "a bidirectional layer needs the reverse direction's weights: missing field \"weight_ih_reverse\"");
        if (!bidirectional && layer.ReverseWeights is not null)
            throw at.Error(path + ".weight_ih_reverse", $"reverse weights belong to a bidirectional layer, but direction is \"{DescriptorNames.Of(options.Direction)}\"");

        ValidateDirection(at, path, "", layer, layer.Weights);
        if (layer.ReverseWeights is { } reverse)
            ValidateDirection(at, path, "_reverse", layer, reverse);
    }

    private static void ValidateDirection(DescriptorLocator at, string path, string suffix, RecurrentLayerDescriptor layer, RecurrentWeights weights)
    {
        int g = layer.GateCount, h = layer.HiddenSize, i = layer.InputSize, s = layer.StateSize, p = layer.Options.ProjectionSize;
        string kind = KindWithArticle(layer.Kind);
        RequireCount(at, path + ".weight_ih" + suffix, weights.WeightIhArray.Length, (long)g * h * i, $"{g}*{h}*{i}");
        RequireCount(at, path + ".weight_hh" + suffix, weights.WeightHhArray.Length, (long)g * h * s, $"{g}*{h}*{s}");
        RequireCount(at, path + ".bias_ih" + suffix, weights.BiasIhArray.Length, (long)g * h, $"{g}*{h}");
        RequireCount(at, path + ".bias_hh" + suffix, weights.BiasHhArray.Length, (long)g * h, $"{g}*{h}");
        RequireFinite(at, path + ".weight_ih" + suffix, weights.WeightIhArray);
        RequireFinite(at, path + ".weight_hh" + suffix, weights.WeightHhArray);
        RequireFinite(at, path + ".bias_ih" + suffix, weights.BiasIhArray);
        RequireFinite(at, path + ".bias_hh" + suffix, weights.BiasHhArray);

        if (weights.WeightHrArray is { } projection)
        {
            if (p == 0)
                throw at.Error(path + ".weight_hr" + suffix, "projection weights need \"proj_size\"");
            RequireCount(at, path + ".weight_hr" + suffix, projection.Length, (long)p * h, $"{p}*{h}");
            RequireFinite(at, path + ".weight_hr" + suffix, projection);
        }
        else if (p != 0)
        {
            throw at.Error(path, $"an lstm layer with proj_size {p} needs field \"weight_hr{suffix}\" ({p}*{h} values)");
        }

        if (weights.PeepholeArray is { } peephole)
        {
            if (layer.Kind != LayerKind.Lstm)
                throw at.Error(path + ".weight_peephole" + suffix, $"only lstm layers have peepholes; this is {kind} layer");
            RequireCount(at, path + ".weight_peephole" + suffix, peephole.Length, 3L * h, $"3*{h}");
            RequireFinite(at, path + ".weight_peephole" + suffix, peephole);
        }

        if (weights.InitialHArray is { } initialH)
        {
            RequireCount(at, path + ".initial_h" + suffix, initialH.Length, s, $"{s}");
            RequireFinite(at, path + ".initial_h" + suffix, initialH);
        }

        if (weights.InitialCArray is { } initialC)
        {
            if (layer.Kind != LayerKind.Lstm)
                throw at.Error(path + ".initial_c" + suffix, $"only lstm layers have a cell state; this is {kind} layer");
            RequireCount(at, path + ".initial_c" + suffix, initialC.Length, h, $"{h}");
            RequireFinite(at, path + ".initial_c" + suffix, initialC);
        }
    }

    // "an lstm", "an rnn" (spoken letter by letter), "a gru".
    private static string KindWithArticle(LayerKind kind) => (kind == LayerKind.Gru ? "a " : "an ") + DescriptorNames.Of(kind);

    private static void ValidateDense(DescriptorLocator at, string path, DenseLayerDescriptor layer)
    {
        int u = layer.Units, i = layer.InputSize;
        RequireCount(at, path + ".weight", layer.WeightArray.Length, (long)u * i, $"{u}*{i}");
        RequireCount(at, path + ".bias", layer.BiasArray.Length, u, $"{u}");
        RequireFinite(at, path + ".weight", layer.WeightArray);
        RequireFinite(at, path + ".bias", layer.BiasArray);
    }

    private static void RequirePositive(DescriptorLocator at, string path, int value)
    {
        if (value <= 0)
            throw at.Error(path, $"expected a positive size, found {value}");
    }

    private static void RequireCount(DescriptorLocator at, string path, int found, long expected, string formula)
    {
        if (found == expected)
            return;
        string expectation = formula == expected.ToString(CultureInfo.InvariantCulture) ? formula : $"{formula} = {expected}";
        throw at.Error(path, $"expected {expectation} values, found {found}");
    }

    private static void RequireFinite(DescriptorLocator at, string path, float[] values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (float.IsNaN(values[k]) || float.IsInfinity(values[k]))
                throw at.Error($"{path}[{k}]", $"expected a finite float32, found {Format(values[k])}");
        }
    }

    private static void RequireFinite(DescriptorLocator at, string path, float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
            throw at.Error(path, $"expected a finite float32, found {Format(value)}");
    }

    private static string Format(float value) =>
        float.IsNaN(value) ? "NaN" : float.IsPositiveInfinity(value) ? "Infinity" : float.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
