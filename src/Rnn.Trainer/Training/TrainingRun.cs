using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Training;

/// <summary>What <c>rnn train</c> was asked to do, beyond the optimisation settings.</summary>
/// <param name="DataPath">A CSV time series or a plain text file; "-" is standard input.</param>
/// <param name="OutputPath">The descriptor to write; the loss plot goes beside it (*.loss.svg).</param>
/// <param name="CheckpointPath">Written after every epoch (temporary file, then rename).</param>
/// <param name="Resume">Continue from the checkpoint if it exists.</param>
/// <param name="Series">How to cut a CSV series (ignored for text).</param>
/// <param name="Window">Sequence length for text.</param>
/// <param name="ValidationFraction">Held-out share of the data.</param>
/// <param name="Csv">Whether the data is a CSV series (true) or text (false); null decides by the name (*.csv is a series).</param>
public sealed record TrainingJob(string DataPath, string OutputPath, string CheckpointPath, bool Resume, TimeSeriesOptions Series, int Window, double ValidationFraction,
    bool? Csv = null)
{
    /// <summary>Whether the data is read as a CSV time series rather than as text.</summary>
    public bool ReadsCsv => Csv ?? TrainingRun.IsCsv(DataPath);
}

/// <summary>What a finished (or stopped) run reports.</summary>
public sealed record TrainingOutcome(bool Cancelled, int Epochs, double BestValidationLoss, string DescriptorPath, string PlotPath, bool Resumed);

/// <summary>
/// One <c>rnn train</c> run: loads the data, builds or resumes the session, trains epoch by epoch with a
/// checkpoint after each, and writes the best model as a descriptor plus its loss plot.
/// </summary>
internal static class TrainingRun
{
    /// <summary>Runs the job; <paramref name="onStart"/> hears what is being trained before the first batch.</summary>
    public static TrainingOutcome Execute(TrainingJob job, TrainingOptions options, Action<BatchProgress>? onBatch, Action<EpochResult>? onEpoch,
        CancellationToken cancellation, Action<TrainingStart>? onStart = null)
    {
        bool text = !job.ReadsCsv;
        SequenceDataset training, validation;
        InputNormalization? normalization = null;
        int length, vocabulary = 0;
        IReadOnlyList<string> inputNames = [], targetNames = [];
        var metadata = new List<KeyValuePair<string, MetadataValue>>
        {
            new("trained_by", MetadataValue.FromString("rnn train")),
            new("data", MetadataValue.FromString(job.DataPath == DataFiles.StandardStream ? "standard input" : Path.GetFileName(job.DataPath))),
        };
        if (text)
        {
            var corpus = TextCorpus.Load(job.DataPath, job.Window, job.ValidationFraction, job.Series.Scope);
            (training, validation) = (corpus.Training, corpus.Validation);
            (length, vocabulary) = (corpus.Characters, corpus.Vocabulary.Length);
            metadata.Add(new("vocabulary", MetadataValue.FromString(corpus.Vocabulary)));
        }
        else
        {
            var series = TimeSeriesWindows.Load(job.DataPath, job.Series);
            (training, validation) = (series.Training, series.Validation);
            normalization = new InputNormalization(series.Mean, series.Std);
            (length, inputNames, targetNames) = (series.Rows, series.InputNames, series.TargetNames);
            metadata.Add(new("input_columns", MetadataValue.FromString(string.Join(",", inputNames))));
            metadata.Add(new("target_columns", MetadataValue.FromString(string.Join(",", targetNames))));
            metadata.Add(new("horizon", MetadataValue.FromNumber(job.Series.Horizon)));
        }

        metadata.Add(new("loss", MetadataValue.FromString(training.Kind == TargetKind.Classification ? "cross-entropy" : "mse")));
        metadata.Add(new("target", MetadataValue.FromString(training.Scope == Losses.LossScope.LastStep ? "last" : "every")));
        var session = new TrainingSession(options, training, validation);
        string fingerprint = Fingerprint(job, options, training);
        bool resumed = false;
        Checkpoint.RemoveStaleTemporary(job.CheckpointPath); // a killed run's half-written save, never the checkpoint
        if (job.Resume && File.Exists(job.CheckpointPath))
        {
            var checkpoint = Checkpoint.Load(job.CheckpointPath);
            if (checkpoint.Fingerprint != fingerprint)
                throw new InvalidDataException($"{job.CheckpointPath}: the checkpoint was made for a different run ({checkpoint.Fingerprint}); this run is ({fingerprint}). Delete it or train without --resume.");
            session.Restore(checkpoint);
            resumed = true;
        }

        onStart?.Invoke(new TrainingStart(text, length, vocabulary, inputNames, targetNames, !text && job.Series.InputColumns.Count == 0,
            training.Count, validation.Count, training.Steps, session.Network.Parameters.Length, session.CompletedEpochs));

        bool cancelled = false;
        while (!session.Stopped)
        {
            var result = session.RunEpoch(onBatch, cancellation);
            if (result is null)
            {
                cancelled = true; // the interrupted epoch is dropped; the last checkpoint stays as it was
                break;
            }

            Checkpoint.From(session, fingerprint).Save(job.CheckpointPath);
            onEpoch?.Invoke(result.Value);
        }

        session.BestParameters.CopyTo(session.Network.Parameters, 0);
        metadata.Add(new("epochs", MetadataValue.FromNumber(session.CompletedEpochs)));
        if (double.IsFinite(session.BestValidationLoss)) // not after an interrupted first epoch or a diverged run
            metadata.Add(new("validation_loss", MetadataValue.FromNumber(session.BestValidationLoss)));
        var descriptor = DescriptorExport.ToDescriptor(session.Network, training.Kind == TargetKind.Classification, normalization, MetadataValue.FromObject(metadata));
        DataFiles.WriteTextAtomically(job.OutputPath, writer => DescriptorWriter.Write(descriptor, writer));
        string plot = PlotPath(job.OutputPath);
        DataFiles.WriteTextAtomically(plot, writer => writer.Write(LossPlot.Svg(session.History, Path.GetFileName(job.OutputPath) + ": loss per epoch",
            text ? "cross-entropy per character (nats, log scale)" : "mean squared error (log scale)")));
        return new TrainingOutcome(cancelled, session.CompletedEpochs, session.BestValidationLoss, job.OutputPath, plot, resumed);
    }

    /// <summary>Whether <c>rnn train</c> reads <paramref name="dataPath"/> as a CSV time series (*.csv) rather than as text.</summary>
    public static bool IsCsv(string dataPath) => dataPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>model.rnn.json → model.loss.svg.</summary>
    public static string PlotPath(string descriptorPath)
    {
        string name = descriptorPath.EndsWith(".rnn.json", StringComparison.OrdinalIgnoreCase) ? descriptorPath[..^".rnn.json".Length] : Path.ChangeExtension(descriptorPath, null);
        return name + ".loss.svg";
    }

    private static string Fingerprint(TrainingJob job, TrainingOptions o, SequenceDataset data) => string.Join(" ",
        Path.GetFileName(job.DataPath), $"in={data.InputSize}", $"out={data.OutputSize}", $"steps={data.Steps}",
        "layers=" + string.Join(",", o.Layers.Select(l => $"{DescriptorNames.Of(l.Kind)}:{l.Size}:{DescriptorNames.Of(l.Activation)}")),
        $"optimizer={o.Optimizer}", $"lr={o.LearningRate.ToString(CultureInfo.InvariantCulture)}", $"batch={o.BatchSize}",
        $"tbptt={o.TruncateSteps}", $"seed={o.Seed}")
        // Named only when not the default, so checkpoints made before --loss and --target still resume.
        + (data.Scope == Losses.LossScope.LastStep ? " target=last" : "")
        + (job.ReadsCsv && data.Kind == TargetKind.Classification ? " loss=cross-entropy" : "");
}
