using System;

namespace Rnn.Trainer.Bench;

/// <summary>Percentiles of per-step latencies, in nanoseconds.</summary>
public readonly record struct LatencyStats(int Count, double P50, double P99, double Max, double Mean)
{
    /// <summary>
    /// Summarises samples (nanoseconds each). Percentiles are nearest-rank: the smallest sample with at
    /// least p% of the samples at or below it, so p99 is a latency that 99% of steps actually met.
    /// </summary>
    public static LatencyStats From(ReadOnlySpan<double> samples)
    {
        if (samples.Length == 0)
            throw new ArgumentException("No samples.", nameof(samples));
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        foreach (double s in sorted)
            sum += s;
        return new LatencyStats(sorted.Length, Rank(sorted, 50), Rank(sorted, 99), sorted[^1], sum / sorted.Length);
    }

    private static double Rank(double[] sorted, double percent)
    {
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
