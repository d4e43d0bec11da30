using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Rnn.Runtime.Descriptors;

namespace Rnn.Trainer.Bench;

/// <summary>What one <c>rnn bench</c> run measured.</summary>
public sealed record BenchResult(
    string ModelPath,
    string InstructionSet,
    string SimdPath,
    int WarmupSteps,
    LatencyStats Latency,
    double TimerOverheadNs,
    long AllocatedBytes,
    double BudgetNs)
{
    /// <summary>True when p99 is within the budget and the steps allocated nothing.</summary>
    public bool Passed => Latency.P99 <= BudgetNs && AllocatedBytes == 0;

    /// <summary>The result as one JSON object, for CI dashboards.</summary>
    public string ToJson()
    {
        string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        string Text(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        return "{\n"
            + $"  \"model\": {Text(ModelPath)},\n"
            + $"  \"build\": \"NativeAOT\",\n"
            + $"  \"instruction_set\": {Text(InstructionSet)},\n"
            + $"  \"simd_path\": {Text(SimdPath)},\n"
            + $"  \"machine\": {Text(RuntimeInformation.OSDescription + ", " + RuntimeInformation.ProcessArchitecture + ", " + Environment.ProcessorCount + " cores")},\n"
            + $"  \"warmup_steps\": {WarmupSteps},\n"
            + $"  \"steps\": {Latency.Count},\n"
            + $"  \"p50_ns\": {Number(Latency.P50)},\n"
            + $"  \"p99_ns\": {Number(Latency.P99)},\n"
            + $"  \"max_ns\": {Number(Latency.Max)},\n"
            + $"  \"mean_ns\": {Number(Latency.Mean)},\n"
            + $"  \"timer_overhead_ns\": {Number(TimerOverheadNs)},\n"
            + $"  \"allocated_bytes\": {AllocatedBytes},\n"
            + $"  \"budget_ns\": {Number(BudgetNs)},\n"
            + $"  \"passed\": {(Passed ? "true" : "false")}\n"
            + "}\n";
    }
}

/// <summary>Builds the throwaway NativeAOT project, runs it and reads its samples.</summary>
public static class BenchRunner
{
    /// <summary>Validates the descriptor, publishes the measuring program with NativeAOT, runs it and summarises its samples.</summary>
    /// <exception cref="Rnn.Runtime.Descriptors.RnnDescriptorException">The descriptor is invalid.</exception>
    /// <exception cref="BenchException">The model runs whole sequences only, or the build or the run failed.</exception>
    public static BenchResult Run(string modelPath, string sourcesRoot, string instructionSet, int warmup, int steps, double budgetNs, TextWriter log)
    {
        // Validate first: a bad descriptor should read as the reader's message, not as a build log; so
        // should a model with no Step to time (a reverse or bidirectional layer runs whole sequences only).
        var descriptor = DescriptorReader.ReadFile(modelPath);
        if (Cli.WholeSequence.Reason(descriptor) is { } reason)
            throw new BenchException($"{modelPath}: {reason}: it needs the whole sequence, so it has no per-step latency to measure");

        string work = Path.Combine(Path.GetTempPath(), "rnn-bench-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            BenchProject.Write(work, sourcesRoot, modelPath, instructionSet);
            string output = Path.Combine(work, "out");
            log.WriteLine($"rnn bench: building {Path.GetFileName(modelPath)} with NativeAOT ({instructionSet}) ...");
            var (code, text) = Execute("dotnet", new[] { "publish", Path.Combine(work, "RnnBench.csproj"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "-nologo" }, work);
            if (code != 0)
                throw new BenchException($"the NativeAOT build failed (dotnet publish exited with {code}):\n{Tail(text, 40)}");

            string exe = Path.Combine(output, OperatingSystem.IsWindows() ? "RnnBench.exe" : "RnnBench");
            var (runCode, runText) = Execute(exe, new[] { warmup.ToString(CultureInfo.InvariantCulture), steps.ToString(CultureInfo.InvariantCulture) }, work);
            if (runCode != 0)
                throw new BenchException($"the benchmark program failed (exit code {runCode}):\n{Tail(runText, 20)}");
            return Parse(runText, modelPath, instructionSet, warmup, budgetNs);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    /// <summary>Reads the measuring program's output: a header of "key value" lines, then "samples" and one ns value per line.</summary>
    public static BenchResult Parse(string text, string modelPath, string instructionSet, int warmup, double budgetNs)
    {
        var header = new Dictionary<string, string>();
        var samples = new List<double>();
        bool inSamples = false;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (inSamples)
            {
                samples.Add(double.Parse(line, CultureInfo.InvariantCulture));
                continue;
            }

            if (line == "samples")
            {
                inSamples = true;
                continue;
            }

            int space = line.IndexOf(' ');
            if (space > 0)
                header[line[..space]] = line[(space + 1)..];
        }

        if (samples.Count == 0 || !header.TryGetValue("timer_overhead_ns", out var overheadText) || !header.TryGetValue("simd_path", out var path)
            || !header.TryGetValue("allocated_bytes", out var allocatedText))
            throw new BenchException("the benchmark program's output was incomplete:\n" + Tail(text, 10));

        // Each sample includes one timer read; take its median cost off, never below zero.
        double overhead = double.Parse(overheadText, CultureInfo.InvariantCulture);
        var corrected = samples.ConvertAll(s => Math.Max(0, s - overhead)).ToArray();
        return new BenchResult(modelPath, instructionSet, path, warmup, LatencyStats.From(corrected), overhead,
            long.Parse(allocatedText, CultureInfo.InvariantCulture), budgetNs);
    }

    private static (int Code, string Output) Execute(string file, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new BenchException($"cannot start {file}");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join("\n", all[Math.Max(0, all.Length - lines)..]);
    }
}

/// <summary>A benchmark that could not be built or run; the message says why.</summary>
public sealed class BenchException(string message) : Exception(message);
