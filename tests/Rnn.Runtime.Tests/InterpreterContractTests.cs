using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>The interpreter's API promises: zero allocation per step, clear span-length errors, shareable models.</summary>
public class InterpreterContractTests
{
    private static InterpretedModel Load(string name, SimdPath? path = null) =>
        InterpretedModel.Load(Path.Combine(GoldenFixture.Directory, name + ".rnn.json"), path);

    public static TheoryData<string, SimdPath> FixturesOnEveryPath() => GoldenFixture.AllOnEveryPath();

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void StepRunAndResetAllocateNothing(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var model = Load(name, path);
        var state = model.CreateState();
        bool steps = !model.Descriptor.NeedsWholeSequence;
        var output = new float[fixture.OutputSize];
        var outputs = new float[fixture.Steps * fixture.OutputSize];
        // Warm-up: JIT tiering must not count, nor a whole-sequence model's buffers growing to T steps.
        state.Run(fixture.Input, outputs);

        long allocated = Allocations.Measure(() =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                state.Reset();
                for (int t = 0; steps && t < fixture.Steps; t++)
                    state.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), output);
                state.Run(fixture.Input, outputs);
                // A shorter whole sequence reuses the grown buffers.
                state.Run(fixture.Input.AsSpan(0, fixture.InputSize * (fixture.Steps / 2)), outputs.AsSpan(0, fixture.OutputSize * (fixture.Steps / 2)));
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void StepRejectsWrongSpanLengthsAndSaysWhatItExpected()
    {
        var state = Load("lstm_i5_h37").CreateState();
        var e = Assert.Throws<ArgumentException>(() => state.Step(new float[4], new float[3]));
        Assert.Equal("input", e.ParamName);
        Assert.StartsWith("Expected an input of 5 values, found 4.", e.Message);
        e = Assert.Throws<ArgumentException>(() => state.Step(new float[5], new float[2]));
        Assert.Equal("output", e.ParamName);
        Assert.StartsWith("Expected an output of 3 values, found 2.", e.Message);
    }

    [Fact]
    public void RunRejectsPartialStepsAndMismatchedOutputs()
    {
        var state = Load("lstm_i5_h37").CreateState();
        var e = Assert.Throws<ArgumentException>(() => state.Run(new float[12], new float[6]));
        Assert.StartsWith("Expected a whole number of steps of 5 input values, found 12 values.", e.Message);
        e = Assert.Throws<ArgumentException>(() => state.Run(new float[10], new float[5]));
        Assert.StartsWith("Expected 2 steps × 3 = 6 output values for 2 input steps, found 5.", e.Message);
    }

    [Fact]
    public void ForcingAPathThisMachineLacksIsAnError()
    {
        foreach (var path in Enum.GetValues<SimdPath>().Append((SimdPath)42))
        {
            if (SimdCapabilities.IsSupported(path))
            {
                Assert.Equal(path, Load("gru_i1_h16", path).Path);
                continue;
            }

            var e = Assert.Throws<ArgumentException>(() => Load("gru_i1_h16", path));
            Assert.StartsWith($"The {path} path is not hardware-accelerated on this machine; the best here is {SimdCapabilities.Best}.", e.Message);
        }

        Assert.False(SimdCapabilities.IsSupported((SimdPath)42));
    }

    [Fact]
    public void OneModelServesManyStreamsOnManyThreads()
    {
        var fixture = GoldenFixture.Load("mixed_norm_i6");
        var model = Load("mixed_norm_i6");
        var expected = new float[fixture.Steps * fixture.OutputSize];
        model.CreateState().Run(fixture.Input, expected);

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, s =>
        {
            var state = model.CreateState();
            var outputs = new float[expected.Length];
            for (int repeat = 0; repeat < 10; repeat++)
            {
                state.Reset();
                state.Run(fixture.Input, outputs);
            }

            results[s] = outputs;
        });

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void StateCarriesAcrossCallsUntilReset()
    {
        var fixture = GoldenFixture.Load("gru_i1_h16");
        var state = Load("gru_i1_h16").CreateState();
        var first = new float[1];
        var again = new float[1];
        state.Step(fixture.Input.AsSpan(0, 1), first);
        state.Step(fixture.Input.AsSpan(0, 1), again);
        Assert.NotEqual(first[0], again[0]);
        state.Reset();
        state.Step(fixture.Input.AsSpan(0, 1), again);
        Assert.Equal(first[0], again[0]);
    }
}
