using System;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>The documentation's example descriptor is a real, runnable descriptor.</summary>
public class DocumentationTests
{
    [Fact]
    public void TheFormatSpecificationsExampleParsesAndRuns()
    {
        string path = Path.Combine(RepositoryPaths.Root, "docs", "descriptor-format.md");
        string text = File.ReadAllText(path);
        int start = text.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        int end = text.IndexOf("```", start, StringComparison.Ordinal);
        var descriptor = DescriptorReader.Parse(text[start..end], path);

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
}
