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
/// NativeAOT jobs next to the default JIT job: <c>--aot x86-64-v3</c> (repeatable) adds one job per
/// instruction set, compiled for the AOT target framework with the ILCompiler the SDK publishes with.
/// </summary>
public static class AotJobs
{
    /// <summary>
    /// Takes every <c>--aot SET</c> pair out of the arguments BenchmarkDotNet gets and, when there are any,
    /// also <c>--job NAME</c>: BenchmarkDotNet would run that job beside the JIT and AOT jobs, so here it
    /// becomes their base instead (<c>--job short</c> gives short JIT and AOT jobs).
    /// </summary>
    public static (string[] Remaining, IReadOnlyList<string> InstructionSets, Job BaseJob) SplitArguments(string[] args)
    {
        var rest = new List<string>();
        var sets = new List<string>();
        string? jobName = null;
        for (int i = 0; i < args.Length; i++)
        {
            bool isAot = args[i] == "--aot", isJob = args[i] is "--job" or "-j";
            if (!isAot && !isJob)
            {
                rest.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith('-'))
                throw new ArgumentException($"{args[i]} needs a value, e.g. --aot x86-64-v3 (or native), --job short.");
            if (isAot)
                sets.Add(args[++i]);
            else
                jobName = args[++i];
        }
        if (sets.Count == 0 && jobName is not null)
            rest.AddRange(["--job", jobName]);
        return (rest.ToArray(), sets, sets.Count == 0 || jobName is null ? Job.Default : BaseJob(jobName));
    }

    /// <summary>The JIT job, plus one NativeAOT job per instruction set, all on <paramref name="baseJob"/>; null when no instruction set is asked for.</summary>
    public static IConfig? Config(IReadOnlyList<string> instructionSets, Job baseJob)
    {
        if (instructionSets.Count == 0)
            return null;
        var config = DefaultConfig.Instance.AddJob(baseJob.WithId("JIT"));
        foreach (var set in instructionSets)
            config = config.AddJob(baseJob.WithRuntime(Runtime).WithToolchain(Toolchain(set)).WithId("AOT " + set));
        // The NativeAOT publish compiles BenchmarkDotNet and its dependencies too, which took over
        // BenchmarkDotNet's 5-minute limit for NativeAOT builds on two busy cores.
        config = config.WithBuildTimeout(AotBuildTimeout);
        // The trainer ships as a tool run by the JIT: its benchmarks mean nothing compiled ahead of time.
        return config.AddFilter(new SimpleFilter(c => !(c.Job.Id.StartsWith("AOT ", StringComparison.Ordinal)
            && c.Descriptor.Type.Name is "TrainingThroughputBenchmarks" or "BatchedProductBenchmarks")));
    }

    private static readonly TimeSpan AotBuildTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The jobs BenchmarkDotNet's <c>--job</c> names.</summary>
    private static Job BaseJob(string name) => name.ToLowerInvariant() switch
    {
        "default" => Job.Default,
        "dry" => Job.Dry,
        "short" => Job.ShortRun,
        "medium" => Job.MediumRun,
        "long" => Job.LongRun,
        "verylong" => Job.VeryLongRun,
        _ => throw new ArgumentException($"--job {name}: expected default, dry, short, medium, long or verylong."),
    };

    /// <summary>BenchmarkDotNet's own NativeAOT toolchain for the AOT target framework and <paramref name="instructionSet"/>.</summary>
    private static IToolchain Toolchain(string instructionSet) =>
        NativeAotToolchain.CreateBuilder()
            // No ILCompiler version: the SDK picks the one it publishes with, as `dotnet publish` would
            // (BenchmarkDotNet's ready-made Net10_0 toolchain points at a nightly feed instead).
            .UseNuGet("", "https://api.nuget.org/v3/index.json")
            .IlcInstructionSet(instructionSet)
            .TargetFrameworkMoniker(AotTargetFramework)
            .DisplayName($"NativeAOT {AotTargetFramework} {instructionSet}")
            .ToToolchain();

    private static NativeAotRuntime Runtime => AotTargetFramework switch
    {
        "net10.0" => NativeAotRuntime.Net10_0,
        var other => throw new InvalidOperationException($"No BenchmarkDotNet NativeAOT runtime is mapped for {other}; add it to AotJobs.Runtime."),
    };

    private static string AotTargetFramework => Metadata("RnnAotTargetFramework");

    private static string Metadata(string key)
    {
        foreach (var attribute in typeof(AotJobs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            if (attribute.Key == key && attribute.Value is { Length: > 0 } value)
                return value;
        throw new InvalidOperationException($"The benchmark assembly has no {key} metadata; build it through Rnn.Benchmarks.csproj.");
    }
}
