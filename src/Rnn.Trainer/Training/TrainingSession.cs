using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Optimizers;

namespace Rnn.Trainer.Training;

/// <summary>
/// Trains a network on a dataset: shuffled mini-batches, full or truncated BPTT (state carried across
/// chunks, gradients stopped at chunk boundaries), gradient clipping, an optimiser step per chunk,
/// validation after every epoch, the best parameters kept, early stopping.
/// </summary>
internal sealed class TrainingSession
{
    private readonly SequenceDataset _training, _validation;
    private readonly float[] _x, _realTargets, _gradient;
    private readonly int[] _classTargets;
    private readonly List<EpochResult> _history = [];

    public TrainingSession(TrainingOptions options, SequenceDataset training, SequenceDataset validation)
    {
        if (training.Count == 0)
            throw new ArgumentException("The training set has no sequences.", nameof(training));
        Options = options;
        (_training, _validation) = (training, validation);
        var specs = options.Layers.Append(new LayerSpec(LayerKind.Dense, training.OutputSize, Activation.Linear)).ToList();
        Network = new Network<float>(training.InputSize, specs);
        Network.Initialize(options.Seed);
        Optimizer = options.Optimizer.ToLowerInvariant() switch
        {
            "adam" => new Adam(Network.Parameters.Length, options.LearningRate),
            "sgd" => new Sgd(Network.Parameters.Length, options.LearningRate, options.Momentum),
            _ => throw new ArgumentException($"Unknown optimiser \"{options.Optimizer}\"; expected adam or sgd.", nameof(options)),
        };
        BestParameters = (float[])Network.Parameters.Clone();

        int chunk = ChunkLength(training.Steps), batch = Math.Max(options.BatchSize, 1);
        int evalBatch = Math.Max(batch, 256), steps = Math.Max(training.Steps, validation.Steps);
        int rows = Math.Max(chunk * batch, steps * Math.Min(evalBatch, Math.Max(validation.Count, 1)));
        _x = new float[rows * training.InputSize];
        _realTargets = new float[rows * training.OutputSize];
        _classTargets = new int[rows];
        _gradient = new float[rows * training.OutputSize];
    }

    public TrainingOptions Options { get; }

    public Network<float> Network { get; }

    public Optimizer Optimizer { get; }

    /// <summary>The parameters with the lowest validation loss so far (the ones to export).</summary>
    public float[] BestParameters { get; private set; }

    public double BestValidationLoss { get; private set; } = double.PositiveInfinity;

    public int CompletedEpochs { get; private set; }

    public int EpochsSinceImprovement { get; private set; }

    public IReadOnlyList<EpochResult> History => _history;

    public bool Stopped => CompletedEpochs >= Options.Epochs || (Options.Patience > 0 && EpochsSinceImprovement >= Options.Patience);

    /// <summary>Runs one epoch, unless <paramref name="cancellation"/> fires first (then nothing of the epoch is kept).</summary>
    public EpochResult? RunEpoch(Action<BatchProgress>? progress, CancellationToken cancellation)
    {
        var snapshot = (float[])Network.Parameters.Clone();
        var optimizerSnapshot = Optimizer.SaveState();
        int epoch = CompletedEpochs + 1;
        // The shuffle of epoch e depends only on the seed and e, so a resumed run shuffles as an uninterrupted one.
        var order = Enumerable.Range(0, _training.Count).ToArray();
        new Random(unchecked(Options.Seed * 1_000_003 + epoch) & int.MaxValue).Shuffle(order);

        int batch = Math.Max(Options.BatchSize, 1), batches = (order.Length + batch - 1) / batch;
        double lossSum = 0;
        var clock = Stopwatch.StartNew();
        for (int k = 0; k < batches; k++)
        {
            if (cancellation.IsCancellationRequested)
            {
                snapshot.CopyTo(Network.Parameters, 0);
                Optimizer.LoadState(optimizerSnapshot);
                return null;
            }

            int start = k * batch, size = Math.Min(batch, order.Length - start);
            double loss = TrainBatch(order, start, size);
            lossSum += loss * size;
            progress?.Invoke(new BatchProgress(epoch, Options.Epochs, k + 1, batches, loss, (start + size) / clock.Elapsed.TotalSeconds));
        }

        double trainingLoss = lossSum / order.Length;
        double validationLoss = _validation.Count > 0 ? Evaluate(_validation) : trainingLoss;
        bool improved = validationLoss < BestValidationLoss;
        if (improved)
        {
            BestValidationLoss = validationLoss;
            BestParameters = (float[])Network.Parameters.Clone();
            EpochsSinceImprovement = 0;
        }
        else
        {
            EpochsSinceImprovement++;
        }

        CompletedEpochs = epoch;
        var result = new EpochResult(epoch, trainingLoss, validationLoss, improved, clock.Elapsed.TotalSeconds);
        _history.Add(result);
        return result;
    }

    /// <summary>Forward, backward, clip and update on sequences order[start..start+size), chunk by chunk; returns the mean loss.</summary>
    public double TrainBatch(ReadOnlySpan<int> order, int start, int size)
    {
        int chunk = ChunkLength(_training.Steps);
        double lossSum = 0;
        int scored = 0;
        Network.ResetState(size);
        for (int from = 0; from < _training.Steps; from += chunk)
        {
            int steps = Math.Min(chunk, _training.Steps - from);
            bool hasLoss = _training.Scope == LossScope.EveryStep || from + steps == _training.Steps;
            _training.Gather(order, start, size, from, steps, _x, _realTargets, _classTargets);
            var y = Network.Forward(_x.AsMemory(0, steps * size * _training.InputSize), steps, size);
            if (!hasLoss)
                continue; // an unscored chunk only advances the carried state
            lossSum += Loss(_training, y, steps, size) * steps;
            scored += steps;
            Array.Clear(Network.Gradients);
            Network.Backward(_gradient.AsSpan(0, steps * size * _training.OutputSize), steps, size);
            Optimizer.ClipGradientNorm(Network.Gradients, Options.ClipNorm);
            Optimizer.Step(Network.Parameters, Network.Gradients);
        }

        return lossSum / scored;
    }

    /// <summary>Mean loss over a dataset, whole sequences, current parameters.</summary>
    public double Evaluate(SequenceDataset data)
    {
        var order = Enumerable.Range(0, data.Count).ToArray();
        int batch = Math.Max(1, Math.Min(Math.Max(Options.BatchSize, 256), _x.Length / (data.Steps * data.InputSize)));
        double sum = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            int size = Math.Min(batch, data.Count - start);
            data.Gather(order, start, size, 0, data.Steps, _x, _realTargets, _classTargets);
            Network.ResetState(size);
            var y = Network.Forward(_x.AsMemory(0, data.Steps * size * data.InputSize), data.Steps, size);
            sum += Loss(data, y, data.Steps, size) * size;
        }

        return sum / data.Count;
    }

    /// <summary>Puts the training state back as a checkpoint recorded it.</summary>
    public void Restore(Checkpoint checkpoint)
    {
        checkpoint.Parameters.CopyTo(Network.Parameters, 0);
        BestParameters = (float[])checkpoint.BestParameters.Clone();
        Optimizer.LoadState(checkpoint.OptimizerState);
        CompletedEpochs = checkpoint.Epoch;
        EpochsSinceImprovement = checkpoint.EpochsSinceImprovement;
        BestValidationLoss = checkpoint.BestValidationLoss;
        _history.Clear();
        _history.AddRange(checkpoint.History);
    }

    private double Loss(SequenceDataset data, ReadOnlySpan<float> y, int steps, int batch)
    {
        int scoredRows = data.Scope == LossScope.EveryStep ? steps * batch : batch;
        var gradient = _gradient.AsSpan(0, steps * batch * data.OutputSize);
        return data.Kind == TargetKind.Regression
            ? MeanSquaredError.Compute<float>(y, _realTargets.AsSpan(0, scoredRows * data.OutputSize), gradient, steps, batch, data.OutputSize, data.Scope)
            : SoftmaxCrossEntropy.Compute<float>(y, _classTargets.AsSpan(0, scoredRows), gradient, steps, batch, data.OutputSize, data.Scope);
    }

    private int ChunkLength(int steps) => Options.TruncateSteps > 0 ? Math.Min(Options.TruncateSteps, steps) : steps;
}
