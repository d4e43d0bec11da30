using System;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// The interpreter's batched step (<see cref="StreamBatch"/>) against the same streams stepped one at a time
/// with <see cref="ModelState"/>, bit for bit, on every fixture and SIMD path; stream 0 against the fixture.
/// </summary>
public class StreamBatchTests
{
    /// <summary>The product's promise: float32 kernels within this of the fixtures' float64 outputs.</summary>
    private const double FixtureTolerance = 1e-5;

    [Theory]
    [MemberData(nameof(BatchScript.StepByStepFixturesOnEveryPath), MemberType = typeof(BatchScript))]
    public void EveryStreamIsBitIdenticalToSteppingItAlone(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var model = InterpretedModel.Load(fixture.DescriptorPath, path);
        foreach (int streams in BatchScript.StreamCounts)
        {
            var script = new BatchScript(fixture, streams);
            var batch = model.CreateBatch(streams);
            float[] outputs = script.RunBatch(batch.Reset, batch.Step);
            script.AssertEveryStreamIsItsSoloRun(outputs, () =>
            {
                var state = model.CreateState();
                return (state.Reset, state.Step);
            }, FixtureTolerance, $"{name} on {path}");
        }
    }

    [Theory]
    [MemberData(nameof(BatchScript.StepByStepFixturesOnEveryPath), MemberType = typeof(BatchScript))]
    public void BatchedStepAllocatesNothing(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var batch = InterpretedModel.Load(fixture.DescriptorPath, path).CreateBatch(8);
        var script = new BatchScript(fixture, 8);
        var outputs = new float[8 * fixture.OutputSize];
        batch.Step(script.Inputs(0), outputs);
        long bytes = Allocations.Measure(() =>
        {
            for (int t = 0; t < script.Steps; t++)
                batch.Step(script.Inputs(t), outputs);
            batch.Reset(3);
            batch.Reset();
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void WrongLengthsNameTheSpanAndTheExpectedCount()
    {
        var fixture = GoldenFixture.Load("lstm_i5_h37");
        var batch = InterpretedModel.Load(fixture.DescriptorPath).CreateBatch(3);
        var inputError = Assert.Throws<ArgumentException>(() => batch.Step(new float[14], new float[3 * fixture.OutputSize]));
        Assert.Equal("inputs", inputError.ParamName);
        Assert.StartsWith("Expected inputs of 3 streams × 5 input values = 15 (stream s at [s × 5, (s + 1) × 5)), found 14.", inputError.Message);
        var outputError = Assert.Throws<ArgumentException>(() => batch.Step(new float[15], new float[3 * fixture.OutputSize + 1]));
        Assert.Equal("outputs", outputError.ParamName);
        Assert.StartsWith($"Expected outputs of 3 streams × {fixture.OutputSize} output values = {3 * fixture.OutputSize}", outputError.Message);
    }

    [Fact]
    public void StreamNumbersOutsideTheBatchAreRefused()
    {
        var model = InterpretedModel.Load(GoldenFixture.Load("lstm_i5_h37").DescriptorPath);
        var batch = model.CreateBatch(3);
        Assert.Equal(3, batch.StreamCount);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => batch.Reset(3));
        Assert.Equal("stream", error.ParamName);
        Assert.StartsWith("This batch has streams 0 to 2.", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Reset(-1));
        Assert.Equal("streams", Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateBatch(0)).ParamName);
    }

    [Theory]
    [MemberData(nameof(BatchScript.WholeSequenceFixtures), MemberType = typeof(BatchScript))]
    public void AWholeSequenceModelHasNoBatchAndSaysWhichLayer(string name)
    {
        var model = InterpretedModel.Load(GoldenFixture.Load(name).DescriptorPath);
        var error = Assert.Throws<InvalidOperationException>(() => model.CreateBatch(2));
        Assert.Matches(@"^layers\[\d+\] is (reverse|bidirectional): it needs the whole sequence, so its streams cannot be stepped together; run each stream's sequence with ModelState.Run$", error.Message);
    }
}
