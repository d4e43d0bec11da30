using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// One direction's tensors of a recurrent layer, PyTorch's layout: <c>weight_ih</c> gates·H × I,
/// <c>weight_hh</c> gates·H × S (S = projection size or H), biases gates·H; and the optional v2 tensors:
/// LSTM peepholes (3H: i, f, o), the LSTM projection <c>weight_hr</c> (P × H), learned initial states.
/// Sizes are checked when the layer joins a <see cref="ModelDescriptor"/>.
/// </summary>
public sealed class RecurrentWeights
{
    internal readonly float[] WeightIhArray;
    internal readonly float[] WeightHhArray;
    internal readonly float[] BiasIhArray;
    internal readonly float[] BiasHhArray;
    internal readonly float[]? PeepholeArray;
    internal readonly float[]? WeightHrArray;
    internal readonly float[]? InitialHArray;
    internal readonly float[]? InitialCArray;

    /// <summary>Creates one direction's tensors from copies of the given arrays.</summary>
    /// <param name="weightIh">gates·H × I values, row-major.</param>
    /// <param name="weightHh">gates·H × S values, row-major (S = projection size, or H).</param>
    /// <param name="biasIh">gates·H values.</param>
    /// <param name="biasHh">gates·H values.</param>
    /// <param name="peephole">LSTM only: 3H values, blocks i, f, o; null for none.</param>
    /// <param name="weightHr">LSTM with projection only: P × H values, row-major; null for none.</param>
    /// <param name="initialH">S values the hidden state starts from and returns to on reset; null for zeros.</param>
    /// <param name="initialC">LSTM only: H values the cell state starts from; null for zeros.</param>
    public RecurrentWeights(float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh,
        float[]? peephole = null, float[]? weightHr = null, float[]? initialH = null, float[]? initialC = null)
        : this(Copy(weightIh, nameof(weightIh)), Copy(weightHh, nameof(weightHh)), Copy(biasIh, nameof(biasIh)),
            Copy(biasHh, nameof(biasHh)), CopyOptional(peephole), CopyOptional(weightHr), CopyOptional(initialH),
            CopyOptional(initialC), adopt: true)
    {
    }

    internal RecurrentWeights(float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh,
        float[]? peephole, float[]? weightHr, float[]? initialH, float[]? initialC, bool adopt)
    {
        _ = adopt;
        WeightIhArray = weightIh;
        WeightHhArray = weightHh;
        BiasIhArray = biasIh;
        BiasHhArray = biasHh;
        PeepholeArray = peephole;
        WeightHrArray = weightHr;
        InitialHArray = initialH;
        InitialCArray = initialC;
    }

    /// <summary>Whether the LSTM has peephole weights.</summary>
    public bool HasPeepholes => PeepholeArray is not null;

    /// <summary>Whether the hidden or cell state starts anywhere but zero.</summary>
    public bool HasInitialState => InitialHArray is not null || InitialCArray is not null;

#if !NETSTANDARD2_0
    /// <summary>Input-to-hidden weights, gates·H × I row-major.</summary>
    public ReadOnlySpan<float> WeightIh => WeightIhArray;

    /// <summary>Hidden-to-hidden weights, gates·H × S row-major.</summary>
    public ReadOnlySpan<float> WeightHh => WeightHhArray;

    /// <summary>Input-to-hidden biases, gates·H.</summary>
    public ReadOnlySpan<float> BiasIh => BiasIhArray;

    /// <summary>Hidden-to-hidden biases, gates·H.</summary>
    public ReadOnlySpan<float> BiasHh => BiasHhArray;

    /// <summary>LSTM peepholes, 3H (i, f, o); empty when there are none.</summary>
    public ReadOnlySpan<float> Peephole => PeepholeArray;

    /// <summary>LSTM projection, P × H row-major; empty when there is none.</summary>
    public ReadOnlySpan<float> WeightHr => WeightHrArray;

    /// <summary>Initial hidden state, S values; empty for zeros.</summary>
    public ReadOnlySpan<float> InitialH => InitialHArray;

    /// <summary>Initial LSTM cell state, H values; empty for zeros.</summary>
    public ReadOnlySpan<float> InitialC => InitialCArray;
#endif

    private static float[] Copy(float[] values, string name) =>
        (float[])(values ?? throw new ArgumentNullException(name)).Clone();

    private static float[]? CopyOptional(float[]? values) => values is null ? null : (float[])values.Clone();
}
