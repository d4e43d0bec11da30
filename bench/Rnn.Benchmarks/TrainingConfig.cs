using System;
using System.Linq;
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
        AddColumn(new DerivedColumn("seq/s", "Training sequences per second (forward + full BPTT + Adam)", (summary, c, mean) =>
            c.Descriptor.Type.Name == "TrainingThroughputBenchmarks" ? 1e9 / mean : null, "0"));
        AddColumn(new DerivedColumn("product MAC/ns", "Multiply-adds per nanosecond of the product", (summary, c, mean) =>
            Product(c) is { } macs ? macs / mean : null));
        AddColumn(new DerivedColumn("of FMA peak", "Share of the FMA peak measured in this run (needs MachineFloorBenchmarks.FmaPeak in the run)", (summary, c, mean) =>
            Product(c) is { } macs && MachineFloors.Mean(summary, nameof(MachineFloorBenchmarks.FmaPeak)) is { } nsPerMac ? macs * nsPerMac / mean : null, "P0"));
    }

    private static double? Product(BenchmarkCase c)
    {
        if (c.Descriptor.Type.Name != "BatchedProductBenchmarks")
            return null;
        string shape = (string)c.Parameters.Items.First(p => p.Name == "Shape").Value;
        var dims = shape.Split(' ')[^1].Split('.').SelectMany(d => d.Split('x')).Select(int.Parse).ToArray();
        return (double)dims[0] * dims[1] * dims[3];
    }
}
