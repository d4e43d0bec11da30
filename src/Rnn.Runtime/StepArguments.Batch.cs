using System;
using System.Diagnostics.CodeAnalysis;

namespace Rnn.Runtime;

/// <summary>The length checks of a batched step, shared by the interpreter and generated code.</summary>
public static partial class StepArguments
{
    /// <summary>
    /// Throws unless the spans hold exactly one step of every stream: <paramref name="streams"/> ×
    /// <paramref name="inputSize"/> values in, <paramref name="streams"/> × <paramref name="outputSize"/> out.
    /// </summary>
    public static void CheckBatch(int streams, int inputLength, int outputLength, int inputSize, int outputSize)
    {
        if (inputLength != (long)streams * inputSize)
            ThrowBatch("inputs", inputLength, streams, inputSize, "input");
        if (outputLength != (long)streams * outputSize)
            ThrowBatch("outputs", outputLength, streams, outputSize, "output");
    }

    [DoesNotReturn]
    private static void ThrowBatch(string name, int found, int streams, int size, string what) =>
        throw new ArgumentException(
            $"Expected {name} of {streams} streams × {size} {what} values = {(long)streams * size} (stream s at [s × {size}, (s + 1) × {size})), found {found}.", name);
}
