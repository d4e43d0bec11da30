using Rnn.Runtime.Descriptors;

namespace Rnn.Trainer.Cli;

/// <summary>
/// Which layer keeps a model from running step by step: a reverse or bidirectional layer (format v2)
/// needs the whole sequence before its first output, so commands that step (sample, bench) refuse it
/// and commands that run sequences (run) treat their input as one whole sequence.
/// </summary>
internal static class WholeSequence
{
    /// <summary>"layers[1] is bidirectional" for the first such layer, or null when every layer runs forward.</summary>
    public static string? Reason(ModelDescriptor descriptor)
    {
        for (int l = 0; l < descriptor.Layers.Count; l++)
        {
            if (descriptor.Layers[l] is RecurrentLayerDescriptor { NeedsWholeSequence: true } layer)
                return $"layers[{l}] is {DescriptorNames.Of(layer.Direction)}";
        }

        return null;
    }
}
