using System;
using System.Collections.Generic;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.NativeAot;

namespace Rnn.Benchmarks;

/// <summary>
/// NativeAOT jobs next to the default JIT job: <c>--aot x86-x64-v3</c> (repeatable) adds one job per
/// instruction set, compiled for the AOT target framework with the ILCompiler this repository builds with.
/// </summary>
public static class AotJobs
{
    /// <summary>Removes every <c>--aot SET</c> pair from the arguments BenchmarkDotNet gets.</summary>
    public static (string[] Remaining, IReadOnlyList<string> InstructionSets) SplitArguments(string[] args)
    {
        var rest = new List<string>();
        var sets = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] != "--aot")
            {
                rest.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith('-'))
                throw new ArgumentException("--aot needs an instruction set, e.g. --aot x86-x64-v3 (or native).");
            sets.Add(args[++i]);
        }
        return (rest.ToArray(), sets);
    }

    /// <summary>The default JIT job, plus one NativeAOT job per instruction set when any are asked for.</summary>
    public static IConfig? Config(IReadOnlyList<string> instructionSets)
    {
        if (instructionSets.Count == 0)
            return null;
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithId("JIT"));
        foreach (var set in instructionSets)
            config = config.AddJob(Job.Default.WithRuntime(NativeAotRuntime.Net90).WithToolchain(Toolchain(set)).WithId("AOT " + set));
        // The training benchmarks exist only in the JIT build (the trainer targets net10.0 alone).
        return config.AddFilter(new SimpleFilter(c => !(c.Job.Id.StartsWith("AOT ", StringComparison.Ordinal)
            && c.Descriptor.Type.Name is "TrainingThroughputBenchmarks" or "BatchedProductBenchmarks")));
    }

    private static IToolchain Toolchain(string instructionSet)
    {
        var aot = NativeAotToolchain.CreateBuilder()
            // No ILCompiler version: the SDK picks the one it publishes with, as `dotnet publish` would.
            .UseNuGet(null!, "https://api.nuget.org/v3/index.json")
            .IlcInstructionSet(instructionSet)
            // Complete type metadata makes ILCompiler 9.0 crash (InvalidCastException in
            // EnsureLoadableType) on this assembly; the benchmarks need no reflection over it.
            .IlcGenerateCompleteTypeMetadata(false)
            .TargetFrameworkMoniker(AotTargetFramework)
            .ToToolchain();
        // BenchmarkDotNet 0.14 validates a NativeAOT job by looking for a matching SDK (a .NET 9 SDK for
        // net9.0); the .NET 10 SDK builds net9.0 NativeAOT fine, so keep the generator, builder and
        // executor and drop only that check.
        return new Toolchain($"NativeAOT {AotTargetFramework} {instructionSet}", aot.Generator, aot.Builder, aot.Executor);
    }

    private static string AotTargetFramework => Metadata("RnnAotTargetFramework");

    private static string Metadata(string key)
    {
        foreach (var attribute in typeof(AotJobs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            if (attribute.Key == key && attribute.Value is { Length: > 0 } value)
                return value;
        throw new InvalidOperationException($"The benchmark assembly has no {key} metadata; build it through Rnn.Benchmarks.csproj.");
    }
}
