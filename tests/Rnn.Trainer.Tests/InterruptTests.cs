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
    public void OnATerminalTheStatusLineIsRedrawnInPlaceAndErasedBeforeEachEpochLine()
    {
        var output = new StringWriter();
        var progress = new TrainProgress(output, interactive: true, () => 160);
        progress.OnBatch(new BatchProgress(1, 5, 10, 10, 0.0123, 4567));
        progress.OnEpoch(new EpochResult(1, 0.0123, 0.0456, true, 1.5), 5);
        progress.OnBatch(new BatchProgress(2, 5, 10, 10, 0.01, 4000));
        progress.Clear();
        string shown = output.ToString();
        Assert.Matches(@"^\repoch 1/5 \[#{30}\] 10/10  batch loss 1\.23e-2  val -  ETA \d+:\d\d  4567 seq/s\u001b\[K", shown);
        Assert.Contains("\r\u001b[Kepoch 1/5  mean loss 1.23e-2  val 4.56e-2 *  1.5 s" + Environment.NewLine, shown);
        Assert.Contains("\repoch 2/5 [##############################] 10/10  batch loss 1e-2  val 4.56e-2  ETA ", shown);
        Assert.EndsWith("seq/s\u001b[K\r\u001b[K", shown); // completion leaves no status line behind
    }

    [Theory]
    [InlineData(160, "epoch 12/300 [#######.......................] 1234/5000  batch loss 1.23e-2  val 4.56e-2  ETA ", "seq/s")]
    [InlineData(80, "epoch 12/300 [", "val 4.56e-2  ETA ")]
    [InlineData(60, "epoch 12/300 [", "] 1234/5000  batch loss 1.23e-2")]
    [InlineData(30, "epoch 12/300 [", "")]
    public void TheStatusLineFitsTheTerminalDroppingTheRateThenTheEta(int width, string start, string kept)
    {
        var progress = new TrainProgress(new StringWriter(), interactive: true, () => width);
        progress.OnEpoch(new EpochResult(11, 0.1, 0.0456, true, 1.5), 300);
        string line = progress.Status(new BatchProgress(12, 300, 1234, 5000, 0.0123, 4567), width);
        Assert.InRange(line.Length, 1, width - 3); // room for the terminal's "^C" echo without wrapping
        Assert.StartsWith(start, line);
        Assert.Contains(kept, line);
        if (width < 160)
            Assert.DoesNotContain("seq/s", line);
    }
}
