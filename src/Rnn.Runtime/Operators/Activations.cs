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
                SoftmaxOperator.Apply(values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }
}
