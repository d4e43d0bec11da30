using System;
using System.Collections.Generic;
using System.Globalization;
using Rnn.Trainer.Losses;

namespace Rnn.Trainer.Data;

/// <summary>How to cut a CSV time series into training windows.</summary>
/// <param name="InputColumns">Column names or 1-based numbers the model reads each step (empty: the first column).</param>
/// <param name="TargetColumns">Column names or numbers it forecasts, <see cref="Horizon"/> rows ahead (empty: the input columns).</param>
/// <param name="Window">Steps per training sequence.</param>
/// <param name="Horizon">Rows between an input and its target (1 = next row).</param>
/// <param name="ValidationFraction">The last part of the series held out for validation (0 to 0.9).</param>
/// <param name="Scope">Score every step of a window, or only its last (the window as one sequence to forecast or classify).</param>
/// <param name="Classes">The one target column holds class numbers 0, 1, … (softmax cross-entropy) rather than values (mean squared error).</param>
public sealed record TimeSeriesOptions(IReadOnlyList<string> InputColumns, IReadOnlyList<string> TargetColumns, int Window, int Horizon, double ValidationFraction,
    LossScope Scope = LossScope.EveryStep, bool Classes = false);

/// <summary>
/// A CSV time series cut into overlapping windows (stride: a quarter window), split chronologically so that
/// validation windows come after every training window, with input statistics from the training part only.
/// </summary>
public sealed class TimeSeriesWindows
{
    private TimeSeriesWindows(SequenceDataset training, SequenceDataset validation, float[] mean, float[] std, int rows, string[] inputNames, string[] targetNames)
    {
        (Training, Validation, Mean, Std, Rows, InputNames, TargetNames) = (training, validation, mean, std, rows, inputNames, targetNames);
    }

    /// <summary>Data rows in the file.</summary>
    public int Rows { get; }

    /// <summary>The input columns as the header names them (or their 1-based numbers when there is no header).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The target columns, named as <see cref="InputNames"/>.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Windows for training.</summary>
    public SequenceDataset Training { get; }

    /// <summary>Windows for validation (after the training part of the series).</summary>
    public SequenceDataset Validation { get; }

    /// <summary>Per input column mean of the training rows; inputs in both datasets are already normalised with it.</summary>
    public float[] Mean { get; }

    /// <summary>Per input column standard deviation of the training rows (1 where a column is constant).</summary>
    public float[] Std { get; }

    /// <summary>Reads and cuts a CSV series. Every problem is a <see cref="DataFileException"/> naming the file.</summary>
    public static TimeSeriesWindows Load(string path, TimeSeriesOptions options)
    {
        var table = CsvTable.Read(path);
        int[] inputs = options.InputColumns.Count == 0 ? [0] : Resolve(path, table, options.InputColumns, "input");
        int[] targets = options.TargetColumns.Count == 0 ? inputs : Resolve(path, table, options.TargetColumns, "target");
        if (options.Window < 1 || options.Horizon < 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"The window must be at least 1 step and the horizon at least 0 (found window {options.Window}, horizon {options.Horizon}).");
        if (options.ValidationFraction is < 0 or > 0.9)
            throw new ArgumentOutOfRangeException(nameof(options), $"The validation fraction must be between 0 and 0.9, found {options.ValidationFraction}.");
        int usable = table.Rows - options.Horizon;
        if (options.Window > usable)
            throw new DataFileException(path, 0, 0, $"--window {options.Window} with --horizon {options.Horizon} needs at least {options.Window + options.Horizon} rows; the file has {table.Rows}");

        // Rows [0, split) feed training windows, rows [split, end) validation windows: no window straddles.
        int split = (int)Math.Round(usable * (1 - options.ValidationFraction));
        if (options.ValidationFraction > 0 && (split < options.Window || usable - split < options.Window))
            throw new DataFileException(path, 0, 0, $"with {table.Rows} rows, --window {options.Window} does not fit both the training part ({split} rows) and the validation part ({usable - split} rows); use a shorter --window, another --validation or more data");

        var (mean, std) = Statistics(table, inputs, split);
        int classes = options.Classes ? ClassCount(path, table, targets) : 0;
        int stride = Math.Max(1, options.Window / 4);
        var training = Cut(table, inputs, targets, mean, std, 0, split, options, stride, classes);
        var validation = Cut(table, inputs, targets, mean, std, split, usable, options, stride, classes);
        return new TimeSeriesWindows(training, validation, mean, std, table.Rows, Names(table, inputs), Names(table, targets));
    }

    /// <summary>Column names (header, case-insensitive) or 1-based numbers → 0-based indices; a missing one is an error listing those there are.</summary>
    internal static int[] Resolve(string path, CsvTable table, IReadOnlyList<string> names, string role)
    {
        var columns = new int[names.Count];
        for (int k = 0; k < names.Count; k++)
        {
            string name = names[k];
            int index = table.Header is null ? -1 : Array.FindIndex(table.Header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0 && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= table.Columns)
                index = number - 1;
            if (index < 0)
            {
                string available = table.Header is null ? $"columns 1 to {table.Columns} (the file has no header)" : string.Join(", ", table.Header);
                throw new DataFileException(path, 1, 0, $"{role} column \"{name}\" not found; the file has {available}");
            }

            columns[k] = index;
        }

        return columns;
    }

    private static string[] Names(CsvTable table, int[] columns) =>
        Array.ConvertAll(columns, c => table.Header?[c] ?? (c + 1).ToString(CultureInfo.InvariantCulture));

    private static (float[] Mean, float[] Std) Statistics(CsvTable table, int[] columns, int rows)
    {
        var mean = new float[columns.Length];
        var std = new float[columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            double sum = 0, squares = 0;
            for (int r = 0; r < rows; r++)
            {
                double v = table.Values[r * table.Columns + columns[k]];
                sum += v;
                squares += v * v;
            }

            double m = sum / rows, variance = Math.Max(0, squares / rows - m * m);
            mean[k] = (float)m;
            std[k] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }

        return (mean, std);
    }

    // Class targets are whole numbers 0 to K-1 in one column; K (the head's width) is the largest plus one.
    private static int ClassCount(string path, CsvTable table, int[] targets)
    {
        if (targets.Length != 1)
            throw new DataFileException(path, 0, 0, $"--loss cross-entropy: expected one target column holding class numbers, found {targets.Length}");
        int largest = 0;
        for (int r = 0; r < table.Rows; r++)
        {
            float v = table.Values[r * table.Columns + targets[0]];
            if (v < 0 || v != MathF.Floor(v) || v > 65535)
                throw new DataFileException(path, 0, 0, $"--loss cross-entropy: expected class numbers 0, 1, 2, ... in target column \"{Names(table, targets)[0]}\", found {v.ToString(CultureInfo.InvariantCulture)} in data row {r + 1}");
            largest = Math.Max(largest, (int)v);
        }

        return largest + 1;
    }

    // x: [N, T, I]; targets [N, T, O] (every step) or [N, O] (last step), or class numbers [N, T] / [N].
    private static SequenceDataset Cut(CsvTable table, int[] inputs, int[] targets, float[] mean, float[] std, int first, int end, TimeSeriesOptions options, int stride, int classes)
    {
        int window = options.Window, count = end - first >= window ? (end - first - window) / stride + 1 : 0;
        bool every = options.Scope == LossScope.EveryStep;
        int scored = every ? window : 1;
        var x = new float[count * window * inputs.Length];
        var y = classes > 0 ? null : new float[count * scored * targets.Length];
        var c = classes > 0 ? new int[count * scored] : null;
        for (int n = 0; n < count; n++)
        {
            for (int t = 0; t < window; t++)
            {
                int row = first + n * stride + t;
                for (int k = 0; k < inputs.Length; k++)
                    x[(n * window + t) * inputs.Length + k] = (table.Values[row * table.Columns + inputs[k]] - mean[k]) / std[k];
                if (!every && t != window - 1)
                    continue;
                int at = every ? n * window + t : n;
                for (int k = 0; k < targets.Length; k++)
                {
                    float target = table.Values[(row + options.Horizon) * table.Columns + targets[k]];
                    if (c is not null)
                        c[at] = (int)target;
                    else
                        y![at * targets.Length + k] = target;
                }
            }
        }

        return new SequenceDataset(count, window, inputs.Length, classes > 0 ? classes : targets.Length, classes > 0 ? TargetKind.Classification : TargetKind.Regression,
            options.Scope, x, y, c);
    }
}
