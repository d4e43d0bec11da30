using System;
using System.Collections.Generic;
using System.Globalization;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Training;

/// <summary>One target column's forecast errors.</summary>
/// <param name="Column">Its name (header) or 1-based number.</param>
/// <param name="MeanSquaredError">mean over scored rows of (y - target)^2.</param>
/// <param name="MeanAbsoluteError">mean over scored rows of |y - target|.</param>
public sealed record ColumnError(string Column, double MeanSquaredError, double MeanAbsoluteError);

/// <summary>How well a model does on a data file, run through the interpreter as one sequence from its initial state.</summary>
/// <param name="Text">A next-character model scored on text.</param>
/// <param name="Length">Rows (CSV) or characters (text) read.</param>
/// <param name="Scored">Predictions scored: rows minus the horizon, or characters minus one.</param>
/// <param name="Loss">Mean squared error over all target values, or mean cross-entropy in nats.</param>
/// <param name="Accuracy">Share of class predictions whose most likely class is right; NaN for values.</param>
/// <param name="Columns">CSV value targets: errors per column; otherwise empty.</param>
public sealed record EvaluationResult(bool Text, int Length, int Scored, double Loss, double Accuracy, IReadOnlyList<ColumnError> Columns)
{
    /// <summary>exp(cross-entropy): the number of equally likely classes that would be as uncertain.</summary>
    public double Perplexity => Math.Exp(Loss);
}

/// <summary>
/// Scores a trained descriptor on data laid out as <c>rnn train</c> read it, using what its metadata recorded:
/// the vocabulary for text, the input and target columns, horizon and loss for a CSV series.
/// </summary>
internal static class ModelEvaluation
{
    // A probability of exactly 0 would make the cross-entropy infinite; float softmax underflows there.
    private const double SmallestProbability = 1e-30;

    public static EvaluationResult Evaluate(string modelPath, ModelDescriptor descriptor, string dataPath)
    {
        var model = InterpretedModel.FromDescriptor(descriptor);
        return descriptor.Metadata.TryGetField("vocabulary", out var vocabulary) && vocabulary.Text is { } characters
            ? Text(model, characters, dataPath)
            : Series(modelPath, model, descriptor, dataPath);
    }

    private static EvaluationResult Text(InterpretedModel model, string vocabulary, string path)
    {
        string text = DataFiles.DecodeText(DataFiles.ReadBytes(path), DataFiles.DisplayName(path)).Replace("\r\n", "\n");
        if (text.Length < 2)
            throw new DataFileException(DataFiles.DisplayName(path), 0, 0, $"expected at least 2 characters (one to read, one to predict), found {text.Length}");
        int v = vocabulary.Length, steps = text.Length - 1;
        var classes = new int[text.Length];
        for (int i = 0, line = 1, column = 1; i < text.Length; i++, column++)
        {
            classes[i] = vocabulary.IndexOf(text[i]);
            if (classes[i] < 0)
                throw new DataFileException(DataFiles.DisplayName(path), line, column, $"the character {Quote(text[i])} is not in the model's vocabulary");
            if (text[i] == '\n')
                (line, column) = (line + 1, 0);
        }

        // x: [T, V] one-hot of characters 0..T-1; y: [T, V] probabilities (the exported head is a softmax) of characters 1..T.
        var x = new float[steps * v];
        for (int t = 0; t < steps; t++)
            x[t * v + classes[t]] = 1;
        var y = new float[steps * v];
        model.CreateState().Run(x, y);
        var (loss, accuracy) = CrossEntropy(y, classes.AsSpan(1), v);
        return new EvaluationResult(true, text.Length, steps, loss, accuracy, []);
    }

    private static EvaluationResult Series(string modelPath, InterpretedModel model, ModelDescriptor descriptor, string path)
    {
        string name = DataFiles.DisplayName(path);
        string[] inputNames = Field(descriptor, modelPath, "input_columns").Split(','), targetNames = Field(descriptor, modelPath, "target_columns").Split(',');
        int horizon = int.Parse(Field(descriptor, modelPath, "horizon"), NumberStyles.Integer, CultureInfo.InvariantCulture);
        bool classes = descriptor.Metadata.TryGetField("loss", out var loss) && loss.Text == "cross-entropy";
        var table = CsvTable.Read(path);
        int[] inputs = TimeSeriesWindows.Resolve(name, table, inputNames, "input"), targets = TimeSeriesWindows.Resolve(name, table, targetNames, "target");
        int steps = table.Rows - horizon;
        if (steps < 1)
            throw new DataFileException(name, 0, 0, $"expected more than {horizon} rows (the model forecasts {horizon} rows ahead), found {table.Rows}");

        // x: [T, I] raw (the descriptor normalises its inputs); y: [T, O].
        int i = inputs.Length, o = model.OutputSize;
        var x = new float[steps * i];
        for (int t = 0; t < steps; t++)
            for (int k = 0; k < i; k++)
                x[t * i + k] = table.Values[t * table.Columns + inputs[k]];
        var y = new float[steps * o];
        model.CreateState().Run(x, y);
        float Target(int t, int k) => table.Values[(t + horizon) * table.Columns + targets[k]];

        if (classes)
        {
            var truth = new int[steps];
            for (int t = 0; t < steps; t++)
            {
                float c = Target(t, 0);
                if (c < 0 || c >= o || c != MathF.Floor(c))
                    throw new DataFileException(name, 0, 0, $"expected class numbers 0 to {o - 1} in column \"{targetNames[0]}\", found {c.ToString(CultureInfo.InvariantCulture)} in data row {t + horizon + 1}");
                truth[t] = (int)c;
            }

            var (crossEntropy, accuracy) = CrossEntropy(y, truth, o);
            return new EvaluationResult(false, table.Rows, steps, crossEntropy, accuracy, []);
        }

        var columns = new ColumnError[targets.Length];
        double total = 0;
        for (int k = 0; k < targets.Length; k++)
        {
            double squares = 0, absolutes = 0;
            for (int t = 0; t < steps; t++)
            {
                double e = y[t * o + k] - (double)Target(t, k);
                squares += e * e;
                absolutes += Math.Abs(e);
            }

            columns[k] = new ColumnError(targetNames[k], squares / steps, absolutes / steps);
            total += squares;
        }

        return new EvaluationResult(false, table.Rows, steps, total / (steps * targets.Length), double.NaN, columns);
    }

    // Mean -ln p(right class) and the share of steps whose most likely class is right; p: [T, C] probabilities.
    private static (double Loss, double Accuracy) CrossEntropy(float[] p, ReadOnlySpan<int> truth, int classCount)
    {
        double loss = 0;
        int right = 0;
        for (int t = 0; t < truth.Length; t++)
        {
            var row = p.AsSpan(t * classCount, classCount);
            loss -= Math.Log(Math.Max(row[truth[t]], SmallestProbability));
            int best = 0;
            for (int c = 1; c < classCount; c++)
                best = row[c] > row[best] ? c : best;
            right += best == truth[t] ? 1 : 0;
        }

        return (loss / truth.Length, (double)right / truth.Length);
    }

    private static string Field(ModelDescriptor descriptor, string modelPath, string name) =>
        descriptor.Metadata.TryGetField(name, out var value) && value.Text is { } text
            ? text
            : throw new InvalidOperationException($"{modelPath}: no metadata.{name}, so the columns it reads are unknown; rnn eval scores models trained by rnn train (use rnn run for others)");

    private static string Quote(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
