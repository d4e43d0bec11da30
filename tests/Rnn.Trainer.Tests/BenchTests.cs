using System;
using System.Linq;
using Rnn.Trainer.Bench;
using Rnn.Trainer.Cli;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>The pieces of rnn bench that decide pass or fail: budgets, percentiles, the measuring program's output.</summary>
public class BenchTests
{
    [Theory]
    [InlineData("20us", 20_000)]
    [InlineData("20µs", 20_000)]
    [InlineData("500ns", 500)]
    [InlineData("1.5ms", 1_500_000)]
    [InlineData(" 2s ", 2e9)]
    public void BudgetsParseToNanoseconds(string text, double expected)
    {
        Assert.True(LatencyBudget.TryParse(text, out double ns, out _));
        Assert.Equal(expected, ns);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("fast")]
    [InlineData("-5us")]
    [InlineData("0ms")]
    [InlineData("10parsecs")]
    public void BadBudgetsSayWhatIsExpected(string text)
    {
        Assert.False(LatencyBudget.TryParse(text, out _, out string error));
        Assert.Equal($"expected a positive duration with a unit (ns, us, µs, ms or s), e.g. 20us; found \"{text}\"", error);
    }

    [Fact]
    public void PercentilesAreNearestRank()
    {
        // 1..1000 shuffled: p50 is 500, p99 is 990, max 1000, mean 500.5.
        var samples = Enumerable.Range(1, 1000).Select(i => (double)i).OrderBy(i => (i * 7919) % 1000).ToArray();
        var stats = LatencyStats.From(samples);
        Assert.Equal((1000, 500.0, 990.0, 1000.0, 500.5), (stats.Count, stats.P50, stats.P99, stats.Max, stats.Mean));
        Assert.Equal(7.0, LatencyStats.From(new[] { 7.0 }).P99);
        Assert.Throws<ArgumentException>(() => LatencyStats.From(Array.Empty<double>()));
    }

    [Fact]
    public void TheMeasuringProgramsOutputIsReadAndTheTimerOverheadRemoved()
    {
        string output = "simd_path Vector256\ntimer_overhead_ns 20\nallocated_bytes 0\nsamples\n" + string.Join("\n", Enumerable.Range(1, 100).Select(i => (i + 20).ToString())) + "\n";
        var result = BenchRunner.Parse(output, "m.rnn.json", "x86-64-v3", 500, budgetNs: 99);
        Assert.Equal("Vector256", result.SimdPath);
        Assert.Equal(20, result.TimerOverheadNs);
        Assert.Equal((50.0, 99.0, 100.0), (result.Latency.P50, result.Latency.P99, result.Latency.Max));
        Assert.True(result.Passed);
        Assert.False((result with { BudgetNs = 98 }).Passed);
        Assert.False((result with { AllocatedBytes = 24 }).Passed);
        Assert.Contains("\"p99_ns\": 99,", result.ToJson());
        Assert.Contains("\"passed\": true", result.ToJson());
    }

    [Fact]
    public void IncompleteOutputIsAClearError()
    {
        var e = Assert.Throws<BenchException>(() => BenchRunner.Parse("simd_path Vector256\n", "m.rnn.json", "default", 0, 1000));
        Assert.StartsWith("the benchmark program's output was incomplete:", e.Message);
    }

    [Fact]
    public void TheDefaultInstructionSetIsSpelledTheWayILCompiler10SpellsIt()
    {
        // ILCompiler 9 spelled it x86-x64-v3, which ILCompiler 10 rejects.
        var parsed = BenchCommand.Create().Parse(["m.rnn.json", "--budget", "1us"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal("x86-64-v3", parsed.GetValue<string>("--instruction-set"));
    }

    [Fact]
    public void TheThrowawayProjectTargetsTheAotFrameworkAndInstructionSet()
    {
        string project = BenchProject.ProjectFile("/src", "x86-64-v3");
        Assert.Contains($"<TargetFramework>{BenchProject.AotTargetFramework}</TargetFramework>", project);
        Assert.Contains("<IlcInstructionSet>x86-64-v3</IlcInstructionSet>", project);
        Assert.Contains("<PublishAot>true</PublishAot>", project);
        Assert.DoesNotContain("IlcInstructionSet", BenchProject.ProjectFile("/src", "default"));
        Assert.Matches(@"^net\d+\.\d+$", BenchProject.AotTargetFramework);
    }
}
