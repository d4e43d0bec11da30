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
            RequirePositive(at, path + (layer.Kind == LayerKind.Dense ? ".units" : ".hidden_size"), layer.OutputSize);
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
    }

    private static void ValidateRecurrent(DescriptorLocator at, string path, RecurrentLayerDescriptor layer)
    {
        if (layer.Kind == LayerKind.Rnn && layer.Nonlinearity != Activation.Tanh && layer.Nonlinearity != Activation.Relu)
            throw at.Error(path + ".nonlinearity", $"expected \"tanh\" or \"relu\", found \"{DescriptorNames.Of(layer.Nonlinearity)}\"");
        if (layer.Kind != LayerKind.Rnn && layer.Nonlinearity != Activation.Tanh)
            throw at.Error(path, $"an {DescriptorNames.Of(layer.Kind)} layer has no choice of nonlinearity; expected tanh, found {DescriptorNames.Of(layer.Nonlinearity)}");

        int g = layer.GateCount, h = layer.HiddenSize, i = layer.InputSize;
        RequireCount(at, path + ".weight_ih", layer.WeightIhArray.Length, (long)g * h * i, $"{g}*{h}*{i}");
        RequireCount(at, path + ".weight_hh", layer.WeightHhArray.Length, (long)g * h * h, $"{g}*{h}*{h}");
        RequireCount(at, path + ".bias_ih", layer.BiasIhArray.Length, (long)g * h, $"{g}*{h}");
        RequireCount(at, path + ".bias_hh", layer.BiasHhArray.Length, (long)g * h, $"{g}*{h}");
        RequireFinite(at, path + ".weight_ih", layer.WeightIhArray);
        RequireFinite(at, path + ".weight_hh", layer.WeightHhArray);
        RequireFinite(at, path + ".bias_ih", layer.BiasIhArray);
        RequireFinite(at, path + ".bias_hh", layer.BiasHhArray);
    }

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

    private static string Format(float value) =>
        float.IsNaN(value) ? "NaN" : float.IsPositiveInfinity(value) ? "Infinity" : float.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
