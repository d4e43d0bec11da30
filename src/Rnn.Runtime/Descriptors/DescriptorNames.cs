using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>The spellings used in descriptor JSON, in one place for the reader, the writer and the docs.</summary>
public static class DescriptorNames
{
    /// <summary>The value of the top-level <c>format</c> field.</summary>
    public const string FormatName = "rnn-embedded";

    /// <summary>The newest format version this reader understands.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The model-level field naming the precision of the weight matrices (format v2).</summary>
    public const string WeightPrecisionField = "weight_precision";

    /// <summary>The JSON spelling of a weight precision: float32, float16, bfloat16, int8.</summary>
    public static string Of(WeightPrecision precision) => Precision.WeightQuantizer.Name(precision);

    internal static readonly string[] WeightPrecisions = { "float32", "float16", "bfloat16", "int8" };

    internal static bool TryParseWeightPrecision(string text, out WeightPrecision precision)
    {
        int index = Array.IndexOf(WeightPrecisions, text);
        precision = (WeightPrecision)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The JSON spelling of a recurrent layer's direction.</summary>
    public static string Of(RecurrentDirection direction) => direction switch
    {
        RecurrentDirection.Forward => "forward",
        RecurrentDirection.Reverse => "reverse",
        RecurrentDirection.Bidirectional => "bidirectional",
        _ => throw new ArgumentOutOfRangeException(nameof(direction)),
    };

    /// <summary>The JSON spelling of a layer kind.</summary>
    public static string Of(LayerKind kind) => kind switch
    {
        LayerKind.Rnn => "rnn",
        LayerKind.Lstm => "lstm",
        LayerKind.Gru => "gru",
        LayerKind.Dense => "dense",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The JSON spelling of an activation.</summary>
    public static string Of(Activation activation) => activation switch
    {
        Activation.Linear => "linear",
        Activation.Relu => "relu",
        Activation.Tanh => "tanh",
        Activation.Sigmoid => "sigmoid",
        Activation.Softmax => "softmax",
        Activation.HardSigmoid => "hard_sigmoid",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    internal static readonly string[] LayerTypes = { "rnn", "lstm", "gru", "dense" };

    internal static readonly string[] DenseActivations = { "linear", "relu", "tanh", "sigmoid", "softmax" };

    internal static readonly string[] RnnNonlinearities = { "tanh", "relu" };

    internal static readonly string[] GateActivations = { "sigmoid", "hard_sigmoid" };

    internal static readonly string[] Directions = { "forward", "reverse", "bidirectional" };

    internal static bool TryParseDirection(string text, out RecurrentDirection direction)
    {
        int index = Array.IndexOf(Directions, text);
        direction = (RecurrentDirection)Math.Max(index, 0);
        return index >= 0;
    }

    internal static bool TryParseLayerKind(string text, out LayerKind kind)
    {
        int index = Array.IndexOf(LayerTypes, text);
        kind = (LayerKind)Math.Max(index, 0);
        return index >= 0;
    }

    internal static bool TryParseActivation(string text, string[] allowed, out Activation activation)
    {
        activation = Activation.Linear;
        if (Array.IndexOf(allowed, text) < 0)
            return false;
        for (var candidate = Activation.Linear; candidate <= Activation.HardSigmoid; candidate++)
        {
            if (Of(candidate) == text)
            {
                activation = candidate;
                return true;
            }
        }

        return false;
    }
}
