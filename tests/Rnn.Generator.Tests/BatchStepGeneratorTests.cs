using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>The generated StepBatch for a struct and a record struct model, called as a user would: compiled without warnings.</summary>
public class BatchStepGeneratorTests
{
    private const string Source = """
        using Rnn.Runtime;

        namespace Demo;

        [RnnModel("sine.rnn.json")]
        public partial struct AsStruct;

        [RnnModel("sine.rnn.json")]
        public partial record struct AsRecordStruct;

        public static class Caller
        {
            public static void StepAll(System.Span<AsStruct> structs, System.Span<AsRecordStruct> records, float[] inputs, float[] outputs)
            {
                AsStruct.StepBatch(structs, inputs, outputs);
                AsRecordStruct.StepBatch(records, inputs, outputs, Rnn.Runtime.Kernels.SimdPath.Scalar);
                structs[0].Reset();
            }
        }
        """;

    [Fact]
    public void StructAndRecordStructModelsGetAStepBatchThatCompilesWithoutWarnings()
    {
        var (result, output, _) = GeneratorHarness.Run(Source, ("sine.rnn.json", GeneratorHarness.Fixture("examples/sine-forecaster.rnn.json")));
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
        Assert.Equal(2, result.GeneratedTrees.Length);
        Assert.All(result.GeneratedTrees, tree => Assert.Contains("public static void StepBatch(global::System.Span<", tree.ToString()));
    }
}
