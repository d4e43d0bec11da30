using System;
using System.Globalization;
using System.IO;
using Rnn.Trainer.Training;

namespace Rnn.Trainer.Cli;

/// <summary>
/// Every <c>rnn train</c> value checked before any data is read or any file written, each refused with the
/// option's name, the range it must be in and the value found.
/// </summary>
internal static class TrainOptionChecks
{
    /// <summary>The first problem with the options, as an error message, or null when all are usable.</summary>
    public static string? FirstProblem(TrainingJob job, TrainingOptions o)
    {
        string extension = Path.GetExtension(job.DataPath).ToLowerInvariant();
        if (extension is ".tsv" or ".tab")
            return $"{job.DataPath}: tab-separated files are not read; expected a comma-separated *.csv time series, or plain text for a next-character model";
        return Check(o.Epochs >= 1, "--epochs", "at least 1", o.Epochs)
            ?? Check(o.BatchSize >= 1, "--batch", "at least 1", o.BatchSize)
            ?? Check(job.Window >= 1, "--window", "at least 1", job.Window)
            ?? Check(job.Series.Horizon >= 0, "--horizon", "at least 0", job.Series.Horizon)
            ?? Check(o.LearningRate > 0 && double.IsFinite(o.LearningRate), "--lr", "a number above 0", o.LearningRate)
            // momentum m scales the velocity by m every step: at 1 or above it never decays and SGD diverges.
            ?? Check(o.Momentum is >= 0 and < 1, "--momentum", "a number from 0 up to, not including, 1", o.Momentum)
            ?? Check(o.ClipNorm >= 0 && double.IsFinite(o.ClipNorm), "--clip", "at least 0 (0: off)", o.ClipNorm)
            ?? Check(o.TruncateSteps >= 0, "--tbptt", "at least 0 (0: full BPTT)", o.TruncateSteps)
            ?? Check(o.Patience >= 0, "--patience", "at least 0 (0: off)", o.Patience)
            ?? Check(o.Threads >= 1, "--threads", "at least 1", o.Threads)
            // The best epoch is chosen on held-out data; without any, "validation loss" would be the training loss.
            ?? Check(job.ValidationFraction is > 0 and <= 0.9, "--validation", "a share above 0 and at most 0.9", job.ValidationFraction);
    }

    private static string? Check(bool ok, string option, string expected, double found) =>
        ok ? null : $"{option}: expected {expected}, found {found.ToString(CultureInfo.InvariantCulture)}";
}
