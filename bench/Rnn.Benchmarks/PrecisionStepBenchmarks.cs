using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Benchmarks;

/// <summary>
/// How long does one generated step take when the weight matrices are float16, bfloat16 or int8 words
/// instead of float32 (issue 12)? The same models, input and step count as <see cref="StepLatencyBenchmarks"/>,
/// whose Generated row is the float32 baseline; results are per step.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class PrecisionStepBenchmarks
{
    private IStepRunner _generated = null!;
    private float[] _inputs = null!, _outputs = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "";

    [ParamsSource(nameof(Precisions))]
    public string Precision { get; set; } = "";

    /// <summary>The models with reduced-precision variants, or the comma-separated subset of them in RNN_BENCH_MODELS.</summary>
    public static string[] Models =>
        Environment.GetEnvironmentVariable("RNN_BENCH_MODELS") is { Length: > 0 } subset
            ? Array.FindAll(subset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), m => Array.IndexOf(PrecisionBenchModels.Names, m) >= 0)
            : PrecisionBenchModels.Names;

    public static string[] Precisions => PrecisionBenchModels.Precisions;

    [GlobalSetup]
    public void Setup()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "Models", Model + ".rnn.json");
        if (!File.Exists(file))
            file = Path.Combine(AppContext.BaseDirectory, "Models", "large", Model + ".rnn.json");
        var descriptor = DescriptorReader.ReadFile(file);
        var random = new Random(2026);
        _inputs = new float[StepLatencyBenchmarks.Steps * descriptor.InputSize];
        for (int i = 0; i < _inputs.Length; i++)
            _inputs[i] = MathF.Sin(i * 0.3f) + (float)(random.NextDouble() - 0.5) * 0.2f;
        _outputs = new float[StepLatencyBenchmarks.Steps];
        _generated = PrecisionBenchModels.Generated(Model, Precision);
        Console.WriteLine($"// SIMD path: {SimdCapabilities.Best}; weights {Precision}");
        JitWarmup.Run(() => Generated());
    }

    [Benchmark(OperationsPerInvoke = StepLatencyBenchmarks.Steps)]
    public float Generated()
    {
        _generated.Run(_inputs, _outputs);
        return _outputs[StepLatencyBenchmarks.Steps - 1];
    }
}
