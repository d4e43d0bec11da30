using System;

namespace Rnn.Runtime;

/// <summary>
/// Asks the Rnn.Embedded source generator to implement this partial struct as the model in a descriptor:
/// fixed sizes, weights embedded as static data, state held inline, SIMD steps.
/// </summary>
/// <example>
/// <code>
/// [RnnModel("models/kws.rnn.json")]
/// public partial struct KeywordSpotter;
/// </code>
/// The descriptor must also be an <c>AdditionalFiles</c> item of the project.
/// </example>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class RnnModelAttribute : Attribute
{
    /// <summary>Names the descriptor, relative to the source file that holds the attribute (or any trailing part of its path).</summary>
    public RnnModelAttribute(string descriptorPath) => DescriptorPath = descriptorPath;

    /// <summary>The descriptor's path as written in the attribute.</summary>
    public string DescriptorPath { get; }

    /// <summary>
    /// When set (a C identifier such as <c>"kws"</c>), the generator also emits C-callable entry points
    /// named <c>kws_step</c>, <c>kws_run</c>, … that a NativeAOT static or shared library exports, and a
    /// matching C header in the constant <c>NativeHeader</c>. Needs <c>AllowUnsafeBlocks</c>.
    /// </summary>
    public string? NativeExportPrefix { get; set; }

    /// <summary>
    /// How the generated code stores and reads its weight matrices (see <see cref="WeightPrecision"/>):
    /// <see cref="WeightPrecision.Float16"/> and <see cref="WeightPrecision.BFloat16"/> halve the bytes a step
    /// reads, <see cref="WeightPrecision.Int8"/> quarters them; activations and state stay float32. When not
    /// set, the descriptor's <c>weight_precision</c> (float32 when it has none). The generated type says what
    /// it was built with in its <c>WeightPrecision</c> constant.
    /// </summary>
    public WeightPrecision Precision { get; set; }
}
