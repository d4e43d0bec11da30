using System;

namespace Rnn.Trainer.Optimizers;

/// <summary>Updates parameters from gradients in place; its moments live in buffers the size of the parameters.</summary>
public abstract class Optimizer
{
    /// <summary>One update of <paramref name="parameters"/> from <paramref name="gradients"/>.</summary>
    public abstract void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>The optimiser's state (moments, step count) for a checkpoint.</summary>
    public abstract float[] SaveState();

    /// <summary>Restores what <see cref="SaveState"/> returned.</summary>
    public abstract void LoadState(ReadOnlySpan<float> state);

    /// <summary>
    /// Scales <paramref name="gradients"/> so their global L2 norm is at most <paramref name="maxNorm"/>, as
    /// torch.nn.utils.clip_grad_norm_; returns the norm before clipping.
    /// </summary>
    public static double ClipGradientNorm(Span<float> gradients, double maxNorm)
    {
        double sum = 0;
        foreach (float g in gradients)
            sum += (double)g * g;
        double norm = Math.Sqrt(sum);
        if (maxNorm > 0 && norm > maxNorm)
        {
            float scale = (float)(maxNorm / (norm + 1e-6));
            for (int k = 0; k < gradients.Length; k++)
                gradients[k] *= scale;
        }

        return norm;
    }
}
