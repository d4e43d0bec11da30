using System;
using System.IO;
using System.Linq;
using Rnn.Runtime;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// "-" as standard input where <c>rnn</c> reads a model or data, and as standard output where it writes one, run
/// through the real tool. The model is one dense layer y = 2 x + 1, so outputs are known by hand; what goes
/// through a pipe is compared with what the same command writes to or reads from a named file.
/// </summary>
public sealed class StandardStreamTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-stdio-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_directory, name);

    private string Model()
    {
        var descriptor = new ModelDescriptor(1, [new DenseLayerDescriptor(1, 1, Activation.Linear, [2f], [1f])], metadata: MetadataValue.FromObject([
            new("input_columns", MetadataValue.FromString("x")), new("target_columns", MetadataValue.FromString("x")), new("horizon", MetadataValue.FromNumber(1))]));
        DescriptorWriter.WriteFile(descriptor, Path("m.rnn.json"));
        return Path("m.rnn.json");
    }

    [Fact]
    public void RunReadsTheModelFromStandardInput()
    {
        File.WriteAllText(Path("in.csv"), "1\n2.5\n-3\n");
        var (code, output, error) = RnnProcess.RunWithInput(_directory, File.ReadAllText(Model()), "run", "-", "--input", "in.csv");
        Assert.Equal((0, "step,y0\n0,3\n1,6\n2,-5\n", ""), (code, output, error)); // 2 x + 1
    }

    [Fact]
    public void InfoAndEvalReadTheModelFromStandardInputAndNameIt()
    {
        string model = File.ReadAllText(Model());
        var (code, output, error) = RnnProcess.RunWithInput(_directory, model, "info", "-");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("standard input: format v1, 1 input(s) -> 1 output(s)\n  layers[0]: dense (linear) 1 -> 1, 2 parameters\n", output);

        // Forecasts of the next row: 3, 5, 7 against 2, 3, 4: errors 1, 2, 3; mse 14/3, mae 2.
        File.WriteAllText(Path("d.csv"), "x\n1\n2\n3\n4\n");
        (code, output, error) = RnnProcess.RunWithInput(_directory, model, "eval", "-", "d.csv");
        Assert.Equal((0, "d.csv: 4 rows, 3 forecasts scored, as one sequence\n  mse 4.6667e+0\n  x: mse 4.6667e+0  mae 2e+0\n", ""), (code, output, error));
    }

    [Fact]
    public void AModelOnStandardInputThatIsNotADescriptorIsNamedAsStandardInput()
    {
        var (code, output, error) = RnnProcess.RunWithInput(_directory, "{\n", "info", "-");
        Assert.Equal((1, ""), (code, output));
        Assert.Equal("error: standard input(2,1): unexpected end of file: expected a field name in double quotes (is the file truncated?)\n", error);
    }

    [Theory]
    [InlineData("run", "--input", "error: rnn run - --input -: standard input can hold the model or the input, not both; give one of them as a file\n")]
    [InlineData("eval", null, "error: rnn eval - -: standard input can hold the model or the data, not both; give one of them as a file\n")]
    public void StandardInputCannotHoldBothModelAndData(string command, string? option, string expected)
    {
        string[] arguments = option is null ? [command, "-", "-"] : [command, "-", option, "-"];
        var (code, output, error) = RnnProcess.RunWithInput(_directory, File.ReadAllText(Model()), arguments);
        Assert.Equal((1, "", expected), (code, output, error));
    }

    [Fact]
    public void QuantizeWritesTheSameDescriptorToStandardOutputAndReportsOnStandardError()
    {
        string model = Model();
        var (code, toFile, _) = RnnProcess.Run(_directory, "quantize", model, "--precision", "bfloat16", "-o", "q.rnn.json");
        Assert.Equal(0, code);
        Assert.StartsWith("wrote q.rnn.json: bfloat16 weight matrices\n", toFile);

        var (pipeCode, json, report) = RnnProcess.RunWithInput(_directory, File.ReadAllText(model), "quantize", "-", "--precision", "bfloat16", "-o", "-");
        Assert.Equal(0, pipeCode);
        Assert.StartsWith("wrote standard output: bfloat16 weight matrices\n", report);
        Assert.Equal(toFile.Split('\n')[1..], report.Split('\n')[1..]); // the same weight change and output deviation
        // The file names its source; the pipe's has none. Everything else is the same text.
        Assert.Equal(File.ReadAllText(Path("q.rnn.json")).Replace("\"quantized_from\": \"m.rnn.json\"", "\"quantized_from\": \"standard input\""), json);
        Assert.Equal(WeightPrecision.BFloat16, DescriptorReader.Parse(json).WeightPrecision);
    }

    [Fact]
    public void ImportWritesTheDescriptorToStandardOutputAndReportsOnStandardError()
    {
        // A Keras/RTNeural file with one dense layer: y = 2 x + 1.
        File.WriteAllText(Path("k.json"), """{"in_shape":[null,null,1],"layers":[{"type":"dense","activation":"linear","shape":[null,null,1],"weights":[[[2.0]],[1.0]]}]}""");
        var (code, json, report) = RnnProcess.Run(_directory, "import", "k.json", "-o", "-");
        Assert.Equal((0, "k.json (keras) -> standard output: format v1, 1 input(s) -> 1 output(s), 1 layer(s)\n"), (code, report));
        var dense = Assert.IsType<DenseLayerDescriptor>(Assert.Single(DescriptorReader.Parse(json).Layers));
        Assert.Equal((2f, 1f), (dense.Weight[0], dense.Bias[0]));
        Assert.False(File.Exists(Path("-")));
    }

    [Fact]
    public void HeaderWritesToStandardOutputForDash()
    {
        string model = Model();
        var (code, toStdout, error) = RnnProcess.Run(_directory, "header", model, "--prefix", "m");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal((0, toStdout, ""), RnnProcess.Run(_directory, "header", model, "--prefix", "m", "-o", "-"));
        Assert.Contains("int32_t m_step(void* state", toStdout);
    }

    [Fact]
    public void TrainReadsACsvSeriesFromStandardInputWithFormatCsv()
    {
        // The same series trained from a named file and from standard input gives the same weights.
        string series = "x\n" + string.Join("\n", Enumerable.Range(0, 120).Select(t => Math.Sin(t * 0.3).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n";
        File.WriteAllText(Path("s.csv"), series);
        string[] options = ["--input-columns", "x", "--layers", "gru:4", "--window", "20", "--epochs", "2"];
        var (fileCode, _, fileError) = RnnProcess.Run(_directory, ["train", "s.csv", "-o", "file.rnn.json", .. options]);
        var (code, output, error) = RnnProcess.RunWithInput(_directory, series, ["train", "-", "--format", "csv", "-o", "pipe.rnn.json", .. options]);
        Assert.Equal((0, "", 0, ""), (fileCode, fileError, code, error));
        Assert.StartsWith("data: standard input, CSV series of 120 rows; reads x, forecasts x\n", output);

        var fromFile = DescriptorReader.ReadFile(Path("file.rnn.json"));
        var fromPipe = DescriptorReader.ReadFile(Path("pipe.rnn.json"));
        Assert.Equal("standard input", fromPipe.Metadata.Fields.Single(f => f.Key == "data").Value.Text);
        Assert.Equal(DescriptorWriter.ToJson(fromFile).Replace("\"data\": \"s.csv\"", "\"data\": \"standard input\""), DescriptorWriter.ToJson(fromPipe));
    }

    [Theory]
    [InlineData(new[] { "train", "s.csv", "-o", "-" }, "error: -o -: rnn train writes a loss plot and a checkpoint beside the descriptor and prints its progress on standard output; give a file name\n")]
    [InlineData(new[] { "train", "s.csv", "--format", "tsv" }, "error: --format: expected csv or text, found \"tsv\"\n")]
    [InlineData(new[] { "train", "-", "--format", "csv", "-o", "t.rnn.json", "--input-columns", "y" }, "error: standard input:1: input column \"y\" not found; the file has t, x\n")]
    public void TrainStandardStreamMistakesAreNamed(string[] arguments, string expected)
    {
        File.WriteAllText(Path("s.csv"), "t,x\n1,2\n");
        var (code, output, error) = RnnProcess.RunWithInput(_directory, "t,x\n1,2\n3,4\n", arguments);
        Assert.Equal((1, "", expected), (code, output, error));
    }
}
