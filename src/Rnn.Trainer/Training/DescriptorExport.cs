using System.Collections.Generic;
using Rnn.Runtime.Descriptors;

namespace Rnn.Trainer.Training;

/// <summary>A trained float network as a descriptor: the parameters are already in PyTorch's layout, so this copies.</summary>
internal static class DescriptorExport
{
    /// <param name="network">The trained network.</param>
    /// <param name="softmaxHead">Export the last dense layer with softmax (it trained as logits under cross-entropy).</param>
    /// <param name="normalization">Input statistics the data was normalised with, or null.</param>
    /// <param name="metadata">Descriptor metadata (vocabulary, training settings), or null.</param>
    public static ModelDescriptor ToDescriptor(Network<float> network, bool softmaxHead, InputNormalization? normalization, MetadataValue? metadata)
    {
        var layers = new List<LayerDescriptor>();
        int width = network.InputSize;
        for (int l = 0; l < network.LayerCount; l++)
        {
            var spec = network.Specs[l];
            var p = network.LayerParameters(l);
            int h = spec.Size;
            if (spec.Kind == LayerKind.Dense)
            {
                var activation = softmaxHead && l == network.LayerCount - 1 ? Activation.Softmax : spec.Activation;
                layers.Add(new DenseLayerDescriptor(width, h, activation, p[..(h * width)].ToArray(), p.Slice(h * width, h).ToArray()));
            }
            else
            {
                int rows = RecurrentLayerDescriptor.GateCountOf(spec.Kind) * h;
                var weightIh = p[..(rows * width)].ToArray();
                var weightHh = p.Slice(rows * width, rows * h).ToArray();
                var biasIh = p.Slice(rows * (width + h), rows).ToArray();
                var biasHh = p.Slice(rows * (width + h) + rows, rows).ToArray();
                layers.Add(new RecurrentLayerDescriptor(spec.Kind, width, h, spec.Activation, weightIh, weightHh, biasIh, biasHh));
            }

            width = h;
        }

        return new ModelDescriptor(network.InputSize, layers, normalization, metadata);
    }
}
