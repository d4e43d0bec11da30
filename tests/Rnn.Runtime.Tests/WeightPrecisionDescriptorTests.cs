using System;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Precision;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>The descriptor's <c>weight_precision</c>: written, read, refused when the weights do not hold it, and rounding that is idempotent.</summary>
public class WeightPrecisionDescriptorTests
{
    public static TheoryData<WeightPrecision> ReducedPrecisions() => new() { WeightPrecision.Float16, WeightPrecision.BFloat16, WeightPrecision.Int8 };

    /// <summary>Models with every kind of weight matrix: combined LSTM/RNN rows, GRU's separate ones, projection, dense, reverse.</summary>
    public static readonly string[] Models = { "lstm2_i3_h20_h12", "gru_i7_h33", "rnn_relu_i3_h13", "torch_heads_i4", "v2_bilstm_proj2_i3_h33_p5", "v2_gru_resetbefore_i5_h17" };

    [Theory]
    [MemberData(nameof(ReducedPrecisions))]
    public void RoundedModelsAreWrittenAsVersion2AndReadBackBitExact(WeightPrecision precision)
    {
        foreach (string name in Models)
        {
            var rounded = DescriptorRounding.Round(Fixture(name), precision);
            string json = DescriptorWriter.ToJson(rounded);
            Assert.Contains("  \"version\": 2,\n", json);
            Assert.Contains($"  \"weight_precision\": \"{DescriptorNames.Of(precision)}\",\n", json);
            var read = DescriptorReader.Parse(json);
            Assert.Equal(precision, read.WeightPrecision);
            Assert.Equal(AllWeights(rounded), AllWeights(read));
        }
    }

    [Theory]
    [MemberData(nameof(ReducedPrecisions))]
    public void RoundingIsIdempotentAndKeepsBiasesAndStatesFloat32(WeightPrecision precision)
    {
        foreach (string name in Models)
        {
            var original = Fixture(name);
            var once = DescriptorRounding.Round(original, precision);
            var twice = DescriptorRounding.Round(once, precision);
            Assert.Equal(AllWeights(once), AllWeights(twice));
            Assert.Equal(AllKeptFloat32(original), AllKeptFloat32(once));
            Assert.NotEqual(AllWeights(original), AllWeights(once));
        }
    }

    [Fact]
    public void Float32ModelsStayVersion1WithoutTheField()
    {
        string json = DescriptorWriter.ToJson(Fixture("lstm_i1_h8"));
        Assert.DoesNotContain("weight_precision", json);
        Assert.Equal(WeightPrecision.Float32, DescriptorReader.Parse(json).WeightPrecision);
    }

    [Fact]
    public void AVersion1FileWithTheFieldNamesTheVersionItNeeds()
    {
        string json = SmallModel(version: 1, precision: "\"float16\"", weight: "0.5");
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(json, "m.rnn.json"));
        Assert.Equal("m.rnn.json(4,3): weight_precision: field \"weight_precision\" needs format version 2, but the file says version 1; set \"version\": 2", error.Message);
    }

    [Fact]
    public void AnUnknownPrecisionIsRefusedListingTheChoices()
    {
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(SmallModel(2, "\"fp16\"", "0.5"), "m.rnn.json"));
        Assert.Equal("m.rnn.json(4,23): weight_precision: expected one of float32, float16, bfloat16, int8, found \"fp16\"", error.Message);
    }

    [Fact]
    public void AFloat16FileWithAWeightFloat16CannotHoldNamesItAndTheNearestValue()
    {
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(SmallModel(2, "\"float16\"", "0.1"), "m.rnn.json"));
        Assert.Equal("m.rnn.json(7,91): layers[0].weight[1]: weight_precision is float16, so expected a float16 value; found 0.1, the nearest is 0.099975586 (write the file with `rnn quantize`)", error.Message);
    }

    [Fact]
    public void AFloat16FileWithAWeightBeyondItsRangeSaysSo()
    {
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(SmallModel(2, "\"float16\"", "70000"), "m.rnn.json"));
        Assert.Equal("m.rnn.json(7,91): layers[0].weight[1]: weight_precision is float16, whose range is ±65504, but the weight is 70000", error.Message);
    }

    [Fact]
    public void ABFloat16FileWithAFloat32WeightIsRefused()
    {
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(SmallModel(2, "\"bfloat16\"", "0.1"), "m.rnn.json"));
        Assert.Equal("m.rnn.json(7,91): layers[0].weight[1]: weight_precision is bfloat16, so expected a bfloat16 value; found 0.1, the nearest is 0.100097656 (write the file with `rnn quantize`)", error.Message);
    }

    [Fact]
    public void AnInt8FileWithAWeightOffItsRowsGridNamesTheScale()
    {
        // Row 0 is [0.5, 0.3]: s = 0.5 / 127 cut to 17 bits, so even the largest weight must be 127·s, not 0.5.
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(SmallModel(2, "\"int8\"", "0.3"), "m.rnn.json"));
        float scale = WeightQuantizer.Int8Scale(0.5f);
        Assert.Equal($"m.rnn.json(7,86): layers[0].weight[0]: weight_precision is int8, so expected an int8 multiple q·s of this row's scale s = {scale:R} (largest |w| / 127, q in [-127, 127]); found 0.5, the nearest is {127 * scale:R} (write the file with `rnn quantize`)", error.Message);
        Assert.NotEqual(0.5f, 127 * scale);
    }

    [Fact]
    public void RoundingAFloat16ModelWithAHugeWeightNamesTheLayerTensorAndIndex()
    {
        var layer = new DenseLayerDescriptor(2, 1, Activation.Linear, new[] { 1f, -1e5f }, new[] { 0f });
        var model = new ModelDescriptor(2, new[] { layer });
        var error = Assert.Throws<RnnDescriptorException>(() => DescriptorRounding.Round(model, WeightPrecision.Float16));
        Assert.Equal("layers[0].weight[1]: the weight -100000 is outside float16's range (±65504); use bfloat16 or int8 for this model", error.Message);
        Assert.Equal(-1e5f, DescriptorRounding.Round(model, WeightPrecision.BFloat16).Layers[0] is DenseLayerDescriptor d ? d.Weight[1] : 0, 0.5e3f);
    }

    [Fact]
    public void AModelBuiltInCodeWithUnroundedWeightsIsRefused()
    {
        var layer = new DenseLayerDescriptor(2, 1, Activation.Linear, new[] { 0.5f, 0.1f }, new[] { 0f });
        var error = Assert.Throws<RnnDescriptorException>(() => new ModelDescriptor(2, new[] { layer }, weightPrecision: WeightPrecision.BFloat16));
        Assert.StartsWith("layers[0].weight[1]: weight_precision is bfloat16", error.Message);
    }

    private static ModelDescriptor Fixture(string name) => DescriptorReader.ReadFile(GoldenFixture.Load(name).DescriptorPath);

    // A dense 2 → 1 model whose second weight is the given literal.
    private static string SmallModel(int version, string precision, string weight) =>
        "{\n  \"format\": \"rnn-embedded\",\n  \"version\": " + version + ",\n  \"weight_precision\": " + precision + ",\n  \"input_size\": 2,\n" +
        "  \"layers\": [ {\n    \"type\": \"dense\", \"input_size\": 2, \"units\": 1, \"activation\": \"linear\", \"weight\": [0.5, " + weight + "], \"bias\": [0.25] } ]\n}\n";

    private static float[] AllWeights(ModelDescriptor model) => model.Layers.SelectMany(l => l switch
    {
        RecurrentLayerDescriptor r => new[] { r.Weights, r.ReverseWeights }.Where(w => w is not null)
            .SelectMany(w => w!.WeightIh.ToArray().Concat(w.WeightHh.ToArray()).Concat(w.WeightHr.ToArray())),
        DenseLayerDescriptor d => d.Weight.ToArray(),
        _ => throw new InvalidOperationException(),
    }).ToArray();

    private static float[] AllKeptFloat32(ModelDescriptor model) => model.Layers.SelectMany(l => l switch
    {
        RecurrentLayerDescriptor r => new[] { r.Weights, r.ReverseWeights }.Where(w => w is not null)
            .SelectMany(w => w!.BiasIh.ToArray().Concat(w.BiasHh.ToArray()).Concat(w.Peephole.ToArray()).Concat(w.InitialH.ToArray()).Concat(w.InitialC.ToArray())),
        DenseLayerDescriptor d => d.Bias.ToArray(),
        _ => throw new InvalidOperationException(),
    }).ToArray();
}
