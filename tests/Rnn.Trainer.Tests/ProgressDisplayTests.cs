using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// The training display as a user sees it: the real <c>rnn train</c> in tmux terminals 80 and 160 columns wide
/// (nothing wraps, nothing of the status line is left behind on completion or after Ctrl-C), and redirected to
/// a file (plain lines, no control characters).
/// </summary>
public sealed class ProgressDisplayTests : IDisposable
{
    private static readonly string[] s_finishedRows = ["data: ", "model: ", "windows: ", "epoch 1/2 ", "epoch 2/2 ", "best validation loss ", "wrote ", "DONE"];
    private static readonly TimeSpan s_hang = TimeSpan.FromMinutes(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-display-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Series(int rows)
    {
        var text = new StringBuilder("x\n");
        for (int t = 0; t < rows; t++)
            text.Append(Math.Sin(t * 0.05).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(Path.Combine(_directory, "s.csv"), text.ToString());
    }

    // Relative names, so every line's length is the same wherever the temporary folder is.
    private string Command(string options) =>
        $"cd '{_directory}' && dotnet '{Path.Combine(AppContext.BaseDirectory, "rnn.dll")}' train s.csv --input-columns x {options} -o m.rnn.json; echo DONE; sleep 600";

    [Theory]
    [InlineData(80)]
    [InlineData(160)]
    public void AFinishedRunLeavesOnlyItsPermanentLinesEachOnOneRow(int width)
    {
        Series(rows: 2000);
        using var screen = new TmuxScreen(width, 24, Command("--layers gru:8 --epochs 2"));
        var rows = screen.WaitFor(r => r.Contains("DONE"), s_hang, "end of training");
        Assert.Equal(s_finishedRows.Length, rows.Length);
        for (int i = 0; i < rows.Length; i++)
            Assert.StartsWith(s_finishedRows[i], rows[i]);
        Assert.All(rows, r => Assert.True(r.Length < width, $"a row fills the terminal's width (it wrapped or will): {r}"));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(160)]
    public void TheStatusLineFitsWhileTrainingAndCtrlCLeavesACleanScreen(int width)
    {
        // Epochs must last long enough for the status line to stay on screen between epoch lines: since the trainer
        // got faster, lstm:48 on 4,000 rows took 13 ms an epoch and a capture seldom caught the line; this takes
        // about a second an epoch.
        Series(rows: 20000);
        using var screen = new TmuxScreen(width, 24, Command("--layers lstm:256 --epochs 100000 --patience 0"));
        // Mid-run: after epoch 1's line, the status line of a later epoch, on the last row, one row only.
        var rows = screen.WaitFor(r => r.Any(l => l.StartsWith("epoch 1/100000  mean loss ")) && r[^1].Contains("batch loss"), s_hang, "status line after epoch 1");
        Assert.StartsWith("epoch ", rows[^1]);
        Assert.True(rows[^1].Length <= width - 3, $"the status line leaves no room for a ^C echo: {rows[^1]}");
        Assert.Single(rows, r => r.Contains("batch loss"));
        Assert.Equal(["data: ", "model: ", "windows: "], rows.Take(3).Select(r => r[..(r.IndexOf(' ') + 1)]));

        screen.SendKeys("C-c");
        rows = screen.WaitFor(r => r.Contains("DONE"), s_hang, "the end after Ctrl-C");
        Assert.DoesNotContain(rows, r => r.Contains("batch loss") || r.Contains("^C"));
        Assert.Matches(@"^stopped after epoch \d+; the checkpoint m\.rnn\.json\.ckpt holds it$", rows[^4]);
        Assert.StartsWith("best validation loss ", rows[^3]);
        Assert.Equal(["wrote m.rnn.json and m.loss.svg", "DONE"], rows[^2..]);
    }

    [Fact]
    public void RedirectedToAFileItPrintsPlainLines()
    {
        Series(rows: 2000);
        var (code, output, error) = RnnProcess.Run(_directory, "train", "s.csv", "--input-columns", "x", "--layers", "gru:8", "--epochs", "2", "-o", "m.rnn.json");
        Assert.Equal((0, ""), (code, error));
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain('\u001b', output);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(s_finishedRows.Length - 1, lines.Length);
        for (int i = 0; i < lines.Length; i++)
            Assert.StartsWith(s_finishedRows[i], lines[i]);
    }
}
