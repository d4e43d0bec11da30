using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rnn.Generator.Diagnostics;
using Rnn.Generator.Emit;
using Rnn.Generator.Model;
using Rnn.Generator.Parsing;

namespace Rnn.Generator;

/// <summary>
/// Fills in every <c>[RnnModel("…rnn.json")]</c> partial struct with the model in that descriptor.
/// Pipeline: attribute usages → requests; descriptor AdditionalFiles → plans (parsed once per content);
/// both plus the language version and unsafe setting → bound models → one source file each (two with C entry points).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RnnGenerator : IIncrementalGenerator
{
    /// <summary>The attribute that marks a model type.</summary>
    public const string AttributeName = "Rnn.Runtime.RnnModelAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var requests = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is TypeDeclarationSyntax, static (ctx, ct) => Guarded.Request(ctx, ct))
            .WithTrackingName(TrackingNames.Requests);
        var descriptors = context.AdditionalTextsProvider
            .Where(static file => DescriptorLoader.IsDescriptor(file))
            .Select(static (file, ct) => Guarded.Load(file, ct))
            .WithTrackingName(TrackingNames.Descriptors);
        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => ((CSharpParseOptions)options).LanguageVersion)
            .WithTrackingName(TrackingNames.LanguageVersion);
        var allowUnsafe = context.CompilationProvider
            .Select(static (compilation, _) => ((CSharpCompilationOptions)compilation.Options).AllowUnsafe)
            .WithTrackingName(TrackingNames.AllowUnsafe);
        var models = requests.Collect()
            .Combine(descriptors.Collect())
            .Combine(languageVersion.Combine(allowUnsafe))
            .SelectMany(static (input, _) => ModelBinder.Bind(input.Left.Left, input.Left.Right, input.Right.Left, input.Right.Right))
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, model) => Guarded.Write(output, model));
    }

    /// <summary>Runs each stage so that a bug in the generator becomes diagnostic RNN9999, never a crashed build.</summary>
    private static class Guarded
    {
        public static RequestResult Request(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            try
            {
                return RequestParser.Parse(context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var location = LocationInfo.From(context.TargetNode.GetLocation());
                return new RequestResult(null, new EquatableArray<DiagnosticInfo>(new[] { Internal(location, context.TargetSymbol.Name, e) }));
            }
        }

        public static LoadedDescriptor Load(AdditionalText file, CancellationToken cancellationToken)
        {
            try
            {
                return DescriptorLoader.Load(file, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new LoadedDescriptor(file.Path, null, Internal(null, file.Path, e));
            }
        }

        public static void Write(SourceProductionContext output, ModelResult model)
        {
            foreach (var diagnostic in model.Diagnostics)
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (model.Request is not { } request || model.Plan is not { } plan)
                return;
            try
            {
                output.AddSource(HintName(request), ModelEmitter.Emit(request, plan, model.DescriptorPath!));
                if (request.NativeExportPrefix is { } prefix)
                    output.AddSource(HintName(request).Replace(".g.cs", ".Native.g.cs"), NativeExportsEmitter.Emit(request, plan, prefix, model.DescriptorPath!));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.ReportDiagnostic(Internal(request.AttributeLocation, request.TypeName, e).ToDiagnostic());
            }
        }

        private static DiagnosticInfo Internal(LocationInfo? location, string subject, Exception e) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, subject, $"{e.GetType().Name}: {e.Message}");

        private static string HintName(ModelRequest request) =>
            request.FullName.Replace("global::", "").Replace('<', '_').Replace('>', '_') + ".g.cs";
    }
}

/// <summary>Names of the tracked pipeline steps, for the incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Attribute usages turned into requests.</summary>
    public const string Requests = nameof(Requests);

    /// <summary>Descriptor files read and planned.</summary>
    public const string Descriptors = nameof(Descriptors);

    /// <summary>The compilation's C# language version.</summary>
    public const string LanguageVersion = nameof(LanguageVersion);

    /// <summary>Whether the compilation allows unsafe code (native exports need it).</summary>
    public const string AllowUnsafe = nameof(AllowUnsafe);

    /// <summary>Requests bound to their plans.</summary>
    public const string Models = nameof(Models);
}
