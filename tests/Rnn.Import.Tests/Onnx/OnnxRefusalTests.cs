using System;
using System.IO;
using Rnn.Import.Onnx;
using Xunit;
using static Rnn.Import.Tests.Onnx.TestGraph;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// What a descriptor cannot express is refused with a message naming the file, the node and the
/// attribute or input (one test per case, asserting the whole message); what it can is imported.
/// </summary>
public class OnnxRefusalTests
{
    /// <summary>X [T, B, 2] → LSTM "lstm_1" (H = 3, extra attributes/inputs) → Squeeze → Y [T, B, 3].</summary>
    private static TestGraph Lstm(string op = "LSTM", string[]? inputs = null, params Rnn.Import.Onnx.Protobuf.AttributeProto[] attributes)
    {
        int gates = op switch { "LSTM" => 4, "GRU" => 3, _ => 1 };
        int directions = Array.Exists(attributes, a => a.Name == "direction" && a.S.ToStringUtf8() == "bidirectional") ? 2 : 1;
        return new TestGraph()
            .Input("X", "T", "B", 2)
            .Floats("W", [directions, gates * 3, 2])
            .Floats("R", [directions, gates * 3, 3])
            .Ints("axes", 1)
            .Node(op, "lstm_1", inputs ?? ["X", "W", "R"], ["Y_all"], [Attribute("hidden_size", 3L), .. attributes])
            .Node("Squeeze", "squeeze", ["Y_all", "axes"], ["Y"])
            .Output("Y");
    }

    /// <summary>The import of <paramref name="graph"/> fails with exactly "FILE: <paramref name="problem"/>".</summary>
    internal static void Refused(TestGraph graph, string problem)
    {
        string path = graph.Save();
        try
        {
            var e = Assert.Throws<ModelImportException>(() => new OnnxImporter().Import(path));
            Assert.Equal($"{path}: {problem}", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InputForget() => Refused(Lstm(attributes: Attribute("input_forget", 1L)),
        "node \"lstm_1\" (LSTM): attribute input_forget=1 is not supported");

    [Fact]
    public void ACandidateActivationOtherThanTanh() => Refused(Lstm(attributes: Attribute("activations", "Sigmoid", "Relu", "Tanh")),
        "node \"lstm_1\" (LSTM): attribute activations=[Sigmoid, Relu, Tanh] is not supported (the candidate and cell activations g and h must be Tanh)");

    [Fact]
    public void AGateActivationOtherThanSigmoidOrHardSigmoid() => Refused(Lstm("GRU", attributes: Attribute("activations", "Softsign", "Tanh")),
        "node \"lstm_1\" (GRU): attribute activations=[Softsign, Tanh] is not supported (the gate activation f must be Sigmoid or HardSigmoid)");

    [Fact]
    public void AnRnnActivationOtherThanTanhOrRelu() => Refused(Lstm("RNN", attributes: Attribute("activations", new[] { "Sigmoid" })),
        "node \"lstm_1\" (RNN): attribute activations=[Sigmoid] is not supported (an RNN's activation must be Tanh or Relu)");

    [Fact]
    public void DirectionsWithDifferentActivations() => Refused(
        Lstm("GRU", null, Attribute("direction", "bidirectional"), Attribute("activations", "HardSigmoid", "Tanh", "HardSigmoid", "Tanh"),
            Attribute("activation_alpha", 0.2f, 0.3f), Attribute("activation_beta", 0.5f, 0.5f)),
        "node \"lstm_1\" (GRU): attribute activations=[HardSigmoid, Tanh, HardSigmoid, Tanh] with alpha [0.2, 0.3], beta [0.5, 0.5] is not supported (both directions must use the same activations (a descriptor layer has one set))");

    [Fact]
    public void ActivationParametersNoActivationUses() => Refused(Lstm(attributes: Attribute("activation_alpha", new[] { 0.5f })),
        "node \"lstm_1\" (LSTM): attribute activation_alpha/activation_beta has 1 value(s) that no activation in [Sigmoid, Tanh, Tanh] uses");

    [Fact]
    public void AnAttributeOfTheWrongType() => Refused(Lstm(attributes: Attribute("activations", "Sigmoid")),
        "node \"lstm_1\" (LSTM): attribute activations must be of type STRINGS, found STRING");

    [Fact]
    public void AnUnknownLinearBeforeReset() => Refused(Lstm("GRU", attributes: Attribute("linear_before_reset", 2L)),
        "node \"lstm_1\" (GRU): attribute linear_before_reset=2 is not supported");

    [Fact]
    public void AnUnknownDirection() => Refused(Lstm(attributes: Attribute("direction", "sideways")),
        "node \"lstm_1\" (LSTM): attribute direction=sideways is not supported");

    [Fact]
    public void AnUnknownLayout() => Refused(Lstm(attributes: Attribute("layout", 2L)),
        "node \"lstm_1\" (LSTM): attribute layout=2 is not supported");

    [Fact]
    public void AnAttributeTheImporterDoesNotRead() => Refused(Lstm("RNN", attributes: Attribute("linear_before_reset", 1L)),
        "node \"lstm_1\" (RNN): attribute linear_before_reset is not supported (this importer reads activation_alpha, activation_beta, activations, clip, direction, hidden_size, layout)");

    [Fact]
    public void AnAbsurdHiddenSize()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3])
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y"], Attribute("hidden_size", 1L << 40)).Output("Y");
        Refused(graph, "node \"lstm_1\" (LSTM): attribute hidden_size=1099511627776 is not supported");
    }

    [Fact]
    public void AnAttributeGivenTwice() => Refused(Lstm(attributes: Attribute("hidden_size", 4L)),
        "node \"lstm_1\" (LSTM): attribute hidden_size appears twice");

    [Fact]
    public void AnInputWithoutAFixedFeatureCount()
    {
        var graph = new TestGraph().Input("X", "T", "B", "F").Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3])
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y"], Attribute("hidden_size", 3L)).Output("Y");
        Refused(graph, "graph input \"X\" must have shape [time, batch, features] or [batch, time, features] with a fixed number of features, found [T, B, F]");
    }

    [Fact]
    public void ANonPositiveClip() => Refused(Lstm(attributes: Attribute("clip", -1f)),
        "node \"lstm_1\" (LSTM): attribute clip=-1: expected a positive finite threshold");

    [Fact]
    public void SequenceLengthsWithADynamicSequenceLength() => Refused(
        Lstm(inputs: ["X", "W", "R", "", "lens"]).Ints("lens", 5, 5),
        "node \"lstm_1\" (LSTM): input 4 (sequence_lens, \"lens\") is not supported unless it is a constant equal to the model input's fixed sequence length; found constant integers [5, 5] and a dynamic sequence length");

    [Fact]
    public void SequenceLengthsShorterThanTheSequence()
    {
        var graph = new TestGraph().Input("X", 4, 2, 2).Floats("W", [1, 9, 2]).Floats("R", [1, 9, 3]).Ints("lens", 4, 3)
            .Node("GRU", "gru", ["X", "W", "R", "", "lens"], ["Y"], Attribute("hidden_size", 3L)).Output("Y");
        Refused(graph, "node \"gru\" (GRU): input 4 (sequence_lens): every sequence must be whole (4 steps, the input's fixed length), found a length of 3");
    }

    [Fact]
    public void AnInitialStateAsASecondGraphInput() => Refused(
        Lstm(inputs: ["X", "W", "R", "", "", "h0"]).Input("h0", 1, "B", 3),
        "the graph has 2 run-time inputs (\"X\", \"h0\"); a descriptor model has one (the sequence); make the others initializers (e.g. a constant initial state)");

    [Fact]
    public void AnInitialStateThatDiffersBetweenBatchRows() => Refused(
        Lstm(inputs: ["X", "W", "R", "", "", "h0"]).Floats("h0", [1, 2, 3], i => i),
        "node \"lstm_1\" (LSTM): input 5 (initial_h) differs between batch rows 0 and 1; a descriptor has one initial state for every stream");

    [Fact]
    public void AnOutputBuiltOnTheLastHiddenStateOnly()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3])
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["", "Y_h"], Attribute("hidden_size", 3L)).Output("Y_h");
        Refused(graph, "node \"lstm_1\" (LSTM): outputs Y_h and Y_c (the last state only) are not supported: a descriptor outputs every step; export Y instead (for a forward layer its last step is Y_h)");
    }

    [Fact]
    public void TheLastStepOnly()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3]).Ints("axes", 1).Ints("last", -1)
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y_all"], Attribute("hidden_size", 3L))
            .Node("Squeeze", "squeeze", ["Y_all", "axes"], ["Y"])
            .Node("Gather", "last_step", ["Y", "last"], ["Z"], Attribute("axis", 0L)).Output("Z");
        Refused(graph, "node \"last_step\" (Gather): selecting steps or batch rows of [<input axis 0>, <input axis 1>, 3] along axis 0 (e.g. out[:, -1]) is not supported: a descriptor outputs every step; export the whole sequence (its last step is the value selected here)");
    }

    [Fact]
    public void ASubtractionAfterALayer() => Refused(
        Lstm().Floats("offset", [3]).Node("Sub", "shift", ["Y", "offset"], ["Z"]).Output("Z").RemoveFirstOutput(),
        "node \"shift\" (Sub): is supported only as the model input's standardisation, (x - mean) / std, before any other operator");

    [Fact]
    public void AnOperatorTheImporterDoesNotRead() => Refused(
        Lstm().Floats("two", [1], _ => 2).Node("Mul", "scale", ["Y", "two"], ["Z"]).Output("Z").RemoveFirstOutput(),
        "node \"scale\" (Mul): operator Mul is not supported (the importer reads LSTM, GRU, RNN; MatMul, Gemm, Add, Relu, Tanh, Sigmoid, Softmax; Sub and Div as the input's standardisation; shape operators that only move axes; Expand and Tile of constants)");

    [Fact]
    public void AReshapeThatMergesTheBatchIntoTheFeatures()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3]).Ints("shape", 0, 0, -1)
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y_all"], Attribute("hidden_size", 3L))
            .Node("Reshape", "reshape", ["Y_all", "shape"], ["Y"]).Output("Y");
        Refused(graph, "node \"reshape\" (Reshape): reshaping [<input axis 0>, 1, <input axis 1>, 3] to [0, 0, -1] would merge, split or reorder the time and batch axes; only the feature axes may change");
    }

    [Fact]
    public void AReshapeOfFeatureAxesATransposeReordered()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Floats("W", [2, 12, 2]).Floats("R", [2, 12, 3]).Ints("shape", 0, 0, -1)
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y_all"], Attribute("hidden_size", 3L), Attribute("direction", "bidirectional"))
            .Node("Transpose", "transpose", ["Y_all"], ["Y_t"], Attribute("perm", 0L, 2L, 3L, 1L))
            .Node("Reshape", "reshape", ["Y_t", "shape"], ["Y"]).Output("Y");
        Refused(graph, "node \"reshape\" (Reshape): reshaping [<input axis 0>, <input axis 1>, 3, 2] to [0, 0, -1] merges feature axes that are not adjacent in the per-step vector (a Transpose before it reorders them)");
    }

    [Fact]
    public void AResidualAddOfTwoRunTimeTensors() => Refused(
        Lstm().Node("Add", "residual", ["Y", "Y"], ["Z"]).Output("Z").RemoveFirstOutput(),
        "node \"residual\" (Add): adds two run-time tensors (a residual connection), which is not supported");

    [Fact]
    public void AGemmThatTransposesTheData()
    {
        var graph = new TestGraph().Input("X", "T", 1, 2).Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3]).Ints("axes", 1, 2).Floats("G", [3, 4])
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y_all"], Attribute("hidden_size", 3L))
            .Node("Squeeze", "squeeze", ["Y_all", "axes"], ["Y"])
            .Node("Gemm", "gemm", ["Y", "G"], ["Z"], Attribute("transA", 1L)).Output("Z");
        Refused(graph, "node \"gemm\" (Gemm): attribute transA=1 is not supported");
    }

    [Fact]
    public void ASoftmaxOverTheBatchAxis() => Refused(
        Lstm().Node("Softmax", "softmax", ["Y"], ["Z"], Attribute("axis", 1L)).Output("Z").RemoveFirstOutput(),
        "node \"softmax\" (Softmax): attribute axis=1 is not supported: the softmax must be over the feature axis, the last of [<input axis 0>, <input axis 1>, 3]");

    [Fact]
    public void AGraphWithoutARecurrentNode()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Node("Relu", "relu", ["X"], ["Y"]).Output("Y");
        Refused(graph, "the graph has no LSTM, GRU or RNN node on the way from its input to its output");
    }

    [Fact]
    public void WeightsOfTheWrongShape()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Floats("W", [1, 12, 5]).Floats("R", [1, 12, 3])
            .Node("LSTM", "lstm_1", ["X", "W", "R"], ["Y"], Attribute("hidden_size", 3L)).Output("Y");
        Refused(graph, "node \"lstm_1\" (LSTM): input 1 (W) must have shape [1, 12, 2], found [1, 12, 5]");
    }

    [Fact]
    public void AnAbsurdlyLargeTensor()
    {
        var graph = Lstm(inputs: ["X", "W", "R", "B"]);
        var b = new Rnn.Import.Onnx.Protobuf.TensorProto { Name = "B", DataType = 1 };
        b.Dims.AddRange([1L << 20, 1L << 20]);
        graph.Graph.Initializer.Add(b);
        Refused(graph, "initializer \"B\": tensor \"B\" has shape [1048576, 1048576]; at most 67108864 elements are supported");
    }

    [Fact]
    public void AFileTooLargeToBeAModelForASmallDevice()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rnn-onnx-{Guid.NewGuid():N}.onnx");
        using (var file = File.Create(path))
            file.SetLength(OnnxModelFile.MaxFileBytes + 1); // sparse: nothing is written
        try
        {
            var e = Assert.Throws<ModelImportException>(() => new OnnxImporter().Import(path));
            Assert.Equal($"{path}: the file is {OnnxModelFile.MaxFileBytes + 1} bytes; ONNX models of more than {OnnxModelFile.MaxFileBytes} bytes are refused", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ATruncatedFile()
    {
        string source = Path.Combine(OnnxFixture.Directory, "torch_lstm_l1.onnx");
        byte[] bytes = File.ReadAllBytes(source);
        string path = Path.Combine(Path.GetTempPath(), $"rnn-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        try
        {
            Assert.Same(typeof(OnnxImporter), ModelImport.Detect(path).GetType());
            var e = Assert.Throws<ModelImportException>(() => ModelImport.Import(path));
            Assert.StartsWith($"{path}: not a valid ONNX model (is the file truncated or corrupt?): ", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AModelTheRefusalsAboveStartFromImports()
    {
        string path = Lstm().Save();
        try
        {
            var model = new OnnxImporter().Import(path);
            Assert.Equal(2, model.InputSize);
            Assert.Equal(3, model.OutputSize);
            Assert.True(model.Metadata.TryGetField("source_format", out var format));
            Assert.Equal("onnx", format.Text);
            Assert.True(model.Metadata.TryGetField("producer_name", out var producer));
            Assert.Equal("TestGraph", producer.Text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
