using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// The generator compiles the runtime's descriptor reader from the same source files for netstandard2.0.
/// These tests run that compiled copy: it must read every fixture's floats bit-exactly (checked against
/// System.Text.Json, an independent parser) and reject bad input with the runtime's messages.
/// </summary>
public class SharedReaderTests
{
    private static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");

    [Fact]
    public void TheReaderInTheGeneratorIsTheNetStandardBuild()
    {
        var assembly = typeof(DescriptorReader).Assembly;
        Assert.Equal("Rnn.Generator", assembly.GetName().Name);
        Assert.Contains(".NETStandard,Version=v2.0", assembly.CustomAttributes
            .Where(a => a.AttributeType.Name == "TargetFrameworkAttribute")
            .Select(a => (string)a.ConstructorArguments[0].Value!));
    }

    [Fact]
    public void EveryFixtureReadsBitExactly()
    {
        var files = Directory.GetFiles(GoldenDirectory, "*.rnn.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var model = DescriptorReader.Parse(File.ReadAllText(file), file);
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var layers = json.RootElement.GetProperty("layers").EnumerateArray().ToArray();
            Assert.Equal(layers.Length, model.Layers.Count);
            for (int l = 0; l < layers.Length; l++)
            {
                if (model.Layers[l] is RecurrentLayerDescriptor recurrent)
                {
                    AssertSame(layers[l].GetProperty("weight_ih"), recurrent.WeightIhArray, file);
                    AssertSame(layers[l].GetProperty("weight_hh"), recurrent.WeightHhArray, file);
                    AssertSame(layers[l].GetProperty("bias_ih"), recurrent.BiasIhArray, file);
                    AssertSame(layers[l].GetProperty("bias_hh"), recurrent.BiasHhArray, file);
                }
                else
                {
                    var dense = (DenseLayerDescriptor)model.Layers[l];
                    AssertSame(layers[l].GetProperty("weight"), dense.WeightArray, file);
                    AssertSame(layers[l].GetProperty("bias"), dense.BiasArray, file);
                }
            }
        }
    }

    private static void AssertSame(JsonElement expected, float[] actual, string file)
    {
        var values = expected.EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(values.Length, actual.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(values[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"{file}: value {i}: {values[i]:R} vs {actual[i]:R}");
    }

    [Fact]
    public void BadInputGetsTheSameMessageAsInTheRuntime()
    {
        string text = File.ReadAllText(Path.Combine(GoldenDirectory, "gru_i1_h16.rnn.json")).Replace("\"version\": 1", "\"version\": 7");
        var e = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(text, "m.rnn.json"));
        Assert.Equal("m.rnn.json(3,14): version: format version 7 is newer than this reader, which reads versions 1 to 2; update Rnn.Embedded to read this file", e.Message);
    }
}
