using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Rnn.Trainer.Cli;
using Rnn.Trainer.Data;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// One test per user-facing error: each names the option or the file (with a line only where there is one)
/// and what was expected, and none shows a .NET type name or a temporary file's name.
/// </summary>
public sealed class CliMessageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-messages-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Series(int rows = 200)
    {
        var text = new StringBuilder("t,x\n");
        for (int t = 0; t < rows; t++)
            text.Append(t).Append(',').Append((t % 7) * 0.25).Append('\n');
        return Write("series.csv", text.ToString());
    }

    private (int Code, string Out, string Error) Train(string data, string[]? inputs = null, double validation = 0.2, double momentum = 0.9,
        string optimizer = "adam", int window = 10, string layers = "gru:4", int epochs = 1)
    {
        var job = new TrainingJob(data, Path.Combine(_directory, "m.rnn.json"), Path.Combine(_directory, "m.ckpt"), false,
            new TimeSeriesOptions(inputs ?? ["x"], inputs ?? ["x"], window, 1, validation), window, validation);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrainCommand.Execute(job, layers, epochs, 8, 0.01, optimizer, momentum, 1.0, 0, 7, 0, 1, stdout, stderr, interactive: false, CancellationToken.None);
        return (code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("rnn:8:sigmoid", "layer \"rnn:8:sigmoid\": expected the nonlinearity tanh or relu, found \"sigmoid\"")]
    [InlineData("lstm:8:relu", "layer \"lstm:8:relu\": only rnn layers take a nonlinearity; lstm layers have their own gates")]
    public void ALayerNonlinearityIsJudgedByTheLayerItIsFor(string layers, string expected)
    {
        var (code, _, error) = Train(Series(), layers: layers);
        Assert.Equal((1, $"error: --layers: {expected}\n"), (code, error));
    }

    [Theory]
    [InlineData(1.5, "--validation: expected a share above 0 and at most 0.9, found 1.5")]
    [InlineData(0.0, "--validation: expected a share above 0 and at most 0.9, found 0")]
    public void TheValidationShareIsCheckedAsAnOption(double validation, string expected)
    {
        var (code, _, error) = Train(Series(), validation: validation);
        Assert.Equal((1, $"error: {expected}\n"), (code, error));
        Assert.False(File.Exists(Path.Combine(_directory, "m.rnn.json")));
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(1.0)]
    public void MomentumOutsideZeroToOneIsRefusedBeforeTraining(double momentum)
    {
        var (code, output, error) = Train(Series(), momentum: momentum, optimizer: "sgd");
        Assert.Equal((1, ""), (code, output));
        Assert.Equal($"error: --momentum: expected a number from 0 up to, not including, 1, found {momentum:0}\n", error);
        Assert.False(File.Exists(Path.Combine(_directory, "m.rnn.json")));
    }

    [Fact]
    public void AMissingFileHasNoLineNumber()
    {
        string missing = Path.Combine(_directory, "nope.csv");
        Assert.Equal((1, $"error: {missing}: file not found\n"), Without(Train(missing)));
    }

    [Fact]
    public void AFolderIsNamedAsOne()
    {
        Assert.Equal((1, $"error: {_directory}: is a folder; expected a file\n"), Without(Train(_directory)));
        var stderr = new StringWriter();
        Assert.Equal(1, InfoCommand.Execute(_directory, new StringWriter(), stderr));
        Assert.Equal($"error: {_directory}: is a folder; expected a file\n", stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void EveryCommandThatReadsAModelNamesAFolderAsOne()
    {
        string expected = $"error: {_directory}: is a folder; expected a file\n";
        var stderr = new StringWriter();
        Assert.Equal(1, SampleCommand.Execute(_directory, "a", 5, 1, 1, new StringWriter(), stderr));
        Assert.Equal(1, HeaderCommand.Execute(_directory, "m", null, new StringWriter(), stderr));
        Assert.Equal(1, RunCommand.Execute(_directory, "x.csv", null, new StringWriter(), stderr));
        Assert.Equal(1, QuantizeCommand.Execute(_directory, "float16", Path.Combine(_directory, "q.rnn.json"), new StringWriter(), stderr));
        Assert.Equal(string.Concat(Enumerable.Repeat(expected, 4)), stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void TrainingFromStandardInputNeedsAnOutputNameAndTrainsText()
    {
        var (code, _, error) = RnnProcess.RunWithInput(_directory, "abc", "train", "-");
        Assert.Equal((1, "error: rnn train -: give --output (-o); standard input has no name to derive the descriptor's from\n"), (code, error));
        (code, string output, error) = RnnProcess.RunWithInput(_directory, string.Concat(Enumerable.Repeat("abcab ", 40)), "train", "-", "--window", "10", "--epochs", "1", "--layers", "gru:4", "-o", "t.rnn.json");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("data: standard input, text of 240 characters, vocabulary of 4\n", output);
    }

    [Fact]
    public void AWindowLongerThanTheSeriesNamesTheOptionsAndHasNoLineNumber()
    {
        string data = Series(rows: 30);
        Assert.Equal((1, $"error: {data}: --window 40 with --horizon 1 needs at least 41 rows; the file has 30\n"), Without(Train(data, window: 40)));
    }

    [Fact]
    public void ABinaryFileIsNotTrainedAsText()
    {
        string data = Path.Combine(_directory, "image.bin");
        File.WriteAllBytes(data, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        Assert.Equal((1, $"error: {data}: not a text file (a zero byte at offset 8); expected UTF-8 text, or a *.csv time series\n"), Without(Train(data)));
    }

    [Fact]
    public void TextThatIsNotUtf8IsRefused()
    {
        string data = Path.Combine(_directory, "latin1.txt");
        File.WriteAllBytes(data, Encoding.Latin1.GetBytes(new string('a', 40) + "caf\u00e9" + new string('b', 40)));
        Assert.Equal((1, $"error: {data}: not UTF-8 text (byte 0xE9 at offset 43 is not part of a UTF-8 character); save it as UTF-8\n"), Without(Train(data)));
    }

    [Fact]
    public void ATabSeparatedFileIsRefusedByName()
    {
        string data = Write("series.tsv", "t\tx\n0\t1\n");
        Assert.Equal((1, $"error: {data}: tab-separated files are not read; expected a comma-separated *.csv time series, or plain text for a next-character model\n"), Without(Train(data)));
    }

    [Fact]
    public void AFileThatCannotBeCreatedIsNamedWithoutItsTemporary()
    {
        // /proc holds no new files: "not found" for root, "permission denied" for others; never "x.csv.tmp".
        const string output = "/proc/rnn-test-output.csv";
        var e = Assert.Throws<DataFileException>(() => DataFiles.WriteTextAtomically(output, w => w.Write("1")));
        Assert.Contains(e.Message, new[] { $"{output}: cannot write the file: no file can be created in that folder", $"{output}: cannot write the file: permission denied" });
    }

    [Fact]
    public void NoInputColumnsWarnsAndNamesTheFirstColumn()
    {
        var (code, _, error) = Train(Series(), inputs: []);
        Assert.Equal(0, code);
        Assert.Equal("warning: no --input-columns given; the model reads the first column, \"t\", and forecasts it\n", error);
    }

    [Fact]
    public void ATextTooShortForAValidationWindowIsRefused()
    {
        string data = Write("short.txt", new string('a', 30) + new string('b', 30));
        Assert.Equal((1, $"error: {data}: the validation part (6 characters) is shorter than one window of 10 plus one; use a shorter --window or a larger --validation\n"),
            Without(Train(data, validation: 0.1)));
    }

    [Fact]
    public void AnUnwritableOutputNamesTheFileNotItsTemporary()
    {
        string output = Path.Combine(_directory, "y.csv");
        Directory.CreateDirectory(output + ".tmp"); // where the temporary goes: opening it for writing fails
        var e = Assert.Throws<DataFileException>(() => DataFiles.WriteTextAtomically(output, w => w.Write("1")));
        Assert.Equal($"{output}: cannot write the file: permission denied", e.Message);
        Assert.DoesNotContain("y.csv.tmp", e.Message);
    }

    [Theory]
    [InlineData(new[] { "train", "data.csv", "--epochs", "abc" }, "error: --epochs: expected a whole number, found \"abc\"\nsee rnn train --help\n")]
    [InlineData(new[] { "train", "data.csv", "--lr", "fast" }, "error: --lr: expected a number, found \"fast\"\nsee rnn train --help\n")]
    [InlineData(new[] { "train", "data.csv", "--epoch", "3" }, "error: rnn train: unknown option --epoch; did you mean --epochs?\nsee rnn train --help\n")]
    [InlineData(new[] { "run", "m.rnn.json", "--frobnicate" }, "error: rnn run: unknown option --frobnicate\nerror: rnn run: --input is required\nsee rnn run --help\n")]
    [InlineData(new[] { "info" }, "error: rnn info: expected MODEL\nsee rnn info --help\n")]
    [InlineData(new string[0], "error: rnn: expected a command: run, info, import, bench, header, train, eval, sample, quantize\nsee rnn --help\n")]
    public void CommandLineMistakesNameTheOptionWithoutTypeNamesOrTheWholeHelp(string[] arguments, string expected)
    {
        var (code, output, error) = RnnProcess.Run(_directory, arguments);
        Assert.Equal((1, "", expected), (code, output, error));
    }

    private static (int, string) Without((int Code, string Out, string Error) result) => (result.Code, result.Error);
}
