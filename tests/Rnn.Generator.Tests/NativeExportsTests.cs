using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>C entry points on request: the diagnostics that guard them and the code and header they produce.</summary>
public class NativeExportsTests
{
    private static readonly string Model = GeneratorHarness.Fixture("Fixtures/golden/lstm_i1_h8.rnn.json");

    private static Diagnostic Single(string source, bool allowUnsafe = true)
    {
        var (result, _, _) = GeneratorHarness.Run(LanguageVersion.Latest, new[] { ("Models.cs", source) }, new[] { ("m.rnn.json", Model) }, allowUnsafe);
        Assert.Empty(result.GeneratedTrees);
        return Assert.Single(result.Diagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column)
    {
        Assert.Equal(id, diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path.Combine(GeneratorHarness.ProjectDirectory, "Models.cs"), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Theory]
    [InlineData("2fast")]
    [InlineData("kws-v2")]
    [InlineData("")]
    public void RNN0012_PrefixMustBeACIdentifier(string prefix)
    {
        var diagnostic = Single($"[Rnn.Runtime.RnnModel(\"m.rnn.json\", NativeExportPrefix = \"{prefix}\")] partial struct Model;");
        AssertAt(diagnostic, "RNN0012", 1, 2);
        Assert.Equal($"NativeExportPrefix '{prefix}' is not a C identifier; use letters, digits and '_', not starting with a digit (for example \"kws\")", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0013_NativeExportsNeedUnsafeCode()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\", NativeExportPrefix = \"kws\")] partial struct Model;", allowUnsafe: false);
        AssertAt(diagnostic, "RNN0013", 1, 2);
        Assert.Equal("'Model' asks for C entry points, which take pointers; add <AllowUnsafeBlocks>true</AllowUnsafeBlocks> to the project", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0014_NativeExportsNeedAPlainStruct()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\", NativeExportPrefix = \"kws\")] ref partial struct Model;");
        AssertAt(diagnostic, "RNN0014", 1, 85);
        Assert.Equal("'Model' is a ref struct, so its state cannot live in a caller's buffer; declare it as a plain partial struct to get C entry points", diagnostic.GetMessage());
    }

    [Fact]
    public void WithoutAPrefixNoEntryPointsAreGenerated()
    {
        var (result, _, _) = GeneratorHarness.Run("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model;", ("m.rnn.json", Model));
        Assert.Equal(new[] { "Model.g.cs" }, result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)));
    }

    [Fact]
    public void EntryPointsCompileWithoutWarningsAndCarryTheirHeader()
    {
        var (result, output, _) = GeneratorHarness.Run(LanguageVersion.Latest,
            new[] { ("Models.cs", "namespace Demo; [Rnn.Runtime.RnnModel(\"m.rnn.json\", NativeExportPrefix = \"kws\")] public partial struct Spotter;") },
            new[] { ("m.rnn.json", Model) }, allowUnsafe: true);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "Demo.Spotter.Native.g.cs", "Demo.Spotter.g.cs" }, result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).Order());
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));

        string native = result.GeneratedTrees.Single(t => t.FilePath.EndsWith(".Native.g.cs")).ToString();
        foreach (string entry in new[] { "abi_version", "input_size", "output_size", "state_size", "state_alignment", "init", "reset", "step", "run" })
        {
            Assert.Contains($"EntryPoint = \"kws_{entry}\"", native);
            Assert.Contains($" kws_{entry}(", native); // declared in the header text too
        }

        // lstm 1→8 + dense 8→1: state 8 + 8 (h, c) + 8 (dense, padded) floats, scratch 32 gate rows.
        Assert.Contains("#define KWS_STATE_SIZE", native);
        Assert.Contains("#define KWS_INPUT_SIZE 1\n", native);
        Assert.Contains("#define RNN_ERROR_NOT_INITIALIZED (-5)", native);
    }
}
