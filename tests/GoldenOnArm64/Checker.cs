using System;
using Rnn.Runtime;

namespace GoldenOnArm64;

/// <summary>Runs a generated model over a fixture's inputs: step by step, or in one Run for a whole-sequence model.</summary>
internal delegate float[] Check(float[] inputs, int steps, int inputSize, int outputSize, bool wholeSequence);

/// <summary>The check of one generated model, called through its struct type (the code a user runs).</summary>
internal static class Checker<TModel>
    where TModel : struct, IGeneratedRnnModel
{
    public static float[] Run(float[] inputs, int steps, int inputSize, int outputSize, bool wholeSequence)
    {
        TModel model = default;
        if ((model.InputSize, model.OutputSize) != (inputSize, outputSize))
            throw new InvalidOperationException($"the generated model is {model.InputSize} -> {model.OutputSize}, the fixture {inputSize} -> {outputSize}");
        var outputs = new float[steps * outputSize];
        if (wholeSequence)
        {
            model.Run(inputs, outputs);
            return outputs;
        }

        for (int t = 0; t < steps; t++)
            model.Step(inputs.AsSpan(t * inputSize, inputSize), outputs.AsSpan(t * outputSize, outputSize));
        return outputs;
    }
}
