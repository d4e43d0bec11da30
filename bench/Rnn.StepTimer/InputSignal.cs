using System;

namespace Rnn.StepTimer;

/// <summary>
/// The input every contender sees, here and in bench/rtneural/harness.cpp (keep the two the same):
/// x[t, i] = sin(0.05 t + 0.3 i), computed in double and rounded to float.
/// </summary>
internal static class InputSignal
{
    /// <summary>Steps from zero state whose outputs are summed into the checksum.</summary>
    public const int ChecksumSteps = 1000;

    /// <summary>Values the timed loop cycles through, at most (64 KiB): small enough to stay in L1/L2 beside the weights.</summary>
    public const int TimingValues = 1024;

    /// <summary>Steps <paramref name="start"/> … <paramref name="start"/> + <paramref name="steps"/> − 1, step-major.</summary>
    public static float[] Make(int start, int steps, int inputSize)
    {
        var values = GC.AllocateArray<float>(steps * inputSize, pinned: true);
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < inputSize; i++)
                values[t * inputSize + i] = (float)Math.Sin(0.05 * (start + t) + 0.3 * i);
        }

        return values;
    }

    /// <summary>Whole calls of <paramref name="stepsPerCall"/> steps the timed loop cycles through (at least one).</summary>
    public static int TimingCalls(int stepsPerCall, int inputSize) => Math.Max(1, TimingValues / (stepsPerCall * inputSize));
}
