using Microsoft.CodeAnalysis;

namespace Rnn.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports; ids are stable and each has a page in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Rnn.Generator";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "See docs/diagnostics.md#" + id.ToLowerInvariant() + " in the Rnn.Embedded repository.");

    public static readonly DiagnosticDescriptor InvalidDescriptor = Error("RNN0001",
        "Invalid model descriptor", "{0}");

    public static readonly DiagnosticDescriptor DescriptorNotFound = Error("RNN0002",
        "Model descriptor not found", "'{0}' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{0}\" /> (or <RnnModel Include=\"{0}\" />) to the project file");

    public static readonly DiagnosticDescriptor TypeNotPartial = Error("RNN0003",
        "Model type must be partial", "'{0}' must be declared partial for the generator to implement it");

    public static readonly DiagnosticDescriptor GenericType = Error("RNN0004",
        "Model type cannot be generic", "'{0}' is generic or nested in a generic type; a model's sizes and weights are fixed, so declare it as a non-generic struct");

    public static readonly DiagnosticDescriptor DuplicateModel = Error("RNN0005",
        "Type already has a model", "'{0}' already gets its model from '{1}'; a type can hold one model");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error("RNN0006",
        "C# 12 or later is required", "Generated models need C# 12 or later (inline arrays); this project uses C# {0}");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("RNN0007",
        "Containing type must be partial", "'{0}' is nested in '{1}', which must also be declared partial");

    public static readonly DiagnosticDescriptor AmbiguousDescriptor = Error("RNN0008",
        "Model descriptor path is ambiguous", "'{0}' matches several AdditionalFiles: {1}; write a path relative to this source file");

    public static readonly DiagnosticDescriptor ReadOnlyType = Error("RNN0009",
        "Model type cannot be readonly", "'{0}' holds the model's recurrent state, so it cannot be a readonly struct");

    public static readonly DiagnosticDescriptor MissingPath = Error("RNN0010",
        "Model descriptor path is missing", "The [RnnModel] attribute needs the descriptor's path as a non-empty string");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error("RNN0011",
        "Model too large to generate", "'{0}' packs {1} weights, more than the {2} one generated weight image holds; load it at run time with InterpretedModel.Load instead");

    public static readonly DiagnosticDescriptor InvalidNativePrefix = Error("RNN0012",
        "Invalid native export prefix", "NativeExportPrefix '{0}' is not a C identifier; use letters, digits and '_', not starting with a digit (for example \"kws\")");

    public static readonly DiagnosticDescriptor NativeExportsNeedUnsafe = Error("RNN0013",
        "Native exports need unsafe code", "'{0}' asks for C entry points, which take pointers; add <AllowUnsafeBlocks>true</AllowUnsafeBlocks> to the project");

    public static readonly DiagnosticDescriptor NativeExportsNeedPlainStruct = Error("RNN0014",
        "Native exports need a plain struct", "'{0}' is a ref struct, so its state cannot live in a caller's buffer; declare it as a plain partial struct to get C entry points");

    public static readonly DiagnosticDescriptor InvalidPrecision = Error("RNN0015",
        "Invalid weight precision", "Precision {0} is not a weight precision; expected WeightPrecision.Float32, Float16, BFloat16 or Int8");

    public static readonly DiagnosticDescriptor WeightOutOfPrecisionRange = Error("RNN0016",
        "Weight outside the precision's range", "{0}");

    public static readonly DiagnosticDescriptor TooManyLayers = Error("RNN0017",
        "Too many layers to generate", "'{0}' has {1} layer passes, more than the {2} a generated model may have (each pass is a method per SIMD path, so compile time grows with the count); load it at run time with InterpretedModel.Load instead");

    public static readonly DiagnosticDescriptor InternalError = Error("RNN9999",
        "The model generator failed", "The generator failed on '{0}': {1}; please report this with the descriptor");
}
