using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn train DATA</c>: trains a model on a CSV time series or a text file and writes its descriptor and loss plot.</summary>
internal static class TrainCommand
{
    /// <summary>Exit code after Ctrl-C: the model so far and the last checkpoint are written.</summary>
    public const int Interrupted = 130;

    public static Command Create()
    {
        var data = new Argument<string>("data") { Description = "A CSV time series (*.csv) or a plain text file (next-character model); - reads standard input (then give -o, and --format csv for a series)." };
        var output = new Option<string?>("--output", "-o") { Description = "The descriptor to write (default: DATA's name + .rnn.json); the loss plot goes beside it." };
        var layers = new Option<string>("--layers") { Description = "Recurrent stack, e.g. lstm:32 or gru:64,gru:32 or rnn:16:relu; a dense head is added.", DefaultValueFactory = _ => "lstm:32" };
        var inputs = new Option<string?>("--input-columns") { Description = "CSV: comma-separated column names or 1-based numbers the model reads (default: the first column, with a warning)." };
        var targets = new Option<string?>("--target-columns") { Description = "CSV: the columns it forecasts (default: the input columns)." };
        var window = new Option<int>("--window") { Description = "Steps (CSV rows or characters) per training sequence.", DefaultValueFactory = _ => 50 };
        var horizon = new Option<int>("--horizon") { Description = "CSV: rows between an input and its target.", DefaultValueFactory = _ => 1 };
        var validation = new Option<double>("--validation") { Description = "Share of the data (its end) held out for validation.", DefaultValueFactory = _ => 0.2 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs at most.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch") { Description = "Sequences per update.", DefaultValueFactory = _ => 32 };
        var rate = new Option<double>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => 0.01 };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or sgd.", DefaultValueFactory = _ => "adam" };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => 0.9 };
        var clip = new Option<double>("--clip") { Description = "Largest global gradient norm (0: off).", DefaultValueFactory = _ => 1.0 };
        var tbptt = new Option<int>("--tbptt") { Description = "Truncated BPTT chunk length in steps (0: full BPTT).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation and shuffling (same seed, same model).", DefaultValueFactory = _ => 1 };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation loss (0: off).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Threads sharing each batch (a run is reproducible for a given thread count).", DefaultValueFactory = _ => 1 };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file, written after every epoch (default: OUTPUT.ckpt)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint if it exists." };
        var loss = new Option<string?>("--loss") { Description = "mse (CSV default: forecast values) or cross-entropy (text; for CSV, the target column holds class numbers 0, 1, ...)." };
        var format = new Option<string?>("--format") { Description = "csv or text: how DATA is read (default: a *.csv name is a series; any other name, and -, is text)." };
        var target = new Option<string>("--target") { Description = "every: score every step of a window (default); last: only its last step (the window as one sequence).", DefaultValueFactory = _ => "every" };
        var command = new Command("train", "Train a recurrent model on a CSV time series or a text file; writes a descriptor, a loss plot and checkpoints.")
        {
            data, output, layers, inputs, targets, window, horizon, validation, epochs, batch, rate, optimizer, momentum, clip, tbptt, seed, patience, threads, checkpoint, resume, loss, target, format,
        };
        command.SetAction(result =>
        {
            string dataPath = result.GetValue(data)!;
            string? lossName = result.GetValue(loss), targetName = result.GetValue(target);
            if (lossName is not (null or "mse" or "cross-entropy"))
                return CliErrors.Fail(Console.Error, $"--loss: expected mse or cross-entropy, found \"{lossName}\"");
            if (targetName is not ("every" or "last"))
                return CliErrors.Fail(Console.Error, $"--target: expected every or last, found \"{targetName}\"");
            string? formatName = result.GetValue(format);
            if (formatName is not (null or "csv" or "text"))
                return CliErrors.Fail(Console.Error, $"--format: expected csv or text, found \"{formatName}\"");
            bool csv = formatName is null ? TrainingRun.IsCsv(dataPath) : formatName == "csv";
            if (lossName == "mse" && !csv)
                return CliErrors.Fail(Console.Error, "--loss mse: a text file trains a next-character model, which predicts classes: use cross-entropy (the default), or give a *.csv series");
            if (dataPath == DataFiles.StandardStream && result.GetValue(output) is null)
                return CliErrors.Fail(Console.Error, "rnn train -: give --output (-o); standard input has no name to derive the descriptor's from");
            if (result.GetValue(output) == DataFiles.StandardStream)
                return CliErrors.Fail(Console.Error, "-o -: rnn train writes a loss plot and a checkpoint beside the descriptor and prints its progress on standard output; give a file name");
            string outputPath = result.GetValue(output) ?? Path.ChangeExtension(dataPath, null) + ".rnn.json";
            // No columns given: empty lists, which the loader reads as "the first column" (and the run warns about).
            string[] inputList = Split(result.GetValue(inputs) ?? "");
            string[] targetList = result.GetValue(targets) is { } targetColumns ? Split(targetColumns) : inputList;
            var job = new TrainingJob(dataPath, outputPath, result.GetValue(checkpoint) ?? outputPath + ".ckpt", result.GetValue(resume),
                new TimeSeriesOptions(inputList, targetList, result.GetValue(window), result.GetValue(horizon), result.GetValue(validation),
                    targetName == "last" ? LossScope.LastStep : LossScope.EveryStep, Classes: lossName == "cross-entropy"),
                result.GetValue(window), result.GetValue(validation), csv);
            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) =>
            {
                e.Cancel = true; // finish cleanly: drop the current epoch, keep the last checkpoint, write the model so far
                cancellation.Cancel();
            };
            Console.CancelKeyPress += stop;
            try
            {
                return Execute(job, result.GetValue(layers)!, result.GetValue(epochs), result.GetValue(batch), result.GetValue(rate), result.GetValue(optimizer)!,
                    result.GetValue(momentum), result.GetValue(clip), result.GetValue(tbptt), result.GetValue(seed), result.GetValue(patience), result.GetValue(threads),
                    Console.Out, Console.Error, !Console.IsOutputRedirected, cancellation.Token);
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
        });
        return command;
    }

    public static int Execute(TrainingJob job, string layers, int epochs, int batch, double learningRate, string optimizer, double momentum, double clip,
        int tbptt, int seed, int patience, int threads, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken cancellation) =>
        CliErrors.Guard(stderr, () =>
        {
            System.Collections.Generic.IReadOnlyList<LayerSpec> stack;
            try
            {
                stack = LayerSpec.ParseStack(layers);
            }
            catch (FormatException e)
            {
                return CliErrors.Fail(stderr, "--layers: " + e.Message);
            }

            if (optimizer is not ("adam" or "sgd"))
                return CliErrors.Fail(stderr, $"--optimizer: expected adam or sgd, found \"{optimizer}\"");
            var options = new TrainingOptions(stack, epochs, batch, learningRate, optimizer, momentum, clip, tbptt, seed, patience, threads);
            if (TrainOptionChecks.FirstProblem(job, options) is { } problem)
                return CliErrors.Fail(stderr, problem);

            var progress = new TrainProgress(stdout, interactive, interactive ? TerminalWidth : null);
            var outcome = TrainingRun.Execute(job, options, progress.OnBatch, e => progress.OnEpoch(e, epochs), cancellation, start =>
            {
                if (start.FirstColumnByDefault)
                    stderr.WriteLine($"warning: no --input-columns given; the model reads the first column, \"{start.InputColumns[0]}\"{(start.TargetColumns.SequenceEqual(start.InputColumns) ? ", and forecasts it" : "")}");
                progress.OnStart(start, DataFiles.DisplayName(job.DataPath), layers, job.CheckpointPath);
            });
            progress.Clear(outcome.Cancelled);
            if (outcome.Cancelled)
            {
                stdout.WriteLine(outcome.Epochs == 0
                    ? "stopped in epoch 1, before any checkpoint; wrote the untrained model"
                    : $"stopped after epoch {outcome.Epochs}; the checkpoint {job.CheckpointPath} holds it");
            }

            if (double.IsFinite(outcome.BestValidationLoss))
                stdout.WriteLine($"best validation loss {outcome.BestValidationLoss:0.####e+0} after {outcome.Epochs} epoch(s)");
            else if (outcome.Epochs > 0)
                stderr.WriteLine("warning: the validation loss never became a finite number (training diverged?); try a lower --lr or --clip 1");
            stdout.WriteLine($"wrote {outcome.DescriptorPath} and {outcome.PlotPath}");
            return outcome.Cancelled ? Interrupted : 0;
        });

    // The terminal's width when it can be read (a redirected or odd console throws); 80 otherwise.
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 80;
        }
    }

    private static string[] Split(string columns) => columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
