using System;
using System.IO;
using Rnn.Trainer.Training;

namespace Rnn.Trainer.Cli;

/// <summary>
/// Shows training progress: on a terminal a bar redrawn in place (epoch, batch, loss, validation loss,
/// rate, ETA); when output is redirected, one plain line per epoch, so logs stay readable.
/// </summary>
internal sealed class TrainProgress(TextWriter output, bool interactive)
{
    private double _lastValidation = double.NaN;
    private DateTime _lastDraw;
    private readonly DateTime _started = DateTime.UtcNow;
    private int _firstEpoch = -1;

    public void OnBatch(BatchProgress p)
    {
        if (_firstEpoch < 0)
            _firstEpoch = p.Epoch;
        if (!interactive || (DateTime.UtcNow - _lastDraw).TotalMilliseconds < 100 && p.Batch != p.Batches)
            return;
        _lastDraw = DateTime.UtcNow;
        const int width = 24;
        int filled = (int)Math.Round(width * (double)p.Batch / p.Batches);
        string bar = new string('#', filled) + new string('.', width - filled);
        output.Write($"\repoch {p.Epoch}/{p.Epochs} [{bar}] batch {p.Batch}/{p.Batches}  loss {p.Loss:0.####e+0}  val {Format(_lastValidation)}  {p.SequencesPerSecond:0} seq/s  ETA {Eta(p)}   ");
    }

    public void OnEpoch(EpochResult e, int epochs)
    {
        _lastValidation = e.ValidationLoss;
        if (interactive)
            output.Write('\r');
        output.WriteLine($"epoch {e.Epoch}/{epochs}  loss {e.TrainingLoss:0.####e+0}  val {e.ValidationLoss:0.####e+0}{(e.Improved ? " *" : "  ")}  {e.Seconds:0.0} s");
    }

    private string Eta(BatchProgress p)
    {
        double done = (p.Epoch - _firstEpoch) + (double)p.Batch / p.Batches, left = p.Epochs - p.Epoch + 1 - (double)p.Batch / p.Batches;
        if (done <= 0)
            return "?";
        var eta = TimeSpan.FromSeconds((DateTime.UtcNow - _started).TotalSeconds / done * left);
        return eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss") : eta.ToString(@"m\:ss");
    }

    private static string Format(double v) => double.IsNaN(v) ? "-" : v.ToString("0.####e+0");
}
