using System;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;

namespace Rnn.TrainTimer;

/// <summary>
/// The trainer issue's speed workload, shared by both sides: 64 steps, batch 32, one regression output at
/// every step (mean squared error), Adam at 1e-3, no clipping, full BPTT, over a seeded pool of 4,096 sequences.
/// </summary>
internal static class Workload
{
    public const int Steps = 64, Batch = 32, PoolSize = 4096, Outputs = 1, PoolSeed = 2026;
    public const double LearningRate = 1e-3;

    /// <summary>Inputs [N, T, I] and targets [N, T, 1], uniform in [-1, 1), sequence-major.</summary>
    public static (float[] X, float[] Y) Pool(int count, int inputSize, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * Steps * inputSize];
        var y = new float[count * Steps * Outputs];
        for (int k = 0; k < x.Length; k++)
            x[k] = (float)(random.NextDouble() * 2 - 1);
        for (int k = 0; k < y.Length; k++)
            y[k] = (float)(random.NextDouble() * 2 - 1);
        return (x, y);
    }

    /// <summary>[N, T, W] sequence-major → [T, N, W] time-major (what torch's RNN modules take).</summary>
    public static float[] TimeMajor(float[] values, int count, int steps, int width)
    {
        var result = new float[values.Length];
        for (int n = 0; n < count; n++)
            for (int t = 0; t < steps; t++)
                Array.Copy(values, (n * steps + t) * width, result, (t * count + n) * width, width);
        return result;
    }

    /// <summary>The widest hardware-accelerated .NET vector width (what the trainer's kernels can use).</summary>
    public static string SimdPath =>
        Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";

    /// <summary>The CPU's model name from /proc/cpuinfo (Linux), or "unknown".</summary>
    public static string CpuModel
    {
        get
        {
            try
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
            }
            catch (IOException)
            {
                return "unknown";
            }
        }
    }
}
