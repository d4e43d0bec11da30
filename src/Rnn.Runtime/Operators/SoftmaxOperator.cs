using System;

namespace Rnn.Runtime.Operators;

/// <summary>softmax(x)_i = e^(x_i - max x) / Σ_j e^(x_j - max x); subtracting the max keeps e^ finite.</summary>
public static class SoftmaxOperator
{
    /// <summary>Replaces <paramref name="values"/> with their softmax.</summary>
    public static void Apply(Span<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values)
            max = MathF.Max(max, v);
        float sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Exp(values[i] - max);
            sum += values[i];
        }

        float scale = 1f / sum;
        for (int i = 0; i < values.Length; i++)
            values[i] *= scale;
    }
}
