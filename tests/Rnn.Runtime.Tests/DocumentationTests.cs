using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>The documentation's example descriptors (version 1, then version 2) are real, runnable descriptors.</summary>
public class DocumentationTests
{
    private static readonly string SpecificationPath = Path.Combine(RepositoryPaths.Root, "docs", "descriptor-format.md");

    // The ```json blocks of docs/descriptor-format.md, in order.
    private static List<string> JsonBlocks()
    {
        string text = File.ReadAllText(SpecificationPath);
        var blocks = new List<string>();
        for (int start = text.IndexOf("```json\n", StringComparison.Ordinal); start >= 0; start = text.IndexOf("```json\n", start, StringComparison.Ordinal))
        {
            start += "```json\n".Length;
            int end = text.IndexOf("```", start, StringComparison.Ordinal);
            blocks.Add(text[start..end]);
            start = end + 3;
        }

        return blocks;
    }

    [Fact]
    public void TheSpecificationHasTheVersion1AndVersion2Examples() => Assert.Equal(2, JsonBlocks().Count);

    [Fact]
    public void TheVersion1ExampleParsesAndRuns()
    {
        var descriptor = DescriptorReader.Parse(JsonBlocks()[0], SpecificationPath);

        Assert.Equal(1, descriptor.Version);
        Assert.Equal(2, descriptor.InputSize);
        Assert.Equal(new[] { LayerKind.Lstm, LayerKind.Dense }, new[] { descriptor.Layers[0].Kind, descriptor.Layers[1].Kind });
        Assert.True(descriptor.Metadata.TryGetField("notes", out _));

        var state = InterpretedModel.FromDescriptor(descriptor).CreateState();
        var reference = new ReferenceModel(descriptor);
        var output = new float[1];
        for (int t = 0; t < 10; t++)
        {
            var input = new[] { MathF.Sin(t), MathF.Cos(t) };
            state.Step(input, output);
            Assert.Equal(reference.Step(input)[0], output[0], 1e-5);
        }
    }

    public static TheoryData<SimdPath> EveryPath() => new(Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported));

    [Theory]
    [MemberData(nameof(EveryPath))]
    public void TheVersion2ExampleParsesAndRunsWholeSequences(SimdPath path)
    {
        var descriptor = DescriptorReader.Parse(JsonBlocks()[1], SpecificationPath);

        // What the text says it shows.
        Assert.Equal((2, 1, 1, 1), (descriptor.Version, descriptor.InputSize, descriptor.OutputSize, descriptor.Skip));
        var lstm = (RecurrentLayerDescriptor)descriptor.Layers[0];
        Assert.Equal((LayerKind.Lstm, 1, 1), (lstm.Kind, lstm.Options.ProjectionSize, lstm.StateSize));
        Assert.True(lstm.Weights.HasPeepholes && lstm.Weights.HasInitialState);
        var gru = (RecurrentLayerDescriptor)descriptor.Layers[1];
        Assert.Equal((LayerKind.Gru, RecurrentDirection.Bidirectional, false, Activation.HardSigmoid, 3f, 2),
            (gru.Kind, gru.Direction, gru.Options.ResetAfter, gru.Options.GateActivation, gru.Options.Clip, gru.OutputSize));
        Assert.True(descriptor.NeedsWholeSequence);

        var state = InterpretedModel.FromDescriptor(descriptor, path).CreateState();
        var inputs = Enumerable.Range(0, 40).Select(t => 2.5f * MathF.Sin(0.3f * t)).ToArray();
        var outputs = new float[inputs.Length];
        state.Run(inputs, outputs);
        var expected = new ReferenceModel(descriptor).Run(inputs);
        for (int t = 0; t < inputs.Length; t++)
            Assert.Equal(expected[t], outputs[t], 1e-5);

        var error = Assert.Throws<InvalidOperationException>(() => state.Step(inputs.AsSpan(0, 1), outputs.AsSpan(0, 1)));
        Assert.Equal("layers[1] is bidirectional: it needs the whole sequence; call Run", error.Message);
    }
}
