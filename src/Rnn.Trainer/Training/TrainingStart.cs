using System.Collections.Generic;

namespace Rnn.Trainer.Training;

/// <summary>What a run is about to train, known once the data is loaded and before the first batch: the opening summary.</summary>
/// <param name="Text">True for a next-character model on a text file, false for a CSV time series.</param>
/// <param name="Length">CSV: data rows; text: characters.</param>
/// <param name="Vocabulary">Text: distinct characters (the model's input and output size); CSV: 0.</param>
/// <param name="InputColumns">CSV: the columns read, by header name or number; text: empty.</param>
/// <param name="TargetColumns">CSV: the columns forecast; text: empty.</param>
/// <param name="FirstColumnByDefault">CSV: no input columns were given, so the model reads the first one.</param>
/// <param name="TrainingSequences">Training windows.</param>
/// <param name="ValidationSequences">Held-out windows.</param>
/// <param name="Steps">Steps per window.</param>
/// <param name="Parameters">Trainable parameters, dense head included.</param>
/// <param name="ResumedEpoch">The checkpoint's epoch when resuming, else 0.</param>
public sealed record TrainingStart(bool Text, int Length, int Vocabulary, IReadOnlyList<string> InputColumns, IReadOnlyList<string> TargetColumns,
    bool FirstColumnByDefault, int TrainingSequences, int ValidationSequences, int Steps, long Parameters, int ResumedEpoch);
