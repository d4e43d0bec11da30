using System;
using System.Numerics;

namespace Rnn.Trainer.Losses;

/// <summary>
/// L = mean over scored steps and sequences of −log softmax(logits)[target], as PyTorch's
/// CrossEntropyLoss(reduction="mean") on the model's linear output (exported with a softmax head).
/// </summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>Loss of logits [T, B, C] against class indices ([T, B] or [B] for the last step); writes ∂L/∂logits.</summary>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> targets, Span<T> gradient, int steps, int batch, int classes, LossScope scope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int firstRow = scope == LossScope.EveryStep ? 0 : (steps - 1) * batch;
        int rows = steps * batch - firstRow;
        if (targets.Length != rows)
            throw new ArgumentException($"Expected {rows} target classes, found {targets.Length}.", nameof(targets));
        gradient[..(firstRow * classes)].Clear();
        T total = T.Zero, scale = T.One / T.CreateChecked(rows);
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Slice((firstRow + r) * classes, classes);
            var g = gradient.Slice((firstRow + r) * classes, classes);
            int target = targets[r];
            if ((uint)target >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets), $"Class {target} is outside 0..{classes - 1}.");
            T max = z[0];
            for (int c = 1; c < classes; c++)
                max = T.Max(max, z[c]);
            T sum = T.Zero;
            for (int c = 0; c < classes; c++)
                sum += g[c] = T.Exp(z[c] - max);
            T logSum = T.Log(sum) + max;
            total += logSum - z[target];
            for (int c = 0; c < classes; c++)
                g[c] = g[c] / sum * scale;         // ∂/∂z_c = softmax_c − [c = target], averaged
            g[target] -= scale;
        }

        return total * scale;
    }
}
