using System;
using System.Linq;
using System.Reflection;
using Rnn.Runtime;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Tests;
using Xunit;

namespace Rnn.Generated.Tests;

/// <summary>
/// Every input at float.MaxValue: products overflow float32, and a product split into several accumulator
/// chains once gave +∞ in one chain and −∞ in another, so their sum was NaN on the Vector128/256 paths
/// (GRU). Every path must stay finite and saturate as the float64 reference does.
/// </summary>
public class SaturationTests
{
    /// <summary>Steps of float.MaxValue: the first saturates every layer, the rest run from a saturated state.</summary>
    private const int Steps = 3;

    /// <summary>
    /// GRU, LSTM and Elman models with tanh/σ: wide enough that the vector paths split products into chains
    /// (v2_skip_norm_gru_i3_h17 gave NaN on Vector128/256/512 before ChainSum). Models whose float32 arithmetic
    /// overflows on every path, the scalar one too (ReLU layers, input normalisation of float.MaxValue, ONNX
    /// weights above 1 multiplying float.MaxValue in one product), are beyond this rule; see docs/limits.md.
    /// </summary>
    private static readonly string[] Saturating =
    [
        "gru_i7_h33", "gru_i16_h64", "v2_skip_norm_gru_i3_h17", "gru3_i2_h9",
        "lstm_i16_h64", "lstm_i5_h37", "lstm2_i3_h20_h12",
        "rnn_tanh_i16_h64", "torch_rnn_tanh_i2_h9",
    ];

    public static TheoryData<string, SimdPath> FixturesOnEveryPath()
    {
        var data = new TheoryData<string, SimdPath>();
        foreach (var row in GoldenFixture.AllOnEveryPath())
        {
            if (Array.IndexOf(Saturating, (string)row[0]) >= 0)
                data.Add((string)row[0], (SimdPath)row[1]);
        }

        return data;
    }

    private static float[] AllFloatMax(int inputSize) => Enumerable.Repeat(float.MaxValue, Steps * inputSize).ToArray();

    private static float[] RunGenerated<TModel>(float[] inputs, int outputSize, SimdPath path)
        where TModel : struct, IGeneratedRnnModel
    {
        var outputs = new float[Steps * outputSize];
        default(TModel).Run(inputs, outputs, path);
        return outputs;
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void GeneratedCodeStaysFiniteAtFloatMax(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var inputs = AllFloatMax(fixture.InputSize);
        var run = typeof(SaturationTests).GetMethod(nameof(RunGenerated), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(GoldenModelTypes.ByFixture[name]);
        var outputs = (float[])run.Invoke(null, [inputs, fixture.OutputSize, path])!;
        var reference = new ReferenceModel(DescriptorReader.ReadFile(fixture.DescriptorPath)).Run(inputs);
        Compare(name, $"generated {path}", outputs, reference);
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void TheInterpreterStaysFiniteAtFloatMax(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var inputs = AllFloatMax(fixture.InputSize);
        var outputs = new float[Steps * fixture.OutputSize];
        InterpretedModel.Load(fixture.DescriptorPath, path).CreateState().Run(inputs, outputs);
        var reference = new ReferenceModel(DescriptorReader.ReadFile(fixture.DescriptorPath)).Run(inputs);
        Compare(name, $"interpreter {path}", outputs, reference);
    }

    private static void Compare(string name, string what, float[] outputs, double[] reference)
    {
        for (int i = 0; i < outputs.Length; i++)
        {
            Assert.True(float.IsFinite(outputs[i]) || !double.IsFinite(reference[i]), $"{name} on {what}, value {i}: {outputs[i]} (reference {reference[i]})");
            Assert.True(Math.Abs(outputs[i] - reference[i]) <= 1e-3 * Math.Max(1, Math.Abs(reference[i])) || outputs[i] == (float)reference[i],
                $"{name} on {what}, value {i}: {outputs[i]}, reference {reference[i]}");
        }
    }
}
