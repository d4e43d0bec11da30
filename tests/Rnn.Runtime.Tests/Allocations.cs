using System;

namespace Rnn.Runtime.Tests;

internal static class Allocations
{
    /// <summary>
    /// Bytes the current thread allocates while running <paramref name="work"/>, the least over three
    /// attempts. The runtime itself occasionally allocates a few KB on a test thread while it tiers up
    /// code running under parallel test load; that happens once, while an allocation in the code under
    /// test happens on every step of every attempt, so the minimum is zero only if the steps allocate nothing.
    /// </summary>
    public static long Measure(Action work)
    {
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
