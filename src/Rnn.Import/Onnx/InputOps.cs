using System.Linq;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// Sub and Div by per-feature constants on the model input, x' = (x - mean) / std, as the descriptor's
/// <c>input_normalization</c> (a model that standardises its input inside the graph). Anywhere else they
/// are refused.
/// </summary>
internal static class InputOps
{
    public static GraphValue[]? TryTrace(OnnxNode node) => node.OpType switch
    {
        "Sub" => [Standardise(node, subtract: true)],
        "Div" => [Standardise(node, subtract: false)],
        _ => null,
    };

    private static GraphValue Standardise(OnnxNode node, bool subtract)
    {
        node.OnlyAttributes();
        if (node.Input(0) is not SequenceValue || node.Input(1) is SequenceValue)
            throw node.Error($"is supported only as the model input's standardisation, (x - mean) / std with constant mean and std; found {(node.Input(0) is { } a ? OnnxNode.Describe(a) : "nothing")} {(subtract ? "-" : "/")} {(node.Input(1) is { } b ? OnnxNode.Describe(b) : "nothing")}");
        var x = HeadOps.Features(node, 0, "A");
        var stream = x.Stream;
        int features = stream.Features;
        var values = HeadOps.Bias(node, 1, "B", features);
        var current = stream.Normalization;
        bool stdSet = current is not null && current.Std.ToArray().Any(s => s != 1f);
        if (!stream.IsInput || (subtract && current is not null) || (!subtract && stdSet))
            throw node.Error("is supported only as the model input's standardisation, (x - mean) / std, before any other operator");
        if (!subtract && values.Any(s => !(s > 0)))
            throw node.Error("input 1 (B): a standard deviation must be positive");
        var mean = current?.Mean.ToArray() ?? new float[features];
        var std = current?.Std.ToArray() ?? Enumerable.Repeat(1f, features).ToArray();
        var normalization = subtract ? new InputNormalization(values, std) : new InputNormalization(mean, values);
        return x.With(LayerStream.Input(features, normalization), x.Axes);
    }
}
