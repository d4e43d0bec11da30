using System;
using Rnn.Tests.Shared;
using System.IO;
using System.Linq;
using System.Threading;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;

namespace Rnn.TrainTimer;

/// <summary>
/// A training demonstration run by both sides: our TrainingSession trains it here and writes the datasets,
/// the initial parameters, every epoch's shuffle order and the hyper-parameters, which bench/TorchTrain
/// replays with torch.nn.LSTM, clip_grad_norm_ and torch.optim.Adam.
/// </summary>
internal sealed record QualityTask(string Name, TrainingOptions Options, SequenceDataset Training, SequenceDataset Validation)
{
    /// <summary>
    /// sines: examples/sines.csv as `rnn train examples/sines.csv --input-columns x --layers lstm:16 --epochs 30
    /// --batch 16` cuts it (window 50, horizon 1, last 20 % for validation, inputs normalised by the training
    /// part), rnn train's learning rate 0.01 and clip 1, but all 30 epochs (no --patience) so both sides run as long.
    /// adding: the adding problem with T = 60 as DemonstrationTests trains it (LSTM 24, 25 epochs, batch 32, lr 0.005, clip 1).
    /// </summary>
    public static QualityTask Named(string name, int seed, string repository) => name switch
    {
        "sines" => FromSines(Path.Combine(repository, "examples", "sines.csv"), seed),
        "adding" => new QualityTask(name, new TrainingOptions(LayerSpec.ParseStack("lstm:24"), Epochs: 25, BatchSize: 32, LearningRate: 0.005, ClipNorm: 1, Seed: seed),
            AddingProblem.Generate(4000, 60, seed: 1), AddingProblem.Generate(1000, 60, seed: 2)),
        _ => throw new ArgumentException($"unknown task {name}; expected sines or adding"),
    };

    private static QualityTask FromSines(string path, int seed)
    {
        var windows = TimeSeriesWindows.Load(path, new TimeSeriesOptions(["x"], ["x"], Window: 50, Horizon: 1, ValidationFraction: 0.2));
        var options = new TrainingOptions(LayerSpec.ParseStack("lstm:16"), Epochs: 30, BatchSize: 16, LearningRate: 0.01, ClipNorm: 1, Seed: seed);
        return new QualityTask("sines", options, windows.Training, windows.Validation);
    }

    /// <summary>Every epoch's shuffle, as TrainingSession.RunEpoch draws it (epochs count from 1): [epochs, N].</summary>
    public int[] ShuffleOrders()
    {
        var orders = new int[Options.Epochs * Training.Count];
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, Training.Count).ToArray();
            new Random(unchecked(Options.Seed * 1_000_003 + epoch) & int.MaxValue).Shuffle(order);
            order.CopyTo(orders, (epoch - 1) * Training.Count);
        }

        return orders;
    }

    /// <summary>Writes what TorchTrain needs into <paramref name="folder"/>, trains every epoch, writes validation.txt.</summary>
    public (double Final, double Best, double FirstTraining) TrainAndExport(string folder)
    {
        var session = new TrainingSession(Options, Training, Validation);
        var spec = Options.Layers.Single();
        Exchange.WriteFloats(folder, "params.bin", session.Network.Parameters);
        Exchange.WriteFloats(folder, "train-x.bin", Training.Inputs);
        Exchange.WriteFloats(folder, "train-y.bin", Training.RealTargets);
        Exchange.WriteFloats(folder, "validation-x.bin", Validation.Inputs);
        Exchange.WriteFloats(folder, "validation-y.bin", Validation.RealTargets);
        Exchange.WriteInts(folder, "orders.bin", ShuffleOrders());
        Exchange.WriteMeta(folder, [("task", Name), ("cell", spec.Kind.ToString().ToLowerInvariant()), ("hidden", spec.Size),
            ("input", Training.InputSize), ("output", Training.OutputSize), ("steps", Training.Steps),
            ("scope", Training.Scope == LossScope.LastStep ? "last" : "every"), ("training", Training.Count), ("validation", Validation.Count),
            ("epochs", Options.Epochs), ("batch", Options.BatchSize), ("lr", Options.LearningRate), ("clip", Options.ClipNorm),
            ("seed", Options.Seed), ("parameters", session.Network.Parameters.Length)]);
        var epochs = Enumerable.Range(0, Options.Epochs).Select(_ => session.RunEpoch(null, CancellationToken.None)!.Value).ToList();
        Exchange.WriteValues(folder, "trainer-validation.txt", epochs.Select(e => e.ValidationLoss));
        Exchange.WriteValues(folder, "trainer-training.txt", epochs.Select(e => e.TrainingLoss));
        return (epochs[^1].ValidationLoss, epochs.Min(e => e.ValidationLoss), epochs[0].TrainingLoss);
    }
}
