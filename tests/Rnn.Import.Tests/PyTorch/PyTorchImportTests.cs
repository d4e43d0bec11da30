using System.Linq;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests.PyTorch;

/// <summary>What the PyTorch importer makes of a dump: one layer per stacked layer, tensors as they are, metadata.</summary>
public class PyTorchImportTests
{
    private static string DumpPath(string name) => ImportedFixtures.SourcePath("pytorch", name);

    [Fact]
    public void TheFixturesCoverStackedBidirectionalProjectedAndBiasFreeModules()
    {
        var layers = ImportedFixtures.Names("pytorch").SelectMany(n => ModelImport.Import(DumpPath(n)).Layers).ToList();
        var recurrent = layers.OfType<RecurrentLayerDescriptor>().ToList();
        Assert.All(new[] { LayerKind.Lstm, LayerKind.Gru, LayerKind.Rnn }, kind => Assert.Contains(recurrent, l => l.Kind == kind));
        Assert.All(new[] { LayerKind.Lstm, LayerKind.Gru }, kind =>
            Assert.Contains(recurrent, l => l.Kind == kind && l.Direction == RecurrentDirection.Bidirectional));
        Assert.Contains(recurrent, l => l.Options.ProjectionSize > 0 && l.Direction == RecurrentDirection.Bidirectional);
        Assert.Contains(recurrent, l => l.Nonlinearity == Activation.Relu);
        Assert.All(new[] { Activation.Relu, Activation.Tanh, Activation.Sigmoid, Activation.Softmax, Activation.Linear }, a =>
            Assert.Contains(layers.OfType<DenseLayerDescriptor>(), d => d.Activation == a));
    }

    [Fact]
    public void StackedLayersBecomeOneDescriptorLayerEachReadingThePreviousOutputs()
    {
        var model = ModelImport.Import(DumpPath("bilstm2_i2_h5"));
        var first = (RecurrentLayerDescriptor)model.Layers[0];
        var second = (RecurrentLayerDescriptor)model.Layers[1];
        Assert.Equal((2, 5, 10), (first.InputSize, first.HiddenSize, first.OutputSize));
        Assert.Equal((10, 5, 10), (second.InputSize, second.HiddenSize, second.OutputSize));
        Assert.Equal(RecurrentDirection.Bidirectional, second.Direction);
        Assert.NotNull(second.ReverseWeights);
        Assert.True(model.NeedsWholeSequence);
        Assert.Equal(2, model.RequiredVersion);
    }

    [Fact]
    public void TensorsLandInTheDescriptorRowMajorAndBiasFalseGivesZeroBiases()
    {
        var model = ImportedFixtures.ImportText(TinyDumps.Lstm.Replace("\"bias\": true, \"batch", "\"bias\": false, \"batch")
            .Replace(", \"bias_ih_l0\": [0.25, 0.5, 0.75, 1], \"bias_hh_l0\": [-1, -2, -3, -4]", ""));
        var lstm = (RecurrentLayerDescriptor)model.Layers[0];
        Assert.Equal(new[] { 0.5f, -0.5f, 0.25f, -0.25f, 1f, 2f, 3f, 4f }, lstm.WeightIh.ToArray());
        Assert.Equal(new[] { 0.125f, 0.375f, -0.125f, -0.375f }, lstm.WeightHh.ToArray());
        Assert.Equal(new float[4], lstm.BiasIh.ToArray());
        Assert.Equal(new float[4], lstm.BiasHh.ToArray());
        var dense = (DenseLayerDescriptor)model.Layers[1];
        Assert.Equal((1, Activation.Tanh), (dense.Units, dense.Activation));
        Assert.Equal(new[] { 2f }, dense.Weight.ToArray());
        Assert.Equal(new[] { 3f }, dense.Bias.ToArray());
    }

    [Fact]
    public void ImportedDescriptorsRecordTheSourceTheProducerAndWhatInferenceLeavesOut()
    {
        var model = ModelImport.Import(DumpPath("heads_i4"));
        Assert.True(model.Metadata.TryGetField("source_format", out var format));
        Assert.Equal("pytorch", format.Text);
        Assert.True(model.Metadata.TryGetField("source_file", out var file));
        Assert.Equal("heads_i4.torch.json", file.Text);
        Assert.True(model.Metadata.TryGetField("producer", out var producer));
        Assert.StartsWith("tools/export_pytorch.py (PyTorch ", producer.Text);
        Assert.True(model.Metadata.TryGetField("import_notes", out var notes));
        Assert.Equal("layers[1] (Dropout \"drop\"): dropout acts only in training; inference (and this model) passes values through", Assert.Single(notes.Items).Text);
    }

    [Fact]
    public void TheDumpTagIsWhatDetectionLooksForWhateverTheFileName() =>
        Assert.Equal("pytorch", ImportedFixtures.ImportText(TinyDumps.Lstm, "weights.txt").Metadata.Fields[0].Value.Text);
}
