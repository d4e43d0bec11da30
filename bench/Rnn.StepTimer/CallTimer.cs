using System;
using System.Diagnostics;

namespace Rnn.StepTimer;

/// <summary>Warms a contender up for a while, then times whole calls for a while: ns per step over the timed part.</summary>
internal static class CallTimer
{
    /// <summary>Calls between clock reads.</summary>
    private const int CallsPerCheck = 8;

    /// <summary>Where the last outputs go, so no call is optimised away.</summary>
    public static float Sink;

    public static double NanosecondsPerStep(Contender contender, TimingInput input, TimeSpan warmUp, TimeSpan measure)
    {
        int call = 0;
        float sink = 0;

        // The JIT needs about 2 s on a pinned core to reach its final tier (NativeAOT code is final at once).
        long warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUpEnd)
            sink += RunCalls(contender, input, ref call);

        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        long steps = 0;
        long now;
        do
        {
            sink += RunCalls(contender, input, ref call);
            steps += (long)CallsPerCheck * input.StepsPerCall;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);

        Sink = sink;
        return (now - start) * 1e9 / Stopwatch.Frequency / steps;
    }

    private static float RunCalls(Contender contender, TimingInput input, ref int call)
    {
        float sink = 0;
        for (int k = 0; k < CallsPerCheck; k++)
        {
            sink += contender.RunCall(call);
            call = call + 1 == input.Calls ? 0 : call + 1;
        }

        return sink;
    }
}
