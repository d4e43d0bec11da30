using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Rnn.Generator.Parsing;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// RNN0017: a model with more layer passes than <see cref="ModelBinder.MaxLayerPasses"/> is refused before any
/// code is written (20,000 one-unit dense layers once took 10 s to generate and 304 s to compile); a deep but
/// reasonable one still generates and compiles.
/// </summary>
public class LayerCountLimitTests
{
    /// <summary>A chain of one-unit dense layers, 1 → 1 → … → 1, each y = 0.5 x + 0.25.</summary>
    private static string DenseChain(int layers)
    {
        string layer = """{"type":"dense","input_size":1,"units":1,"activation":"tanh","weight":[0.5],"bias":[0.25]}""";
        return $$"""{"format":"rnn-embedded","version":1,"input_size":1,"layers":[{{string.Join(",", Enumerable.Repeat(layer, layers))}}]}""";
    }

    [Fact]
    public void RNN0017_MoreLayersThanTheBoundAreRefusedNamingTheLimit()
    {
        int layers = ModelBinder.MaxLayerPasses + 1;
        var (result, _, _) = GeneratorHarness.Run("[Rnn.Runtime.RnnModel(\"deep.rnn.json\")] partial struct Deep;", ("deep.rnn.json", DenseChain(layers)));

        Assert.Empty(result.GeneratedTrees);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RNN0017", diagnostic.Id);
        Assert.Equal("Models.cs", Path.GetFileName(diagnostic.Location.GetLineSpan().Path));
        Assert.Equal(
            $"'deep.rnn.json' has {layers.ToString(CultureInfo.InvariantCulture)} layer passes, more than the 256 a generated model may have (each pass is a method per SIMD path, so compile time grows with the count); load it at run time with InterpretedModel.Load instead",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TwoHundredLayersGenerateAndCompile()
    {
        var (result, output, _) = GeneratorHarness.Run("[Rnn.Runtime.RnnModel(\"deep.rnn.json\")] partial struct Deep;", ("deep.rnn.json", DenseChain(200)));

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedTrees);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Take(5).Select(p => p.ToString())));
    }
}
