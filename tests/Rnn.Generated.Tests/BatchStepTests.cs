using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Reflection;
using Rnn.Runtime;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Tests;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Generated.Tests;

/// <summary>
/// The generated StepBatch against the same streams stepped one at a time with the generated Step, bit for
/// bit, on every golden fixture and SIMD path; stream 0 against the fixture's float64 outputs.
/// </summary>
public class BatchStepTests
{
    /// <summary>The product's promise: float32 kernels within this of the fixtures' float64 outputs.</summary>
    private const double FixtureTolerance = 1e-5;

    private static readonly Dictionary<string, IBatchCheck> Checks = GoldenModelTypes.ByFixture.ToDictionary(
        pair => pair.Key, pair => (IBatchCheck)Activator.CreateInstance(typeof(BatchCheck<>).MakeGenericType(pair.Value))!);

    [Theory]
    [MemberData(nameof(BatchScript.StepByStepFixturesOnEveryPath), MemberType = typeof(BatchScript))]
    public void EveryStreamIsBitIdenticalToSteppingItAlone(string name, SimdPath path) =>
        Checks[name].CheckStreams(GoldenFixture.Load(name), path);

    [Theory]
    [MemberData(nameof(BatchScript.StepByStepFixturesOnEveryPath), MemberType = typeof(BatchScript))]
    public void StepBatchAllocatesNothing(string name, SimdPath path) =>
        Assert.Equal(0, Checks[name].AllocatedBytes(GoldenFixture.Load(name), path));

    [Theory]
    [MemberData(nameof(BatchScript.WholeSequenceFixtures), MemberType = typeof(BatchScript))]
    public void AWholeSequenceModelRefusesStepBatchAtCompileTime(string name)
    {
        var type = GoldenModelTypes.ByFixture[name];
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "StepBatch").ToArray();
        Assert.Equal(2, methods.Length);
        Assert.All(methods, m =>
        {
            var obsolete = m.GetCustomAttribute<ObsoleteAttribute>();
            Assert.True(obsolete is { IsError: true }, $"{type.Name}.StepBatch is not an error to call");
            Assert.StartsWith("This model has a reverse or bidirectional layer", obsolete!.Message);
        });
    }

    [Fact]
    public void WrongLengthsSayWhatWasExpected()
    {
        var streams = new LstmI5H37[3];
        var e = Assert.Throws<ArgumentException>(() => LstmI5H37.StepBatch(streams, new float[14], new float[9]));
        Assert.Equal("inputs", e.ParamName);
        Assert.StartsWith("Expected inputs of 3 streams × 5 input values = 15 (stream s at [s × 5, (s + 1) × 5)), found 14.", e.Message);
        e = Assert.Throws<ArgumentException>(() => LstmI5H37.StepBatch(streams, new float[15], new float[10], SimdPath.Scalar));
        Assert.Equal("outputs", e.ParamName);
        Assert.StartsWith("Expected outputs of 3 streams × 3 output values = 9", e.Message);
        // No streams: nothing to do, and nothing read.
        LstmI5H37.StepBatch([], [], []);
    }


    [Fact]
    public void TheReadmeExampleRunsAsWritten()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var model = InterpretedModel.Load(Path.Combine(RepositoryPaths.Root, "examples", "sine-forecaster.rnn.json"));
        var inputs = Enumerable.Range(0, 8).Select(k => MathF.Sin(0.7f * k)).ToArray();
        var outputs = new float[8];

        // README, "Many streams per call", line by line (each line's code is checked to be there as written).
        var batch = model.CreateBatch(8);
        batch.Step(inputs, outputs);
        batch.Reset(3);
        float[] interpreted = outputs.ToArray();
        var streams = new SineForecaster[8];
        SineForecaster.StepBatch(streams, inputs, outputs);
        streams[3].Reset();

        foreach (string line in new[]
        {
            "var batch = model.CreateBatch(8);", "batch.Step(inputs, outputs);", "batch.Reset(3);",
            "var streams = new SineForecaster[8];", "SineForecaster.StepBatch(streams, inputs, outputs);", "streams[3].Reset();",
        })
        {
            Assert.Contains("\n" + line + " ", readme);
        }

        for (int k = 0; k < 8; k++)
            Assert.True(Math.Abs(outputs[k] - interpreted[k]) <= FixtureTolerance, $"stream {k}: interpreter {interpreted[k]}, generated {outputs[k]}");
        var alone = new SineForecaster();
        var output = new float[1];
        alone.Step(inputs.AsSpan(5, 1), output);
        Assert.Equal(BitConverter.SingleToInt32Bits(output[0]), BitConverter.SingleToInt32Bits(outputs[5]));
    }

    private delegate void StepBatchFunction<TModel>(Span<TModel> streams, ReadOnlySpan<float> inputs, Span<float> outputs, SimdPath path);

    private interface IBatchCheck
    {
        void CheckStreams(GoldenFixture fixture, SimdPath path);

        long AllocatedBytes(GoldenFixture fixture, SimdPath path);
    }

    /// <summary>Calls StepBatch(Span&lt;TModel&gt;, …, SimdPath) of one generated model type, and its Step for the solo runs.</summary>
    private sealed class BatchCheck<TModel> : IBatchCheck
        where TModel : struct, IGeneratedRnnModel
    {
        private static readonly StepBatchFunction<TModel> StepBatch = typeof(TModel)
            .GetMethod("StepBatch", [typeof(Span<TModel>), typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(SimdPath)])!
            .CreateDelegate<StepBatchFunction<TModel>>();

        public void CheckStreams(GoldenFixture fixture, SimdPath path)
        {
            foreach (int count in BatchScript.StreamCounts)
            {
                var streams = new TModel[count];
                var script = new BatchScript(fixture, count);
                float[] outputs = script.RunBatch(k => streams[k].Reset(), (inputs, outputs) => StepBatch(streams, inputs, outputs, path));
                script.AssertEveryStreamIsItsSoloRun(outputs, () =>
                {
                    var alone = new TModel[1];
                    return (() => alone[0].Reset(), (input, output) => alone[0].Step(input, output, path));
                }, FixtureTolerance, $"{typeof(TModel).Name} on {path}");
            }
        }

        public long AllocatedBytes(GoldenFixture fixture, SimdPath path)
        {
            var streams = new TModel[8];
            var script = new BatchScript(fixture, 8);
            var outputs = new float[8 * fixture.OutputSize];
            StepBatch(streams, script.Inputs(0), outputs, path);
            return Allocations.Measure(() =>
            {
                for (int t = 0; t < script.Steps; t++)
                    StepBatch(streams, script.Inputs(t), outputs, path);
            });
        }
    }
}
