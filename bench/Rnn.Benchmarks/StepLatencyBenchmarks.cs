using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;

namespace Rnn.Benchmarks;

/// <summary>
/// How long does one step of RNN(I→H) + Dense(H→1) take, for generated code, the interpreter and a naive
/// scalar implementation? Each invocation streams <see cref="Steps"/> steps of a seeded input through the
/// model (state carries over, as in a real stream); results are per step.
/// </summary>
[Config(typeof(BenchConfig))]
public class StepLatencyBenchmarks
{
    public const int Steps = 64;

    private IStepRunner _generated = null!, _interpreter = null!, _naive = null!;
    private float[] _inputs = null!, _outputs = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "";

    /// <summary>Every model, or the comma-separated subset in RNN_BENCH_MODELS (e.g. <c>lstm_1x8,gru_1x64</c>).</summary>
    public static IEnumerable<string> Models =>
        Environment.GetEnvironmentVariable("RNN_BENCH_MODELS") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : BenchModels.Names;

    [GlobalSetup]
    public void Setup()
    {
        var descriptor = DescriptorReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Models", Model + ".rnn.json"));
        var random = new Random(2026);
        _inputs = new float[Steps * descriptor.InputSize];
        for (int i = 0; i < _inputs.Length; i++)
            _inputs[i] = MathF.Sin(i * 0.3f) + (float)(random.NextDouble() - 0.5) * 0.2f;
        _outputs = new float[Steps];
        _generated = BenchModels.Generated(Model);
        _interpreter = new InterpreterRunner(InterpretedModel.FromDescriptor(descriptor).CreateState());
        _naive = new NaiveModel(descriptor);
        Console.WriteLine($"// SIMD path: {SimdCapabilities.Best} (Vector256 accelerated: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated})");
        JitWarmup.Run(() => Generated(), () => Interpreter(), () => NaiveScalar());
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public float Generated()
    {
        _generated.Run(_inputs, _outputs);
        return _outputs[Steps - 1];
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public float Interpreter()
    {
        _interpreter.Run(_inputs, _outputs);
        return _outputs[Steps - 1];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public float NaiveScalar()
    {
        _naive.Run(_inputs, _outputs);
        return _outputs[Steps - 1];
    }
}
