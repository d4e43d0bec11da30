using System;
using System.IO;
using System.Linq;
using Rnn.Runtime;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary><c>rnn quantize</c> in-process: what it writes, what it prints, what it refuses.</summary>
public sealed class QuantizeCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-quantize-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("float16", WeightPrecision.Float16)]
    [InlineData("bfloat16", WeightPrecision.BFloat16)]
    [InlineData("int8", WeightPrecision.Int8)]
    public void WritesTheRoundedModelThatRunsAsTheLoadOption(string name, WeightPrecision precision)
    {
        string input = WriteLstm("m.rnn.json", scale: 1f);
        string output = Path.Combine(_directory, $"m.{name}.rnn.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, QuantizeCommand.Execute(input, name, output, stdout, stderr));
        Assert.Equal("", stderr.ToString());

        var written = DescriptorReader.ReadFile(output);
        Assert.Equal(precision, written.WeightPrecision);
        Assert.Equal(2, written.Version);
        Assert.Equal("m.rnn.json", written.Metadata.Fields.Single(f => f.Key == "quantized_from").Value.Text);
        Assert.Equal(name, written.Metadata.Fields.Single(f => f.Key == "quantized_precision").Value.Text);
        Assert.Equal("kept", written.Metadata.Fields.Single(f => f.Key == "note").Value.Text);

        // The file and the load option give the same outputs bit for bit.
        var inputs = Enumerable.Range(0, 200).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var a = new float[200];
        var b = new float[200];
        InterpretedModel.Load(output).CreateState().Run(inputs, a);
        InterpretedModel.Load(input, new ModelLoadOptions { Precision = precision }).CreateState().Run(inputs, b);
        Assert.Equal(a, b);

        string text = stdout.ToString().Replace("\r\n", "\n");
        Assert.StartsWith($"wrote {output}: {name} weight matrices\n  largest weight change: ", text);
        Assert.Matches(@"\n  largest output deviation from the float32 model: [0-9.E+-]+ over 1000 steps of uniform random inputs in \[-1, 1\] \(seed 12\)\n$", text);
    }

    [Fact]
    public void ReportsTheLargestWeightChangeAndWhere()
    {
        // One weight, 0.1, is the only one bfloat16 moves: to 0.10009765625.
        var layer = new DenseLayerDescriptor(2, 1, Activation.Linear, [0.5f, 0.1f], [0f]);
        string input = Path.Combine(_directory, "d.rnn.json");
        DescriptorWriter.WriteFile(new ModelDescriptor(2, [layer]), input);
        var stdout = new StringWriter();
        Assert.Equal(0, QuantizeCommand.Execute(input, "bfloat16", Path.Combine(_directory, "d.bf16.rnn.json"), stdout, new StringWriter()));
        Assert.Contains("\n  largest weight change: 9.765E-05 (layers[0].weight[1]: 0.1 -> 0.1001)\n", stdout.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void RefusesFloat16ForAWeightBeyondItsRangeNamingTheLayer()
    {
        string input = WriteLstm("big.rnn.json", scale: 3e5f);
        string output = Path.Combine(_directory, "big.f16.rnn.json");
        var stderr = new StringWriter();
        Assert.Equal(1, QuantizeCommand.Execute(input, "float16", output, new StringWriter(), stderr));
        Assert.Matches(@"^error: layers\[0\]\.weight_ih\[\d+\]: the weight -?[0-9.E+]+ is outside float16's range \(±65504\); use bfloat16 or int8 for this model\n$", stderr.ToString().Replace("\r\n", "\n"));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp-*"));
    }

    [Fact]
    public void NeverOverwritesTheInput()
    {
        string input = WriteLstm("same.rnn.json", scale: 1f);
        string before = File.ReadAllText(input);
        var stderr = new StringWriter();
        Assert.Equal(1, QuantizeCommand.Execute(input, "int8", Path.Combine(_directory, ".", "same.rnn.json"), new StringWriter(), stderr));
        Assert.Equal($"error: -o: {Path.Combine(_directory, ".", "same.rnn.json")} is the input model; write the quantized model to another file\n", stderr.ToString().Replace("\r\n", "\n"));
        Assert.Equal(before, File.ReadAllText(input));
    }

    [Fact]
    public void RefusesAnUnknownPrecision()
    {
        string input = WriteLstm("p.rnn.json", scale: 1f);
        var stderr = new StringWriter();
        Assert.Equal(1, QuantizeCommand.Execute(input, "fp8", Path.Combine(_directory, "p8.rnn.json"), new StringWriter(), stderr));
        Assert.Equal("error: --precision: expected one of float16, bfloat16, int8, found \"fp8\"\n", stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void InfoShowsThePrecision()
    {
        string input = WriteLstm("i.rnn.json", scale: 1f);
        string output = Path.Combine(_directory, "i.int8.rnn.json");
        Assert.Equal(0, QuantizeCommand.Execute(input, "int8", output, new StringWriter(), new StringWriter()));
        var stdout = new StringWriter();
        Assert.Equal(0, InfoCommand.Execute(output, stdout, new StringWriter()));
        Assert.Contains("\n  weight precision: int8 (weight matrices; biases, states and normalisation float32)\n", stdout.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void RunTakesAPrecisionAndPrintsWhatTheQuantizedFilePrints()
    {
        string input = WriteLstm("r.rnn.json", scale: 1f);
        string quantized = Path.Combine(_directory, "r.bf16.rnn.json");
        string csv = Path.Combine(_directory, "x.csv");
        File.WriteAllText(csv, "x\n0.5\n-0.25\n1\n");
        Assert.Equal(0, QuantizeCommand.Execute(input, "bfloat16", quantized, new StringWriter(), new StringWriter()));
        var fromOption = new StringWriter();
        var fromFile = new StringWriter();
        var float32 = new StringWriter();
        Assert.Equal(0, RunCommand.Execute(input, csv, null, fromOption, new StringWriter(), "bfloat16"));
        Assert.Equal(0, RunCommand.Execute(quantized, csv, null, fromFile, new StringWriter()));
        Assert.Equal(0, RunCommand.Execute(input, csv, null, float32, new StringWriter(), "float32"));
        Assert.Equal(fromFile.ToString(), fromOption.ToString());
        Assert.NotEqual(float32.ToString(), fromOption.ToString());

        var stderr = new StringWriter();
        Assert.Equal(1, RunCommand.Execute(input, csv, null, new StringWriter(), stderr, "half"));
        Assert.Equal("error: --precision: expected one of float32, float16, bfloat16, int8, found \"half\"\n", stderr.ToString().Replace("\r\n", "\n"));
    }

    // An LSTM 1 → 5 and a dense 5 → 1 with seeded weights times scale.
    private string WriteLstm(string name, float scale)
    {
        var random = new Random(4);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5) * scale).ToArray();
        var lstm = new RecurrentLayerDescriptor(LayerKind.Lstm, 1, 5, Activation.Tanh, Values(20), Values(100), Values(20), Values(20));
        var dense = new DenseLayerDescriptor(5, 1, Activation.Linear, Values(5), Values(1));
        string path = Path.Combine(_directory, name);
        DescriptorWriter.WriteFile(new ModelDescriptor(1, [lstm, dense], metadata: MetadataValue.FromObject([new("note", MetadataValue.FromString("kept"))])), path);
        return path;
    }
}
