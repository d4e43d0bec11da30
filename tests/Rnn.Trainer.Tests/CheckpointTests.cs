using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// Checkpoint files: a round trip, then every kind of damage refused with the file's name and what is wrong.
/// "Resealed" cases rewrite the payload and recompute its length and SHA-256, so they reach the checks behind
/// the checksum (a file intact on disk that says something impossible).
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    // Payload offsets for fingerprint "fp" (a 1-byte length, then 2 bytes): epoch, epochs since improvement,
    // best loss, then the parameters' count and values.
    private const int HeaderLength = 20, EpochAt = 3, SinceAt = 7, BestAt = 11, ParametersAt = 19;

    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Checkpoint Sample() => new("fp", 2, 1, 0.25, [1f, -2f, 3f], [1f, -2f, 2.5f], [2f, 0.1f, 0.2f, 0.3f, 0.01f, 0.02f, 0.03f],
        [new EpochResult(1, 0.5, 0.25, true, 0.1), new EpochResult(2, 0.4, 0.3, false, 0.1)]);

    private string Saved()
    {
        string path = Path.Combine(_directory, "m.ckpt");
        Sample().Save(path);
        return path;
    }

    private static byte[] Payload(byte[] file) => file[HeaderLength..^32];

    /// <summary>The file with <paramref name="payload"/> in place of its own, its length and checksum made to match.</summary>
    private static byte[] Resealed(byte[] file, byte[] payload)
    {
        var header = file[..HeaderLength];
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), payload.Length);
        return [.. header, .. payload, .. SHA256.HashData(payload)];
    }

    private static byte[] With(byte[] payload, int offset, byte[] bytes)
    {
        var copy = (byte[])payload.Clone();
        bytes.CopyTo(copy, offset);
        return copy;
    }

    private string Refusal(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
        Assert.StartsWith(path + ": ", error.Message);
        return error.Message[(path.Length + 2)..];
    }

    [Fact]
    public void ACheckpointReadsBackAsWritten()
    {
        var loaded = Checkpoint.Load(Saved());
        var sample = Sample();
        Assert.Equal((sample.Fingerprint, sample.Epoch, sample.EpochsSinceImprovement, sample.BestValidationLoss), (loaded.Fingerprint, loaded.Epoch, loaded.EpochsSinceImprovement, loaded.BestValidationLoss));
        Assert.Equal(sample.Parameters, loaded.Parameters);
        Assert.Equal(sample.BestParameters, loaded.BestParameters);
        Assert.Equal(sample.OptimizerState, loaded.OptimizerState);
        Assert.Equal(sample.History, loaded.History);
    }

    [Fact]
    public void FiveFfBytesInTheFingerprintLengthAreRefused()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        // On disk as damage: the checksum no longer matches.
        Assert.Equal("damaged checkpoint: the checksum does not match the contents (the file was changed or damaged after it was written)",
            Refusal(path, [.. file[..HeaderLength], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. file[(HeaderLength + 5)..]]));
        // Resealed: the reader's FormatException becomes a message with the file's name.
        byte[] payload = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. Payload(file)[1..]];
        Assert.StartsWith("damaged checkpoint: the payload is malformed (", Refusal(path, Resealed(file, payload)));
    }

    [Theory]
    [InlineData(-1, "damaged checkpoint: epoch -1 is negative")]
    [InlineData(int.MaxValue, "damaged checkpoint: the history has 2 epochs but the checkpoint is at epoch 2147483647 (expected one entry per completed epoch)")]
    public void AnImpossibleEpochIsRefused(int epoch, string message)
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        Assert.Equal(message, Refusal(path, Resealed(file, With(Payload(file), EpochAt, BitConverter.GetBytes(epoch)))));
    }

    [Fact]
    public void ANaNLossIsRefused()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        Assert.Equal("damaged checkpoint: the best validation loss is NaN, expected a loss ≥ 0 or +∞",
            Refusal(path, Resealed(file, With(Payload(file), BestAt, BitConverter.GetBytes(double.NaN)))));
    }

    [Fact]
    public void MoreEpochsSinceImprovementThanEpochsAreRefused()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        Assert.Equal("damaged checkpoint: 3 epochs since the last improvement, expected 0 to the epoch (2)",
            Refusal(path, Resealed(file, With(Payload(file), SinceAt, BitConverter.GetBytes(3)))));
    }

    [Fact]
    public void ANegativeHistoryCountIsRefused()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        var payload = Payload(file);
        int historyAt = payload.Length - 2 * (4 + 8 + 8 + 1 + 8) - 4;
        Assert.Equal(2, BitConverter.ToInt32(payload, historyAt));
        Assert.Equal("damaged checkpoint: the history count -1 is negative", Refusal(path, Resealed(file, With(payload, historyAt, BitConverter.GetBytes(-1)))));
    }

    [Fact]
    public void TrailingGarbageIsRefused()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        Assert.Equal("damaged checkpoint: 3 bytes of trailing garbage after the checksum (payload of 145 bytes, file of 200)", Refusal(path, [.. file, 1, 2, 3]));
        Assert.Equal("damaged checkpoint: 3 bytes follow the history, where the payload should end", Refusal(path, Resealed(file, [.. Payload(file), 1, 2, 3])));
    }

    [Fact]
    public void ANaNParameterIsRefusedByIndex()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        Assert.Equal("damaged checkpoint: parameter 1 is NaN (training diverged before this checkpoint, or the file was damaged); retrain without --resume",
            Refusal(path, Resealed(file, With(Payload(file), ParametersAt + 4 + 4, BitConverter.GetBytes(float.NaN)))));
    }

    [Fact]
    public void AnImplausibleArrayLengthNamesTheFile()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        Assert.Equal("damaged checkpoint: implausible length 1073741824 for the parameters (0 to 268435456, and at most the 30 values left in the file)",
            Refusal(path, Resealed(file, With(Payload(file), ParametersAt, BitConverter.GetBytes(1 << 30)))));
    }

    [Fact]
    public void EveryFlippedBitIsRefusedWithTheFileName()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        for (int at = 0; at < file.Length; at++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])file.Clone();
                damaged[at] ^= (byte)(1 << bit);
                // Refusal asserts the type and the file name; no other exception may escape.
                Refusal(path, damaged);
            }
        }
    }

    [Fact]
    public void EveryTruncationIsRefusedWithTheFileName()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        for (int length = 0; length < file.Length; length++)
            Refusal(path, file[..length]);
    }

    [Fact]
    public void AVersionOneCheckpointSaysItIsFromAnOlderVersion()
    {
        string path = Saved();
        // Version 1: "RNNCKPT1" and the same payload, no version, no checksum.
        byte[] old = [.. Encoding.ASCII.GetBytes("RNNCKPT1"), .. Payload(File.ReadAllBytes(path))];
        Assert.Equal("the checkpoint was written by an older version of rnn (format 1, without a version or checksum); retrain without --resume, or resume it with the rnn that wrote it", Refusal(path, old));
    }

    [Fact]
    public void ANewerFormatVersionIsRefused()
    {
        string path = Saved();
        var file = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), 3);
        Assert.Equal("checkpoint format 3, but this rnn reads format 2; resume it with the rnn that wrote it, or retrain without --resume", Refusal(path, file));
    }

    [Fact]
    public void LoadingRemovesAStaleTemporaryAndKeepsTheCheckpoint()
    {
        string path = Saved();
        File.WriteAllBytes(path + ".tmp", [1, 2, 3]); // what a save killed mid-write leaves
        var loaded = Checkpoint.Load(path);
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(Sample().Parameters, loaded.Parameters);
    }

    [Fact]
    public void SavingLeavesNoTemporary()
    {
        string path = Saved();
        Sample().Save(path);
        Assert.Equal(new[] { "m.ckpt" }, Directory.GetFiles(_directory).Select(f => Path.GetFileName(f)).ToArray());
    }
}
