namespace Rnn.Generator.Model;

/// <summary>
/// What one <c>[RnnModel]</c> attribute asks for: the type to fill in and the descriptor path (and the weight precision when the attribute sets
/// one; null takes the descriptor's), with the
/// facts about the type that the emitter needs. Cache boundary type: keep value equality (no symbols,
/// no syntax, no compilation).
/// </summary>
internal sealed record ModelRequest(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string TypeName,
    string TypeKeyword,
    string FullName,
    string DescriptorPath,
    string SourceFilePath,
    LocationInfo? AttributeLocation,
    string? NativeExportPrefix,
    global::Rnn.Runtime.WeightPrecision? Precision = null);

/// <summary>A request, or the diagnostics that stop it. Cache boundary type: keep value equality.</summary>
internal sealed record RequestResult(ModelRequest? Request, EquatableArray<DiagnosticInfo> Diagnostics);
