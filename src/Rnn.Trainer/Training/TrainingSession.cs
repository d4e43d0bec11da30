using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
    private readonly BatchWorker[] _workers;
    private readonly BatchWorker _evaluator;
    private readonly (int Start, int Size)[] _shares;
    private readonly double[] _losses;
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

        // Thread t takes a contiguous share of each batch; replicas share the parameters, not the gradients.
        int threads = Math.Clamp(options.Threads, 1, Math.Max(1, options.BatchSize));
        int rows = ChunkLength(training.Steps) * ((Math.Max(options.BatchSize, 1) + threads - 1) / threads);
        _workers = new BatchWorker[threads];
        _shares = new (int, int)[threads];
        _losses = new double[threads];
        for (int t = 0; t < threads; t++)
        {
            var replica = t == 0 ? Network : new Network<float>(training.InputSize, specs, Network.Parameters);
            _workers[t] = new BatchWorker(replica, rows, training.InputSize, training.OutputSize);
        }

        int evaluationRows = Math.Max(validation.Steps, training.Steps) * Math.Clamp(validation.Count, 1, 256);
        _evaluator = new BatchWorker(Network, Math.Max(rows, evaluationRows), training.InputSize, training.OutputSize);
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

    /// <summary>
    /// Forward, backward, clip and update on sequences order[start..start+size), chunk by chunk (one update
    /// per scored chunk); returns the mean loss. With several threads each takes a contiguous share of the
    /// batch and the gradients are summed in thread order, so a run is reproducible for a thread count.
    /// </summary>
    public double TrainBatch(int[] order, int start, int size)
    {
        int chunk = ChunkLength(_training.Steps);
        int threads = Math.Min(_workers.Length, size);
        var shares = _shares;
        for (int t = 0, at = start; t < threads; t++)
        {
            int share = size / threads + (t < size % threads ? 1 : 0);
            shares[t] = (at, share);
            at += share;
            _workers[t].Network.ResetState(share);
        }

        var losses = _losses;
        double lossSum = 0;
        int scored = 0;
        for (int from = 0; from < _training.Steps; from += chunk)
        {
            int steps = Math.Min(chunk, _training.Steps - from);
            if (threads == 1)
                losses[0] = _workers[0].Run(_training, order, shares[0].Start, shares[0].Size, from, steps, backward: true);
            else
                RunShares(order, threads, from, steps);
            if (double.IsNaN(losses[0]))
                continue;

            // Each share's loss and gradients are means over its own rows: weight them by share size.
            var gradients = Network.Gradients;
            double loss = losses[0] * shares[0].Size / size;
            if (threads > 1)
            {
                float weight = (float)shares[0].Size / size;
                for (int k = 0; k < gradients.Length; k++)
                    gradients[k] *= weight;
                for (int t = 1; t < threads; t++)
                {
                    loss += losses[t] * shares[t].Size / size;
                    var other = _workers[t].Network.Gradients;
                    weight = (float)shares[t].Size / size;
                    for (int k = 0; k < gradients.Length; k++)
                        gradients[k] += weight * other[k];
                }
            }

            lossSum += loss * steps;
            scored += steps;
            Optimizer.ClipGradientNorm(gradients, Options.ClipNorm);
            Optimizer.Step(Network.Parameters, gradients);
        }

        return lossSum / scored;
    }

    // Apart from TrainBatch so that its closure is made only when several threads share the batch (one thread
    // allocates nothing per batch).
    private void RunShares(int[] order, int threads, int from, int steps) =>
        Parallel.For(0, threads, t => _losses[t] = _workers[t].Run(_training, order, _shares[t].Start, _shares[t].Size, from, steps, backward: true));

    /// <summary>Mean loss over a dataset, whole sequences, current parameters.</summary>
    public double Evaluate(SequenceDataset data)
    {
        var order = Enumerable.Range(0, data.Count).ToArray();
        int batch = Math.Max(1, _evaluator.Rows / data.Steps);
        double sum = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            int size = Math.Min(batch, data.Count - start);
            Network.ResetState(size);
            sum += _evaluator.Run(data, order, start, size, 0, data.Steps, backward: false) * size;
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

    private int ChunkLength(int steps) => Options.TruncateSteps > 0 ? Math.Min(Options.TruncateSteps, steps) : steps;
}
