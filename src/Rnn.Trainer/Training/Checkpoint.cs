using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Rnn.Trainer.Training;

/// <summary>
/// Everything a later run needs to continue training exactly: parameters, the best parameters, optimiser
/// moments, counters and the loss history, tied to a fingerprint of the network and settings. Written to
/// a temporary file and renamed over the old one, so an interrupted write never damages the last good one.
/// </summary>
/// <remarks>
/// File layout (little-endian), format version 2:
/// <code>
/// "RNN-CKPT"            8 bytes, the magic
/// version               int32 (2)
/// payload length        int64
/// payload               fingerprint (BinaryWriter string), epoch, epochs since improvement, best validation
///                       loss, parameters, best parameters, optimiser state (each int32 count + float32s),
///                       history count and per epoch (epoch, training loss, validation loss, improved, seconds)
/// SHA-256 of payload    32 bytes
/// </code>
/// Version 1 files began "RNNCKPT1" and had the payload straight after, with no version and no checksum.
/// The checksum catches damage (a flipped byte, a truncated copy); the checks after it catch a file that is
/// intact but says something impossible, so no reader exception escapes without the file's name.
/// </remarks>
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
    /// <summary>The format this build writes and reads.</summary>
    public const int FormatVersion = 2;

    /// <summary>The most float values one array may hold (1 GiB of float32): far beyond any network the trainer builds.</summary>
    public const int MaxArrayLength = 1 << 28;

    private const string Magic = "RNN-CKPT";
    private const string VersionOneMagic = "RNNCKPT1";
    private const int HeaderLength = 8 + 4 + 8;
    private const int ChecksumLength = 32;

    public static Checkpoint From(TrainingSession session, string fingerprint) => new(fingerprint, session.CompletedEpochs,
        session.EpochsSinceImprovement, session.BestValidationLoss, (float[])session.Network.Parameters.Clone(),
        (float[])session.BestParameters.Clone(), session.Optimizer.SaveState(), [.. session.History]);

    public void Save(string path)
    {
        byte[] payload = Payload();
        Data.DataFiles.WriteAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write((long)payload.Length);
            writer.Write(payload);
            writer.Write(SHA256.HashData(payload));
        });
    }

    /// <summary>
    /// Reads a checkpoint; <see cref="InvalidDataException"/> naming the file and what is wrong when it is not
    /// one, is damaged, or comes from another format version. Removes a temporary left by an interrupted save.
    /// </summary>
    public static Checkpoint Load(string path)
    {
        RemoveStaleTemporary(path);
        byte[] payload = ReadPayload(path);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            string fingerprint = reader.ReadString();
            int epoch = reader.ReadInt32(), since = reader.ReadInt32();
            double best = reader.ReadDouble();
            if (epoch < 0)
                throw Damaged(path, $"epoch {epoch} is negative");
            var parameters = Read(reader, path, "parameters");
            var bestParameters = Read(reader, path, "best parameters");
            var optimizer = Read(reader, path, "optimiser state");
            int count = reader.ReadInt32();
            if (count < 0)
                throw Damaged(path, $"the history count {count} is negative");
            if (count != epoch)
                throw Damaged(path, $"the history has {count} epochs but the checkpoint is at epoch {epoch} (expected one entry per completed epoch)");
            var history = new List<EpochResult>(count);
            for (int k = 0; k < count; k++)
            {
                var entry = new EpochResult(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadBoolean(), reader.ReadDouble());
                if (entry.Epoch != k + 1)
                    throw Damaged(path, $"history entry {k} is for epoch {entry.Epoch}, expected {k + 1}");
                history.Add(entry);
            }

            if (reader.BaseStream.Position != payload.Length)
                throw Damaged(path, $"{payload.Length - reader.BaseStream.Position} bytes follow the history, where the payload should end");
            var checkpoint = new Checkpoint(fingerprint, epoch, since, best, parameters, bestParameters, optimizer, history);
            checkpoint.Validate(path);
            return checkpoint;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            throw Damaged(path, $"the payload is malformed ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>
    /// Deletes the temporary a killed save left beside <paramref name="path"/> (<c>path.tmp</c>, see
    /// <see cref="Data.DataFiles.WriteAtomically"/>): it never became the checkpoint, and the last good one is intact.
    /// </summary>
    public static void RemoveStaleTemporary(string path)
    {
        string temporary = path + ".tmp";
        if (File.Exists(temporary))
            File.Delete(temporary);
    }

    /// <summary>The header and checksum checked; the payload they vouch for.</summary>
    private static byte[] ReadPayload(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > Array.MaxLength)
            throw Damaged(path, $"the file holds {stream.Length} bytes, more than a checkpoint can ({Array.MaxLength})");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        string magic = Encoding.ASCII.GetString(bytes, 0, Math.Min(8, bytes.Length));
        if (magic == VersionOneMagic)
            throw new InvalidDataException($"{path}: the checkpoint was written by an older version of rnn (format 1, without a version or checksum); retrain without --resume, or resume it with the rnn that wrote it");
        if (magic != Magic)
            throw new InvalidDataException($"{path}: not an rnn training checkpoint");
        if (bytes.Length < HeaderLength + ChecksumLength)
            throw Damaged(path, $"the checkpoint is truncated: {bytes.Length} bytes, fewer than the {HeaderLength + ChecksumLength} of an empty one");
        int version = BitConverter.ToInt32(bytes, 8);
        if (version != FormatVersion)
            throw new InvalidDataException($"{path}: checkpoint format {version}, but this rnn reads format {FormatVersion}; resume it with the rnn that wrote it, or retrain without --resume");
        long length = BitConverter.ToInt64(bytes, 12), expected = bytes.Length - HeaderLength - ChecksumLength;
        if (length < expected)
            throw Damaged(path, $"{expected - length} bytes of trailing garbage after the checksum (payload of {length} bytes, file of {bytes.Length})");
        if (length > expected)
            throw Damaged(path, $"the checkpoint is truncated: the payload should be {length} bytes, the file has room for {Math.Max(expected, 0)}");
        var payload = bytes.AsSpan(HeaderLength, (int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + (int)length, ChecksumLength)))
            throw Damaged(path, "the checksum does not match the contents (the file was changed or damaged after it was written)");
        return payload.ToArray();
    }

    /// <summary>What an intact file could still get wrong: counters out of range, a NaN where training never writes one.</summary>
    private void Validate(string path)
    {
        if (EpochsSinceImprovement < 0 || EpochsSinceImprovement > Epoch)
            throw Damaged(path, $"{EpochsSinceImprovement} epochs since the last improvement, expected 0 to the epoch ({Epoch})");
        // +∞ until an epoch improves on it; a loss is never negative or NaN.
        if (double.IsNaN(BestValidationLoss) || BestValidationLoss < 0)
            throw Damaged(path, $"the best validation loss is {BestValidationLoss}, expected a loss ≥ 0 or +∞");
        if (BestParameters.Length != Parameters.Length)
            throw Damaged(path, $"{BestParameters.Length} best parameters for {Parameters.Length} parameters");
        CheckFinite(path, "parameter", Parameters);
        CheckFinite(path, "best parameter", BestParameters);
        CheckFinite(path, "optimiser state value", OptimizerState);
    }

    private static void CheckFinite(string path, string what, float[] values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!float.IsFinite(values[k]))
                throw Damaged(path, $"{what} {k} is {values[k]} (training diverged before this checkpoint, or the file was damaged); retrain without --resume");
        }
    }

    private byte[] Payload()
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
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
        }

        return stream.ToArray();
    }

    private static InvalidDataException Damaged(string path, string problem) => new($"{path}: damaged checkpoint: {problem}");

    private static void Write(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (float v in values)
            writer.Write(v);
    }

    private static float[] Read(BinaryReader reader, string path, string what)
    {
        int length = reader.ReadInt32();
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || length > MaxArrayLength || 4L * length > left)
            throw Damaged(path, $"implausible length {length} for the {what} (0 to {MaxArrayLength}, and at most the {left / 4} values left in the file)");
        var values = new float[length];
        for (int k = 0; k < length; k++)
            values[k] = reader.ReadSingle();
        return values;
    }
}
