using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// The attribute's Precision through the whole driver: a bad value and a weight float16 cannot hold are
/// diagnostics at the attribute; float32 (asked for or not) generates exactly what it did before precisions
/// existed; every reduced precision compiles without warnings, its step included in every flavor.
/// </summary>
public class PrecisionGeneratorTests
{
    private static readonly string Model = GeneratorHarness.Fixture("Fixtures/golden/lstm_i1_h8.rnn.json");

    private static string Attribute(string precision) => $"[Rnn.Runtime.RnnModel(\"m.rnn.json\", Precision = {precision})] partial struct M;";

    [Fact]
    public void RNN0015_APrecisionOutsideTheEnumIsRefusedAtTheAttribute()
    {
        var (result, _, _) = GeneratorHarness.Run(Attribute("(Rnn.Runtime.WeightPrecision)7"), ("m.rnn.json", Model));
        Assert.Empty(result.GeneratedTrees);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RNN0015", diagnostic.Id);
        Assert.Equal((0, 1), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal("Precision 7 is not a weight precision; expected WeightPrecision.Float32, Float16, BFloat16 or Int8", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0016_AWeightBeyondFloat16sRangeIsRefusedWithTheQuantizersMessage()
    {
        string large = Model.Replace("-0.32648107,", "70000.5,");
        Assert.NotEqual(Model, large);
        var (result, _, _) = GeneratorHarness.Run(Attribute("Rnn.Runtime.WeightPrecision.Float16"), ("m.rnn.json", large));
        Assert.Empty(result.GeneratedTrees);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RNN0016", diagnostic.Id);
        Assert.Equal((0, 1), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal("layers[0] W over [x; h], gates i, f, g, o, biases b_ih + b_hh: the weight 70000.5 is outside float16's range (±65504); use bfloat16 or int8 for this model.", diagnostic.GetMessage());

        // bfloat16 has float32's range: the same model generates.
        var (bfloat, _, _) = GeneratorHarness.Run(Attribute("Rnn.Runtime.WeightPrecision.BFloat16"), ("m.rnn.json", large));
        Assert.Empty(bfloat.Diagnostics);
        Assert.Single(bfloat.GeneratedTrees);
    }

    [Fact]
    public void Float32AskedForGeneratesTheSameTextAsNoPrecision()
    {
        var (unset, _, _) = GeneratorHarness.Run("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct M;", ("m.rnn.json", Model));
        var (single, _, _) = GeneratorHarness.Run(Attribute("Rnn.Runtime.WeightPrecision.Float32"), ("m.rnn.json", Model));
        Assert.Equal(unset.GeneratedTrees.Single().ToString(), single.GeneratedTrees.Single().ToString());
        Assert.DoesNotContain("WeightPrecision", single.GeneratedTrees.Single().ToString());
    }

    [Theory]
    [InlineData("Float16", "float16", "lstm_i1_h8")]
    [InlineData("BFloat16", "bfloat16", "lstm_i1_h8")]
    [InlineData("Int8", "int8", "lstm_i1_h8")]
    [InlineData("Float16", "float16", "lstm_i16_h64")]
    [InlineData("Int8", "int8", "gru_i16_h64")]
    [InlineData("BFloat16", "bfloat16", "v2_lstm_peep_proj_i3_h33_p17")]
    public void ReducedPrecisionModelsCompileWithoutWarnings(string precision, string name, string fixture)
    {
        var (result, output, _) = GeneratorHarness.Run(Attribute($"Rnn.Runtime.WeightPrecision.{precision}"),
            ("m.rnn.json", GeneratorHarness.Fixture($"Fixtures/golden/{fixture}.rnn.json")));
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
        string text = result.GeneratedTrees.Single().ToString();
        Assert.Contains($"public const global::Rnn.Runtime.WeightPrecision WeightPrecision = global::Rnn.Runtime.WeightPrecision.{precision};", text);
        Assert.Contains($"as {name} words of", text);
    }
}
