using System;
using System.IO;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Runtime.Tests;

public class DescriptorWriterTests
{
    [Theory]
    [MemberData(nameof(GoldenFixture.All), MemberType = typeof(GoldenFixture))]
    public void WrittenDescriptorsReadBackIdentically(string name)
    {
        var original = DescriptorReader.ReadFile(Path.Combine(GoldenFixture.Directory, name + ".rnn.json"));
        var copy = DescriptorReader.Parse(DescriptorWriter.ToJson(original), "copy.rnn.json");

        Assert.Equal(original.InputSize, copy.InputSize);
        Assert.Equal(original.Layers.Count, copy.Layers.Count);
        Assert.Equal(original.InputNormalization?.Mean.ToArray(), copy.InputNormalization?.Mean.ToArray());
        Assert.Equal(original.InputNormalization?.Std.ToArray(), copy.InputNormalization?.Std.ToArray());
        for (int l = 0; l < original.Layers.Count; l++)
        {
            var (a, b) = (original.Layers[l], copy.Layers[l]);
            Assert.Equal(a.Kind, b.Kind);
            Assert.Equal(a.InputSize, b.InputSize);
            Assert.Equal(a.OutputSize, b.OutputSize);
            if (a is RecurrentLayerDescriptor ra && b is RecurrentLayerDescriptor rb)
            {
                Assert.Equal(ra.Nonlinearity, rb.Nonlinearity);
                Assert.Equal(ra.HiddenSize, rb.HiddenSize);
                var (oa, ob) = (ra.Options, rb.Options);
                Assert.Equal((oa.Direction, oa.ResetAfter, oa.ProjectionSize, oa.Clip, oa.GateActivation, oa.HardSigmoidAlpha, oa.HardSigmoidBeta),
                             (ob.Direction, ob.ResetAfter, ob.ProjectionSize, ob.Clip, ob.GateActivation, ob.HardSigmoidAlpha, ob.HardSigmoidBeta));
                AssertWeights(ra.Weights, rb.Weights);
                Assert.Equal(ra.ReverseWeights is null, rb.ReverseWeights is null);
                if (ra.ReverseWeights is { } reverse)
                    AssertWeights(reverse, rb.ReverseWeights!);
            }
            else
            {
                var (da, db) = ((DenseLayerDescriptor)a, (DenseLayerDescriptor)b);
                Assert.Equal(da.Activation, db.Activation);
                AssertBits(da.Weight, db.Weight);
                AssertBits(da.Bias, db.Bias);
            }
        }

        Assert.Equal(original.Skip, copy.Skip);
        Assert.Equal(original.RequiredVersion, copy.Version);
        // The whole text, metadata included, is the same after a round trip.
        Assert.Equal(DescriptorWriter.ToJson(original), DescriptorWriter.ToJson(copy));
    }

    // Every tensor of one direction, v2's optional ones included, bit for bit.
    private static void AssertWeights(RecurrentWeights expected, RecurrentWeights actual)
    {
        AssertBits(expected.WeightIh, actual.WeightIh);
        AssertBits(expected.WeightHh, actual.WeightHh);
        AssertBits(expected.BiasIh, actual.BiasIh);
        AssertBits(expected.BiasHh, actual.BiasHh);
        AssertBits(expected.Peephole, actual.Peephole);
        AssertBits(expected.WeightHr, actual.WeightHr);
        AssertBits(expected.InitialH, actual.InitialH);
        AssertBits(expected.InitialC, actual.InitialC);
    }

    private static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }

    [Fact]
    public void MetadataOfEveryKindRoundTrips()
    {
        var metadata = MetadataValue.FromObject(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, MetadataValue>("text", MetadataValue.FromString("quote \" backslash \\ newline \n tab \t bell \u0007 é")),
            new("number", MetadataValue.FromNumber(0.1)),
            new("flag", MetadataValue.FromBoolean(true)),
            new("nothing", MetadataValue.Null),
            new("list", MetadataValue.FromArray(new[] { MetadataValue.FromString("a"), MetadataValue.FromNumber(-2) })),
        });
        var dense = new DenseLayerDescriptor(1, 1, Activation.Sigmoid, new[] { 2f }, new[] { -1f });
        var model = new ModelDescriptor(1, new[] { dense }, metadata: metadata);

        var copy = DescriptorReader.Parse(DescriptorWriter.ToJson(model));
        Assert.Equal(DescriptorWriter.ToJson(model), DescriptorWriter.ToJson(copy));
        Assert.True(copy.Metadata.TryGetField("text", out var text));
        Assert.Equal("quote \" backslash \\ newline \n tab \t bell \u0007 é", text.Text);
        Assert.True(copy.Metadata.TryGetField("list", out var list));
        Assert.Equal("-2", list.Items[1].Text);
    }

    [Fact]
    public void WriteFileReplacesWholeAndLeavesNoTemporaryFile()
    {
        string directory = Directory.CreateTempSubdirectory("rnn-writer-").FullName;
        try
        {
            string path = Path.Combine(directory, "m.rnn.json");
            File.WriteAllText(path, "old contents");
            var model = new ModelDescriptor(1, new[] { new DenseLayerDescriptor(1, 2, Activation.Softmax, new[] { 1f, -1f }, new[] { 0f, 0.5f }) });
            DescriptorWriter.WriteFile(model, path);
            Assert.Equal(DescriptorWriter.ToJson(model), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
