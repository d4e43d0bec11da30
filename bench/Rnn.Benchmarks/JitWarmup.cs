using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Rnn.Benchmarks;

/// <summary>
/// Runs the measured code for <see cref="Duration"/> before BenchmarkDotNet's own stages, so every row is
/// measured at the JIT's final tier whatever the job's warm-up count.
/// </summary>
/// <remarks>
/// Tiered compilation goes tier 0 → instrumented tier → tier 1 (with dynamic PGO), each step compiled on a
/// background thread after a quiet period. On a pinned core that thread shares the core with the benchmark,
/// and the final tier arrives after about 2 s. BenchmarkDotNet counts warm-up in iterations (`--job short`:
/// 3 of about 500 ms each), so short jobs measured some rows before tier-up.
/// NativeAOT code is final from the start: there this does nothing.
/// </remarks>
public static class JitWarmup
{
    /// <summary>
    /// Well past the time to the final tier on a pinned core: LSTM 1→32's generated code, run alone under
    /// <c>taskset -c 1</c>, stayed at tier 0 (3.4 µs per step) until 2.1 s and was final (480 ns) by 2.4 s;
    /// unpinned, by 0.6 s.
    /// </summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    /// <summary>Calls each of <paramref name="paths"/> in turn until <see cref="Duration"/> has passed (JIT only).</summary>
    public static void Run(params ReadOnlySpan<Action> paths)
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled)
            return;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            foreach (var path in paths)
                path();
        }
    }
}
