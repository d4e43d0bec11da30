using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// An <c>rnn</c>, <c>lstm</c> or <c>gru</c> layer with PyTorch's weight layout: <see cref="WeightIh"/> is
/// gates·H × I row-major, <see cref="WeightHh"/> gates·H × S, biases gates·H, gate blocks in PyTorch order
/// (LSTM i, f, g, o; GRU r, z, n). S, the size of a direction's hidden state, is the projection size P
/// when there is one, else H. Format v2 adds the settings in <see cref="RecurrentLayerOptions"/>, reverse
/// weights for bidirectional layers, peepholes, projections and learned initial states
/// (<see cref="RecurrentWeights"/>).
/// </summary>
public sealed class RecurrentLayerDescriptor : LayerDescriptor
{
    /// <summary>Creates a v1 layer (forward, PyTorch's cell) from copies of the given weights; <see cref="ModelDescriptor"/> validates the sizes.</summary>
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
        : this(kind, inputSize, hiddenSize, nonlinearity, new RecurrentWeights(weightIh, weightHh, biasIh, biasHh), null, null)
    {
    }

    /// <summary>Creates a layer with any format-v2 setting; <see cref="ModelDescriptor"/> validates the sizes.</summary>
    /// <param name="kind"><see cref="LayerKind.Rnn"/>, <see cref="LayerKind.Lstm"/> or <see cref="LayerKind.Gru"/>.</param>
    /// <param name="inputSize">I, the values per step this layer reads.</param>
    /// <param name="hiddenSize">H, the hidden (cell) size.</param>
    /// <param name="nonlinearity">For <see cref="LayerKind.Rnn"/>: tanh or relu; others use tanh.</param>
    /// <param name="weights">The tensors of the layer's direction (the forward one when bidirectional).</param>
    /// <param name="reverseWeights">A bidirectional layer's reverse-direction tensors; null otherwise.</param>
    /// <param name="options">Direction, GRU variant, projection, clipping, gate activation; null for v1's meaning.</param>
    public RecurrentLayerDescriptor(LayerKind kind, int inputSize, int hiddenSize, Activation nonlinearity,
        RecurrentWeights weights, RecurrentWeights? reverseWeights, RecurrentLayerOptions? options)
        : base(kind, inputSize, OutputSizeOf(hiddenSize, options))
    {
        if (kind == LayerKind.Dense)
            throw new ArgumentException("A dense layer is a DenseLayerDescriptor.", nameof(kind));
        HiddenSize = hiddenSize;
        Nonlinearity = nonlinearity;
        Weights = weights ?? throw new ArgumentNullException(nameof(weights));
        ReverseWeights = reverseWeights;
        Options = options ?? RecurrentLayerOptions.Default;
    }

    /// <summary>H, the size of the hidden (and LSTM cell) state inside the cell.</summary>
    public int HiddenSize { get; }

    /// <summary>S, the size of one direction's hidden state h: the projection size when there is one, else H.</summary>
    public int StateSize => Options.ProjectionSize > 0 ? Options.ProjectionSize : HiddenSize;

    /// <summary>Gate blocks in the weights: 1 for rnn, 4 for lstm, 3 for gru.</summary>
    public int GateCount => GateCountOf(Kind);

    /// <summary>The rnn layer's activation (tanh or relu); tanh for lstm and gru.</summary>
    public Activation Nonlinearity { get; }

    /// <summary>The format-v2 settings (all at v1's meaning for a v1 layer).</summary>
    public RecurrentLayerOptions Options { get; }

    /// <summary>Which way the layer walks the sequence.</summary>
    public RecurrentDirection Direction => Options.Direction;

    /// <summary>The tensors of the layer's direction (the forward one of a bidirectional layer).</summary>
    public RecurrentWeights Weights { get; }

    /// <summary>A bidirectional layer's reverse-direction tensors; null otherwise.</summary>
    public RecurrentWeights? ReverseWeights { get; }

    /// <summary>Whether this layer needs the whole sequence before its first output (reverse or bidirectional).</summary>
    public bool NeedsWholeSequence => Direction != RecurrentDirection.Forward;

    /// <summary>Whether anything in the layer needs descriptor format v2.</summary>
    public bool NeedsVersion2 => Options.NeedsVersion2 || Weights.HasPeepholes || Weights.HasInitialState || ReverseWeights is not null;

    internal float[] WeightIhArray => Weights.WeightIhArray;

    internal float[] WeightHhArray => Weights.WeightHhArray;

    internal float[] BiasIhArray => Weights.BiasIhArray;

    internal float[] BiasHhArray => Weights.BiasHhArray;

#if !NETSTANDARD2_0
    /// <summary>Input-to-hidden weights of the layer's direction, gates·H × I row-major.</summary>
    public ReadOnlySpan<float> WeightIh => WeightIhArray;

    /// <summary>Hidden-to-hidden weights of the layer's direction, gates·H × S row-major.</summary>
    public ReadOnlySpan<float> WeightHh => WeightHhArray;

    /// <summary>Input-to-hidden biases of the layer's direction, gates·H.</summary>
    public ReadOnlySpan<float> BiasIh => BiasIhArray;

    /// <summary>Hidden-to-hidden biases of the layer's direction, gates·H.</summary>
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

    private static int OutputSizeOf(int hiddenSize, RecurrentLayerOptions? options)
    {
        options ??= RecurrentLayerOptions.Default;
        int state = options.ProjectionSize > 0 ? options.ProjectionSize : hiddenSize;
        return options.Direction == RecurrentDirection.Bidirectional ? 2 * state : state;
    }
}
