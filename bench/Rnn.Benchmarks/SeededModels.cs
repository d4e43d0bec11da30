using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Benchmarks;

/// <summary>Random models with PyTorch's default initialisation range, for benchmarks that need shapes, not skill.</summary>
internal static class SeededModels
{
    public static ModelDescriptor RecurrentWithHead(LayerKind kind, int inputSize, int hiddenSize, int seed)
    {
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(hiddenSize);
        float[] Uniform(int count)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++)
                values[i] = (float)(random.NextDouble() * 2 - 1) * bound;
            return values;
        }

        int gates = RecurrentLayerDescriptor.GateCountOf(kind);
        var recurrent = new RecurrentLayerDescriptor(kind, inputSize, hiddenSize, Activation.Tanh,
            Uniform(gates * hiddenSize * inputSize), Uniform(gates * hiddenSize * hiddenSize), Uniform(gates * hiddenSize), Uniform(gates * hiddenSize));
        var head = new DenseLayerDescriptor(hiddenSize, 1, Activation.Linear, Uniform(hiddenSize), Uniform(1));
        return new ModelDescriptor(inputSize, new LayerDescriptor[] { recurrent, head });
    }
}
