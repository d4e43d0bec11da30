using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Rnn.TrainTimer;
using TorchSharp;
using TorchTrain;
using static TorchSharp.torch;

// The libtorch side of bench/train-side-by-side.sh and bench/train-quality.sh: same subcommands, flags and
// output lines as bench/Rnn.TrainTimer. Run it only from a build output whose libLibTorchSharp.so has been
// patched by weaken-glibcxx.py (the scripts do both).
const string Usage = """
    usage: TorchTrain speed   --cell lstm --hidden 64 [--input 8] [--threads 1] [--warmup 5] [--seconds 3]
           TorchTrain check   [--threads 1] [--steps 20] --dir DIR      (DIR as Rnn.TrainTimer check wrote it)
           TorchTrain quality --dir DIR                                  (DIR as Rnn.TrainTimer quality wrote it)
    """;
if (Flags.Parse(args, Usage) is not { } flags)
    return 2;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int threads = flags.Integer("threads", 1);
torch.set_num_interop_threads(1);
torch.set_num_threads(threads);
torch.manual_seed(1);
string backend = $"libtorch-{torch.__version__}/ATen:{Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "default"}";

switch (flags.Command)
{
    case "speed":
    {
        string cell = flags.Text("cell", "lstm");
        int hidden = flags.Integer("hidden", 64), input = flags.Integer("input", 8);
        using var model = new TorchModel(cell, input, hidden, Workload.Outputs);
        var optimizer = optim.Adam(model.Parameters, lr: Workload.LearningRate);
        // The same seeded pool as our side, cut once into time-major batches [T, 32, I] and [T, 32, 1].
        var (x, y) = Workload.Pool(Workload.PoolSize, input, Workload.PoolSeed);
        int batches = Workload.PoolSize / Workload.Batch, xSize = Workload.Batch * Workload.Steps * input, ySize = Workload.Batch * Workload.Steps;
        var xs = Enumerable.Range(0, batches).Select(b => tensor(Workload.TimeMajor(x[(b * xSize)..((b + 1) * xSize)], Workload.Batch, Workload.Steps, input),
            [Workload.Steps, Workload.Batch, input])).ToArray();
        var ys = Enumerable.Range(0, batches).Select(b => tensor(Workload.TimeMajor(y[(b * ySize)..((b + 1) * ySize)], Workload.Batch, Workload.Steps, 1),
            [Workload.Steps, Workload.Batch, 1])).ToArray();
        int next = 0;
        double loss = 0;
        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var batchLoss = nn.functional.mse_loss(model.Forward(xs[next]), ys[next]);
            batchLoss.backward();
            optimizer.step();
            loss += batchLoss.item<float>();
            next = (next + 1) % batches;
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < flags.Number("warmup", 5))
            Step();
        long steps = 0;
        double seconds = flags.Number("seconds", 3);
        loss = 0; // the mean over the timed batches is printed, so their results are used
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Step();
            steps++;
        }

        double rate = steps * Workload.Batch / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"torch {cell} {hidden} {input} threads={threads} seq/s={rate:F1} loss={loss / Math.Max(steps, 1):G4} simd={backend} cpu={Workload.CpuModel}");
        return 0;
    }

    case "check":
    {
        string folder = flags.Text("dir");
        var meta = Exchange.ReadMeta(folder);
        int input = meta.Int("input"), steps = meta.Int("steps"), batch = meta.Int("batch"), output = meta.Int("output");
        using var model = new TorchModel(meta["cell"], input, meta.Int("hidden"), output);
        model.Load(Exchange.ReadFloats(folder, "params.bin"));
        var optimizer = optim.Adam(model.Parameters, lr: meta.Double("lr"));
        using var x = tensor(Exchange.ReadFloats(folder, "x.bin"), [steps, batch, input]);
        using var y = tensor(Exchange.ReadFloats(folder, "y.bin"), [steps, batch, output]);
        var losses = new List<double>();
        for (int k = 0; k < flags.Integer("steps", 20); k++)
        {
            // With gradients on: TorchSharp's LSTM forward under no_grad gave wrong outputs at H = 16 on AVX-512.
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.Forward(x), y);
            losses.Add(loss.item<float>());
            loss.backward();
            optimizer.step();
        }

        Exchange.WriteValues(folder, "torch-losses.txt", losses);
        Console.WriteLine($"torch {meta["cell"]} {meta["hidden"]} {input} threads={threads} check: {losses.Count} steps, loss {losses[0]:G6} → {losses[^1]:G6}");
        return 0;
    }

    case "quality":
    {
        string folder = flags.Text("dir");
        var result = QualityReplay.Run(folder);
        var meta = Exchange.ReadMeta(folder);
        Console.WriteLine($"torch {meta["task"]} seed={meta["seed"]} final={result.Final:G6} best={result.Best:G6} epoch1-training={result.FirstTraining:G6}");
        return 0;
    }

    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
