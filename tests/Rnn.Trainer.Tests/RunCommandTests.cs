using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Tests.Shared;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

public sealed class RunCommandTests : IDisposable
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "examples");
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteCsv(string text)
    {
        string path = Path.Combine(_directory, Guid.NewGuid() + ".csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Error) Run(string model, string input, string? output = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RunCommand.Execute(model, input, output, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void RunsTheBundledExampleAndPrintsTheReferenceOutputs()
    {
        string model = Path.Combine(Examples, "sine-forecaster.rnn.json");
        string input = Path.Combine(Examples, "sine-input.csv");
        var (code, output, error) = Run(model, input);
        Assert.Equal(0, code);
        Assert.Equal("", error);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("step,y0", lines[0]);
        var inputs = File.ReadAllLines(input).Skip(1).Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(inputs.Length + 1, lines.Length);

        // The printed outputs against the double-precision oracle, and the forecasts against the series itself.
        var reference = new ReferenceModel(DescriptorReader.ReadFile(model));
        double squaredError = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            var fields = lines[t + 1].Split(',');
            Assert.Equal(t.ToString(CultureInfo.InvariantCulture), fields[0]);
            float printed = float.Parse(fields[1], CultureInfo.InvariantCulture);
            Assert.Equal(reference.Step(inputs.AsSpan(t, 1))[0], printed, 1e-5);
            if (t >= 10 && t + 1 < inputs.Length)
                squaredError += Math.Pow(printed - inputs[t + 1], 2);
        }

        // The example is a trained forecaster: after a short warm-up it predicts the next sample well.
        Assert.True(squaredError / (inputs.Length - 11) < 0.01, $"forecast MSE {squaredError / (inputs.Length - 11)}");
    }

    [Fact]
    public void WritesToAFileWhenAsked()
    {
        string output = Path.Combine(_directory, "out.csv");
        var (code, stdout, _) = Run(Path.Combine(Examples, "sine-forecaster.rnn.json"), WriteCsv("0.5\n-0.25\n"), output);
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal(3, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void ABadDescriptorIsOneClearLine()
    {
        string model = Path.Combine(_directory, "bad.rnn.json");
        File.WriteAllText(model, "{\"format\": \"rnn-embedded\", \"version\": 1, \"input_size\": 1, \"layers\": [ ]}");
        var (code, _, error) = Run(model, WriteCsv("1\n"));
        Assert.Equal(1, code);
        Assert.Equal($"error: {model}(1,69): layers: expected at least one layer, found none\n", error.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("v2_mixed_norm_i5")] // bidirectional and reverse layers: the whole CSV is one sequence
    [InlineData("v2_bigru2_i5_h33")]
    [InlineData("v2_stream_i4")]     // every layer forward: step by step
    public void RunsFormatVersion2ModelsToTheirReferenceOutputs(string fixture)
    {
        string golden = Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "golden");
        using var io = JsonDocument.Parse(File.ReadAllText(Path.Combine(golden, fixture + ".io.json")));
        int steps = io.RootElement.GetProperty("steps").GetInt32(), inputs = io.RootElement.GetProperty("input_size").GetInt32();
        var input = io.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var expected = io.RootElement.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var csv = new StringBuilder();
        for (int t = 0; t < steps; t++)
            csv.Append(string.Join(",", input.Skip(t * inputs).Take(inputs).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');

        var (code, output, error) = Run(Path.Combine(golden, fixture + ".rnn.json"), WriteCsv(csv.ToString()));
        Assert.Equal((0, ""), (code, error));
        var printed = output.TrimEnd('\n').Split('\n').Skip(1).SelectMany(line => line.Split(',').Skip(1)).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Length, printed.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(printed[k] - expected[k]) <= 1e-5, $"{fixture}, value {k}: expected {expected[k]}, printed {printed[k]}");
    }

    [Fact]
    public void AMissingModelIsNamed()
    {
        var (code, _, error) = Run(Path.Combine(_directory, "nope.rnn.json"), WriteCsv("1\n"));
        Assert.Equal(1, code);
        Assert.Contains("nope.rnn.json: file not found", error);
    }

    [Fact]
    public void InputOfTheWrongWidthIsNamed()
    {
        string csv = WriteCsv("a,b\n1,2\n");
        var (code, _, error) = Run(Path.Combine(Examples, "sine-forecaster.rnn.json"), csv);
        Assert.Equal(1, code);
        Assert.Equal($"error: {csv}: expected 1 column (the model's input_size), found 2\n", error.Replace("\r\n", "\n"));
    }
}
