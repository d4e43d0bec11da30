using BenchmarkDotNet.Running;

// dotnet run -c Release -f net10.0 --project bench/Rnn.Benchmarks -- --filter '*' --join
// RNN_BENCH_MODELS=lstm_1x8,gru_1x64 restricts the step benchmarks to those models.
BenchmarkSwitcher.FromAssembly(typeof(Rnn.Benchmarks.StepLatencyBenchmarks).Assembly).Run(args);
