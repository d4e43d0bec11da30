using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Rnn.Trainer.Cli;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>Ctrl-C for real: SIGINT to an `rnn train` process, and the progress bar a terminal shows.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-interrupt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async System.Threading.Tasks.Task SigintStopsCleanlyAndKeepsTheLastCheckpoint()
    {
        var text = new StringBuilder("x\n");
        for (int t = 0; t < 4000; t++)
            text.Append(Math.Sin(t * 0.05).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        string data = Path.Combine(_directory, "long.csv");
        File.WriteAllText(data, text.ToString());
        string model = Path.Combine(_directory, "m.rnn.json"), checkpoint = model + ".ckpt";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "rnn.dll"), "train", data, "--layers", "lstm:48", "--epochs", "100000", "--patience", "0", "-o", model })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Interrupt once an epoch has been checkpointed, i.e. in the middle of a later epoch.
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            await System.Threading.Tasks.Task.Delay(20);
        if (!File.Exists(checkpoint))
            Assert.Fail("no checkpoint within a minute: " + await error);
        Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.True(process.WaitForExit(60_000), "rnn train did not stop after SIGINT");

        Assert.Equal(TrainCommand.Interrupted, process.ExitCode);
        int saved = Checkpoint.Load(checkpoint).Epoch;
        Assert.InRange(saved, 1, 99_999);
        Assert.Contains($"stopped after epoch {saved}; the checkpoint {checkpoint} holds it", await output);
        Assert.True(File.Exists(model));
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void OnATerminalTheBarShowsEpochBatchLossRateAndEta()
    {
        var output = new StringWriter();
        var progress = new TrainProgress(output, interactive: true);
        progress.OnBatch(new BatchProgress(1, 5, 10, 10, 0.0123, 4567));
        progress.OnEpoch(new EpochResult(1, 0.0123, 0.0456, true, 1.5), 5);
        progress.OnBatch(new BatchProgress(2, 5, 10, 10, 0.01, 4000));
        string shown = output.ToString();
        Assert.Matches(@"^\repoch 1/5 \[#{24}\] batch 10/10  loss 1\.23e-2  val -  4567 seq/s  ETA \d+:\d\d", shown);
        Assert.Contains("\repoch 1/5  loss 1.23e-2  val 4.56e-2 *  1.5 s" + Environment.NewLine, shown);
        Assert.Contains("\repoch 2/5 [########################] batch 10/10  loss 1e-2  val 4.56e-2  4000 seq/s  ETA ", shown);
    }
}
