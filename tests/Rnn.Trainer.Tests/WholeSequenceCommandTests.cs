using System;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Tests.Shared;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>Commands that step a model one input at a time refuse a model that needs the whole sequence, naming the layer.</summary>
public sealed class WholeSequenceCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-whole-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A next-character model over "ab" whose recurrent layer has the given direction.
    private string TextModel(RecurrentDirection direction)
    {
        var weights = new RecurrentWeights([0.5f, -0.5f], [0.25f], [0.1f], [0f]);
        var rnn = new RecurrentLayerDescriptor(LayerKind.Rnn, 2, 1, Activation.Tanh, weights,
            direction == RecurrentDirection.Bidirectional ? weights : null, new RecurrentLayerOptions { Direction = direction });
        var head = new DenseLayerDescriptor(rnn.OutputSize, 2, Activation.Softmax, new float[2 * rnn.OutputSize], [0f, 0f]);
        var descriptor = new ModelDescriptor(2, [rnn, head],
            metadata: MetadataValue.FromObject([new("vocabulary", MetadataValue.FromString("ab"))]));
        string path = Path.Combine(_directory, direction + ".rnn.json");
        DescriptorWriter.WriteFile(descriptor, path);
        return path;
    }

    [Theory]
    [InlineData(RecurrentDirection.Reverse, "reverse")]
    [InlineData(RecurrentDirection.Bidirectional, "bidirectional")]
    public void SampleRefusesAWholeSequenceModel(RecurrentDirection direction, string name)
    {
        string model = TextModel(direction);
        var stderr = new StringWriter();
        Assert.Equal(1, SampleCommand.Execute(model, "ab", 5, 1, 1, new StringWriter(), stderr));
        Assert.Equal($"error: {model}: layers[0] is {name}: it needs the whole sequence, but sampling feeds one character at a time\n", stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void SampleStillRunsAForwardModel()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, SampleCommand.Execute(TextModel(RecurrentDirection.Forward), "ab", 5, 1, 1, stdout, new StringWriter()));
        Assert.Equal(7, stdout.ToString().TrimEnd().Length);
    }

    [Fact]
    public void BenchRefusesAWholeSequenceModelBeforeBuildingAnything()
    {
        string model = TextModel(RecurrentDirection.Bidirectional);
        var stderr = new StringWriter();
        int code = BenchCommand.Execute(model, "20us", "x86-64-v3", 1000, 0, null, RepositoryPaths.Root, new StringWriter(), stderr);
        Assert.Equal(1, code);
        Assert.Equal($"error: {Path.GetFullPath(model)}: layers[0] is bidirectional: it needs the whole sequence, so it has no per-step latency to measure\n",
            stderr.ToString().Replace("\r\n", "\n"));
    }
}
