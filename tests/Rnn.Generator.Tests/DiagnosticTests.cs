using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Rnn.Tests.Shared;

namespace Rnn.Generator.Tests;

/// <summary>One test per diagnostic id: the id, where it points, and its message.</summary>
public class DiagnosticTests
{
    private static readonly string Model = GeneratorHarness.Fixture("Fixtures/golden/lstm_i1_h8.rnn.json");

    private static Diagnostic Single(string source, params (string, string)[] files)
    {
        var (result, _, _) = GeneratorHarness.Run(source, files);
        Assert.Empty(result.GeneratedTrees);
        return Assert.Single(result.Diagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, string file, int line, int column)
    {
        Assert.Equal(id, diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path.Combine(GeneratorHarness.ProjectDirectory, file), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void RNN0001_InvalidDescriptorPointsAtTheTokenInTheJsonFile()
    {
        string broken = Model.Replace("\"hidden_size\": 8", "\"hidden_size\": 0");
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct M;", ("m.rnn.json", broken));
        AssertAt(diagnostic, "RNN0001", "m.rnn.json", 9, 22);
        Assert.Equal("/project/m.rnn.json(9,22): layers[0].hidden_size: expected a positive size, found 0", diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void RNN0001_MalformedJsonPointsAtTheLineAndColumn()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct M;", ("m.rnn.json", "{\n  \"format\": \"rnn-embedded\"\n  \"version\": 1\n}"));
        AssertAt(diagnostic, "RNN0001", "m.rnn.json", 3, 3);
        Assert.Contains("malformed JSON: expected ',' or '}' after a field", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0002_DescriptorNotAmongAdditionalFiles()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"missing.rnn.json\")] partial struct M;", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0002", "Models.cs", 1, 2);
        Assert.StartsWith("'missing.rnn.json' is not among the project's AdditionalFiles", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0003_TypeNotPartial()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] struct Model;", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0003", "Models.cs", 1, 45);
        Assert.Equal("'Model' must be declared partial for the generator to implement it", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0004_GenericType()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model<T>;", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0004", "Models.cs", 1, 53);
    }

    [Fact]
    public void RNN0004_NestedInGenericType()
    {
        var diagnostic = Single("partial class Outer<T> { [Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model; }", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0004", "Models.cs", 1, 78);
    }

    [Fact]
    public void RNN0005_TwoModelsForOneType()
    {
        var (result, _, _) = GeneratorHarness.Run(
            "[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model;\n[Rnn.Runtime.RnnModel(\"n.rnn.json\")] partial struct Model;",
            ("m.rnn.json", Model), ("n.rnn.json", Model));
        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, "RNN0005", "Models.cs", 2, 2);
        Assert.Equal("'Model' already gets its model from 'm.rnn.json'; a type can hold one model", diagnostic.GetMessage());
        Assert.Single(result.GeneratedTrees);
    }

    [Fact]
    public void RNN0006_LanguageVersionTooLow()
    {
        var (result, _, _) = GeneratorHarness.Run(LanguageVersion.CSharp11,
            new[] { ("Models.cs", "[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model { }") }, new[] { ("m.rnn.json", Model) });
        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, "RNN0006", "Models.cs", 1, 2);
        Assert.Equal("Generated models need C# 12 or later (inline arrays); this project uses C# 11.0", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0007_ContainingTypeNotPartial()
    {
        var diagnostic = Single("class Outer { [Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model; }", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0007", "Models.cs", 1, 67);
        Assert.Equal("'Model' is nested in 'Outer', which must also be declared partial", diagnostic.GetMessage());
    }

    [Fact]
    public void RNN0008_AmbiguousPath()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model;", ("a/m.rnn.json", Model), ("b/m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0008", "Models.cs", 1, 2);
        Assert.Equal("'m.rnn.json' matches several AdditionalFiles: /project/a/m.rnn.json, /project/b/m.rnn.json; write a path relative to this source file", diagnostic.GetMessage());
    }

    [Fact]
    public void APathRelativeToTheSourceFileWinsOverSuffixMatches()
    {
        var (result, _, _) = GeneratorHarness.Run(LanguageVersion.Latest,
            new[] { ("a/Models.cs", "[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model;") },
            new[] { ("a/m.rnn.json", Model), ("b/m.rnn.json", "not even json") });
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedTrees);
    }

    [Fact]
    public void RNN0009_ReadOnlyStruct()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] readonly partial struct Model;", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0009", "Models.cs", 1, 62);
    }

    [Fact]
    public void RNN0010_EmptyPath()
    {
        var diagnostic = Single("[Rnn.Runtime.RnnModel(\"\")] partial struct Model;", ("m.rnn.json", Model));
        AssertAt(diagnostic, "RNN0010", "Models.cs", 1, 2);
    }

    [Fact]
    public void RNN0011_ModelTooLargeToGenerate()
    {
        // The real limit (2^27 weights, 512 MiB) is beyond a test's memory; the binder takes it as a parameter.
        // One dense layer 3 → 20 packs 16-row panels: 32 rows × 3 inputs + 32 biases = 128 floats.
        const string model = """{"format":"rnn-embedded","version":1,"input_size":3,"layers":[{"type":"dense","input_size":3,"units":20,"weight":[RNN_WEIGHTS],"bias":[RNN_BIAS]}]}""";
        var descriptor = Parsing.NetworkPlanner.Plan(Rnn.Runtime.Descriptors.DescriptorReader.Parse(model.Replace("RNN_WEIGHTS", string.Join(",", Enumerable.Repeat("0.5", 60))).Replace("RNN_BIAS", string.Join(",", Enumerable.Repeat("0", 20)))));
        var request = new Rnn.Generator.Model.ModelRequest(null, Rnn.Generator.Model.EquatableArray<string>.Empty, "Big", "struct", "global::Big", "big.rnn.json", "/project/Models.cs", null, null);
        var requests = System.Collections.Immutable.ImmutableArray.Create(new Rnn.Generator.Model.RequestResult(request, Rnn.Generator.Model.EquatableArray<Rnn.Generator.Model.DiagnosticInfo>.Empty));
        var descriptors = System.Collections.Immutable.ImmutableArray.Create(new Rnn.Generator.Model.LoadedDescriptor("/project/big.rnn.json", descriptor, null));
        var bound = Parsing.ModelBinder.Bind(requests, descriptors, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, allowUnsafe: false, maxPackedWeights: 127).Single();
        var diagnostic = bound.Diagnostics.Single().ToDiagnostic();
        Assert.Equal("RNN0011", diagnostic.Id);
        Assert.Equal("'big.rnn.json' packs 128 weights, more than the 127 one generated weight image holds; load it at run time with InterpretedModel.Load instead", diagnostic.GetMessage());
        Assert.Null(bound.Plan);
        // At the limit itself the model generates.
        Assert.NotNull(Parsing.ModelBinder.Bind(requests, descriptors, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, false, maxPackedWeights: 128).Single().Plan);
    }

    [Fact]
    public void RNN9999_AGeneratorFailureIsADiagnosticNotACrash()
    {
        var compilation = GeneratorHarness.Compile(LanguageVersion.Latest, ("Models.cs", "[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct Model;"));
        var driver = GeneratorHarness.Driver(compilation, new AdditionalText[] { new ThrowingAdditionalText("/project/m.rnn.json") });
        var result = driver.RunGenerators(compilation).GetRunResult();
        Assert.Null(result.Results.Single().Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RNN9999", diagnostic.Id);
        Assert.Equal("The generator failed on '/project/m.rnn.json': IOException: disk on fire; please report this with the descriptor", diagnostic.GetMessage());
    }

    [Fact]
    public void EveryDiagnosticIdHasAPageInTheDocs()
    {
        string docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var ids = typeof(RnnGenerator).Assembly.GetType("Rnn.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id).ToArray();
        Assert.Equal(18, ids.Length);
        Assert.All(ids, id => Assert.Contains($"## {id}", docs));
    }
}
