using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Rnn.Generator.Diagnostics;
using Rnn.Generator.Model;

namespace Rnn.Generator.Parsing;

/// <summary>
/// Pairs each request with its descriptor file and settles what only the whole set can tell: two models
/// for one type, a path that matches no file or several, a language version too old for the output.
/// </summary>
internal static class ModelBinder
{
    /// <summary>
    /// The most packed weights one generated weight image holds: 512 MiB of float32, whose base64 text is
    /// near the largest string .NET can hold. The image is one UTF-8 literal, so compile time grows only
    /// linearly below this (a million weights build in seconds); no model a device runs comes near it.
    /// </summary>
    public const long MaxPackedWeights = 1 << 27;

    /// <summary>
    /// The most layer passes (a bidirectional layer is two) one generated model may have. Every pass becomes
    /// a method per SIMD path, so source size and compile time grow linearly with the count: 20,000 one-unit
    /// dense layers took 10 s to generate and 304 s to compile. 256 passes compile in a few seconds and are
    /// far beyond any network a device runs (the deepest fixtures have a handful).
    /// </summary>
    public const int MaxLayerPasses = 256;

    public static ImmutableArray<ModelResult> Bind(ImmutableArray<RequestResult> requests, ImmutableArray<LoadedDescriptor> descriptors, LanguageVersion languageVersion, bool allowUnsafe, long maxPackedWeights = MaxPackedWeights)
    {
        var results = ImmutableArray.CreateBuilder<ModelResult>();
        var claimed = new Dictionary<string, ModelRequest>(StringComparer.Ordinal);
        foreach (var result in requests)
        {
            if (result.Request is not { } request)
            {
                results.Add(new ModelResult(null, null, null, result.Diagnostics));
                continue;
            }

            if (claimed.TryGetValue(request.FullName, out var first))
            {
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, request.AttributeLocation, request.TypeName, first.DescriptorPath)));
                continue;
            }

            claimed.Add(request.FullName, request);
            if (languageVersion < LanguageVersion.CSharp12)
            {
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, request.AttributeLocation, languageVersion.ToDisplayString())));
                continue;
            }

            if (request.NativeExportPrefix is not null && !allowUnsafe)
            {
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.NativeExportsNeedUnsafe, request.AttributeLocation, request.TypeName)));
                continue;
            }

            var matches = Resolve(request, descriptors);
            if (matches.Count == 0)
            {
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.DescriptorNotFound, request.AttributeLocation, request.DescriptorPath)));
                continue;
            }

            if (matches.Count > 1)
            {
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousDescriptor, request.AttributeLocation,
                    request.DescriptorPath, string.Join(", ", matches.Select(m => m.Path)))));
                continue;
            }

            var descriptor = matches[0];
            if (descriptor.Error is { } error)
                results.Add(Fail(error));
            else if (descriptor.Plan!.Layers.Count > MaxLayerPasses)
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, request.AttributeLocation,
                    request.DescriptorPath, descriptor.Plan.Layers.Count.ToString(), MaxLayerPasses.ToString())));
            else if (descriptor.Plan.PackedWeightCount > maxPackedWeights)
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.ModelTooLarge, request.AttributeLocation,
                    request.DescriptorPath, descriptor.Plan.PackedWeightCount.ToString(), maxPackedWeights.ToString())));
            else if (PrecisionPlanner.Apply(descriptor.Plan, request.Precision ?? descriptor.Plan.Precision, out string? rangeError) is { } plan)
                results.Add(new ModelResult(request, plan, descriptor.Path, EquatableArray<DiagnosticInfo>.Empty));
            else
                results.Add(Fail(DiagnosticInfo.Create(DiagnosticDescriptors.WeightOutOfPrecisionRange, request.AttributeLocation, rangeError!)));
        }

        return results.ToImmutable();
    }

    private static ModelResult Fail(DiagnosticInfo diagnostic) =>
        new(null, null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));

    /// <summary>
    /// The file at the path relative to the attribute's source file; failing that, every file whose path
    /// ends with the attribute's path (so "models/kws.rnn.json" works from any folder of the project).
    /// </summary>
    private static List<LoadedDescriptor> Resolve(ModelRequest request, ImmutableArray<LoadedDescriptor> descriptors)
    {
        string relative = Normalize(request.DescriptorPath);
        string? sourceDirectory = DirectoryOf(Normalize(request.SourceFilePath));
        if (sourceDirectory is not null && !IsRooted(relative))
        {
            string exact = Collapse(sourceDirectory + "/" + relative);
            var hit = descriptors.Where(d => string.Equals(Collapse(Normalize(d.Path)), exact, StringComparison.OrdinalIgnoreCase)).ToList();
            if (hit.Count > 0)
                return hit;
        }

        string suffix = Collapse(relative).TrimStart('/');
        return descriptors.Where(d =>
        {
            string path = Collapse(Normalize(d.Path));
            return string.Equals(path, suffix, StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("/" + suffix, StringComparison.OrdinalIgnoreCase);
        }).ToList();
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    private static string? DirectoryOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? null : path.Substring(0, slash);
    }

    /// <summary>Resolves "." and ".." segments as text: generators must not touch the file system.</summary>
    private static string Collapse(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part == ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != ".." && parts[parts.Count - 1].Length > 0)
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(part);
        }

        return string.Join("/", parts);
    }
}
