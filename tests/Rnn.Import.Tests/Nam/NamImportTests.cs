using System.Linq;
using Rnn.Import.Nam;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests.Nam;

/// <summary>
/// What the NAM importer makes of .nam files (each fixture's parity with PyTorch's forward pass from the stored
/// initial states, Reset included, is in <see cref="ImportedFixtureTests"/>): hand-made files pin how the flat
/// weights array is cut, and the host's calibration data is kept.
/// </summary>
public class NamImportTests
{
    private static string FilePath(string name) => ImportedFixtures.SourcePath("nam", name);

    [Fact]
    public void TheSampleRateAndNamMetadataAreKept()
    {
        var metadata = ModelImport.Import(FilePath("lstm_h3")).Metadata;
        Assert.True(metadata.TryGetField("source_format", out var format));
        Assert.True(metadata.TryGetField("sample_rate", out var rate));
        Assert.True(metadata.TryGetField("nam_version", out var version));
        Assert.True(metadata.TryGetField("nam_metadata", out var nam));
        Assert.True(nam.TryGetField("loudness", out var loudness));
        Assert.Equal(("nam", "48000", "0.5.4", "-20.5"), (format.Text, rate.Text, version.Text, loudness.Text));
    }

    [Fact]
    public void TheFlatArrayIsCutIntoWihWhhBiasInitialStatesAndTheHead()
    {
        // One layer, input 1, hidden 1: W [4][2] = rows (w_ih, w_hh) per gate i, f, g, o; b [4]; h0; c0; head w, b.
        const string nam = """
            {"version": "0.5.4", "architecture": "LSTM", "config": {"input_size": 1, "hidden_size": 1, "num_layers": 1},
             "weights": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], "sample_rate": 44100}
            """;
        ImportedFixtures.WithFile("tiny.nam", nam, path =>
        {
            var model = ModelImport.Import(path);
            Assert.Equal(2, model.RequiredVersion);
            var lstm = Assert.IsType<RecurrentLayerDescriptor>(model.Layers[0]);
            Assert.Equal([1f, 3f, 5f, 7f], lstm.WeightIh.ToArray());
            Assert.Equal([2f, 4f, 6f, 8f], lstm.WeightHh.ToArray());
            Assert.Equal([9f, 10f, 11f, 12f], lstm.BiasIh.ToArray());
            Assert.Equal([0f, 0f, 0f, 0f], lstm.BiasHh.ToArray());
            Assert.Equal([13f], lstm.Weights.InitialH.ToArray());
            Assert.Equal([14f], lstm.Weights.InitialC.ToArray());
            var head = Assert.IsType<DenseLayerDescriptor>(model.Layers[1]);
            Assert.Equal((Activation.Linear, 15f, 16f), (head.Activation, head.Weight[0], head.Bias[0]));
        });
    }

    [Fact]
    public void MultiChannelFilesGetAnInputPerChannelAndAHeadRowPerOutputChannel()
    {
        // input_size = in_channels = 2, hidden 1, out_channels 2: W [4][3], b [4], h0, c0, head [2][1] and [2].
        string weights = string.Join(", ", Enumerable.Range(1, 4 * 3 + 4 + 2 + 2 + 2));
        string nam = $$"""
            {"version": "0.7.0", "architecture": "LSTM", "weights": [{{weights}}],
             "config": {"input_size": 2, "hidden_size": 1, "num_layers": 1, "in_channels": 2, "out_channels": 2}
            }
            """;
        ImportedFixtures.WithFile("stereo.nam", nam, path =>
        {
            var model = ModelImport.Import(path);
            Assert.Equal((2, 2), (model.InputSize, model.OutputSize));
            var lstm = Assert.IsType<RecurrentLayerDescriptor>(model.Layers[0]);
            Assert.Equal([1f, 2f, 4f, 5f, 7f, 8f, 10f, 11f], lstm.WeightIh.ToArray());
            Assert.Equal([3f, 6f, 9f, 12f], lstm.WeightHh.ToArray());
            var head = Assert.IsType<DenseLayerDescriptor>(model.Layers[1]);
            Assert.Equal([19f, 20f], head.Weight.ToArray());
            Assert.Equal([21f, 22f], head.Bias.ToArray());
        });
    }

    [Fact]
    public void AFileWhoseMetadataFillsTheSniffedBytesIsStillRecognisedByItsOpening()
    {
        string nam = $$"""{"version": "0.5.4", "metadata": {"notes": "{{new string('x', 5000)}}"}, "architecture": "LSTM"}""";
        ImportedFixtures.WithFile("long.nam", nam, path => Assert.IsType<NamImporter>(ModelImport.Detect(path)));
    }
}
