using System;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary><c>rnn info</c> on the bundled example and on a descriptor with every kind of metadata.</summary>
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
}
