using System;
using System.Numerics;

namespace Rnn.Trainer.Losses;

/// <summary>L = mean over the scored values of (y − target)², as PyTorch's MSELoss(reduction="mean").</summary>
internal static class MeanSquaredError
{
    /// <summary>
    /// Loss of output [T, B, O] against targets ([T, B, O] or, for <see cref="LossScope.LastStep"/>, [B, O]);
    /// writes ∂L/∂output into <paramref name="gradient"/> (zero where nothing is scored).
    /// </summary>
    public static T Compute<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> targets, Span<T> gradient, int steps, int batch, int width, LossScope scope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int first = scope == LossScope.EveryStep ? 0 : (steps - 1) * batch * width;
        int count = output.Length - first;
        if (targets.Length != count)
            throw new ArgumentException($"Expected {count} target values, found {targets.Length}.", nameof(targets));
        gradient[..first].Clear();
        T sum = T.Zero, scale = T.CreateChecked(2.0 / count);
        for (int k = 0; k < count; k++)
        {
            T d = output[first + k] - targets[k];
            sum += d * d;
            gradient[first + k] = scale * d; // ∂/∂y of (y − t)² / N
        }

        return sum / T.CreateChecked(count);
    }
}
