extern alias generator;

using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Rnn.Runtime;
using Rnn.Runtime.Descriptors;

namespace Rnn.Trainer.Native;

/// <summary>
/// The C header of a model's entry points, obtained by running the source generator itself on the
/// descriptor (in memory), so the file a C program includes is the text the library was built with.
/// </summary>
internal static class NativeHeader
{
    public static string Generate(string descriptorPath, string prefix)
    {
        DescriptorReader.ReadFile(descriptorPath); // bad input gets the reader's file(line,col) message
        string fullPath = Path.GetFullPath(descriptorPath);
        if (!fullPath.EndsWith(".rnn.json", StringComparison.OrdinalIgnoreCase))
            throw new NativeHeaderException($"{descriptorPath}: model descriptors are named *.rnn.json");

        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        string source = $$"""
            [global::Rnn.Runtime.RnnModel({{SymbolDisplay.FormatLiteral(Path.GetFileName(fullPath), quote: true)}}, NativeExportPrefix = {{SymbolDisplay.FormatLiteral(prefix, quote: true)}})]
            public partial struct Model;
            """;
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, Path.Combine(Path.GetDirectoryName(fullPath)!, "Model.cs"));
        var compilation = CSharpCompilation.Create("RnnHeader", new[] { tree },
            new[] { "System.Private.CoreLib.dll", "System.Runtime.dll" }
                .Select(name => MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, name)))
                .Append(MetadataReference.CreateFromFile(typeof(RnnModelAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var driver = CSharpGeneratorDriver.Create(new[] { new generator::Rnn.Generator.RnnGenerator().AsSourceGenerator() },
            new[] { new DescriptorText(fullPath) }, parseOptions);
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (result.Exception is not null || errors.Length > 0)
        {
            string problem = result.Exception?.Message ?? string.Join("; ", errors.Select(e => $"{e.Id}: {e.GetMessage()}"));
            throw new NativeHeaderException($"{descriptorPath}: cannot generate C entry points: {problem}");
        }

        var native = result.GeneratedSources.Single(s => s.HintName.EndsWith(".Native.g.cs", StringComparison.Ordinal));
        var header = native.SyntaxTree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Single(v => v.Identifier.Text == "Header");
        return ((LiteralExpressionSyntax)header.Initializer!.Value).Token.ValueText + "\n";
    }

    private sealed class DescriptorText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) =>
            SourceText.From(File.ReadAllText(path));
    }
}

/// <summary>A header that cannot be generated, with the reason (for the command line's one-line errors).</summary>
internal sealed class NativeHeaderException(string message) : Exception(message);
