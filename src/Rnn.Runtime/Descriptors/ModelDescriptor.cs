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
    /// <param name="inputSize">Values per time step the model reads.</param>
    /// <param name="layers">The layers, first to last.</param>
    /// <param name="inputNormalization">Standardisation of the inputs, or null.</param>
    /// <param name="metadata">A JSON object kept with the model, or null for none.</param>
    /// <param name="skip">Format v2: the number of leading raw input features added to the output (a residual skip); 0 for none.</param>
    /// <param name="weightPrecision">Format v2: the precision every weight matrix already holds (see <see cref="WeightPrecision"/>); Float32 for none.</param>
    public ModelDescriptor(int inputSize, IEnumerable<LayerDescriptor> layers, InputNormalization? inputNormalization = null, MetadataValue? metadata = null, int skip = 0,
        WeightPrecision weightPrecision = WeightPrecision.Float32)
        : this(DescriptorNames.CurrentVersion, inputSize, new List<LayerDescriptor>(layers ?? throw new ArgumentNullException(nameof(layers))).ToArray(),
               inputNormalization, metadata ?? MetadataValue.FromObject(new KeyValuePair<string, MetadataValue>[0]), skip, weightPrecision)
    {
        DescriptorValidator.Validate(this, DescriptorLocator.None);
    }

    internal ModelDescriptor(int version, int inputSize, LayerDescriptor[] layers, InputNormalization? inputNormalization, MetadataValue metadata, int skip,
        WeightPrecision weightPrecision = WeightPrecision.Float32)
    {
        Skip = skip;
        WeightPrecision = weightPrecision;
        if (metadata.Kind != MetadataKind.Object)
            throw new ArgumentException("Metadata must be a JSON object.", nameof(metadata));
        Version = version;
        InputSize = inputSize;
        _layers = layers;
        InputNormalization = inputNormalization;
        Metadata = metadata;
    }

    /// <summary>The format version the descriptor was written in (for one built in code, the newest).</summary>
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

    /// <summary>
    /// Format v2 residual skip: the output's first <see cref="Skip"/> values get the raw (unnormalised)
    /// input's first <see cref="Skip"/> values added; 0 for none.
    /// </summary>
    public int Skip { get; }

    /// <summary>
    /// Format v2 <c>weight_precision</c>: the precision the file's weight matrices were rounded to (each holds
    /// only values of that precision, checked on load), and the precision a model runs in unless its loader or
    /// generator attribute says otherwise. Float32 when the file does not say.
    /// </summary>
    public WeightPrecision WeightPrecision { get; }

    /// <summary>
    /// A copy with every weight matrix rounded to <paramref name="precision"/> and <see cref="WeightPrecision"/>
    /// set, as <c>rnn quantize</c> writes it (see docs/descriptor-format.md, "Weight precision"): biases,
    /// peepholes, initial states and normalisation unchanged. Rounding a model already in that precision
    /// returns the same weights.
    /// </summary>
    /// <param name="precision">Float16, BFloat16, Int8, or Float32 (the weights unchanged, the field cleared).</param>
    /// <param name="metadata">The copy's metadata object; null keeps this model's.</param>
    /// <exception cref="RnnDescriptorException">A weight is beyond float16's range (±65504); the message names the layer, tensor and index.</exception>
    public ModelDescriptor WithWeightPrecision(WeightPrecision precision, MetadataValue? metadata = null)
    {
        if (metadata is { Kind: not MetadataKind.Object })
            throw new ArgumentException("Metadata must be a JSON object.", nameof(metadata));
        return Precision.DescriptorRounding.Round(this, precision, metadata);
    }

    /// <summary>Whether a layer walks the sequence backward, so the model runs only whole sequences (no step by step).</summary>
    public bool NeedsWholeSequence
    {
        get
        {
            foreach (var layer in _layers)
            {
                if (layer is RecurrentLayerDescriptor { NeedsWholeSequence: true })
                    return true;
            }

            return false;
        }
    }

    /// <summary>The oldest format version that can hold this model: 2 when it uses a v2 feature, else 1.</summary>
    public int RequiredVersion
    {
        get
        {
            if (Skip != 0 || WeightPrecision != WeightPrecision.Float32)
                return 2;
            foreach (var layer in _layers)
            {
                if (layer is RecurrentLayerDescriptor { NeedsVersion2: true })
                    return 2;
            }

            return 1;
        }
    }
}
