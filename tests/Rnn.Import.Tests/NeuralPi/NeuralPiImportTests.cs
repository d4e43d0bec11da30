using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests.NeuralPi;

/// <summary>What the NeuralPi importer makes of a SimpleRNN file: rec.* as recurrent layers, lin.* as a dense head, skip.</summary>
public class NeuralPiImportTests
{
    private static string FilePath(string name) => ImportedFixtures.SourcePath("neuralpi", name);

    [Fact]
    public void TheConditionedModelAddsOnlyTheAudioInputToItsOutput()
    {
        var model = ModelImport.Import(FilePath("cond_lstm16_i2_skip1"));
        Assert.Equal((2, 1, 1), (model.InputSize, model.OutputSize, model.Skip));
        Assert.Equal(2, model.RequiredVersion);
    }

    [Fact]
    public void TheMappingPutsRecInRecurrentLayersAndLinInADenseHead()
    {
        var model = ImportedFixtures.ImportText(TinyNeuralPi.Gru);
        Assert.Equal(0, model.Skip);
        var gru = Assert.IsType<RecurrentLayerDescriptor>(model.Layers[0]);
        Assert.Equal((LayerKind.Gru, 1, 1), (gru.Kind, gru.InputSize, gru.HiddenSize));
        Assert.Equal(new[] { 0.5f, 0.25f, -0.5f }, gru.WeightIh.ToArray());
        Assert.Equal(new[] { 1f, 2f, 3f }, gru.BiasHh.ToArray());
        var lin = Assert.IsType<DenseLayerDescriptor>(model.Layers[1]);
        Assert.Equal((Activation.Linear, 4f, 0f), (lin.Activation, lin.Weight[0], lin.Bias[0]));
        Assert.True(model.Metadata.TryGetField("source_format", out var format));
        Assert.Equal("neuralpi", format.Text);
    }
}
