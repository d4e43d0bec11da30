using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Rnn.Trainer.Bench;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Cli;

/// <summary>
/// <c>rnn bench MODEL --budget 20us</c>: measures the per-step latency of the model's generated code as
/// shipped (NativeAOT, chosen instruction set) and fails when p99 exceeds the budget.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Exit code when the run worked but p99 is over budget (or a step allocated).</summary>
    public const int OverBudget = 3;

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model descriptor (*.rnn.json)." };
        var budget = new Option<string>("--budget", "-b") { Description = "Per-step p99 latency budget, e.g. 20us, 500ns, 1ms.", Required = true };
        var isa = new Option<string>("--instruction-set", "--isa")
        {
            Description = "NativeAOT instruction set: default (x86-64-v2 on x64), x86-64-v3 (AVX2+FMA), x86-64-v4 (AVX-512), native, or any IlcInstructionSet value.",
            DefaultValueFactory = _ => "x86-64-v3",
        };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 100_000 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 20_000 };
        var json = new Option<string?>("--json") { Description = "Also write the result as JSON to this file." };
        var sources = new Option<string?>("--sources") { Description = "The Rnn.Embedded checkout to build against (default: found above this tool or the current directory)." };
        var command = new Command("bench", "Measure p50/p99/max step latency of the model's generated code under NativeAOT; exit 3 when p99 exceeds the budget.")
        {
            model, budget, isa, steps, warmup, json, sources,
        };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(budget)!, result.GetValue(isa)!, result.GetValue(steps),
            result.GetValue(warmup), result.GetValue(json), result.GetValue(sources), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, string budgetText, string instructionSet, int steps, int warmup, string? jsonPath, string? sourcesRoot,
        TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            DataFiles.RequireNotFolder(modelPath);
            if (!LatencyBudget.TryParse(budgetText, out double budget, out string error))
                return CliErrors.Fail(stderr, "--budget: " + error);
            if (steps < 100 || warmup < 0)
                return CliErrors.Fail(stderr, $"--steps must be at least 100 and --warmup at least 0; found {steps} and {warmup}");
            string? root = sourcesRoot ?? BenchProject.FindSources(AppContext.BaseDirectory) ?? BenchProject.FindSources(Directory.GetCurrentDirectory());
            if (root is null || BenchProject.FindSources(root) is null)
                return CliErrors.Fail(stderr, "cannot find the Rnn.Embedded sources (src/Rnn.Runtime and src/Rnn.Generator); run rnn bench from a checkout or pass --sources DIR");

            BenchResult result;
            try
            {
                result = BenchRunner.Run(Path.GetFullPath(modelPath), root, instructionSet, warmup, steps, budget, stderr);
            }
            catch (BenchException e)
            {
                return CliErrors.Fail(stderr, e.Message);
            }

            var l = result.Latency;
            string Ns(double v) => v.ToString("#,0", CultureInfo.InvariantCulture) + " ns";
            stdout.WriteLine($"{modelPath}: NativeAOT ({result.InstructionSet}), SIMD path {result.SimdPath}");
            stdout.WriteLine($"  {l.Count:#,0} steps after {result.WarmupSteps:#,0} warm-up steps; timer overhead {result.TimerOverheadNs:0} ns subtracted");
            stdout.WriteLine($"  p50 {Ns(l.P50)}   p99 {Ns(l.P99)}   max {Ns(l.Max)}   mean {Ns(l.Mean)}");
            if (result.AllocatedBytes != 0)
                stdout.WriteLine($"  FAIL: the steps allocated {result.AllocatedBytes} bytes");
            stdout.WriteLine(l.P99 <= budget
                ? $"  PASS: p99 {Ns(l.P99)} is within the budget of {budgetText}"
                : $"  FAIL: p99 {Ns(l.P99)} exceeds the budget of {budgetText}");
            if (jsonPath is not null)
                File.WriteAllText(jsonPath, result.ToJson());
            return result.Passed ? 0 : OverBudget;
        });
}
