using System;

namespace Rnn.StepTimer;

/// <summary>One implementation under test, fed the timing input a call (<c>steps-per-call</c> steps) at a time.</summary>
internal abstract class Contender : IDisposable
{
    /// <summary>What the implementation runs on here: the SIMD path, or the library's name and version.</summary>
    public abstract string Path { get; }

    /// <summary>Streams each step of a call advances: 1, or B for a batch (the timer reports ns per stream-step).</summary>
    public virtual int Streams => 1;

    /// <summary>The sum of the outputs of <paramref name="steps"/> steps of <paramref name="inputs"/>, from zero state.</summary>
    public abstract double Checksum(float[] inputs, int steps);

    /// <summary>Runs call <paramref name="call"/> of the timing input and returns its last output.</summary>
    public abstract float RunCall(int call);

    public virtual void Dispose()
    {
    }
}
