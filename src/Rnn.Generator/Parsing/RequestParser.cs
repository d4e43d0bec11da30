using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rnn.Generator.Diagnostics;
using Rnn.Generator.Model;

namespace Rnn.Generator.Parsing;

/// <summary>Turns one <c>[RnnModel]</c> usage into a <see cref="ModelRequest"/>, taking only plain facts from the symbol.</summary>
internal static class RequestParser
{
    public static RequestResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        string fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        // A type declared in parts reaches here once per attributed part; take this part's own attribute.
        var attribute = context.Attributes.FirstOrDefault(a => a.ApplicationSyntaxReference is { } reference
            && reference.SyntaxTree == syntax.SyntaxTree && syntax.Span.Contains(reference.Span)) ?? context.Attributes[0];
        var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? typeLocation;
        string? path = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        if (string.IsNullOrWhiteSpace(path))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPath, attributeLocation));

        string? nativePrefix = null;
        Rnn.Runtime.WeightPrecision? precision = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "NativeExportPrefix")
                nativePrefix = named.Value.Value as string;
            if (named.Key == "Precision" && named.Value.Value is int value)
            {
                if (value is >= (int)Rnn.Runtime.WeightPrecision.Float32 and <= (int)Rnn.Runtime.WeightPrecision.Int8)
                    precision = (Rnn.Runtime.WeightPrecision)value;
                else
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPrecision, attributeLocation, value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (nativePrefix is not null && !IsCIdentifier(nativePrefix))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNativePrefix, attributeLocation, nativePrefix));
        if (nativePrefix is not null && syntax.Modifiers.Any(SyntaxKind.RefKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NativeExportsNeedPlainStruct, typeLocation, type.Name));

        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, typeLocation, type.Name));
        if (syntax.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReadOnlyType, typeLocation, type.Name));

        var containing = new List<string>();
        bool generic = type.IsGenericType;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            generic |= outer.IsGenericType;
            var outerSyntax = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToArray();
            if (!outerSyntax.Any(s => s.Modifiers.Any(SyntaxKind.PartialKeyword)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, typeLocation, type.Name, outer.Name));
            containing.Insert(0, Keyword(outerSyntax.FirstOrDefault()) + " " + outer.Name);
        }

        if (generic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, typeLocation, type.Name));

        if (diagnostics.Count > 0)
            return new RequestResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var request = new ModelRequest(ns, new EquatableArray<string>(containing.ToArray()), type.Name, Keyword(syntax),
            fullName, path!, syntax.SyntaxTree.FilePath, attributeLocation, nativePrefix, precision);
        return new RequestResult(request, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static bool IsCIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
            return false;
        foreach (char c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_'))
                return false;
        }

        return true;
    }

    private static string Keyword(TypeDeclarationSyntax? syntax) => syntax switch
    {
        RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        StructDeclarationSyntax s when s.Modifiers.Any(SyntaxKind.RefKeyword) => "ref struct",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
