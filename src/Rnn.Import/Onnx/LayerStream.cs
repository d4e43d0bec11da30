using System.Collections.Generic;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// The per-step vector at one point of the model: the model input (no <see cref="Layer"/>), or the output of
/// <see cref="Layer"/> applied to <see cref="Parent"/>. The layers of the descriptor are the chain from the
/// graph output's stream back to the input; a branch the output does not depend on is never part of it.
/// </summary>
internal sealed class LayerStream
{
    private LayerStream(LayerStream? parent, LayerDescriptor? layer, int features, bool isPlainDense, InputNormalization? normalization = null)
    {
        Parent = parent;
        Layer = layer;
        Features = features;
        IsPlainDense = isPlainDense;
        Normalization = normalization;
    }

    public LayerStream? Parent { get; }

    public LayerDescriptor? Layer { get; }

    /// <summary>Values per step.</summary>
    public int Features { get; }

    /// <summary>
    /// A dense layer with a linear activation, so a following Add folds into its bias and an activation into
    /// its activation (as a new stream with the same parent: other consumers of this one see no change).
    /// </summary>
    public bool IsPlainDense { get; }

    /// <summary>The model input (normalised by <see cref="Normalization"/> when the graph standardises it first).</summary>
    public InputNormalization? Normalization { get; }

    public bool IsInput => Layer is null;

    public static LayerStream Input(int features, InputNormalization? normalization = null) => new(null, null, features, false, normalization);

    public LayerStream Then(LayerDescriptor layer) =>
        new(this, layer, layer.OutputSize, layer is DenseLayerDescriptor { Activation: Activation.Linear });

    /// <summary>The same parent with <see cref="Layer"/> replaced (a bias or an activation folded in).</summary>
    public LayerStream Replace(LayerDescriptor layer) => Parent!.Then(layer);

    /// <summary>The layers from the input to this stream.</summary>
    public List<LayerDescriptor> Layers()
    {
        var layers = new List<LayerDescriptor>();
        for (var s = this; s.Layer is not null; s = s.Parent!)
            layers.Add(s.Layer);
        layers.Reverse();
        return layers;
    }

    public bool HasRecurrentLayer => Layers().Exists(l => l is RecurrentLayerDescriptor);

    /// <summary>The model input this stream starts from.</summary>
    public LayerStream Root
    {
        get
        {
            var s = this;
            while (s.Parent is not null)
                s = s.Parent;
            return s;
        }
    }
}
