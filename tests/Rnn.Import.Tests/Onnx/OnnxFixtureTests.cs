using System;
using System.IO;
using System.Linq;
using Rnn.Import.Onnx;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Tests;
using Xunit;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// Every ONNX fixture imports to exactly the descriptor the fixture script wrote independently (from the
/// PyTorch module's tensors, or the ONNX tensors re-ordered by the script's own gate tables), and that
/// model, run by the interpreter on every SIMD path, matches the float64 reference outputs.
/// </summary>
public class OnnxFixtureTests
{
    /// <summary>The product's promise: float32 kernels within this of the float64 reference.</summary>
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Fixtures() => OnnxFixture.All();

    public static TheoryData<string, SimdPath> FixturesOnEveryPath()
    {
        var data = new TheoryData<string, SimdPath>();
        foreach (var name in OnnxFixture.Names())
        {
            foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
                data.Add(name, path);
        }

        return data;
    }

    [Fact]
    public void FixturesCoverOnnxsNodeTestsTorchExportsAndHandBuiltGraphs()
    {
        var names = OnnxFixture.Names().ToArray();
        foreach (var op in new[] { "lstm", "gru", "rnn" })
            Assert.Contains(names, n => n.StartsWith("node_", StringComparison.Ordinal) && n.Contains(op, StringComparison.Ordinal));
        Assert.True(names.Count(n => n.StartsWith("node_", StringComparison.Ordinal)) >= 12);
        Assert.True(names.Count(n => n.StartsWith("torch_", StringComparison.Ordinal)) >= 6);
        Assert.True(names.Count(n => n.StartsWith("hand_", StringComparison.Ordinal)) >= 6);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ImportsToTheCommittedDescriptor(string name)
    {
        var fixture = OnnxFixture.Load(name);
        Assert.Same(typeof(OnnxImporter), ModelImport.Detect(fixture.ModelPath).GetType());
        string imported = DescriptorWriter.ToJson(ModelImport.Import(fixture.ModelPath));
        foreach (var golden in fixture.Golden)
        {
            var expected = DescriptorReader.ReadFile(GoldenFixture.Load(golden).DescriptorPath);
            Assert.Equal(DescriptorWriter.ToJson(expected), imported);
        }
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void ImportedModelMatchesTheReferenceOutputs(string name, SimdPath path)
    {
        var fixture = OnnxFixture.Load(name);
        var model = InterpretedModel.FromDescriptor(ModelImport.Import(fixture.ModelPath), path);
        foreach (var golden in fixture.Golden)
        {
            var sequence = GoldenFixture.Load(golden);
            var output = new float[sequence.Steps * sequence.OutputSize];
            model.CreateState().Run(sequence.Input, output);
            for (int i = 0; i < output.Length; i++)
            {
                double error = Math.Abs(output[i] - sequence.Output[i]);
                Assert.True(error <= Tolerance, $"{golden} on {path}, step {i / sequence.OutputSize}, output {i % sequence.OutputSize}: expected {sequence.Output[i]}, found {output[i]} (error {error:E2})");
            }
        }
    }
}
