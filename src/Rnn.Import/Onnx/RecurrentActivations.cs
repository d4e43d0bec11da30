using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// A recurrent node's <c>activations</c> (f, g, h per direction, with <c>activation_alpha</c>/<c>_beta</c>),
/// narrowed to what a descriptor expresses: gates f Sigmoid or HardSigmoid(α, β), candidate g and cell h
/// Tanh; an RNN's f Tanh or Relu; the same in both directions.
/// </summary>
internal sealed record RecurrentActivations(Activation Gate, float Alpha, float Beta, Activation Nonlinearity)
{
    private const float DefaultAlpha = 0.2f, DefaultBeta = 0.5f;

    public static RecurrentActivations Read(OnnxNode node, LayerKind kind, int directions)
    {
        int perDirection = kind switch { LayerKind.Lstm => 3, LayerKind.Gru => 2, _ => 1 };
        string[] defaults = kind switch { LayerKind.Lstm => ["Sigmoid", "Tanh", "Tanh"], LayerKind.Gru => ["Sigmoid", "Tanh"], _ => ["Tanh"] };
        string[] names = node.Strings("activations") ?? Enumerable.Repeat(defaults, directions).SelectMany(d => d).ToArray();
        string shown = "[" + string.Join(", ", names) + "]";
        if (names.Length != perDirection * directions)
            throw node.Error($"attribute activations={shown} has {names.Length} names; expected {perDirection * directions} ({perDirection} per direction)");

        // activation_alpha and activation_beta are consumed in order by the activations that take them.
        var alphas = new Queue<float>(node.Floats("activation_alpha") ?? []);
        var betas = new Queue<float>(node.Floats("activation_beta") ?? []);
        var parsed = new List<RecurrentActivations>();
        for (int d = 0; d < directions; d++)
        {
            var f = names[d * perDirection];
            float alpha = DefaultAlpha, beta = DefaultBeta;
            bool hard = Is(f, "HardSigmoid");
            if (hard)
            {
                alpha = alphas.Count > 0 ? alphas.Dequeue() : DefaultAlpha;
                beta = betas.Count > 0 ? betas.Dequeue() : DefaultBeta;
            }

            if (kind == LayerKind.Rnn)
            {
                if (!Is(f, "Tanh") && !Is(f, "Relu"))
                    throw Refuse(node, shown, "an RNN's activation must be Tanh or Relu");
                parsed.Add(new(Activation.Sigmoid, DefaultAlpha, DefaultBeta, Is(f, "Relu") ? Activation.Relu : Activation.Tanh));
                continue;
            }

            if (!hard && !Is(f, "Sigmoid"))
                throw Refuse(node, shown, "the gate activation f must be Sigmoid or HardSigmoid");
            for (int k = 1; k < perDirection; k++)
            {
                if (!Is(names[d * perDirection + k], "Tanh"))
                    throw Refuse(node, shown, kind == LayerKind.Lstm ? "the candidate and cell activations g and h must be Tanh" : "the candidate activation g must be Tanh");
            }

            parsed.Add(new(hard ? Activation.HardSigmoid : Activation.Sigmoid, alpha, beta, Activation.Tanh));
        }

        if (alphas.Count > 0 || betas.Count > 0)
            throw node.Error($"attribute activation_alpha/activation_beta has {alphas.Count + betas.Count} value(s) that no activation in {shown} uses");
        if (parsed.Distinct().Count() > 1)
            throw Refuse(node, shown + FormatParameters(node), "both directions must use the same activations (a descriptor layer has one set)");
        return parsed[0];
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private static OnnxGraphException Refuse(OnnxNode node, string shown, string why) =>
        node.Error($"attribute activations={shown} is not supported ({why})");

    private static string FormatParameters(OnnxNode node)
    {
        var alpha = node.Floats("activation_alpha");
        var beta = node.Floats("activation_beta");
        return alpha is null && beta is null ? ""
            : $" with alpha [{string.Join(", ", (alpha ?? []).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}], beta [{string.Join(", ", (beta ?? []).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]";
    }
}
