using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace Rnn.Benchmarks;

/// <summary>
/// What can this machine do at best? Tight loops of our own, run in the same session as the step
/// benchmarks so their ratios compare like with like. Each reports nanoseconds per multiply-add or per byte.
/// </summary>
[Config(typeof(BenchConfig))]
public class MachineFloorBenchmarks
{
    /// <summary>Fused multiply-adds per invocation of <see cref="FmaPeak"/>: 12 chains × 8 lanes × 4096.</summary>
    public const int MultiplyAdds = 12 * 8 * Iterations;

    /// <summary>256 KiB: twice Zen 3's L2 size/4 and 8× its L1, so every read comes from L2.</summary>
    public const int L2Bytes = 256 * 1024;

    private const int Iterations = 4096;
    private float[] _buffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = new float[L2Bytes / sizeof(float)];
        for (int i = 0; i < _buffer.Length; i++)
            _buffer[i] = i % 7;
    }

    /// <summary>Twelve independent Vector256 FMA chains: enough to cover 4-cycle latency on two FMA pipes.</summary>
    [Benchmark(OperationsPerInvoke = MultiplyAdds)]
    public float FmaPeak()
    {
        var m = Vector256.Create(0.999f);
        var c = Vector256.Create(0.001f);
        Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c);
            a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c);
            a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>Streams a 256 KiB buffer that lives in L2 (not L1) with eight independent accumulators.</summary>
    [Benchmark(OperationsPerInvoke = L2Bytes)]
    public float L2Read()
    {
        ref float start = ref MemoryMarshal.GetArrayDataReference(_buffer);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (nuint i = 0; i < (nuint)_buffer.Length; i += 64)
        {
            s0 += Vector256.LoadUnsafe(ref start, i);
            s1 += Vector256.LoadUnsafe(ref start, i + 8);
            s2 += Vector256.LoadUnsafe(ref start, i + 16);
            s3 += Vector256.LoadUnsafe(ref start, i + 24);
            s4 += Vector256.LoadUnsafe(ref start, i + 32);
            s5 += Vector256.LoadUnsafe(ref start, i + 40);
            s6 += Vector256.LoadUnsafe(ref start, i + 48);
            s7 += Vector256.LoadUnsafe(ref start, i + 56);
        }

        return Vector256.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7);
    }
}
