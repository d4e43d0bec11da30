using System;
using System.IO;
using System.Linq;
using Rnn.Import.Onnx;
using Rnn.Runtime.Descriptors;
using Xunit;
using static Rnn.Import.Tests.Onnx.TestGraph;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// Initial states built the way torch.onnx.export builds them (Expand or Tile of a constant over the batch
/// read from the input's shape): one value everywhere is a fill (zeros: no state), a constant broadcast
/// over the batch is a learned state, anything else is refused; and a graph with several outputs is refused
/// saying which one to export.
/// </summary>
public class OnnxInitialStateTests
{
    /// <summary>X [T, B, 2] → LSTM (H = 3) with initial_h = Expand(h0, [1, B, 3]), B read from Shape(X).</summary>
    private static TestGraph ExpandedState(long[] h0Shape, Func<int, float> h0, string op = "Expand", string[]? outputs = null)
    {
        var graph = new TestGraph()
            .Input("X", "T", "B", 2)
            .Floats("W", [1, 12, 2]).Floats("R", [1, 12, 3]).Floats("h0", h0Shape, h0)
            .Ints("batch_axis", 1).Ints("dirs", 1).Ints("hidden", 3).Ints("ones", 1)
            .Node("Shape", "shape", ["X"], ["x_shape"])
            .Node("Gather", "batch", ["x_shape", "batch_axis"], ["b"])
            .Node("Concat", "state_shape", op == "Expand" ? ["dirs", "b", "hidden"] : ["ones", "b", "ones"], ["target"], Attribute("axis", 0L))
            .Node(op, "broadcast", ["h0", "target"], ["h0_b"])
            .Node("LSTM", "lstm_1", ["X", "W", "R", "", "", "h0_b"], outputs ?? ["Y"], Attribute("hidden_size", 3L));
        foreach (var output in outputs ?? ["Y"])
            graph.Output(output);
        return graph;
    }

    private static ModelDescriptor Import(TestGraph graph)
    {
        string path = graph.Save();
        try
        {
            return new OnnxImporter().Import(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Refused(TestGraph graph, string problem) => OnnxRefusalTests.Refused(graph, problem);

    private static RecurrentWeights Weights(ModelDescriptor model) => ((RecurrentLayerDescriptor)model.Layers.Single()).Weights;

    [Fact]
    public void ZerosExpandedOverTheBatchAreNoInitialState() =>
        Assert.False(Weights(Import(ExpandedState([1, 1, 3], _ => 0))).HasInitialState);

    [Fact]
    public void AZeroStateOfTheExportBatchExpandedIsNoInitialState() =>
        Assert.False(Weights(Import(ExpandedState([1, 3, 3], _ => 0))).HasInitialState);

    [Fact]
    public void OneValueEverywhereIsThatInitialState() =>
        Assert.Equal([0.25f, 0.25f, 0.25f], Weights(Import(ExpandedState([], _ => 0.25f))).InitialH.ToArray());

    [Fact]
    public void ALearnedStateExpandedOverTheBatchIsTheInitialState() =>
        Assert.Equal([0.5f, -1f, 2f], Weights(Import(ExpandedState([1, 1, 3], i => new[] { 0.5f, -1f, 2f }[i]))).InitialH.ToArray());

    [Fact]
    public void ALearnedStateTiledOverTheBatchIsTheInitialState() =>
        Assert.Equal([0.5f, -1f, 2f], Weights(Import(ExpandedState([1, 1, 3], i => new[] { 0.5f, -1f, 2f }[i], op: "Tile"))).InitialH.ToArray());

    [Fact]
    public void AStateWhoseBatchRowsDifferIsRefused() => Refused(ExpandedState([1, 2, 3], i => i),
        "node \"lstm_1\" (LSTM): input 5 (initial_h) differs between batch rows 0 and 1; a descriptor has one initial state for every stream");

    [Fact]
    public void ExpandOfTheRunTimeDataIsRefused()
    {
        var graph = new TestGraph().Input("X", "T", "B", 2).Ints("shape", 1, 1, 2)
            .Node("Expand", "expand", ["X", "shape"], ["Y"]).Output("Y");
        Refused(graph, "node \"expand\" (Expand): Expand is supported on constants only (initial states); input 0 is the run-time data [<input axis 0>, <input axis 1>, 2]");
    }

    [Fact]
    public void SeveralOutputsAreRefusedNamingThePerStepOne() => Refused(ExpandedState([1, 1, 3], _ => 0, outputs: ["Y", "Y_h"]),
        "the graph has 2 outputs (\"Y\", \"Y_h\"); a descriptor model has one: \"Y\" is every step's output; the others are not (e.g. the last state Y_h/Y_c). "
        + "Export only the per-step output, e.g. from PyTorch with a module whose forward returns `self.rnn(x)[0]` (not the whole tuple an nn.LSTM/GRU/RNN returns)");
}
