#if NET10_0_OR_GREATER
using System;
using BenchmarkDotNet.Attributes;
using Rnn.Trainer.Numerics;

namespace Rnn.Benchmarks;

/// <summary>
/// How close do the trainer's batched matrix products come to the FMA peak? The shapes training runs for
/// LSTM 64 at batch 32, sequence 64 (I = 8): the per-step recurrent product, the input projection over
/// all steps, and the weight gradient over all steps. Compare MAC/ns with MachineFloorBenchmarks.FmaPeak.
/// </summary>
[Config(typeof(TrainingConfig))]
public class BatchedProductBenchmarks
{
    private float[] _a = null!, _b = null!, _c = null!;

    /// <summary>m×k·k×n; "T" = Aᵀ·B with A stored k×m.</summary>
    [Params("recurrent 32x64.64x256", "input 2048x8.8x256", "weight-grad T 256x2048.2048x64")]
    public string Shape { get; set; } = "";

    private (int M, int K, int N, bool Transposed) Dimensions => Shape switch
    {
        "recurrent 32x64.64x256" => (32, 64, 256, false),
        "input 2048x8.8x256" => (2048, 8, 256, false),
        _ => (256, 2048, 64, true),
    };

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n, _) = Dimensions;
        var random = new Random(1);
        _a = new float[m * k];
        _b = new float[k * n];
        _c = new float[m * n];
        for (int i = 0; i < _a.Length; i++)
            _a[i] = (float)random.NextDouble();
        for (int i = 0; i < _b.Length; i++)
            _b[i] = (float)random.NextDouble();
        Console.WriteLine($"// multiply-adds per invocation: {(long)m * k * n}");
    }

    [Benchmark]
    public float Product()
    {
        var (m, k, n, transposed) = Dimensions;
        if (transposed)
            Gemm.TransposedMultiplyAdd<float>(_a, _b, _c, m, k, n);
        else
            Gemm.MultiplyAdd<float>(_a, _b, _c, m, k, n);
        return _c[0];
    }
}
#endif
