using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Rnn.Benchmarks;

/// <summary>Training benchmarks: sequences per second, and multiply-adds per ns with the fraction of the FMA peak.</summary>
public sealed class TrainingConfig : ManualConfig
{
    public TrainingConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new DerivedColumn("seq/s", "Training sequences per second (forward + full BPTT + Adam)", (c, mean, floors) =>
            c.Descriptor.Type.Name == "TrainingThroughputBenchmarks" ? 1e9 / mean : null));
        AddColumn(new DerivedColumn("MAC/ns", "Multiply-adds per nanosecond of the product", (c, mean, floors) =>
            Product(c) is { } macs ? macs / mean : null));
        AddColumn(new DerivedColumn("of FMA peak", "Share of the FMA peak measured in this run (needs MachineFloorBenchmarks.FmaPeak in the run)", (c, mean, fma) =>
            Product(c) is { } macs && fma is { } nsPerMac ? macs * nsPerMac / mean : null));
    }

    private static double? Product(BenchmarkCase c)
    {
        if (c.Descriptor.Type.Name != "BatchedProductBenchmarks")
            return null;
        string shape = (string)c.Parameters.Items.First(p => p.Name == "Shape").Value;
        var dims = shape.Split(' ')[^1].Split('.').SelectMany(d => d.Split('x')).Select(int.Parse).ToArray();
        return (double)dims[0] * dims[1] * dims[3];
    }

    /// <summary>FmaPeak's ns per multiply-add in this run, if it ran.</summary>
    private static double? FmaFloor(Summary summary) => summary.Reports
        .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(MachineFloorBenchmarks.FmaPeak) && r.ResultStatistics is not null)?.ResultStatistics!.Mean;

    private sealed class DerivedColumn(string name, string legend, Func<BenchmarkCase, double, double?, double?> value) : IColumn
    {
        public string Id => "Rnn.Training." + name;
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
            var result = mean is null ? null : value(benchmarkCase, mean.Value, FmaFloor(summary));
            return result is null ? "-" : result.Value.ToString(name == "of FMA peak" ? "P0" : "0.##", CultureInfo.InvariantCulture);
        }
    }
}
