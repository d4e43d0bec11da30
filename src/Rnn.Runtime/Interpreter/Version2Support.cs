using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// The format-v2 features the interpreter does not run yet. Refusing them at load is the point: a model
/// whose v2 settings were silently ignored would run, and be wrong.
/// </summary>
internal static class Version2Support
{
    /// <summary>Throws <see cref="NotSupportedException"/> naming the first layer and feature the interpreter cannot run.</summary>
    public static void ThrowIfUnsupported(ModelDescriptor descriptor)
    {
        if (descriptor.Skip != 0)
            throw new NotSupportedException($"The interpreter does not run descriptor v2's model-level skip ({descriptor.Skip}) yet.");
        for (int l = 0; l < descriptor.Layers.Count; l++)
        {
            if (descriptor.Layers[l] is not RecurrentLayerDescriptor layer)
                continue;
            string? feature =
                layer.Direction != RecurrentDirection.Forward ? $"direction {layer.Direction}"
                : !layer.Options.ResetAfter ? "reset_after false"
                : layer.Options.ProjectionSize != 0 ? "proj_size"
                : layer.Options.Clip != 0 ? "clip"
                : layer.Options.GateActivation != Activation.Sigmoid ? "gate_activation hard_sigmoid"
                : layer.Weights.HasPeepholes ? "weight_peephole"
                : layer.Weights.HasInitialState ? "initial_h/initial_c"
                : null;
            if (feature is not null)
                throw new NotSupportedException($"layers[{l}]: the interpreter does not run descriptor v2's {feature} yet.");
        }
    }
}
