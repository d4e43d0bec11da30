using System;
using Rnn.Trainer.Losses;

namespace Rnn.Trainer.Data;

/// <summary>What a model learns to output: real values under mean squared error, or classes under softmax cross-entropy.</summary>
public enum TargetKind
{
    /// <summary>Real-valued targets, mean squared error.</summary>
    Regression,

    /// <summary>Class indices, softmax cross-entropy; the exported head is a softmax.</summary>
    Classification,
}

/// <summary>
/// Equal-length training sequences and their targets, sequence-major: inputs [N, T, I]; targets [N, T, O]
/// (or [N, O] when only the last step is scored) for regression, [N, T] (or [N]) classes for classification.
/// </summary>
public sealed class SequenceDataset
{
    /// <summary>Creates a dataset; the arrays are adopted, not copied.</summary>
    public SequenceDataset(int count, int steps, int inputSize, int outputSize, TargetKind kind, LossScope scope,
        float[] inputs, float[]? realTargets, int[]? classTargets)
    {
        int scored = scope == LossScope.EveryStep ? steps : 1;
        if (inputs.Length != count * steps * inputSize)
            throw new ArgumentException($"Expected {count * steps * inputSize} input values, found {inputs.Length}.", nameof(inputs));
        if (kind == TargetKind.Regression && realTargets?.Length != count * scored * outputSize)
            throw new ArgumentException($"Expected {count * scored * outputSize} target values.", nameof(realTargets));
        if (kind == TargetKind.Classification && classTargets?.Length != count * scored)
            throw new ArgumentException($"Expected {count * scored} target classes.", nameof(classTargets));
        (Count, Steps, InputSize, OutputSize, Kind, Scope) = (count, steps, inputSize, outputSize, kind, scope);
        Inputs = inputs;
        RealTargets = realTargets ?? [];
        ClassTargets = classTargets ?? [];
    }

    /// <summary>Number of sequences.</summary>
    public int Count { get; }

    /// <summary>Steps per sequence.</summary>
    public int Steps { get; }

    /// <summary>Values per step in.</summary>
    public int InputSize { get; }

    /// <summary>Values per step out (classes for classification).</summary>
    public int OutputSize { get; }

    /// <summary>Regression or classification.</summary>
    public TargetKind Kind { get; }

    /// <summary>Which steps are scored.</summary>
    public LossScope Scope { get; }

    /// <summary>[N, T, I].</summary>
    public float[] Inputs { get; }

    /// <summary>[N, T, O] or [N, O].</summary>
    public float[] RealTargets { get; }

    /// <summary>[N, T] or [N].</summary>
    public int[] ClassTargets { get; }

    /// <summary>
    /// Gathers sequences <paramref name="order"/>[start..start+batch) for steps [from, from+steps) into
    /// time-major buffers: x [steps, B, I]; targets for those steps in the loss's layout (for a
    /// <see cref="LossScope.LastStep"/> dataset only the chunk holding the last step has targets).
    /// </summary>
    public void Gather(ReadOnlySpan<int> order, int start, int batch, int from, int steps, Span<float> x, Span<float> realTargets, Span<int> classTargets)
    {
        int i = InputSize, o = OutputSize;
        for (int b = 0; b < batch; b++)
        {
            int n = order[start + b];
            for (int t = 0; t < steps; t++)
                Inputs.AsSpan((n * Steps + from + t) * i, i).CopyTo(x.Slice((t * batch + b) * i, i));
            if (Scope == LossScope.EveryStep)
            {
                for (int t = 0; t < steps; t++)
                {
                    if (Kind == TargetKind.Regression)
                        RealTargets.AsSpan((n * Steps + from + t) * o, o).CopyTo(realTargets.Slice((t * batch + b) * o, o));
                    else
                        classTargets[t * batch + b] = ClassTargets[n * Steps + from + t];
                }
            }
            else if (from + steps == Steps)
            {
                if (Kind == TargetKind.Regression)
                    RealTargets.AsSpan(n * o, o).CopyTo(realTargets.Slice(b * o, o));
                else
                    classTargets[b] = ClassTargets[n];
            }
        }
    }
}
