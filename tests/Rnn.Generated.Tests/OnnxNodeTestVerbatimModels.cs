using System;
using System.Linq;
using System.Reflection;
using Rnn.Import.Tests.Onnx;
using Rnn.Runtime;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Generated.Tests;

// ONNX's own LSTM/GRU/RNN node tests, verbatim (1-3 steps; tests/Fixtures/import/onnx/verbatim): the
// descriptor `rnn import` writes for each, generated. Too short for the golden tests (which run pieces
// of 1, 3 and 17 steps), so they are checked by OnnxNodeTestVerbatimGeneratedTests below.

[RnnModel("../Fixtures/import/onnx/verbatim/node_gru_batchwise.rnn.json")]
public partial struct OnnxVerbatimGruBatchwise;

[RnnModel("../Fixtures/import/onnx/verbatim/node_gru_defaults.rnn.json")]
public partial struct OnnxVerbatimGruDefaults;

[RnnModel("../Fixtures/import/onnx/verbatim/node_gru_seq_length.rnn.json")]
public partial struct OnnxVerbatimGruSeqLength;

[RnnModel("../Fixtures/import/onnx/verbatim/node_gru_with_initial_bias.rnn.json")]
public partial struct OnnxVerbatimGruWithInitialBias;

[RnnModel("../Fixtures/import/onnx/verbatim/node_lstm_batchwise.rnn.json")]
public partial struct OnnxVerbatimLstmBatchwise;

[RnnModel("../Fixtures/import/onnx/verbatim/node_lstm_defaults.rnn.json")]
public partial struct OnnxVerbatimLstmDefaults;

[RnnModel("../Fixtures/import/onnx/verbatim/node_lstm_with_initial_bias.rnn.json")]
public partial struct OnnxVerbatimLstmWithInitialBias;

[RnnModel("../Fixtures/import/onnx/verbatim/node_lstm_with_peepholes.rnn.json")]
public partial struct OnnxVerbatimLstmWithPeepholes;

[RnnModel("../Fixtures/import/onnx/verbatim/node_rnn_seq_length.rnn.json")]
public partial struct OnnxVerbatimRnnSeqLength;

[RnnModel("../Fixtures/import/onnx/verbatim/node_simple_rnn_batchwise.rnn.json")]
public partial struct OnnxVerbatimSimpleRnnBatchwise;

[RnnModel("../Fixtures/import/onnx/verbatim/node_simple_rnn_defaults.rnn.json")]
public partial struct OnnxVerbatimSimpleRnnDefaults;

[RnnModel("../Fixtures/import/onnx/verbatim/node_simple_rnn_with_initial_bias.rnn.json")]
public partial struct OnnxVerbatimSimpleRnnWithInitialBias;

/// <summary>
/// The generated code of each verbatim ONNX node test on every SIMD path: Run from a fresh model over each
/// batch element gives every output the case passes to <c>expect</c> (Y at every step, Y_h) within 1e-5.
/// </summary>
public class OnnxNodeTestVerbatimGeneratedTests
{
    private const double Tolerance = 1e-5;

    private static readonly MethodInfo s_run = typeof(OnnxNodeTestVerbatimGeneratedTests).GetMethod(nameof(RunFresh), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TheoryData<string, SimdPath> CasesOnEveryPath() => OnnxNodeTestVerbatim.OnEveryPath();

    [Fact]
    public void EveryCaseHasAGeneratedModel() =>
        Assert.Equal(OnnxNodeTestVerbatim.Names(), OnnxNodeTestVerbatim.Names().Where(n => ModelOf(n) is not null));

    [Theory]
    [MemberData(nameof(CasesOnEveryPath))]
    public void GeneratedCodeGivesTheExpectedOutputs(string name, SimdPath path)
    {
        var fixture = OnnxNodeTestVerbatim.Load(name);
        var run = s_run.MakeGenericMethod(ModelOf(name)!);
        for (int b = 0; b < fixture.Batch; b++)
        {
            var outputs = (float[])run.Invoke(null, [fixture.Input[b], fixture.Steps * fixture.OutputSize, path])!;
            fixture.Check(b, outputs, Tolerance, $"generated, on {path}");
        }
    }

    private static Type? ModelOf(string name) => typeof(OnnxNodeTestVerbatimGeneratedTests).Assembly.GetTypes().FirstOrDefault(t =>
        t.GetCustomAttribute<RnnModelAttribute>()?.DescriptorPath == $"../Fixtures/import/onnx/verbatim/{name}.rnn.json");

    private static float[] RunFresh<TModel>(float[] input, int outputCount, SimdPath path)
        where TModel : struct, IGeneratedRnnModel
    {
        TModel model = default;
        var outputs = new float[outputCount];
        model.Run(input, outputs, path);
        return outputs;
    }
}
