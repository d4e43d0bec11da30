#if NET10_0_OR_GREATER
using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;

namespace Rnn.Benchmarks;

/// <summary>
/// How many sequences per second does training get through? The workload: input 8, batch 32,
/// sequence length 64, a dense 1-output head at every step, mean squared error; each invocation is one
/// batch of forward + full BPTT backward + Adam step, so per-operation time is per sequence.
/// </summary>
[Config(typeof(TrainingConfig))]
public class TrainingThroughputBenchmarks
{
    private const int Inputs = 8, Steps = 64, Batch = 32, Sequences = 256;
    private TrainingSession _session = null!;
    private int[] _order = null!;
    private int _next;

    [Params("lstm:32", "lstm:64", "gru:32", "gru:64")]
    public string Layers { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var x = Enumerable.Range(0, Sequences * Steps * Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Range(0, Sequences * Steps).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var data = new SequenceDataset(Sequences, Steps, Inputs, 1, TargetKind.Regression, LossScope.EveryStep, x, y, null);
        _session = new TrainingSession(new TrainingOptions(LayerSpec.ParseStack(Layers), BatchSize: Batch, LearningRate: 1e-3, ClipNorm: 0, Threads: Threads), data, data);
        _order = Enumerable.Range(0, Sequences).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double TrainOneBatch()
    {
        _next = (_next + Batch) % Sequences;
        return _session.TrainBatch(_order, _next, Batch);
    }
}
#endif
