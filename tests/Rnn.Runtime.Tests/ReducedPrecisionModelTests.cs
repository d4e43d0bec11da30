using System;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Precision;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// Models in reduced precision through the interpreter: every golden fixture on every path against the
/// float64 reference run on the rounded weights (the exact model the kernels compute), the load option and
/// a quantized file giving the same outputs bit for bit, batches, and no allocation per step.
/// </summary>
public class ReducedPrecisionModelTests
{
    /// <summary>
    /// Float32 kernels against a float64 reference of the same (rounded) weights. GoldenTests' 1e-5, with room:
    /// rounded weights change a model's dynamics, and onnx_node_simple_rnn_batchwise_b1 in int8 amplifies the
    /// float32 element-wise rounding to 1.3e-5 by step 42 on the Vector128 path.
    /// </summary>
    private const double KernelTolerance = 3e-5;

    private static readonly WeightPrecision[] s_reduced = { WeightPrecision.Float16, WeightPrecision.BFloat16, WeightPrecision.Int8 };

    public static TheoryData<string, WeightPrecision> FixturesInEveryPrecision()
    {
        var data = new TheoryData<string, WeightPrecision>();
        foreach (string name in GoldenFixture.Names())
        {
            foreach (var precision in s_reduced)
                data.Add(name, precision);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixturesInEveryPrecision))]
    public void EveryPathMatchesTheFloat64ReferenceOfTheRoundedWeights(string name, WeightPrecision precision)
    {
        var fixture = GoldenFixture.Load(name);
        var descriptor = DescriptorReader.ReadFile(fixture.DescriptorPath);
        var rounded = DescriptorRounding.Round(descriptor, precision);
        var expected = new ReferenceModel(rounded).Run(fixture.Input);
        foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
        {
            var model = InterpretedModel.FromDescriptor(descriptor, new ModelLoadOptions { Precision = precision, SimdPath = path });
            Assert.Equal(precision, model.Precision);
            var outputs = new float[fixture.Steps * fixture.OutputSize];
            model.CreateState().Run(fixture.Input, outputs);
            for (int k = 0; k < outputs.Length; k++)
            {
                double tolerance = KernelTolerance * Math.Max(1, Math.Abs(expected[k]));
                Assert.True(Math.Abs(outputs[k] - expected[k]) <= tolerance,
                    $"{name} {precision} {path}: output {k % fixture.OutputSize} at step {k / fixture.OutputSize}: {outputs[k]:R}, reference {expected[k]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FixturesInEveryPrecision))]
    public void AQuantizedFileRunsBitForBitAsTheLoadOption(string name, WeightPrecision precision)
    {
        var fixture = GoldenFixture.Load(name);
        var original = DescriptorReader.ReadFile(fixture.DescriptorPath);
        var fromFile = InterpretedModel.FromDescriptor(DescriptorReader.Parse(DescriptorWriter.ToJson(DescriptorRounding.Round(original, precision))));
        var fromOption = InterpretedModel.FromDescriptor(original, new ModelLoadOptions { Precision = precision });
        Assert.Equal(precision, fromFile.Precision);
        var a = new float[fixture.Steps * fixture.OutputSize];
        var b = new float[a.Length];
        fromFile.CreateState().Run(fixture.Input, a);
        fromOption.CreateState().Run(fixture.Input, b);
        Assert.Equal(a.Select(BitConverter.SingleToUInt32Bits), b.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void AQuantizedFileCanStillRunInFloat32OrAnotherPrecision()
    {
        var original = DescriptorReader.ReadFile(GoldenFixture.Load("lstm_i5_h37").DescriptorPath);
        var int8 = DescriptorRounding.Round(original, WeightPrecision.Int8);
        Assert.Equal(WeightPrecision.Float32, InterpretedModel.FromDescriptor(int8, new ModelLoadOptions { Precision = WeightPrecision.Float32 }).Precision);
        Assert.Equal(WeightPrecision.Float16, InterpretedModel.FromDescriptor(int8, new ModelLoadOptions { Precision = WeightPrecision.Float16 }).Precision);
        Assert.Equal(WeightPrecision.Int8, InterpretedModel.FromDescriptor(int8, new ModelLoadOptions()).Precision);
    }

    [Theory]
    [InlineData(WeightPrecision.Float16)]
    [InlineData(WeightPrecision.BFloat16)]
    [InlineData(WeightPrecision.Int8)]
    public void BatchedStreamsEqualSoloStreamsInReducedPrecision(WeightPrecision precision)
    {
        foreach (string name in new[] { "lstm_i16_h64", "gru_i16_h64", "v2_gru_resetbefore_i5_h17", "v2_lstm_peep_proj_i3_h33_p17", "torch_heads_i4" })
        {
            var fixture = GoldenFixture.Load(name);
            var model = InterpretedModel.Load(fixture.DescriptorPath, new ModelLoadOptions { Precision = precision });
            const int streams = 3;
            var batch = model.CreateBatch(streams);
            var solo = Enumerable.Range(0, streams).Select(_ => model.CreateState()).ToArray();
            var inputs = new float[streams * fixture.InputSize];
            var outputs = new float[streams * fixture.OutputSize];
            var single = new float[fixture.OutputSize];
            for (int t = 0; t < 50; t++)
            {
                for (int s = 0; s < streams; s++)
                    fixture.Input.AsSpan(((t + 7 * s) % fixture.Steps) * fixture.InputSize, fixture.InputSize).CopyTo(inputs.AsSpan(s * fixture.InputSize));
                batch.Step(inputs, outputs);
                for (int s = 0; s < streams; s++)
                {
                    solo[s].Step(inputs.AsSpan(s * fixture.InputSize, fixture.InputSize), single);
                    Assert.Equal(single, outputs.AsSpan(s * fixture.OutputSize, fixture.OutputSize).ToArray());
                }
            }
        }
    }

    [Theory]
    [InlineData(WeightPrecision.Float16)]
    [InlineData(WeightPrecision.BFloat16)]
    [InlineData(WeightPrecision.Int8)]
    public void StepsAllocateNothing(WeightPrecision precision)
    {
        foreach (string name in new[] { "lstm_i16_h64", "gru_i16_h64", "v2_gru_resetbefore_i5_h17", "v2_lstm_peep_proj_i3_h33_p17", "rnn_tanh_i16_h64", "torch_heads_i4" })
        {
            var fixture = GoldenFixture.Load(name);
            foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
            {
                var state = InterpretedModel.Load(fixture.DescriptorPath, new ModelLoadOptions { Precision = precision, SimdPath = path }).CreateState();
                var output = new float[fixture.OutputSize];
                state.Step(fixture.Input.AsSpan(0, fixture.InputSize), output);
                long bytes = Allocations.Measure(() =>
                {
                    for (int t = 0; t < 100; t++)
                        state.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), output);
                });
                Assert.True(bytes == 0, $"{name} {precision} {path}: {bytes} bytes allocated in 100 steps");
            }
        }
    }
}
