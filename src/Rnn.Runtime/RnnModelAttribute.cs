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
}
