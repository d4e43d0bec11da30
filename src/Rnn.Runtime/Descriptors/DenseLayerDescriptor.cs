using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>A fully connected layer, y = act(W x + b), with PyTorch <c>nn.Linear</c>'s layout: W is units × I row-major.</summary>
public sealed class DenseLayerDescriptor : LayerDescriptor
{
    internal readonly float[] WeightArray;
    internal readonly float[] BiasArray;

    /// <summary>Creates a layer from copies of the given weights; <see cref="ModelDescriptor"/> validates the sizes.</summary>
    /// <param name="inputSize">I, the values per step this layer reads.</param>
    /// <param name="units">The values per step this layer writes.</param>
    /// <param name="activation">Applied to W x + b.</param>
    /// <param name="weight">units × I values, row-major.</param>
    /// <param name="bias">units values.</param>
    public DenseLayerDescriptor(int inputSize, int units, Activation activation, float[] weight, float[] bias)
        : this(inputSize, units, activation, Copy(weight, nameof(weight)), Copy(bias, nameof(bias)), adopt: true)
    {
    }

    internal DenseLayerDescriptor(int inputSize, int units, Activation activation, float[] weight, float[] bias, bool adopt)
        : base(LayerKind.Dense, inputSize, units)
    {
        _ = adopt;
        Activation = activation;
        WeightArray = weight;
        BiasArray = bias;
    }

    /// <summary>The number of outputs.</summary>
    public int Units => OutputSize;

    /// <summary>The activation applied to W x + b.</summary>
    public Activation Activation { get; }

#if !NETSTANDARD2_0
    /// <summary>Weights, units × I row-major.</summary>
    public ReadOnlySpan<float> Weight => WeightArray;

    /// <summary>Biases, units.</summary>
    public ReadOnlySpan<float> Bias => BiasArray;
#endif
}
