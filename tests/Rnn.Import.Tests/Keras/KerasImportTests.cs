using System.Linq;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests.Keras;

/// <summary>
/// What the Keras importer makes of RTNeural-format files (each fixture's parity with Keras's float64 equations
/// is in <see cref="ImportedFixtureTests"/>): small hand-made files pin the layout, gate-order and bias mappings
/// value by value.
/// </summary>
public class KerasImportTests
{
    private static string FilePath(string name) => ImportedFixtures.SourcePath("keras", name);

    [Fact]
    public void TheFixturesCoverBothGruVariantsHardSigmoidAndAStack()
    {
        var before = (RecurrentLayerDescriptor)ModelImport.Import(FilePath("gru_before_i2_h20")).Layers[0];
        var after = (RecurrentLayerDescriptor)ModelImport.Import(FilePath("gru_after_i1_h8")).Layers[0];
        var hard = (RecurrentLayerDescriptor)ModelImport.Import(FilePath("lstm_hard_sigmoid_i2_h8")).Layers[0];
        var stacked = ModelImport.Import(FilePath("stacked_i2"));
        Assert.False(before.Options.ResetAfter);
        Assert.True(after.Options.ResetAfter);
        Assert.Equal((Activation.HardSigmoid, 0.2f, 0.5f), (hard.Options.GateActivation, hard.Options.HardSigmoidAlpha, hard.Options.HardSigmoidBeta));
        Assert.Equal([LayerKind.Lstm, LayerKind.Gru, LayerKind.Dense, LayerKind.Dense, LayerKind.Dense, LayerKind.Dense],
            stacked.Layers.Select(l => l.Kind).ToArray());
    }

    [Fact]
    public void TheImportedModelRecordsItsSource()
    {
        var metadata = ModelImport.Import(FilePath("lstm_i3_h1")).Metadata;
        Assert.True(metadata.TryGetField("source_format", out var format));
        Assert.True(metadata.TryGetField("source_file", out var file));
        Assert.Equal(("keras", "lstm_i3_h1.json"), (format.Text, file.Text));
    }

    [Fact]
    public void LstmKernelColumnsIfcoBecomeRowsIfgoAndTheBiasGoesToBiasIh()
    {
        // kernel [2 inputs][4 gates x 1 unit]: column j is gate j (i, f, c, o); Keras's one bias is b_ih.
        const string json = """
            {"in_shape": [null, null, 2], "layers": [{"type": "lstm", "activation": "tanh", "shape": [null, null, 1],
              "weights": [[[1, 2, 3, 4], [5, 6, 7, 8]], [[9, 10, 11, 12]], [13, 14, 15, 16]]}]}
            """;
        ImportedFixtures.WithFile("lstm.json", json, path =>
        {
            var lstm = Assert.IsType<RecurrentLayerDescriptor>(ModelImport.Import(path).Layers[0]);
            Assert.Equal([1f, 5f, 2f, 6f, 3f, 7f, 4f, 8f], lstm.WeightIh.ToArray());
            Assert.Equal([9f, 10f, 11f, 12f], lstm.WeightHh.ToArray());
            Assert.Equal([13f, 14f, 15f, 16f], lstm.BiasIh.ToArray());
            Assert.Equal([0f, 0f, 0f, 0f], lstm.BiasHh.ToArray());
        });
    }

    [Fact]
    public void GruColumnsZrhBecomeRowsRznWithInputAndRecurrentBiases()
    {
        // reset_after=True: bias [2][3]: row 0 the input bias, row 1 the recurrent bias, each z, r, h.
        const string json = """
            {"in_shape": [null, null, 1], "layers": [{"type": "gru", "activation": "tanh", "shape": [null, null, 1],
              "weights": [[[1, 2, 3]], [[4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]}]}
            """;
        ImportedFixtures.WithFile("gru.json", json, path =>
        {
            var gru = Assert.IsType<RecurrentLayerDescriptor>(ModelImport.Import(path).Layers[0]);
            Assert.True(gru.Options.ResetAfter);
            Assert.Equal([2f, 1f, 3f], gru.WeightIh.ToArray());
            Assert.Equal([5f, 4f, 6f], gru.WeightHh.ToArray());
            Assert.Equal([8f, 7f, 9f], gru.BiasIh.ToArray());
            Assert.Equal([11f, 10f, 12f], gru.BiasHh.ToArray());
        });
    }

    [Fact]
    public void AGruWithOneBiasIsResetBeforeWithItsBiasOnTheInputSide()
    {
        const string json = """
            {"in_shape": [null, null, 1], "layers": [{"type": "gru", "activation": "tanh", "shape": [null, null, 1],
              "weights": [[[1, 2, 3]], [[4, 5, 6]], [7, 8, 9]]}]}
            """;
        ImportedFixtures.WithFile("gru.json", json, path =>
        {
            var model = ModelImport.Import(path);
            var gru = Assert.IsType<RecurrentLayerDescriptor>(model.Layers[0]);
            Assert.False(gru.Options.ResetAfter);
            Assert.Equal([8f, 7f, 9f], gru.BiasIh.ToArray());
            Assert.Equal([0f, 0f, 0f], gru.BiasHh.ToArray());
            Assert.Equal(2, model.RequiredVersion);
        });
    }

    [Fact]
    public void ADenseKernelIsTransposedAndActivationLayersJoinALinearDenseOrBecomeIdentityLayers()
    {
        // dense (linear) + sigmoid layer -> one sigmoid dense; relu dense + "tanh" layer -> identity tanh dense.
        const string json = """
            {"in_shape": [null, null, 2], "layers": [
              {"type": "dense", "activation": "", "shape": [null, null, 3], "weights": [[[1, 2, 3], [4, 5, 6]], [0.5, 0.25, 0]]},
              {"type": "activation", "activation": "sigmoid", "shape": [null, null, 3], "weights": []},
              {"type": "time-distributed-dense", "activation": "relu", "shape": [null, null, 2], "weights": [[[1, 0], [0, 1], [1, 1]]]},
              {"type": "tanh", "shape": [null, null, 2], "weights": []},
              {"type": "activation", "activation": "linear", "shape": [null, null, 2], "weights": []}]}
            """;
        ImportedFixtures.WithFile("dense.json", json, path =>
        {
            var model = ModelImport.Import(path);
            Assert.Equal(3, model.Layers.Count);
            var first = Assert.IsType<DenseLayerDescriptor>(model.Layers[0]);
            Assert.Equal(Activation.Sigmoid, first.Activation);
            Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], first.Weight.ToArray());
            Assert.Equal([0.5f, 0.25f, 0f], first.Bias.ToArray());
            var second = Assert.IsType<DenseLayerDescriptor>(model.Layers[1]);
            Assert.Equal((Activation.Relu, 0f), (second.Activation, second.Bias[1]));
            var identity = Assert.IsType<DenseLayerDescriptor>(model.Layers[2]);
            Assert.Equal(Activation.Tanh, identity.Activation);
            Assert.Equal([1f, 0f, 0f, 1f], identity.Weight.ToArray());
            Assert.Equal([0f, 0f], identity.Bias.ToArray());
        });
    }
}
