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
    public void InterpreterMatchesPyTorchAtEveryStep(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var state = InterpretedModel.Load(fixture.DescriptorPath, path).CreateState();
        var output = new float[fixture.OutputSize];
        for (int t = 0; t < fixture.Steps; t++)
        {
            state.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), output);
            for (int k = 0; k < output.Length; k++)
            {
                double expected = fixture.Output[t * fixture.OutputSize + k];
                double error = Math.Abs(output[k] - expected);
                Assert.True(error <= InterpreterTolerance, $"{name} on {path}, step {t}, output {k}: expected {expected}, found {output[k]} (error {error:E2})");
            }
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

    [Theory]
    [MemberData(nameof(GoldenFixture.All), MemberType = typeof(GoldenFixture))]
    public void RunOverTheSequenceEqualsStepByStepAndResetStartsOver(string name)
    {
        var fixture = GoldenFixture.Load(name);
        var model = InterpretedModel.Load(fixture.DescriptorPath);
        var state = model.CreateState();
        var stepped = new float[fixture.Steps * fixture.OutputSize];
        for (int t = 0; t < fixture.Steps; t++)
            state.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), stepped.AsSpan(t * fixture.OutputSize, fixture.OutputSize));

        state.Reset();
        var run = new float[stepped.Length];
        state.Run(fixture.Input, run);
        Assert.Equal(stepped, run);
    }
}
