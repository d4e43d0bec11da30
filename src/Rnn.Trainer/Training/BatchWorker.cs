using System;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;

namespace Rnn.Trainer.Training;

/// <summary>
/// One thread's share of a mini-batch: a network replica (sharing the parameter buffer, with its own
/// gradients, caches and carried state) and its own input, target and loss-gradient buffers.
/// </summary>
internal sealed class BatchWorker
{
    private readonly float[] _x, _realTargets, _gradient;
    private readonly int[] _classTargets;

    public BatchWorker(Network<float> network, int rows, int inputSize, int outputSize)
    {
        Network = network;
        _x = new float[rows * inputSize];
        _realTargets = new float[rows * outputSize];
        _classTargets = new int[rows];
        _gradient = new float[rows * outputSize];
    }

    public Network<float> Network { get; }

    /// <summary>Rows (steps × sequences) the buffers hold.</summary>
    public int Rows => _classTargets.Length;

    /// <summary>
    /// Forward over steps [from, from+steps) of sequences order[start..start+size) from the carried state;
    /// when the chunk is scored, the loss and (with <paramref name="backward"/>) the gradients, which
    /// replace the worker's previous gradients. Returns the chunk's mean loss, or NaN when it is unscored.
    /// </summary>
    public double Run(SequenceDataset data, ReadOnlySpan<int> order, int start, int size, int from, int steps, bool backward)
    {
        data.Gather(order, start, size, from, steps, _x, _realTargets, _classTargets);
        var y = Network.Forward(_x.AsMemory(0, steps * size * data.InputSize), steps, size);
        if (data.Scope == LossScope.LastStep && from + steps != data.Steps)
            return double.NaN; // an unscored chunk only advances the carried state
        int scoredRows = data.Scope == LossScope.EveryStep ? steps * size : size;
        var gradient = _gradient.AsSpan(0, steps * size * data.OutputSize);
        double loss = data.Kind == TargetKind.Regression
            ? MeanSquaredError.Compute<float>(y, _realTargets.AsSpan(0, scoredRows * data.OutputSize), gradient, steps, size, data.OutputSize, data.Scope)
            : SoftmaxCrossEntropy.Compute<float>(y, _classTargets.AsSpan(0, scoredRows), gradient, steps, size, data.OutputSize, data.Scope);
        if (backward)
        {
            Array.Clear(Network.Gradients);
            Network.Backward(gradient, steps, size);
        }

        return loss;
    }
}
