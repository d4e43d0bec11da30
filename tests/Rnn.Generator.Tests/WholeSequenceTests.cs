using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// Descriptor v2 through the generator and the compiler: a model with a reverse or bidirectional layer
/// gets Run only (calling Step is a compile-time error with the reason), and every v2 model's code, with or
/// without C entry points, compiles without a warning.
/// </summary>
public class WholeSequenceTests
{
    private static readonly string Bidirectional = GeneratorHarness.Fixture("Fixtures/golden/v2_bilstm2_i3_h17.rnn.json");

    private const string Declaration = "namespace Demo; [Rnn.Runtime.RnnModel(\"m.rnn.json\")] public partial struct Tagger;\n";

    [Fact]
    public void CallingStepOnAWholeSequenceModelDoesNotCompile()
    {
        const string caller = """
            static class Caller
            {
                public static void Stream(float[] x, float[] y)
                {
                    var model = new Demo.Tagger();
                    model.Step(x, y);
                }
            }
            """;
        var (result, output, _) = GeneratorHarness.Run(LanguageVersion.Latest, new[] { ("Models.cs", Declaration), ("Caller.cs", caller) }, new[] { ("m.rnn.json", Bidirectional) });
        Assert.Empty(result.Diagnostics);
        var error = Assert.Single(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Equal(Path.Combine(GeneratorHarness.ProjectDirectory, "Caller.cs"), error.Location.GetLineSpan().Path);
        Assert.Equal(5, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("needs the whole sequence before its first output: call Run with the complete sequence instead of Step", error.GetMessage());
    }

    [Fact]
    public void RunOnAWholeSequenceModelCompilesWithoutWarnings()
    {
        const string caller = """
            static class Caller
            {
                public static void Tag(float[] x, float[] y) => new Demo.Tagger().Run(x, y, Rnn.Runtime.Kernels.SimdPath.Scalar);
            }
            """;
        var (result, output, _) = GeneratorHarness.Run(LanguageVersion.Latest, new[] { ("Models.cs", Declaration), ("Caller.cs", caller) }, new[] { ("m.rnn.json", Bidirectional) });
        Assert.Empty(result.Diagnostics);
        AssertNoWarnings(output);
        string model = result.GeneratedTrees.Single().ToString();
        Assert.Contains("lstm 3→34 (bidirectional), lstm 34→34 (bidirectional), dense 34→2", model);
        Assert.Contains("[global::System.Obsolete(", model);
        Assert.DoesNotContain("private void StepScalar(", model);
    }

    [Theory]
    [InlineData("v2_init_bigru_proj_i2", true)]
    [InlineData("v2_lstm_peep_proj_i3_h33_p17", false)]
    [InlineData("v2_mixed_norm_i5", true)]
    [InlineData("v2_skip_norm_gru_i3_h17", false)]
    [InlineData("v2_gru_resetbefore_i5_h17", false)]
    public void EveryVersion2ModelCompilesWithoutWarningsWithCEntryPoints(string fixture, bool wholeSequence)
    {
        string descriptor = GeneratorHarness.Fixture($"Fixtures/golden/{fixture}.rnn.json");
        var (result, output, _) = GeneratorHarness.Run(LanguageVersion.Latest,
            new[] { ("Models.cs", "namespace Demo; [Rnn.Runtime.RnnModel(\"m.rnn.json\", NativeExportPrefix = \"m\")] public partial struct M;") },
            new[] { ("m.rnn.json", descriptor) }, allowUnsafe: true);
        Assert.Empty(result.Diagnostics);
        AssertNoWarnings(output);
        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        // A whole-sequence model exports run but no step, in the C# and in the header text it carries.
        string native = result.GeneratedTrees.Single(t => t.FilePath.EndsWith(".Native.g.cs")).ToString();
        Assert.Contains("EntryPoint = \"m_run\"", native);
        Assert.Contains(" m_run(", native);
        Assert.Equal(!wholeSequence, native.Contains("EntryPoint = \"m_step\""));
        Assert.Equal(!wholeSequence, native.Contains(" m_step("));
    }

    [Fact]
    public void TheDocumentedVersion2ExampleGenerates()
    {
        string docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "descriptor-format.md"));
        int section = docs.IndexOf("### A complete example", System.StringComparison.Ordinal);
        int start = docs.IndexOf("```json\n", section, System.StringComparison.Ordinal) + "```json\n".Length;
        string example = docs.Substring(start, docs.IndexOf("```", start, System.StringComparison.Ordinal) - start);
        var (result, output, _) = GeneratorHarness.Run(Declaration, ("m.rnn.json", example));
        Assert.Empty(result.Diagnostics);
        AssertNoWarnings(output);
        string model = result.GeneratedTrees.Single().ToString();
        // Peepholes, projection and initial state of the LSTM; both passes of the GRU; the skip.
        Assert.Contains("private const int Layer0Peephole = ", model);
        Assert.Contains("private const int Layer0InitialState = ", model);
        Assert.Contains("layers[1] (reverse) W_hn (applied to r ⊙ h)", model);
        Assert.Contains("// residual skip: y[j] += x[j] for j < 1, x the raw input", model);
    }

    private static void AssertNoWarnings(Compilation output)
    {
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
    }
}
