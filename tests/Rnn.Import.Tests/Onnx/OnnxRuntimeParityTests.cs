using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// Every imported ONNX fixture against ONNX Runtime running the .onnx file itself: a seeded input batch in
/// the model's own layout goes through the InferenceSession and, one batch element at a time, through the
/// interpreter on every SIMD path; every step's outputs agree within <see cref="Tolerance"/>.
/// </summary>
public class OnnxRuntimeParityTests
{
    /// <summary>Both sides are float32 with different summation orders; the product's promise is 1e-5.</summary>
    private const double Tolerance = 1e-5;

    /// <summary>Steps and batch used where the model does not fix them.</summary>
    private const int Steps = 41, Batch = 3;

    public static TheoryData<string, SimdPath> FixturesOnEveryPath()
    {
        var data = new TheoryData<string, SimdPath>();
        foreach (var name in OnnxFixture.Names().Where(n => OnnxFixture.Load(n).OnnxRuntimeRunsIt))
        {
            foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
                data.Add(name, path);
        }

        return data;
    }

    public static TheoryData<string> FixturesOnnxRuntimeDoesNotRun() =>
        new(OnnxFixture.Names().Where(n => !OnnxFixture.Load(n).OnnxRuntimeRunsIt));

    /// <summary>
    /// The fixtures left out above are only those ONNX Runtime refuses (layout=1: ONNX's "batchwise" node
    /// tests); they are still checked against ONNX's own reference outputs in <see cref="OnnxFixtureTests"/>.
    /// </summary>
    [Theory]
    [MemberData(nameof(FixturesOnnxRuntimeDoesNotRun))]
    public void OnlyModelsOnnxRuntimeRefusesAreLeftOut(string name)
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(OnnxFixture.Load(name).ModelPath).Dispose());
        Assert.Contains("Batchwise recurrent operations (layout == 1) are not supported", e.Message);
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void ImportedModelMatchesOnnxRuntime(string name, SimdPath path)
    {
        var fixture = OnnxFixture.Load(name);
        var model = InterpretedModel.FromDescriptor(ModelImport.Import(fixture.ModelPath), path);
        int steps = fixture.FixedSteps ?? Steps, batch = fixture.FixedBatch ?? Batch;
        int inputs = model.InputSize, outputs = model.OutputSize;

        // x[t, b, i], seeded, then laid out as the model's input axes say.
        var random = new Random(name.Length * 7919 + 17);
        var x = new float[steps * batch * inputs];
        for (int k = 0; k < x.Length; k++)
            x[k] = (float)(random.NextDouble() * 4 - 2);
        var expected = RunOnnxRuntime(fixture, x, steps, batch, inputs, outputs);

        var sequence = new float[steps * inputs];
        var actual = new float[steps * outputs];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < steps; t++)
                Array.Copy(x, (t * batch + b) * inputs, sequence, t * inputs, inputs);
            model.CreateState().Run(sequence, actual);
            for (int t = 0; t < steps; t++)
            {
                for (int j = 0; j < outputs; j++)
                {
                    float want = expected[(t * batch + b) * outputs + j], found = actual[t * outputs + j];
                    Assert.True(Math.Abs(found - want) <= Tolerance, $"{name} on {path}, batch {b}, step {t}, output {j}: ONNX Runtime {want}, interpreter {found}");
                }
            }
        }
    }

    /// <summary>ONNX Runtime's output for x[t, b, i], re-indexed to [t, b, features] from the output's axes.</summary>
    private static float[] RunOnnxRuntime(OnnxFixture fixture, float[] x, int steps, int batch, int inputs, int outputs)
    {
        int Size(string axis) => axis switch { "time" => steps, "batch" => batch, _ => inputs };
        var dims = fixture.InputAxes.Select(Size).ToArray();
        var data = new float[x.Length];
        foreach (var (t, b, f, at) in Indices(fixture.InputAxes, dims))
            data[at] = x[(t * batch + b) * inputs + f];

        using var session = new InferenceSession(fixture.ModelPath);
        var input = NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), new DenseTensor<float>(data, dims));
        using var results = session.Run([input]);
        var tensor = results.Single().AsTensor<float>();
        var outputDims = tensor.Dimensions.ToArray();
        Assert.Equal(fixture.OutputAxes.Length, outputDims.Length);
        var values = tensor.ToArray();
        Assert.Equal(steps * batch * outputs, values.Length);
        var result = new float[values.Length];
        foreach (var (t, b, f, at) in Indices(fixture.OutputAxes, outputDims))
            result[(t * batch + b) * outputs + f] = values[at];
        return result;
    }

    /// <summary>Every element of a row-major tensor with the given axes: its time, batch and flattened feature index, and its offset.</summary>
    private static IEnumerable<(int Time, int Batch, int Feature, int Offset)> Indices(string[] axes, int[] dims)
    {
        int count = dims.Aggregate(1, (p, d) => p * d);
        var index = new int[dims.Length];
        for (int offset = 0; offset < count; offset++)
        {
            int remainder = offset;
            for (int k = dims.Length - 1; k >= 0; k--)
            {
                index[k] = remainder % dims[k];
                remainder /= dims[k];
            }

            int time = 0, batchIndex = 0, feature = 0;
            for (int k = 0; k < dims.Length; k++)
            {
                switch (axes[k])
                {
                    case "time": time = index[k]; break;
                    case "batch": batchIndex = index[k]; break;
                    default: feature = feature * dims[k] + index[k]; break;
                }
            }

            yield return (time, batchIndex, feature, offset);
        }
    }
}
