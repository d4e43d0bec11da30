using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Rnn.Trainer.Training;

/// <summary>
/// Everything a later run needs to continue training exactly: parameters, the best parameters, optimiser
/// moments, counters and the loss history, tied to a fingerprint of the network and settings. Written to
/// a temporary file and renamed over the old one, so an interrupted write never damages the last good one.
/// </summary>
internal sealed record Checkpoint(
    string Fingerprint,
    int Epoch,
    int EpochsSinceImprovement,
    double BestValidationLoss,
    float[] Parameters,
    float[] BestParameters,
    float[] OptimizerState,
    IReadOnlyList<EpochResult> History)
{
    private const string Magic = "RNNCKPT1";

    public static Checkpoint From(TrainingSession session, string fingerprint) => new(fingerprint, session.CompletedEpochs,
        session.EpochsSinceImprovement, session.BestValidationLoss, (float[])session.Network.Parameters.Clone(),
        (float[])session.BestParameters.Clone(), session.Optimizer.SaveState(), [.. session.History]);

    public void Save(string path) => Data.DataFiles.WriteAtomically(path, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Fingerprint);
        writer.Write(Epoch);
        writer.Write(EpochsSinceImprovement);
        writer.Write(BestValidationLoss);
        Write(writer, Parameters);
        Write(writer, BestParameters);
        Write(writer, OptimizerState);
        writer.Write(History.Count);
        foreach (var e in History)
        {
            writer.Write(e.Epoch);
            writer.Write(e.TrainingLoss);
            writer.Write(e.ValidationLoss);
            writer.Write(e.Improved);
            writer.Write(e.Seconds);
        }
    });

    /// <summary>Reads a checkpoint; <see cref="InvalidDataException"/> with the file name when it is not one, or is damaged.</summary>
    public static Checkpoint Load(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
                throw new InvalidDataException($"{path}: not an rnn training checkpoint");
            string fingerprint = reader.ReadString();
            int epoch = reader.ReadInt32(), since = reader.ReadInt32();
            double best = reader.ReadDouble();
            var parameters = Read(reader);
            var bestParameters = Read(reader);
            var optimizer = Read(reader);
            var history = new List<EpochResult>();
            for (int k = reader.ReadInt32(); k > 0; k--)
                history.Add(new EpochResult(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadBoolean(), reader.ReadDouble()));
            return new Checkpoint(fingerprint, epoch, since, best, parameters, bestParameters, optimizer, history);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the checkpoint is truncated");
        }
    }

    private static void Write(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (float v in values)
            writer.Write(v);
    }

    private static float[] Read(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > 1 << 28)
            throw new InvalidDataException("implausible array length in checkpoint");
        var values = new float[length];
        for (int k = 0; k < length; k++)
            values[k] = reader.ReadSingle();
        return values;
    }
}
