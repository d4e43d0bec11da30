using System;

namespace Rnn.StepTimer;

/// <summary>The input the timed loop cycles through: <see cref="Calls"/> calls of <see cref="StepsPerCall"/> steps, in pinned memory.</summary>
internal sealed class TimingInput
{
    public TimingInput(int inputSize, int stepsPerCall)
    {
        InputSize = inputSize;
        StepsPerCall = stepsPerCall;
        Calls = InputSignal.TimingCalls(stepsPerCall, inputSize);
        Values = InputSignal.Make(0, Calls * stepsPerCall, inputSize);
    }

    public int InputSize { get; }

    public int StepsPerCall { get; }

    public int Calls { get; }

    /// <summary>All calls' inputs, step-major; pinned, so native code may keep pointers into it.</summary>
    public float[] Values { get; }

    public ReadOnlySpan<float> Call(int call) => Values.AsSpan(call * StepsPerCall * InputSize, StepsPerCall * InputSize);

    public Memory<float> CallMemory(int call) => Values.AsMemory(call * StepsPerCall * InputSize, StepsPerCall * InputSize);
}
