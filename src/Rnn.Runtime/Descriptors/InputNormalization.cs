using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>Per-feature input standardisation applied before the first layer: x' = (x - mean) / std.</summary>
public sealed class InputNormalization
{
    internal readonly float[] MeanArray;
    internal readonly float[] StdArray;

    /// <summary>Creates the normalisation from copies of <paramref name="mean"/> and <paramref name="std"/>.</summary>
    public InputNormalization(float[] mean, float[] std)
        : this((float[])(mean ?? throw new ArgumentNullException(nameof(mean))).Clone(),
               (float[])(std ?? throw new ArgumentNullException(nameof(std))).Clone(), adopt: true)
    {
    }

    internal InputNormalization(float[] mean, float[] std, bool adopt)
    {
        _ = adopt;
        MeanArray = mean;
        StdArray = std;
    }

#if !NETSTANDARD2_0
    /// <summary>Per-feature mean, one per input.</summary>
    public ReadOnlySpan<float> Mean => MeanArray;

    /// <summary>Per-feature standard deviation, one per input, each positive.</summary>
    public ReadOnlySpan<float> Std => StdArray;
#endif
}
