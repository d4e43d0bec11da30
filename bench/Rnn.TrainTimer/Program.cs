using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;
using Rnn.TrainTimer;

// Our side of bench/train-side-by-side.sh and bench/train-quality.sh; bench/TorchTrain is the libtorch side.
const string Usage = """
    usage: Rnn.TrainTimer speed   --cell lstm --hidden 64 [--input 8] [--threads 1] [--warmup 5] [--seconds 3]
           Rnn.TrainTimer check   --cell lstm --hidden 64 [--input 8] [--threads 1] [--steps 20] --dir DIR [--seed 1]
           Rnn.TrainTimer quality --task sines|adding --seed 1 --dir DIR [--repo .]
    """;
if (Flags.Parse(args, Usage) is not { } flags)
    return 2;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
switch (flags.Command)
{
    case "speed":
    {
        var (session, label) = Session(flags, Workload.PoolSize, Workload.PoolSeed, out _);
        var order = Enumerable.Range(0, Workload.PoolSize).ToArray();
        int next = 0;
        double loss = 0;
        void Step()
        {
            loss += session.TrainBatch(order, next, Workload.Batch);
            next = (next + Workload.Batch) % Workload.PoolSize;
        }

        // The JIT needs about 2 s on a pinned core to reach its final tier.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < flags.Number("warmup", 5))
            Step();
        long batches = 0;
        double seconds = flags.Number("seconds", 3);
        loss = 0; // the mean over the timed batches is printed, so their results are used
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Step();
            batches++;
        }

        double rate = batches * Workload.Batch / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"trainer {label} seq/s={rate:F1} loss={loss / Math.Max(batches, 1):G4} simd={Workload.SimdPath} cpu={Workload.CpuModel}");
        return 0;
    }

    case "check":
    {
        // One fixed batch of 32, trained on again and again: both sides must see the same loss at every step.
        string folder = Directory.CreateDirectory(flags.Text("dir")).FullName;
        var (session, label) = Session(flags, Workload.Batch, seed: 7, out var data);
        Exchange.WriteFloats(folder, "params.bin", session.Network.Parameters);
        Exchange.WriteFloats(folder, "x.bin", Workload.TimeMajor(data.Inputs, Workload.Batch, Workload.Steps, data.InputSize));
        Exchange.WriteFloats(folder, "y.bin", Workload.TimeMajor(data.RealTargets, Workload.Batch, Workload.Steps, Workload.Outputs));
        Exchange.WriteMeta(folder, [("cell", flags.Text("cell")), ("hidden", flags.Integer("hidden", 0)), ("input", data.InputSize), ("output", Workload.Outputs),
            ("steps", Workload.Steps), ("batch", Workload.Batch), ("parameters", session.Network.Parameters.Length), ("lr", Workload.LearningRate)]);
        var order = Enumerable.Range(0, Workload.Batch).ToArray();
        var losses = Enumerable.Range(0, flags.Integer("steps", 20)).Select(_ => session.TrainBatch(order, 0, Workload.Batch)).ToList();
        Exchange.WriteValues(folder, "losses.txt", losses);
        Console.WriteLine($"trainer {label} check: {losses.Count} steps, loss {losses[0]:G6} → {losses[^1]:G6}, wrote {folder}");
        return 0;
    }

    case "quality":
    {
        string folder = Directory.CreateDirectory(flags.Text("dir")).FullName;
        var task = QualityTask.Named(flags.Text("task"), flags.Integer("seed", 1), flags.Text("repo", "."));
        var result = task.TrainAndExport(folder);
        Console.WriteLine($"trainer {task.Name} seed={task.Options.Seed} final={result.Final:G6} best={result.Best:G6} epoch1-training={result.FirstTraining:G6}");
        return 0;
    }

    default:
        Console.Error.WriteLine(Usage);
        return 2;
}

// A session on the speed workload's random sequences: `count` of them from `seed`.
static (TrainingSession Session, string Label) Session(Flags flags, int count, int seed, out SequenceDataset data)
{
    string cell = flags.Text("cell", "lstm");
    int hidden = flags.Integer("hidden", 64), input = flags.Integer("input", 8), threads = flags.Integer("threads", 1);
    var (x, y) = Workload.Pool(count, input, seed);
    data = new SequenceDataset(count, Workload.Steps, input, Workload.Outputs, TargetKind.Regression, LossScope.EveryStep, x, y, null);
    var options = new TrainingOptions(LayerSpec.ParseStack($"{cell}:{hidden}"), BatchSize: Workload.Batch, LearningRate: Workload.LearningRate, ClipNorm: 0,
        Threads: threads, Seed: flags.Integer("seed", 1));
    return (new TrainingSession(options, data, data), $"{cell} {hidden} {input} threads={threads}");
}
