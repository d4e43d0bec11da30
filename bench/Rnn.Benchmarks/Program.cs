using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Rnn.Benchmarks -- --filter '*' --join
BenchmarkSwitcher.FromAssembly(typeof(Rnn.Benchmarks.StepLatencyBenchmarks).Assembly).Run(args);
