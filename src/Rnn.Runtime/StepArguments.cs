using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Rnn.Runtime;

/// <summary>
/// The span-length checks of <see cref="IRnnModel.Step"/> and <see cref="IRnnModel.Run"/>, shared by the
/// interpreter and generated code so both say the same thing. Not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class StepArguments
{
    /// <summary>Throws unless the spans hold exactly one step.</summary>
    public static void CheckStep(int inputLength, int outputLength, int inputSize, int outputSize)
    {
        if (inputLength != inputSize)
            ThrowInput(inputLength, inputSize);
        if (outputLength != outputSize)
            ThrowOutput(outputLength, outputSize);
    }

    /// <summary>Throws unless the spans hold the same whole number of steps; returns that number.</summary>
    public static int CheckRun(int inputLength, int outputLength, int inputSize, int outputSize)
    {
        if (inputLength % inputSize != 0)
            ThrowPartialSteps(inputLength, inputSize);
        int steps = inputLength / inputSize;
        if (outputLength != steps * outputSize)
            ThrowRunOutput(outputLength, steps, outputSize);
        return steps;
    }

    [DoesNotReturn]
    private static void ThrowInput(int found, int expected) =>
        throw new ArgumentException($"Expected an input of {expected} values, found {found}.", "input");

    [DoesNotReturn]
    private static void ThrowOutput(int found, int expected) =>
        throw new ArgumentException($"Expected an output of {expected} values, found {found}.", "output");

    [DoesNotReturn]
    private static void ThrowPartialSteps(int found, int inputSize) =>
        throw new ArgumentException($"Expected a whole number of steps of {inputSize} input values, found {found} values.", "inputs");

    [DoesNotReturn]
    private static void ThrowRunOutput(int found, int steps, int outputSize) =>
        throw new ArgumentException($"Expected {steps} steps × {outputSize} = {steps * outputSize} output values for {steps} input steps, found {found}.", "outputs");
}
