using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// <c>rnn eval</c>, <c>--loss</c>/<c>--target</c> and "-" for standard streams. The models are single dense
/// layers with hand-picked weights, so every expected score is worked out by hand (in the comments) or with Math.
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-eval-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    // y_t = 2 x_t + 1, forecasting column y one row ahead.
    private string SeriesModel()
    {
        var descriptor = new ModelDescriptor(1, [new DenseLayerDescriptor(1, 1, Activation.Linear, [2f], [1f])], metadata: MetadataValue.FromObject([
            new("input_columns", MetadataValue.FromString("x")), new("target_columns", MetadataValue.FromString("y")), new("horizon", MetadataValue.FromNumber(1))]));
        string path = Path.Combine(_directory, "series.rnn.json");
        DescriptorWriter.WriteFile(descriptor, path);
        return path;
    }

    // Vocabulary "ab"; logits ln 3 for the character just read, 0 for the other: p(same) = 3/4, p(other) = 1/4.
    private string TextModel()
    {
        float ln3 = MathF.Log(3);
        var descriptor = new ModelDescriptor(2, [new DenseLayerDescriptor(2, 2, Activation.Softmax, [ln3, 0, 0, ln3], [0, 0])],
            metadata: MetadataValue.FromObject([new("vocabulary", MetadataValue.FromString("ab"))]));
        string path = Path.Combine(_directory, "text.rnn.json");
        DescriptorWriter.WriteFile(descriptor, path);
        return path;
    }

    private static (int, string, string) Eval(string model, string data)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EvalCommand.Execute(model, data, stdout, stderr);
        return (code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void ScoresASeriesPerColumn()
    {
        // Forecasts 3, 5, 7 against the next rows' y 5, 4, 10: errors -2, 1, -3; mse 14/3, mae 2.
        string data = Write("d.csv", "x,y\n1,0\n2,5\n3,4\n4,10\n");
        var (code, output, error) = Eval(SeriesModel(), data);
        Assert.Equal((0, ""), (code, error));
        Assert.Equal($"{data}: 4 rows, 3 forecasts scored, as one sequence\n  mse 4.6667e+0\n  y: mse 4.6667e+0  mae 2e+0\n", output);
    }

    [Fact]
    public void ScoresTextWithCrossEntropyPerplexityAndAccuracy()
    {
        // "aab": a then a (p 3/4, most likely: right), a then b (p 1/4, wrong).
        string data = Write("t.txt", "aab");
        double crossEntropy = -(Math.Log(0.75) + Math.Log(0.25)) / 2;
        var (code, output, error) = Eval(TextModel(), data);
        Assert.Equal((0, ""), (code, error));
        string expected = string.Create(CultureInfo.InvariantCulture,
            $"{data}: 3 characters, 2 next characters predicted, as one sequence\n  cross-entropy {crossEntropy:0.####} nats per character  perplexity {Math.Exp(crossEntropy):0.###}  accuracy 50.0 %\n");
        Assert.Equal(expected, output);
        Assert.Contains("cross-entropy 0.837 nats per character  perplexity 2.309  accuracy 50.0 %", output); // by hand: (0.2877 + 1.3863) / 2
    }

    [Theory]
    [InlineData("abbx", "1, column 4: the character 'x'")]
    [InlineData("ab\nb", "1, column 3: the character U+000A")] // the vocabulary "ab" has no newline
    public void ACharacterOutsideTheVocabularyIsNamedWithItsLineAndColumn(string text, string expected)
    {
        string data = Write("t.txt", text);
        Assert.Equal((1, "", $"error: {data}:{expected} is not in the model's vocabulary\n"), Eval(TextModel(), data));
    }

    [Fact]
    public void AModelWithoutColumnMetadataIsRefusedWithAPointerToRun()
    {
        string model = Path.Combine(_directory, "bare.rnn.json");
        DescriptorWriter.WriteFile(new ModelDescriptor(1, [new DenseLayerDescriptor(1, 1, Activation.Linear, [2f], [1f])]), model);
        Assert.Equal((1, "", $"error: {model}: no metadata.input_columns, so the columns it reads are unknown; rnn eval scores models trained by rnn train (use rnn run for others)\n"),
            Eval(model, Write("d.csv", "x,y\n1,2\n")));
    }

    [Fact]
    public void ReadsStandardInputForDash()
    {
        var (code, output, error) = RnnProcess.RunWithInput(_directory, "x,y\n1,0\n2,5\n3,4\n4,10\n", "eval", SeriesModel(), "-");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("standard input: 4 rows, 3 forecasts scored, as one sequence\n  mse 4.6667e+0\n", output);
    }

    [Fact]
    public void RunReadsStandardInputAndWritesStandardOutputForDash()
    {
        var (code, output, error) = RnnProcess.RunWithInput(_directory, "1\n2\n", "run", SeriesModel(), "--input", "-", "-o", "-");
        Assert.Equal((0, "step,y0\n0,3\n1,5\n", ""), (code, output, error)); // 2 x + 1
    }

    [Theory]
    [InlineData(new[] { "--loss", "l1" }, "error: --loss: expected mse or cross-entropy, found \"l1\"\n")]
    [InlineData(new[] { "--target", "first" }, "error: --target: expected every or last, found \"first\"\n")]
    public void LossAndTargetValuesAreChecked(string[] options, string expected)
    {
        string data = Write("d.csv", "x\n1\n2\n");
        var (code, _, error) = RnnProcess.Run(_directory, ["train", data, .. options]);
        Assert.Equal((1, expected), (code, error));
    }

    [Fact]
    public void MseOnTextIsRefused()
    {
        var (code, _, error) = RnnProcess.Run(_directory, "train", Write("t.txt", "abc"), "--loss", "mse");
        Assert.Equal((1, "error: --loss mse: a text file trains a next-character model, which predicts classes: use cross-entropy (the default), or give a *.csv series\n"), (code, error));
    }

    [Fact]
    public void CrossEntropyOnASeriesLearnsClassesAndLastStepTargetsTrain()
    {
        // Class = whether x is above 0.5 on the next row: a rule a small GRU learns; 3 classes are declared by the largest number.
        var rows = Enumerable.Range(0, 400).Select(t => (X: (t * 37 % 100) / 100.0, C: 0)).ToArray();
        var text = new System.Text.StringBuilder("x,c\n");
        for (int t = 0; t < rows.Length; t++)
            text.Append(CultureInfo.InvariantCulture, $"{rows[t].X},{(t == 7 ? 2 : rows[t].X > 0.5 ? 1 : 0)}\n");
        string data = Write("c.csv", text.ToString());
        string model = Path.Combine(_directory, "c.rnn.json");
        var (code, _, error) = RnnProcess.Run(_directory, "train", data, "--input-columns", "x", "--target-columns", "c", "--horizon", "0", "--loss", "cross-entropy",
            "--target", "last", "--window", "8", "--layers", "gru:8", "--epochs", "2", "-o", model);
        Assert.Equal((0, ""), (code, error));
        var descriptor = DescriptorReader.ReadFile(model);
        Assert.Equal(3, descriptor.OutputSize);
        Assert.Equal(Activation.Softmax, ((DenseLayerDescriptor)descriptor.Layers[^1]).Activation);
        Assert.True(descriptor.Metadata.TryGetField("target", out var target) && target.Text == "last");
        Assert.True(descriptor.Metadata.TryGetField("loss", out var loss) && loss.Text == "cross-entropy");
        var (evalCode, output, _) = Eval(model, data);
        Assert.Equal(0, evalCode);
        Assert.Matches(@"^.*c\.csv: 400 rows, 400 forecasts scored, as one sequence\n  cross-entropy \d+(\.\d+)? nats  perplexity \d+(\.\d+)?  accuracy \d+\.\d %\n$", output);
    }

    [Fact]
    public void ANonIntegerClassIsRefusedWithItsRow()
    {
        string data = Write("c.csv", "x,c\n0.1,0\n0.2,1.5\n" + string.Concat(Enumerable.Repeat("0.3,1\n", 60)));
        var (code, _, error) = RnnProcess.Run(_directory, "train", data, "--input-columns", "x", "--target-columns", "c", "--loss", "cross-entropy", "--window", "4");
        Assert.Equal((1, $"error: {data}: --loss cross-entropy: expected class numbers 0, 1, 2, ... in target column \"c\", found 1.5 in data row 2\n"), (code, error));
    }
}
