extern alias runtime;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Rnn.Generator.Tests;

/// <summary>Runs the generator over in-memory sources and AdditionalFiles with CSharpGeneratorDriver.</summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = "/project";

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        // Not the generator itself: a consumer never references it, and it compiles the runtime's WeightPrecision in (public there too).
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).Equals("Rnn.Generator.dll", StringComparison.OrdinalIgnoreCase)).ToList();
        paths.Add(typeof(runtime::Rnn.Runtime.IRnnModel).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public static CSharpCompilation Compile(LanguageVersion languageVersion, params (string Path, string Text)[] sources) =>
        Compile(languageVersion, allowUnsafe: false, sources);

    public static CSharpCompilation Compile(LanguageVersion languageVersion, bool allowUnsafe, params (string Path, string Text)[] sources)
    {
        var options = new CSharpParseOptions(languageVersion);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, Path.Combine(ProjectDirectory, s.Path)));
        return CSharpCompilation.Create("Consumer", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error, allowUnsafe: allowUnsafe));
    }

    public static GeneratorDriver Driver(CSharpCompilation compilation, IEnumerable<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            new[] { new RnnGenerator().AsSourceGenerator() },
            files,
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns its result and the compilation with the generated code added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(string source, params (string Path, string Text)[] files) =>
        Run(LanguageVersion.Latest, new[] { ("Models.cs", source) }, files);

    public static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(LanguageVersion languageVersion, (string Path, string Text)[] sources, (string Path, string Text)[] files, bool allowUnsafe = false)
    {
        var compilation = Compile(languageVersion, allowUnsafe, sources);
        var driver = Driver(compilation, files.Select(f => (AdditionalText)new InMemoryAdditionalText(Path.Combine(ProjectDirectory, f.Path), f.Text)));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output, driver);
    }

    public static string Fixture(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));
}

/// <summary>An AdditionalFiles item held in memory.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText? _text;

    public InMemoryAdditionalText(string path, string? text)
    {
        Path = path;
        _text = text is null ? null : SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>An AdditionalFiles item whose reading throws, to prove a generator failure never crashes the build.</summary>
internal sealed class ThrowingAdditionalText : AdditionalText
{
    public ThrowingAdditionalText(string path) => Path = path;

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => throw new IOException("disk on fire");
}
