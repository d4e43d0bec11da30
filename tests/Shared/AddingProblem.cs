using System;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;

namespace Rnn.Tests.Shared;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber): each step gives a value in [0, 1) and a marker; exactly
/// two steps are marked, one in each half, and the target at the last step is the sum of the two marked
/// values. Always answering the mean (1.0) scores an MSE of about 1/6; the answer needs memory across
/// up to <c>steps</c> steps. The trainer's demonstration test and bench/Rnn.TrainTimer's quality task both
/// train on it, so both compile this one file.
/// </summary>
internal static class AddingProblem
{
    /// <summary><paramref name="count"/> sequences of <paramref name="steps"/> steps, 2 inputs and 1 last-step target.</summary>
    public static SequenceDataset Generate(int count, int steps, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * steps * 2];
        var y = new float[count];
        for (int n = 0; n < count; n++)
        {
            int first = random.Next(steps / 2), second = steps / 2 + random.Next(steps / 2);
            for (int t = 0; t < steps; t++)
            {
                float value = (float)random.NextDouble();
                x[(n * steps + t) * 2] = value;
                if (t == first || t == second)
                {
                    x[(n * steps + t) * 2 + 1] = 1;
                    y[n] += value;
                }
            }
        }

        return new SequenceDataset(count, steps, 2, 1, TargetKind.Regression, LossScope.LastStep, x, y, null);
    }
}
