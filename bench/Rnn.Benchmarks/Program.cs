using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Rnn.Benchmarks;

// dotnet run -c Release -f net10.0 --project bench/Rnn.Benchmarks -- --filter '*' --join [--aot x86-64-v3]
// RNN_BENCH_MODELS=lstm_1x8,gru_1x64 restricts the step benchmarks to those models.
var (benchmarkArgs, aotInstructionSets, baseJob) = AotJobs.SplitArguments(args);
var config = AotJobs.Config(aotInstructionSets, baseJob);
BenchmarkSwitcher.FromAssembly(typeof(StepLatencyBenchmarks).Assembly).Run(benchmarkArgs, config);
