using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Rnn.Benchmarks;

/// <summary>Memory diagnoser plus the columns that put each step next to the machine's floors.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(DerivedColumn.ForSteps("MAC/ns", "Multiply-adds per nanosecond achieved (G·H·(I+H) + H per step)",
            (shape, mean, floors) => shape.MultiplyAdds / mean));
        AddColumn(DerivedColumn.ForSteps("x compute floor", "Step time over the FMA-peak time for its multiply-adds (1.0 = at peak), floor measured in this run",
            (shape, mean, floors) => mean / (shape.MultiplyAdds * floors.NsPerMultiplyAdd)));
        AddColumn(DerivedColumn.ForSteps("x L2 floor", "Step time over the time to read its fp32 weights at the L2 bandwidth measured in this run",
            (shape, mean, floors) => mean / (shape.WeightBytes * floors.NsPerL2Byte)));
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }
}

/// <summary>The floors measured by <see cref="MachineFloorBenchmarks"/> in this run.</summary>
public readonly record struct MachineFloors(double NsPerMultiplyAdd, double NsPerL2Byte)
{
    public static MachineFloors? From(Summary summary)
    {
        var fma = Mean(summary, nameof(MachineFloorBenchmarks.FmaPeak));
        var l2 = Mean(summary, nameof(MachineFloorBenchmarks.L2Read));
        return fma is null || l2 is null ? null : new MachineFloors(fma.Value, l2.Value);
    }

    /// <summary>The mean of the benchmark method named <paramref name="method"/> in this run, if it ran.</summary>
    public static double? Mean(Summary summary, string method) => summary.Reports
        .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.ResultStatistics is not null)?.ResultStatistics!.Mean;
}

/// <summary>A number derived from a benchmark's mean (and the run's summary); "-" where it does not apply.</summary>
public sealed class DerivedColumn(string name, string legend, Func<Summary, BenchmarkCase, double, double?> value, string format = "0.00") : IColumn
{
    /// <summary>A column over the step benchmarks: their model's shape, their mean and the run's machine floors.</summary>
    public static DerivedColumn ForSteps(string name, string legend, Func<ModelShape, double, MachineFloors, double> value) =>
        new(name, legend, (summary, benchmarkCase, mean) =>
        {
            var model = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(StepLatencyBenchmarks.Model))?.Value as string;
            return model is null || MachineFloors.From(summary) is not { } floors ? null : value(ModelShape.Parse(model), mean, floors);
        });

    public string Id => "Rnn." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var result = mean is null ? null : value(summary, benchmarkCase, mean.Value);
        return result is null ? "-" : result.Value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
    }
}
