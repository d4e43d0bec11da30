extern alias runtime;

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Rnn.Generator.Emit;
using Rnn.Generator.Model;
using Rnn.Generator.Parsing;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>The emitter on hand-built input, without a compilation: snapshot and literal exactness.</summary>
public class EmitterTests
{
    private static ModelDescriptor Tiny()
    {
        var rnn = new RecurrentLayerDescriptor(LayerKind.Rnn, 1, 2, Activation.Relu,
            new[] { 0.5f, -0.25f }, new[] { 0.1f, 0.2f, -0.3f, 0.4f }, new[] { 0f, 1f }, new[] { -1f, 0.125f });
        var dense = new DenseLayerDescriptor(2, 1, Activation.Sigmoid, new[] { 1.5f, -2f }, new[] { 0.75f });
        return new ModelDescriptor(1, new LayerDescriptor[] { rnn, dense });
    }

    private static ModelRequest Request() => new("Demo", EquatableArray<string>.Empty, "Tiny", "struct", "global::Demo.Tiny",
        "tiny.rnn.json", "/project/Models.cs", null, "tiny");

    [Fact]
    public void TheEmittedCodeMatchesTheSnapshot()
    {
        string emitted = ModelEmitter.Emit(Request(), NetworkPlanner.Plan(Tiny()), "/project/tiny.rnn.json");
        string snapshot = Path.Combine(AppContext.BaseDirectory, "Snapshots", "Tiny.g.cs.txt");
        if (Environment.GetEnvironmentVariable("RNN_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(Path.Combine(SourceDirectory(), "Snapshots", "Tiny.g.cs.txt"), emitted);
        Assert.Equal(File.ReadAllText(snapshot), emitted);
    }

    [Fact]
    public void TheEmittedEntryPointsMatchTheSnapshot()
    {
        string emitted = NativeExportsEmitter.Emit(Request(), NetworkPlanner.Plan(Tiny()), "tiny", "/project/tiny.rnn.json");
        string snapshot = Path.Combine(AppContext.BaseDirectory, "Snapshots", "Tiny.Native.g.cs.txt");
        if (Environment.GetEnvironmentVariable("RNN_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(Path.Combine(SourceDirectory(), "Snapshots", "Tiny.Native.g.cs.txt"), emitted);
        Assert.Equal(File.ReadAllText(snapshot), emitted);
    }

    [Fact]
    public void FloatLiteralsReadBackBitExactly()
    {
        var random = new Random(5);
        var specials = new[] { 0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-38f, 0.1f, 1f / 3 };
        var values = specials.Concat(Enumerable.Range(0, 100_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31))))
            .Where(float.IsFinite);
        foreach (float value in values)
        {
            string literal = FloatLiteral.Format(value);
            Assert.EndsWith("f", literal);
            float parsed = float.Parse(literal[..^1], CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(parsed));
        }
    }

    [Fact]
    public void TheWeightImageIsTheLittleEndianFloat32BitsOfEveryPieceOnA64ByteBoundary()
    {
        var plan = NetworkPlanner.Plan(Tiny());
        string emitted = ModelEmitter.Emit(Request(), plan, "/project/tiny.rnn.json");
        int open = emitted.IndexOf("Base64 => \"\"\"\n", StringComparison.Ordinal) + "Base64 => \"\"\"\n".Length;
        int close = emitted.IndexOf("\"\"\"u8;", open, StringComparison.Ordinal);
        string base64 = emitted[open..close].Replace("\n", "");
        // The runtime's decoder, as generated code calls it.
        float[] data = runtime::Rnn.Runtime.WeightImage.Decode(System.Text.Encoding.ASCII.GetBytes(base64), Convert.FromBase64String(base64).Length / 4);
        int start = runtime::Rnn.Runtime.WeightImage.AlignedStart(data);
        var layout = new WeightsEmitter.WeightLayout(plan);
        foreach (var piece in layout.Pieces)
        {
            Assert.Equal(0, piece.Offset % 16);
            Assert.Contains($"private const int {piece.Name} = {piece.Offset};", emitted);
            for (int i = 0; i < piece.Values.Count; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(piece.Values[i]), BitConverter.SingleToInt32Bits(data[start + piece.Offset + i]));
        }

        // The dense head (2 → 1, sigmoid) reads a padded state of 8: its one row is 1.5, -2, then zeros; bias 0.75.
        var head = layout.Pieces.Single(p => p.Name == "Layer1Weights");
        Assert.Equal(new[] { 1.5f, -2f, 0f, 0f, 0f, 0f, 0f, 0f }, head.Values.AsArray());
        Assert.Equal(0.75f, layout.Pieces.Single(p => p.Name == "Layer1Bias").Values[0]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x40, 0x3F }, WeightsEmitter.LittleEndian(0.75f));
    }

    [Fact]
    public void TheWeightImageDecoderRejectsWhatIsNotBase64OfTheStatedLength()
    {
        var good = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[8]));
        Assert.Equal(new float[2], runtime::Rnn.Runtime.WeightImage.Decode(good, 2).AsSpan(runtime::Rnn.Runtime.WeightImage.AlignedStart(runtime::Rnn.Runtime.WeightImage.Decode(good, 2)), 2).ToArray());
        Assert.Contains("expected 12 bytes", Assert.Throws<FormatException>(() => runtime::Rnn.Runtime.WeightImage.Decode(good, 3)).Message);
        Assert.Contains("more than 1 floats", Assert.Throws<FormatException>(() => runtime::Rnn.Runtime.WeightImage.Decode(good, 1)).Message);
        Assert.Contains("0x21", Assert.Throws<FormatException>(() => runtime::Rnn.Runtime.WeightImage.Decode("AAAA!AAA"u8, 1)).Message);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
