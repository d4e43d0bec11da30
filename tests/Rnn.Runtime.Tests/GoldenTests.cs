using System;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>Every step of every PyTorch fixture, through the interpreter on every SIMD path and through the reference.</summary>
public class GoldenTests
{
    /// <summary>The product's promise: float32 kernels within this of PyTorch's float64 outputs.</summary>
    private const double InterpreterTolerance = 1e-5;

    /// <summary>The double-precision oracle differs from the float64 fixtures (PyTorch or numpy) only by summation order.</summary>
    private const double ReferenceTolerance = 1e-9;

    public static TheoryData<string, SimdPath> FixturesOnEveryPath() => GoldenFixture.AllOnEveryPath();

    [Fact]
    public void FixturesCoverEveryCellTypeAndAtLeast100Steps()
    {
        var names = GoldenFixture.Names().ToArray();
        Assert.True(names.Length >= 12, $"only {names.Length} fixtures");
        var kinds = names.SelectMany(n => DescriptorReader.ReadFile(GoldenFixture.Load(n).DescriptorPath).Layers.Select(l => l.Kind)).ToHashSet();
        Assert.Equal(Enum.GetValues<LayerKind>().ToHashSet(), kinds);
        Assert.All(names, n => Assert.True(GoldenFixture.Load(n).Steps >= 100));
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void InterpreterStepMatchesTheFixtureAtEveryStep(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var model = InterpretedModel.Load(fixture.DescriptorPath, path);
        var state = model.CreateState();
        var output = new float[fixture.OutputSize];
        if (model.Descriptor.NeedsWholeSequence)
        {
            var error = Assert.Throws<InvalidOperationException>(() => state.Step(fixture.Input.AsSpan(0, fixture.InputSize), output));
            Assert.Matches(@"^layers\[\d+\] is (reverse|bidirectional): it needs the whole sequence; call Run$", error.Message);
            return;
        }

        for (int t = 0; t < fixture.Steps; t++)
        {
            state.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), output);
            AssertMatches(fixture, path, t, output);
        }
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void InterpreterRunMatchesTheFixtureTwiceOver(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var state = InterpretedModel.Load(fixture.DescriptorPath, path).CreateState();
        var outputs = new float[fixture.Steps * fixture.OutputSize];
        // Twice: a whole-sequence model starts over on every Run; a step-able one starts over after Reset.
        for (int pass = 0; pass < 2; pass++)
        {
            state.Reset();
            Array.Clear(outputs);
            state.Run(fixture.Input, outputs);
            for (int t = 0; t < fixture.Steps; t++)
                AssertMatches(fixture, path, t, outputs.AsSpan(t * fixture.OutputSize, fixture.OutputSize));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.All), MemberType = typeof(GoldenFixture))]
    public void RunInPiecesEqualsStepByStepAndResetStartsOver(string name)
    {
        var fixture = GoldenFixture.Load(name);
        var model = InterpretedModel.Load(fixture.DescriptorPath);
        if (model.Descriptor.NeedsWholeSequence)
        {
            // Pieces are not meaningful here: each Run is a whole sequence. A shorter sequence after a
            // longer one reuses the grown buffers and is still its own sequence.
            var state = model.CreateState();
            int half = fixture.Steps / 2;
            var whole = new float[fixture.Steps * fixture.OutputSize];
            var first = new float[half * fixture.OutputSize];
            var firstAlone = new float[first.Length];
            model.CreateState().Run(fixture.Input.AsSpan(0, half * fixture.InputSize), firstAlone);
            state.Run(fixture.Input, whole);
            state.Run(fixture.Input.AsSpan(0, half * fixture.InputSize), first);
            Assert.Equal(firstAlone, first);
            return;
        }

        var stepState = model.CreateState();
        var stepped = new float[fixture.Steps * fixture.OutputSize];
        for (int t = 0; t < fixture.Steps; t++)
            stepState.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), stepped.AsSpan(t * fixture.OutputSize, fixture.OutputSize));

        stepState.Reset();
        var pieces = new float[stepped.Length];
        int split = fixture.Steps / 3;
        stepState.Run(fixture.Input.AsSpan(0, split * fixture.InputSize), pieces.AsSpan(0, split * fixture.OutputSize));
        stepState.Run(fixture.Input.AsSpan(split * fixture.InputSize), pieces.AsSpan(split * fixture.OutputSize));
        Assert.Equal(stepped, pieces);
    }

    private static void AssertMatches(GoldenFixture fixture, SimdPath path, int t, ReadOnlySpan<float> output)
    {
        for (int k = 0; k < output.Length; k++)
        {
            double expected = fixture.Output[t * fixture.OutputSize + k];
            double error = Math.Abs(output[k] - expected);
            Assert.True(error <= InterpreterTolerance, $"{fixture.Name} on {path}, step {t}, output {k}: expected {expected}, found {output[k]} (error {error:E2})");
        }
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.All), MemberType = typeof(GoldenFixture))]
    public void ReferenceRunMatchesTheFixture(string name)
    {
        var fixture = GoldenFixture.Load(name);
        var output = new ReferenceModel(DescriptorReader.ReadFile(fixture.DescriptorPath)).Run(fixture.Input);
        Assert.Equal(fixture.Output.Length, output.Length);
        for (int k = 0; k < output.Length; k++)
            Assert.True(Math.Abs(output[k] - fixture.Output[k]) <= ReferenceTolerance, $"{name}, step {k / fixture.OutputSize}, output {k % fixture.OutputSize}: expected {fixture.Output[k]}, found {output[k]}");
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.All), MemberType = typeof(GoldenFixture))]
    public void ReferenceStepMatchesTheFixtureOrRefusesAWholeSequenceModel(string name)
    {
        var fixture = GoldenFixture.Load(name);
        var descriptor = DescriptorReader.ReadFile(fixture.DescriptorPath);
        var reference = new ReferenceModel(descriptor);
        if (descriptor.NeedsWholeSequence)
        {
            var error = Assert.Throws<InvalidOperationException>(() => reference.Step(fixture.Input.AsSpan(0, fixture.InputSize)));
            Assert.Matches(@"^layers\[\d+\] is (reverse|bidirectional): it needs the whole sequence; call Run$", error.Message);
            return;
        }

        for (int t = 0; t < fixture.Steps; t++)
        {
            var output = reference.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize));
            for (int k = 0; k < output.Length; k++)
            {
                double expected = fixture.Output[t * fixture.OutputSize + k];
                Assert.True(Math.Abs(output[k] - expected) <= ReferenceTolerance, $"{name}, step {t}, output {k}: expected {expected}, found {output[k]}");
            }
        }
    }
}
