using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;

namespace Rnn.Benchmarks;

/// <summary>
/// How long does one stream-step take when B streams are stepped together (StepBatch: each weight read once per
/// step for all of them), against the same B streams stepped one Step at a time? Each invocation runs
/// <see cref="StreamSteps"/> stream-steps (<see cref="StreamSteps"/> / B time steps of B streams, each stream fed
/// its own seeded signal), so every row is the time per stream-step.
/// </summary>
[Config(typeof(BenchConfig))]
public class BatchStepBenchmarks
{
    /// <summary>Stream-steps per invocation: a multiple of every B.</summary>
    public const int StreamSteps = 256;

    private IBatchRunner _each = null!, _together = null!, _interpreter = null!;
    private float[] _inputs = null!, _outputs = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "";

    [Params(1, 4, 8, 32)]
    public int Streams { get; set; }

    /// <summary>LSTM and GRU 1→64, 64→64 and 1→128, or the comma-separated subset in RNN_BENCH_MODELS.</summary>
    public static string[] Models =>
        Environment.GetEnvironmentVariable("RNN_BENCH_MODELS") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["lstm_1x64", "lstm_64x64", "lstm_1x128", "gru_1x64", "gru_64x64", "gru_1x128"];

    [GlobalSetup]
    public void Setup()
    {
        var model = InterpretedModel.Load(Path.Combine(AppContext.BaseDirectory, "Models", Model + ".rnn.json"));
        var random = new Random(2026);
        int steps = StreamSteps / Streams;
        _inputs = new float[StreamSteps * model.InputSize];
        for (int i = 0; i < _inputs.Length; i++)
            _inputs[i] = MathF.Sin(i * 0.3f) + (float)(random.NextDouble() - 0.5) * 0.2f;
        _outputs = new float[steps * Streams * model.OutputSize];
        var source = (IBatchSource)BenchModels.Generated(Model);
        _each = source.Batch(Streams, together: false);
        _together = source.Batch(Streams, together: true);
        _interpreter = new InterpreterBatchRunner(model.CreateBatch(Streams));
        Console.WriteLine($"// SIMD path: {SimdCapabilities.Best}; {Streams} streams, {steps} steps of each per invocation");
        JitWarmup.Run(() => GeneratedStepEach(), () => GeneratedStepBatch(), () => InterpreterStepBatch());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = StreamSteps)]
    public float GeneratedStepEach()
    {
        _each.Run(_inputs, _outputs);
        return _outputs[^1];
    }

    [Benchmark(OperationsPerInvoke = StreamSteps)]
    public float GeneratedStepBatch()
    {
        _together.Run(_inputs, _outputs);
        return _outputs[^1];
    }

    [Benchmark(OperationsPerInvoke = StreamSteps)]
    public float InterpreterStepBatch()
    {
        _interpreter.Run(_inputs, _outputs);
        return _outputs[^1];
    }
}
