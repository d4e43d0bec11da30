using System.Collections.Generic;
using Xunit;
using Xunit.Abstractions;

namespace Rnn.Runtime.Tests;

/// <summary>
/// The stated error of reduced-precision weights (README, "Reduced-precision weights"): for each precision and
/// group of models, the largest deviation from the float32 model (see <see cref="PrecisionDeviation"/>) stays
/// within the bound README states. Each test prints what it measured, which is how README's table is
/// regenerated: <c>dotnet test tests/Rnn.Runtime.Tests --filter PrecisionErrorTests --logger "console;verbosity=detailed"</c>.
/// </summary>
public class PrecisionErrorTests(ITestOutputHelper output)
{
    /// <summary>
    /// The bounds README states, per group and precision: the maxima measured on 2026-11-23 (x86-64, all four
    /// paths) rounded up to leave about a factor of 2, so a change that makes reduced precision worse fails here.
    /// </summary>
    public static readonly Dictionary<(string Group, WeightPrecision Precision), double> Bounds = new()
    {
        [("golden", WeightPrecision.Float16)] = 5e-3,
        [("golden", WeightPrecision.BFloat16)] = 5e-2,
        [("golden", WeightPrecision.Int8)] = 1e-1,
        [("example", WeightPrecision.Float16)] = 1e-3,
        [("example", WeightPrecision.BFloat16)] = 3e-3,
        [("example", WeightPrecision.Int8)] = 6e-3,
        [("saturation", WeightPrecision.Float16)] = 5e-2,
        [("saturation", WeightPrecision.BFloat16)] = 2e-1,
        [("saturation", WeightPrecision.Int8)] = 1,
        [("saturation-relu", WeightPrecision.Float16)] = 2e-1,
        [("saturation-relu", WeightPrecision.BFloat16)] = 2,
        [("saturation-relu", WeightPrecision.Int8)] = 2.5,
        [("long", WeightPrecision.Float16)] = 1e-4,
        [("long", WeightPrecision.BFloat16)] = 1e-3,
        [("long", WeightPrecision.Int8)] = 2e-3,
    };

    public static TheoryData<string, WeightPrecision> Cases()
    {
        var data = new TheoryData<string, WeightPrecision>();
        foreach (var (group, precision) in Bounds.Keys)
            data.Add(group, precision);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeviationFromFloat32StaysWithinTheStatedBound(string group, WeightPrecision precision)
    {
        var measured = PrecisionDeviation.Measure(group, precision);
        output.WriteLine($"| {group} | {precision} | {measured} |");
        Assert.True(measured.Largest <= Bounds[(group, precision)], $"{precision} on {group}: {measured} exceeds the stated bound {Bounds[(group, precision)]}");
    }
}
