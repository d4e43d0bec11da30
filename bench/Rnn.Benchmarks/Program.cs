using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Rnn.Benchmarks.InterpreterStepBenchmarks).Assembly).Run(args);
