using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Parsing;

/// <summary>
/// The format-v2 features the generator does not emit code for yet. Refusing them is the point: a model
/// whose v2 settings were silently ignored would compile, run, and be wrong.
/// </summary>
internal static class Version2Gaps
{
    /// <summary>The first unsupported feature as "layers[l]: feature" (or the model-level one), or null when the generator covers everything.</summary>
    public static string? FirstUnsupported(ModelDescriptor descriptor)
    {
        if (descriptor.Skip != 0)
            return $"skip ({descriptor.Skip})";
        for (int l = 0; l < descriptor.Layers.Count; l++)
        {
            if (descriptor.Layers[l] is not RecurrentLayerDescriptor layer)
                continue;
            string? feature =
                layer.Direction != RecurrentDirection.Forward ? $"direction \"{DirectionName(layer.Direction)}\""
                : !layer.Options.ResetAfter ? "reset_after false"
                : layer.Options.ProjectionSize != 0 ? "proj_size"
                : layer.Options.Clip != 0 ? "clip"
                : layer.Options.GateActivation != Activation.Sigmoid ? "gate_activation hard_sigmoid"
                : layer.Weights.HasPeepholes ? "weight_peephole"
                : layer.Weights.HasInitialState ? "initial_h/initial_c"
                : null;
            if (feature is not null)
                return $"layers[{l}].{feature}";
        }

        return null;
    }

    private static string DirectionName(RecurrentDirection direction) =>
        direction == RecurrentDirection.Reverse ? "reverse" : "bidirectional";
}
