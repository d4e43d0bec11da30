using System;
using System.IO;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary><c>rnn info</c> on descriptors with every kind of metadata and every format-v2 setting.</summary>
public sealed class InfoCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-info-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DescribesLayersParametersAndMetadataValues()
    {
        var descriptor = new ModelDescriptor(2,
            [new DenseLayerDescriptor(2, 1, Activation.Tanh, [0.5f, -0.5f], [0.25f])],
            metadata: MetadataValue.FromObject([
                new("data", MetadataValue.FromString("series.csv")),
                new("epochs", MetadataValue.FromNumber(12)),
                new("validation_loss", MetadataValue.FromNumber(0.00125)),
                new("normalised", MetadataValue.FromBoolean(true)),
                new("columns", MetadataValue.FromArray([MetadataValue.FromString("x"), MetadataValue.FromString("y")])),
            ]));
        string path = Path.Combine(_directory, "m.rnn.json");
        DescriptorWriter.WriteFile(descriptor, path);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, InfoCommand.Execute(path, stdout, stderr));
        string text = stdout.ToString().Replace("\r\n", "\n");
        Assert.Contains("  layers[0]: dense (tanh) 2 -> 1, 3 parameters\n", text);
        Assert.Contains("  metadata.data: series.csv\n  metadata.epochs: 12\n  metadata.validation_loss: 0.00125\n  metadata.normalised: true\n  metadata.columns: array of 2\n", text);
    }

    [Fact]
    public void EscapesControlCharactersInMetadataStrings()
    {
        // A text model's vocabulary starts with the newline (sorted by code point); printed raw it broke the line.
        var descriptor = new ModelDescriptor(2,
            [new DenseLayerDescriptor(2, 1, Activation.Tanh, [0.5f, -0.5f], [0.25f])],
            metadata: MetadataValue.FromObject([new("vocabulary", MetadataValue.FromString("\n\t !a\\\u001b\r"))]));
        string path = Path.Combine(_directory, "text.rnn.json");
        DescriptorWriter.WriteFile(descriptor, path);
        var stdout = new StringWriter();
        Assert.Equal(0, InfoCommand.Execute(path, stdout, new StringWriter()));
        Assert.Contains("  metadata.vocabulary: \\n\\t !a\\\\\\u001b\\r\n", stdout.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void DescribesEveryFormatVersion2Setting()
    {
        static float[] Values(int count) => Enumerable.Range(0, count).Select(i => 0.125f * (i % 5) - 0.25f).ToArray();
        // LSTM 1 -> 1 (H 2, P 1) with peepholes and learned h and c: 8 + 8 + 8 + 8 + 6 + 2 + 1 + 2 = 43 parameters.
        var lstm = new RecurrentLayerDescriptor(LayerKind.Lstm, 1, 2, Activation.Tanh,
            new RecurrentWeights(Values(8), Values(8), Values(8), Values(8), peephole: Values(6), weightHr: Values(2), initialH: Values(1), initialC: Values(2)),
            null, new RecurrentLayerOptions { ProjectionSize = 1 });
        // Bidirectional GRU 1 -> 2 (H 1), the other variant, hard-sigmoid gates, clip: 2 x 12 = 24 parameters.
        var gru = new RecurrentLayerDescriptor(LayerKind.Gru, 1, 1, Activation.Tanh,
            new RecurrentWeights(Values(3), Values(3), Values(3), Values(3)), new RecurrentWeights(Values(3), Values(3), Values(3), Values(3)),
            new RecurrentLayerOptions { Direction = RecurrentDirection.Bidirectional, ResetAfter = false, Clip = 3, GateActivation = Activation.HardSigmoid, HardSigmoidAlpha = 1f / 6 });
        var descriptor = new ModelDescriptor(1, [lstm, gru, new DenseLayerDescriptor(2, 1, Activation.Linear, [0.5f, 0.5f], [0f])], skip: 1);
        string path = Path.Combine(_directory, "v2.rnn.json");
        DescriptorWriter.WriteFile(descriptor, path);

        var stdout = new StringWriter();
        Assert.Equal(0, InfoCommand.Execute(path, stdout, new StringWriter()));
        string text = stdout.ToString().Replace("\r\n", "\n");
        Assert.Contains(": format v2, 1 input(s) -> 1 output(s)\n"
            + "  skip: the first 1 raw input(s) added to the output\n"
            + "  whole sequences only (layers[1] is bidirectional): Run, not Step; rnn run reads the CSV as one sequence\n"
            + "  layers[0]: lstm 1 -> 1, 43 parameters; proj_size 1, peepholes, learned initial h and c\n"
            + "  layers[1]: gru 1 -> 2, 24 parameters; bidirectional, reset_after false, clip 3, gates hard_sigmoid(alpha 0.16666667, beta 0.5)\n"
            + "  layers[2]: dense (linear) 2 -> 1, 3 parameters\n"
            + "  70 parameters, 280 bytes of float32 weights\n", text);
    }
}
