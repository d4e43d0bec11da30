using System;
using System.Collections.Generic;
using System.Globalization;
using Rnn.Runtime.Descriptors;

namespace Rnn.Trainer.Training;

/// <summary>One layer of a network to train: its kind, size (hidden size or units) and activation.</summary>
public sealed record LayerSpec(LayerKind Kind, int Size, Activation Activation)
{
    /// <summary>
    /// Parses a stack such as <c>lstm:32,gru:16</c> or <c>rnn:24:relu</c> (recurrent layers; the dense head is
    /// added by the trainer). Throws <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static IReadOnlyList<LayerSpec> ParseStack(string text)
    {
        var layers = new List<LayerSpec>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = part.Split(':');
            var kind = fields[0].ToLowerInvariant() switch
            {
                "lstm" => LayerKind.Lstm,
                "gru" => LayerKind.Gru,
                "rnn" => LayerKind.Rnn,
                _ => throw new FormatException($"layer \"{part}\": expected lstm, gru or rnn, found \"{fields[0]}\""),
            };
            if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
                throw new FormatException($"layer \"{part}\": expected a positive hidden size after \"{fields[0]}:\"");
            if (fields.Length > 3)
                throw new FormatException($"layer \"{part}\": expected kind:size[:nonlinearity]");
            var activation = Activation.Tanh;
            if (fields.Length == 3 && kind != LayerKind.Rnn)
                throw new FormatException($"layer \"{part}\": only rnn layers take a nonlinearity; {fields[0]} layers have their own gates");
            if (fields.Length == 3)
            {
                activation = fields[2].ToLowerInvariant() switch
                {
                    "tanh" => Activation.Tanh,
                    "relu" => Activation.Relu,
                    _ => throw new FormatException($"layer \"{part}\": expected the nonlinearity tanh or relu, found \"{fields[2]}\""),
                };
            }

            layers.Add(new LayerSpec(kind, size, activation));
        }

        if (layers.Count == 0)
            throw new FormatException("expected at least one recurrent layer, e.g. lstm:32");
        return layers;
    }
}
