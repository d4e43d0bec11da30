using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// An <c>rnn</c>, <c>lstm</c> or <c>gru</c> layer with PyTorch's weight layout: <see cref="WeightIh"/> is
/// gates·H × I row-major, <see cref="WeightHh"/> gates·H × H, biases gates·H, gate blocks in PyTorch order
/// (LSTM i, f, g, o; GRU r, z, n).
/// </summary>
public sealed class RecurrentLayerDescriptor : LayerDescriptor
{
    internal readonly float[] WeightIhArray;
    internal readonly float[] WeightHhArray;
    internal readonly float[] BiasIhArray;
    internal readonly float[] BiasHhArray;

    /// <summary>Creates a layer from copies of the given weights; <see cref="ModelDescriptor"/> validates the sizes.</summary>
    /// <param name="kind"><see cref="LayerKind.Rnn"/>, <see cref="LayerKind.Lstm"/> or <see cref="LayerKind.Gru"/>.</param>
    /// <param name="inputSize">I, the values per step this layer reads.</param>
    /// <param name="hiddenSize">H, the hidden state size and the values per step this layer writes.</param>
    /// <param name="nonlinearity">For <see cref="LayerKind.Rnn"/>: <see cref="Activation.Tanh"/> or <see cref="Activation.Relu"/>; others use <see cref="Activation.Tanh"/>.</param>
    /// <param name="weightIh">gates·H × I values, row-major.</param>
    /// <param name="weightHh">gates·H × H values, row-major.</param>
    /// <param name="biasIh">gates·H values.</param>
    /// <param name="biasHh">gates·H values.</param>
    public RecurrentLayerDescriptor(LayerKind kind, int inputSize, int hiddenSize, Activation nonlinearity,
        float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh)
        : this(kind, inputSize, hiddenSize, nonlinearity,
            Copy(weightIh, nameof(weightIh)), Copy(weightHh, nameof(weightHh)),
            Copy(biasIh, nameof(biasIh)), Copy(biasHh, nameof(biasHh)), adopt: true)
    {
        if (kind == LayerKind.Dense)
            throw new ArgumentException("A dense layer is a DenseLayerDescriptor.", nameof(kind));
    }

    internal RecurrentLayerDescriptor(LayerKind kind, int inputSize, int hiddenSize, Activation nonlinearity,
        float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh, bool adopt)
        : base(kind, inputSize, hiddenSize)
    {
        _ = adopt;
        Nonlinearity = nonlinearity;
        WeightIhArray = weightIh;
        WeightHhArray = weightHh;
        BiasIhArray = biasIh;
        BiasHhArray = biasHh;
    }

    /// <summary>H, the size of the hidden state.</summary>
    public int HiddenSize => OutputSize;

    /// <summary>Gate blocks in the weights: 1 for rnn, 4 for lstm, 3 for gru.</summary>
    public int GateCount => GateCountOf(Kind);

    /// <summary>The rnn layer's activation (tanh or relu); tanh for lstm and gru.</summary>
    public Activation Nonlinearity { get; }

#if !NETSTANDARD2_0
    /// <summary>Input-to-hidden weights, gates·H × I row-major.</summary>
    public ReadOnlySpan<float> WeightIh => WeightIhArray;

    /// <summary>Hidden-to-hidden weights, gates·H × H row-major.</summary>
    public ReadOnlySpan<float> WeightHh => WeightHhArray;

    /// <summary>Input-to-hidden biases, gates·H.</summary>
    public ReadOnlySpan<float> BiasIh => BiasIhArray;

    /// <summary>Hidden-to-hidden biases, gates·H.</summary>
    public ReadOnlySpan<float> BiasHh => BiasHhArray;
#endif

    /// <summary>Gate blocks per kind of recurrent layer.</summary>
    public static int GateCountOf(LayerKind kind) => kind switch
    {
        LayerKind.Rnn => 1,
        LayerKind.Lstm => 4,
        LayerKind.Gru => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only recurrent layers have gates."),
    };
}
