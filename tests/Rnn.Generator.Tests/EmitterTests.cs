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
    public void WeightBytesAreTheLittleEndianFloat32Bits()
    {
        string emitted = ModelEmitter.Emit(Request(), NetworkPlanner.Plan(Tiny()), "/project/tiny.rnn.json");
        // The dense bias, padded to 8 rows: 0.75 then seven zeros.
        int start = emitted.IndexOf("Layer1BiasBytes => new byte[]", StringComparison.Ordinal);
        string line = emitted[start..].Split('\n')[2].Trim();
        Assert.StartsWith("0x00, 0x00, 0x40, 0x3F, 0x00, 0x00, 0x00, 0x00,", line);
        Assert.EndsWith("// 0.75f, 0f, 0f, 0f", line);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x40, 0x3F }, WeightsEmitter.LittleEndian(0.75f));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
