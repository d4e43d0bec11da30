using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Runtime.Operators;

/// <summary>Applies an <see cref="Activation"/> to a span in place.</summary>
internal static class Activations
{
    public static void Apply<TOperator>(Span<float> values)
        where TOperator : struct, IActivationOperator
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = TOperator.Invoke(values[i]);
    }

    public static void Apply(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Linear:
                break;
            case Activation.Relu:
                Apply<ReluOperator>(values);
                break;
            case Activation.Tanh:
                Apply<TanhOperator>(values);
                break;
            case Activation.Sigmoid:
                Apply<SigmoidOperator>(values);
                break;
            case Activation.Softmax:
                Softmax(values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    /// <summary>softmax(x)_i = e^(x_i - max x) / Σ_j e^(x_j - max x); subtracting the max keeps e^ finite.</summary>
    public static void Softmax(Span<float> values)
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
