using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Rnn.Runtime;

namespace Rnn.Generated.Tests;

/// <summary>
/// Every float32 [RnnModel] type of this assembly without C exports generated from a golden fixture (the
/// reduced-precision variants are ReducedPrecisionTests' subject), by the fixture's
/// name: adding a fixture means adding one [RnnModel] line, in any file.
/// </summary>
internal static class GoldenModelTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByFixture = typeof(GoldenModelTypes).Assembly.GetTypes()
        .Select(type => (Type: type, Attribute: type.GetCustomAttribute<RnnModelAttribute>()))
        .Where(m => m.Attribute is { NativeExportPrefix: null, Precision: WeightPrecision.Float32 } && m.Attribute.DescriptorPath.EndsWith(".rnn.json", StringComparison.Ordinal)
            && m.Attribute.DescriptorPath.Contains("Fixtures/golden/", StringComparison.Ordinal))
        .ToDictionary(m => System.IO.Path.GetFileName(m.Attribute!.DescriptorPath)[..^".rnn.json".Length], m => m.Type);
}
