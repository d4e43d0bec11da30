using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rnn.Trainer.Training;

namespace Rnn.Trainer.Cli;

/// <summary>
/// Shows training progress. On a terminal: one status line redrawn in place (carriage return, then erase to the
/// end of the line), cut to the terminal's width so it never wraps (a wrapped line cannot be redrawn: each
/// redraw would stack a new one), and erased before every permanent line, so epoch lines and the closing
/// messages start on a clean line. When output is redirected: only the permanent lines, no control characters.
/// Both start with a summary of what is trained on what.
/// </summary>
/// <remarks>
/// Spectre.Console's progress widget does the same, but it owns the console; this writes to a
/// <see cref="TextWriter"/>, so tests can read exactly what a terminal receives.
/// </remarks>
internal sealed class TrainProgress(TextWriter output, bool interactive, Func<int>? terminalWidth = null)
{
    private const string EraseToEndOfLine = "\u001b[K";
    private const int NarrowestBar = 8, WidestBar = 30;

    // Columns left free at the end of the status line: the terminal echoes Ctrl-C as "^C" at the cursor, and
    // if that wrapped, the erase before the next line would clear the wrong row and leave the status behind.
    private const int FreeColumns = 3;

    private double _lastValidation = double.NaN;
    private DateTime _lastDraw;
    private readonly DateTime _started = DateTime.UtcNow;
    private int _firstEpoch = -1;
    private bool _statusShown;

    /// <summary>The opening summary: the data, how it is cut, the model and its size.</summary>
    public void OnStart(TrainingStart start, string dataPath, string layers, string checkpointPath)
    {
        string data = start.Text
            ? $"data: {dataPath}, text of {start.Length} characters, vocabulary of {start.Vocabulary}"
            : $"data: {dataPath}, CSV series of {start.Length} rows; reads {string.Join(",", start.InputColumns)}, forecasts {string.Join(",", start.TargetColumns)}";
        WriteLine(data);
        WriteLine($"model: {layers} + dense head, {start.Parameters} parameters");
        WriteLine($"windows: {start.TrainingSequences} training, {start.ValidationSequences} validation, {start.Steps} steps each");
        if (start.ResumedEpoch > 0)
            WriteLine($"resumed from {checkpointPath} after epoch {start.ResumedEpoch}");
    }

    public void OnBatch(BatchProgress p)
    {
        if (_firstEpoch < 0)
            _firstEpoch = p.Epoch;
        if (!interactive || (DateTime.UtcNow - _lastDraw).TotalMilliseconds < 100 && p.Batch != p.Batches)
            return;
        _lastDraw = DateTime.UtcNow;
        output.Write("\r" + Status(p, Width()) + EraseToEndOfLine);
        output.Flush();
        _statusShown = true;
    }

    public void OnEpoch(EpochResult e, int epochs)
    {
        _lastValidation = e.ValidationLoss;
        WriteLine($"epoch {e.Epoch}/{epochs}  mean loss {e.TrainingLoss:0.####e+0}  val {e.ValidationLoss:0.####e+0}{(e.Improved ? " *" : "  ")}  {e.Seconds:0.0} s");
    }

    /// <summary>A permanent line: the status line (if shown) is erased first, so nothing of it is left beside the text.</summary>
    public void WriteLine(string line)
    {
        Clear();
        output.WriteLine(line);
    }

    /// <summary>
    /// Erases the status line, if one is shown, on completion; with <paramref name="interrupted"/> on a terminal
    /// always, since the terminal echoed "^C" where the cursor was.
    /// </summary>
    public void Clear(bool interrupted = false)
    {
        if (_statusShown || interrupted && interactive)
            output.Write("\r" + EraseToEndOfLine);
        _statusShown = false;
    }

    /// <summary>
    /// The status line in at most <paramref name="width"/> - 3 columns (room for a "^C" echo without wrapping):
    /// the bar narrows first, then the least useful parts go (rate, then ETA, then validation).
    /// </summary>
    internal string Status(BatchProgress p, int width)
    {
        string head = $"epoch {p.Epoch}/{p.Epochs} ", count = $" {p.Batch}/{p.Batches}";
        var parts = new List<string> { $"  batch loss {p.Loss:0.###e+0}", $"  val {Format(_lastValidation)}", $"  ETA {Eta(p)}", $"  {p.SequencesPerSecond:0} seq/s" };
        while (true)
        {
            int fixedWidth = head.Length + count.Length + 2 + parts.Sum(s => s.Length);
            int bar = Math.Min(WidestBar, width - FreeColumns - fixedWidth);
            if (bar >= NarrowestBar || parts.Count == 0)
            {
                string line = head + Bar(p, Math.Max(bar, 0)) + count + string.Concat(parts);
                return line.Length <= width - FreeColumns ? line : line[..Math.Max(0, width - FreeColumns)];
            }

            parts.RemoveAt(parts.Count - 1);
        }
    }

    private static string Bar(BatchProgress p, int width)
    {
        int filled = (int)Math.Round(width * (double)p.Batch / p.Batches);
        return "[" + new string('#', filled) + new string('.', width - filled) + "]";
    }

    private int Width()
    {
        int width = terminalWidth?.Invoke() ?? 80;
        return width > 0 ? width : 80;
    }

    private string Eta(BatchProgress p)
    {
        double done = (p.Epoch - _firstEpoch) + (double)p.Batch / p.Batches, left = p.Epochs - p.Epoch + 1 - (double)p.Batch / p.Batches;
        if (done <= 0)
            return "?";
        var eta = TimeSpan.FromSeconds((DateTime.UtcNow - _started).TotalSeconds / done * left);
        return eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss") : eta.ToString(@"m\:ss");
    }

    private static string Format(double v) => double.IsNaN(v) ? "-" : v.ToString("0.###e+0");
}
