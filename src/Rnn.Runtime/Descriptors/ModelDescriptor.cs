using System;
using System.Collections.Generic;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// A validated model: input size, optional input normalisation, an ordered stack of layers whose sizes
/// chain, and free-form metadata. Immutable. Read one with <see cref="DescriptorReader"/>.
/// </summary>
public sealed class ModelDescriptor
{
    private readonly LayerDescriptor[] _layers;

    /// <summary>Builds and validates a descriptor in code (the trainer does this); throws <see cref="RnnDescriptorException"/> when it is inconsistent.</summary>
    public ModelDescriptor(int inputSize, IEnumerable<LayerDescriptor> layers, InputNormalization? inputNormalization = null, MetadataValue? metadata = null)
        : this(DescriptorNames.CurrentVersion, inputSize, new List<LayerDescriptor>(layers ?? throw new ArgumentNullException(nameof(layers))).ToArray(),
               inputNormalization, metadata ?? MetadataValue.FromObject(new KeyValuePair<string, MetadataValue>[0]))
    {
        DescriptorValidator.Validate(this, DescriptorLocator.None);
    }

    internal ModelDescriptor(int version, int inputSize, LayerDescriptor[] layers, InputNormalization? inputNormalization, MetadataValue metadata)
    {
        if (metadata.Kind != MetadataKind.Object)
            throw new ArgumentException("Metadata must be a JSON object.", nameof(metadata));
        Version = version;
        InputSize = inputSize;
        _layers = layers;
        InputNormalization = inputNormalization;
        Metadata = metadata;
    }

    /// <summary>The format version the descriptor was written in.</summary>
    public int Version { get; }

    /// <summary>Values per time step the model reads.</summary>
    public int InputSize { get; }

    /// <summary>Values per time step the model writes: the last layer's output size.</summary>
    public int OutputSize => _layers[_layers.Length - 1].OutputSize;

    /// <summary>Standardisation applied to each input before the first layer, or null.</summary>
    public InputNormalization? InputNormalization { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<LayerDescriptor> Layers => _layers;

    /// <summary>The free-form <c>metadata</c> object (empty when the file has none).</summary>
    public MetadataValue Metadata { get; }
}
