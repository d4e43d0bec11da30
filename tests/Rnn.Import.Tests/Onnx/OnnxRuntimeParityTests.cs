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
        AgreesWithOnnxRuntime(fixture.ModelPath, fixture.InputAxes, fixture.OutputAxes, fixture.FixedSteps ?? Steps, fixture.FixedBatch ?? Batch, path, name.Length);
    }

    /// <summary>
    /// ONNX applies clip "to the input of activations" and its peephole terms are part of that input; a
    /// model with both (no fixture from the script has them together) agrees with ONNX Runtime too.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryPath))]
    public void PeepholesTogetherWithClipMatchOnnxRuntime(SimdPath path)
    {
        var graph = new TestGraph()
            .Input("X", "T", "B", 3)
            .Floats("W", [1, 16, 3], i => 0.9f * MathF.Sin(1.3f * i + 0.2f))
            .Floats("R", [1, 16, 4], i => 0.8f * MathF.Cos(0.7f * i + 1))
            .Floats("B", [1, 32], i => 0.3f * MathF.Sin(2.1f * i))
            .Floats("P", [1, 12], i => 1.5f * MathF.Cos(1.7f * i))
            .Node("LSTM", "lstm", ["X", "W", "R", "B", "", "", "", "P"], ["Y"], TestGraph.Attribute("hidden_size", 4L), TestGraph.Attribute("clip", 0.75f))
            .Output("Y");
        string model = graph.Save();
        try
        {
            AgreesWithOnnxRuntime(model, ["time", "batch", "feature"], ["time", "feature", "batch", "feature"], Steps, Batch, path, seed: 5);
        }
        finally
        {
            System.IO.File.Delete(model);
        }
    }

    public static TheoryData<SimdPath> EveryPath() => new(Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported));

    private static void AgreesWithOnnxRuntime(string modelPath, string[] inputAxes, string[] outputAxes, int steps, int batch, SimdPath path, int seed)
    {
        var model = InterpretedModel.FromDescriptor(ModelImport.Import(modelPath), path);
        int inputs = model.InputSize, outputs = model.OutputSize;

        // x[t, b, i], seeded, then laid out as the model's input axes say.
        var random = new Random(seed * 7919 + 17);
        var x = new float[steps * batch * inputs];
        for (int k = 0; k < x.Length; k++)
            x[k] = (float)(random.NextDouble() * 4 - 2);
        var expected = RunOnnxRuntime(modelPath, inputAxes, outputAxes, x, steps, batch, inputs, outputs);

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
                    Assert.True(Math.Abs(found - want) <= Tolerance, $"{System.IO.Path.GetFileName(modelPath)} on {path}, batch {b}, step {t}, output {j}: ONNX Runtime {want}, interpreter {found}");
                }
            }
        }
    }

    /// <summary>ONNX Runtime's output for x[t, b, i], re-indexed to [t, b, features] from the output's axes.</summary>
    private static float[] RunOnnxRuntime(string modelPath, string[] inputAxes, string[] outputAxes, float[] x, int steps, int batch, int inputs, int outputs)
    {
        int Size(string axis) => axis switch { "time" => steps, "batch" => batch, _ => inputs };
        var dims = inputAxes.Select(Size).ToArray();
        var data = new float[x.Length];
        foreach (var (t, b, f, at) in Indices(inputAxes, dims))
            data[at] = x[(t * batch + b) * inputs + f];

        using var session = new InferenceSession(modelPath);
        var input = NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), new DenseTensor<float>(data, dims));
        using var results = session.Run([input]);
        var tensor = results.Single().AsTensor<float>();
        var outputDims = tensor.Dimensions.ToArray();
        Assert.Equal(outputAxes.Length, outputDims.Length);
        var values = tensor.ToArray();
        Assert.Equal(steps * batch * outputs, values.Length);
        var result = new float[values.Length];
        foreach (var (t, b, f, at) in Indices(outputAxes, outputDims))
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
