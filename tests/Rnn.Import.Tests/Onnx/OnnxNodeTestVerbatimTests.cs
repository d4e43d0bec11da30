using System;
using System.Linq;
using Rnn.Import.Onnx;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// ONNX's own LSTM, GRU and RNN backend node tests, verbatim (their 1-3 step inputs and the outputs they
/// expect): each imports to the descriptor the fixture script wrote and, run by the interpreter with Run
/// over each batch element on every SIMD path, gives every output the case defines within 1e-5.
/// </summary>
public class OnnxNodeTestVerbatimTests
{
    /// <summary>The product's promise, here against ONNX's float32 expected outputs.</summary>
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases() => new(OnnxNodeTestVerbatim.Names());

    public static TheoryData<string, SimdPath> CasesOnEveryPath() => OnnxNodeTestVerbatim.OnEveryPath();

    /// <summary>All twelve node tests of onnx/backend/test/case/node/{lstm,gru,rnn}.py (ONNX 1.12), none excluded.</summary>
    [Fact]
    public void EveryNodeTestIsHere()
    {
        string[] expected =
        [
            "node_gru_batchwise", "node_gru_defaults", "node_gru_seq_length", "node_gru_with_initial_bias",
            "node_lstm_batchwise", "node_lstm_defaults", "node_lstm_with_initial_bias", "node_lstm_with_peepholes",
            "node_rnn_seq_length", "node_simple_rnn_batchwise", "node_simple_rnn_defaults", "node_simple_rnn_with_initial_bias",
        ];
        Assert.Equal(expected, OnnxNodeTestVerbatim.Names());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ImportsToTheCommittedDescriptor(string name)
    {
        var fixture = OnnxNodeTestVerbatim.Load(name);
        var expected = DescriptorWriter.ToJson(DescriptorReader.ReadFile(fixture.DescriptorPath));
        Assert.Equal(expected, DescriptorWriter.ToJson(new OnnxImporter().Import(fixture.ModelPath)));
    }

    [Theory]
    [MemberData(nameof(CasesOnEveryPath))]
    public void InterpreterGivesTheExpectedOutputs(string name, SimdPath path)
    {
        var fixture = OnnxNodeTestVerbatim.Load(name);
        var model = InterpretedModel.FromDescriptor(new OnnxImporter().Import(fixture.ModelPath), path);
        Assert.Equal((fixture.InputSize, fixture.OutputSize), (model.InputSize, model.OutputSize));
        for (int b = 0; b < fixture.Batch; b++)
        {
            var outputs = new float[fixture.Steps * fixture.OutputSize];
            model.CreateState().Run(fixture.Input[b], outputs);
            fixture.Check(b, outputs, Tolerance, $"on {path}");
        }
    }
}
