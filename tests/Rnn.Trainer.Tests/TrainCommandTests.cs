using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Cli;
using Rnn.Trainer.Data;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary><c>rnn train</c>: outputs, reproducibility, resuming, interruption and every bad-input message.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-train-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Series(int rows = 600)
    {
        var text = new StringBuilder("t,x,y\n");
        for (int t = 0; t < rows; t++)
            text.Append(CultureInfo.InvariantCulture, $"{t},{Math.Sin(t * 0.1):R},{Math.Cos(t * 0.1):R}\n");
        return Write("series.csv", text.ToString());
    }

    private TrainingJob Job(string data, string output, bool resume = false, int window = 20) =>
        new(data, Path.Combine(_directory, output), Path.Combine(_directory, output + ".ckpt"), resume,
            new TimeSeriesOptions(["x"], ["y"], window, 1, 0.2), window, 0.2);

    private static (int Code, string Out, string Error) Train(TrainingJob job, int epochs = 3, string layers = "gru:8", int patience = 0, int threads = 1)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrainCommand.Execute(job, layers, epochs, 8, 0.01, "adam", 0.9, 1.0, 0, 7, patience, threads, stdout, stderr, interactive: false, CancellationToken.None);
        return (code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void WritesTheDescriptorThePlotAndACheckpointAndPrintsOneLinePerEpoch()
    {
        var job = Job(Series(), "m.rnn.json");
        var (code, output, error) = Train(job);
        Assert.Equal((0, ""), (code, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        Assert.Equal($"data: {job.DataPath}, CSV series of 600 rows; reads x, forecasts y", lines[0]);
        Assert.Equal("model: gru:8 + dense head, 273 parameters", lines[1]); // GRU 3*8*(1+8) + 2*3*8 = 264, dense 8 + 1
        Assert.Equal("windows: 92 training, 21 validation, 20 steps each", lines[2]); // rows [0, 479) and [479, 599), stride 5
        Assert.Matches(@"^epoch 1/3  mean loss \d\.\d+e[-+]\d+  val \d\.\d+e[-+]\d+ \*  \d+\.\d s$", lines[3]);
        Assert.StartsWith("best validation loss ", lines[6]);
        Assert.Equal($"wrote {job.OutputPath} and {Path.Combine(_directory, "m.loss.svg")}", lines[7]);

        var descriptor = DescriptorReader.ReadFile(job.OutputPath);
        Assert.Equal((1, 1), (descriptor.InputSize, descriptor.OutputSize));
        Assert.NotNull(descriptor.InputNormalization);
        Assert.True(descriptor.Metadata.TryGetField("target_columns", out var targets) && targets.Text == "y");
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(_directory, "m.loss.svg")));
        Assert.Equal(3, Checkpoint.Load(job.CheckpointPath).Epoch);
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void CreatesTheOutputFolder()
    {
        var job = Job(Series(), Path.Combine("new", "folder", "m.rnn.json"));
        var (code, _, error) = Train(job, epochs: 1);
        Assert.Equal((0, ""), (code, error));
        Assert.True(File.Exists(job.OutputPath));
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelBitForBit()
    {
        string data = Series();
        Train(Job(data, "a.rnn.json"));
        Train(Job(data, "b.rnn.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(_directory, "a.rnn.json")), File.ReadAllText(Path.Combine(_directory, "b.rnn.json")).Replace("b.rnn.json", "a.rnn.json"));
    }

    [Fact]
    public void TwoThreadsTrainAsWellAndReproducibly()
    {
        string data = Series();
        var (code, output, _) = Train(Job(data, "one.rnn.json"), epochs: 4);
        var (code2, output2, _) = Train(Job(data, "two.rnn.json"), epochs: 4, threads: 2);
        Train(Job(data, "two-again.rnn.json"), epochs: 4, threads: 2);
        Assert.Equal((0, 0), (code, code2));
        double Best(string text) => double.Parse(text.Split('\n').Single(l => l.StartsWith("best")).Split(' ')[3], CultureInfo.InvariantCulture);
        Assert.InRange(Best(output2), 0, Best(output) * 1.5); // same data, same updates up to summation order
        Assert.Equal(File.ReadAllText(Path.Combine(_directory, "two.rnn.json")), File.ReadAllText(Path.Combine(_directory, "two-again.rnn.json")));
    }

    [Fact]
    public void AResumedRunEndsWhereAnUninterruptedOneDoes()
    {
        string data = Series();
        Train(Job(data, "straight.rnn.json"), epochs: 4);
        Train(Job(data, "resumed.rnn.json"), epochs: 2);
        var (code, output, error) = Train(Job(data, "resumed.rnn.json", resume: true), epochs: 4);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains($"\nresumed from {Path.Combine(_directory, "resumed.rnn.json.ckpt")} after epoch 2\nepoch 3/4", output); // at the start, before the epochs
        var straight = DescriptorReader.ReadFile(Path.Combine(_directory, "straight.rnn.json"));
        var resumed = DescriptorReader.ReadFile(Path.Combine(_directory, "resumed.rnn.json"));
        Assert.Equal(((RecurrentLayerDescriptor)straight.Layers[0]).WeightHh.ToArray(), ((RecurrentLayerDescriptor)resumed.Layers[0]).WeightHh.ToArray());
    }

    [Fact]
    public void ACheckpointFromAnotherRunIsRefused()
    {
        string data = Series();
        Train(Job(data, "m.rnn.json"), epochs: 1, layers: "gru:8");
        var (code, _, error) = Train(Job(data, "m.rnn.json", resume: true), epochs: 2, layers: "lstm:8");
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {Path.Combine(_directory, "m.rnn.json.ckpt")}: the checkpoint was made for a different run", error);
    }

    [Fact]
    public void AStaleTemporaryFromAKilledSaveIsRemovedAndTheCheckpointKept()
    {
        string data = Series();
        Train(Job(data, "m.rnn.json"), epochs: 1);
        var job = Job(data, "m.rnn.json", resume: true);
        File.WriteAllBytes(job.CheckpointPath + ".tmp", [0x52, 0x4E, 0x4E]); // a save killed after three bytes
        // Already at epoch 1 of 1: this run saves nothing, so only the cleanup can remove the temporary.
        var (code, output, _) = Train(job, epochs: 1);
        Assert.Equal(0, code);
        Assert.Contains($"resumed from {job.CheckpointPath} after epoch 1\n", output);
        Assert.False(File.Exists(job.CheckpointPath + ".tmp"));
        Assert.Equal(1, Checkpoint.Load(job.CheckpointPath).Epoch);
    }

    [Theory]
    [InlineData("not a checkpoint at all", "not an rnn training checkpoint")]
    [InlineData("", "not an rnn training checkpoint")]
    [InlineData("RNNCKPT1\u0005ab", "the checkpoint was written by an older version of rnn (format 1, without a version or checksum); retrain without --resume, or resume it with the rnn that wrote it")]
    [InlineData("RNN-CKPT\u0002", "damaged checkpoint: the checkpoint is truncated: 9 bytes, fewer than the 52 of an empty one")]
    public void ADamagedCheckpointIsAClearError(string content, string problem)
    {
        var job = Job(Series(), "m.rnn.json", resume: true);
        File.WriteAllText(job.CheckpointPath, content);
        var (code, _, error) = Train(job);
        Assert.Equal(1, code);
        Assert.Equal($"error: {job.CheckpointPath}: {problem}\n", error);
    }

    [Fact]
    public void InterruptingKeepsTheLastCheckpointAndWritesTheModelSoFar()
    {
        var job = Job(Series(), "m.rnn.json");
        using var cancellation = new CancellationTokenSource();
        var options = new TrainingOptions(LayerSpec.ParseStack("gru:8"), Epochs: 10, BatchSize: 8, Seed: 7);
        // Ctrl-C arrives during epoch 2: epoch 2 is dropped, epoch 1's checkpoint stays.
        var outcome = TrainingRun.Execute(job, options, p => { if (p.Epoch == 2 && p.Batch == 2) cancellation.Cancel(); }, null, cancellation.Token);
        Assert.True(outcome.Cancelled);
        Assert.Equal(1, outcome.Epochs);
        Assert.Equal(1, Checkpoint.Load(job.CheckpointPath).Epoch);
        Assert.True(File.Exists(job.OutputPath));
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void InterruptingTheFirstEpochWritesNoCheckpointAndSaysSo()
    {
        var job = Job(Series(), "m.rnn.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrainCommand.Execute(job, "gru:8", 5, 8, 0.01, "adam", 0.9, 1.0, 0, 7, 0, 1, stdout, stderr, interactive: false, new CancellationToken(canceled: true));
        Assert.Equal((TrainCommand.Interrupted, ""), (code, stderr.ToString()));
        Assert.EndsWith($"steps each\nstopped in epoch 1, before any checkpoint; wrote the untrained model\nwrote {job.OutputPath} and {Path.Combine(_directory, "m.loss.svg")}\n",
            stdout.ToString().Replace("\r\n", "\n"));
        Assert.False(File.Exists(job.CheckpointPath));
        Assert.False(DescriptorReader.ReadFile(job.OutputPath).Metadata.TryGetField("validation_loss", out _));
    }

    [Fact]
    public void TrainsANextCharacterModelFromText()
    {
        string data = Write("poem.txt", string.Concat(Enumerable.Repeat("roses are red, violets are blue. ", 30)));
        var job = new TrainingJob(data, Path.Combine(_directory, "poem.rnn.json"), Path.Combine(_directory, "poem.ckpt"), false,
            new TimeSeriesOptions(["1"], ["1"], 30, 1, 0.2), 30, 0.2);
        var (code, _, error) = Train(job, epochs: 2, layers: "lstm:16");
        Assert.Equal((0, ""), (code, error));
        var descriptor = DescriptorReader.ReadFile(job.OutputPath);
        Assert.True(descriptor.Metadata.TryGetField("vocabulary", out var vocabulary));
        Assert.Equal(" ,.abdeilorstuv", vocabulary.Text);
        Assert.Equal(Activation.Softmax, ((DenseLayerDescriptor)descriptor.Layers[^1]).Activation);
        Assert.Equal((15, 15), (descriptor.InputSize, descriptor.OutputSize));
    }

    [Fact]
    public void SamplesTextFromATextModelAndRefusesWhatItCannotRun()
    {
        string data = Write("poem.txt", string.Concat(Enumerable.Repeat("roses are red, violets are blue. ", 30)));
        var job = new TrainingJob(data, Path.Combine(_directory, "poem.rnn.json"), Path.Combine(_directory, "poem.ckpt"), false,
            new TimeSeriesOptions(["1"], ["1"], 30, 1, 0.2), 30, 0.2);
        Train(job, epochs: 2, layers: "lstm:16");

        (int, string, string) Sample(string model, string prompt)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = SampleCommand.Execute(model, prompt, 40, 0.8, 3, stdout, stderr);
            return (code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
        }

        var (code, text, error) = Sample(job.OutputPath, "roses ");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("roses ", text);
        Assert.Equal("roses ".Length + 40 + 1, text.Length);
        Assert.All(text.TrimEnd('\n'), c => Assert.Contains(c, " ,.abdeilorstuv"));

        Assert.Equal((1, "", $"error: The prompt's character 'x' is not in the model's vocabulary \" ,.abdeilorstuv\".\n"), Sample(job.OutputPath, "xylophone"));

        var series = Job(Series(), "series.rnn.json");
        Train(series, epochs: 1);
        Assert.Equal((1, "", $"error: {series.OutputPath}: not a text model (no metadata.vocabulary; train one with rnn train on a text file)\n"), Sample(series.OutputPath, "a"));
    }

    [Theory]
    [InlineData("", "empty.csv: the file is empty; expected rows of numbers")]
    [InlineData("x,y\n1,2\n3,oops\n", "bad.csv:3, column 2: expected a finite number, found \"oops\"")]
    [InlineData("x,y\n1,2\n3\n", "ragged.csv:3: expected 2 values (as in the header), found 1")]
    public void BadCsvFilesNameTheFileAndLine(string text, string expected)
    {
        string name = expected[..expected.IndexOf(':')];
        var (code, _, error) = Train(Job(Write(name, text), "m.rnn.json"));
        Assert.Equal(1, code);
        Assert.Equal($"error: {Path.Combine(_directory, expected)}\n", error);
    }

    [Fact]
    public void AWindowLongerThanTheSeriesIsRefused()
    {
        var (code, _, error) = Train(Job(Series(rows: 30), "m.rnn.json", window: 40));
        Assert.Equal(1, code);
        Assert.Equal($"error: {Path.Combine(_directory, "series.csv")}: --window 40 with --horizon 1 needs at least 41 rows; the file has 30\n", error);
    }

    [Fact]
    public void AMissingColumnListsTheColumnsThereAre()
    {
        string data = Series();
        var job = Job(data, "m.rnn.json") with { Series = new TimeSeriesOptions(["z"], ["y"], 20, 1, 0.2) };
        var (code, _, error) = Train(job);
        Assert.Equal(1, code);
        Assert.Equal($"error: {data}:1: input column \"z\" not found; the file has t, x, y\n", error);
    }

    [Fact]
    public void ABadLayerStackSaysWhatIsExpected()
    {
        var (code, _, error) = Train(Job(Series(), "m.rnn.json"), layers: "lstm:32,cnn:4");
        Assert.Equal(1, code);
        Assert.Equal("error: --layers: layer \"cnn:4\": expected lstm, gru or rnn, found \"cnn\"\n", error);
    }

    [Fact]
    public void AnEmptyTextFileIsRefused()
    {
        string data = Write("empty.txt", "");
        var job = new TrainingJob(data, Path.Combine(_directory, "t.rnn.json"), Path.Combine(_directory, "t.ckpt"), false,
            new TimeSeriesOptions(["1"], ["1"], 30, 1, 0.2), 30, 0.2);
        var (code, _, error) = Train(job);
        Assert.Equal(1, code);
        Assert.Equal($"error: {data}: the file is empty\n", error);
    }
}
