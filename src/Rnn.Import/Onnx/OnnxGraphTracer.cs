using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rnn.Import.Onnx.Protobuf;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// Follows the data flow of a graph from its one input to its one output, node by node in the graph's
/// (topological) order: constants fold, the run-time data keeps track of its axes, recurrent nodes and the
/// head add layers. A node that cannot be traced fails only the values it produces, so the error is raised
/// only when the output depends on it (exporters leave unused shape arithmetic and Y_h outputs behind).
/// </summary>
internal static class OnnxGraphTracer
{
    /// <summary>More nodes than this are refused (exported recurrent models have tens).</summary>
    public const int MaxNodes = 100_000;

    /// <summary>The model's layers, first to last, and its input size.</summary>
    public static (int InputSize, InputNormalization? Normalization, List<LayerDescriptor> Layers) Trace(GraphProto graph, int opset)
    {
        if (graph.Node.Count > MaxNodes)
            throw new OnnxGraphException($"the graph has {graph.Node.Count} nodes; at most {MaxNodes} are supported");
        var values = new Dictionary<string, GraphValue>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
            values[tensor.Name] = Fold(() => OnnxTensors.ToValue(tensor, $"initializer \"{tensor.Name}\""));
        if (graph.SparseInitializer.Count > 0)
            throw new OnnxGraphException($"sparse initializer \"{graph.SparseInitializer[0].Values?.Name}\" is not supported");

        var (input, axes) = ModelInput(graph, values);
        values[input.Name] = input.Value;
        foreach (var proto in graph.Node)
        {
            var inputs = proto.Input.Select(name => name.Length == 0 ? null
                : values.TryGetValue(name, out var v) ? v
                : new FailedValue(new OnnxGraphException($"node \"{proto.Name}\" ({proto.OpType}): input \"{name}\" is not produced by any node, initializer or graph input"))).ToArray();
            GraphValue[] outputs;
            var failed = inputs.OfType<FailedValue>().FirstOrDefault();
            if (failed is not null)
                outputs = Enumerable.Repeat<GraphValue>(failed, proto.Output.Count).ToArray();
            else
            {
                try
                {
                    outputs = TraceNode(new OnnxNode(proto, inputs, opset), axes);
                }
                catch (OnnxGraphException e)
                {
                    outputs = Enumerable.Repeat<GraphValue>(new FailedValue(e), proto.Output.Count).ToArray();
                }
            }

            for (int k = 0; k < proto.Output.Count; k++)
            {
                if (proto.Output[k].Length > 0)
                    values[proto.Output[k]] = k < outputs.Length ? outputs[k] : new FailedValue(new OnnxGraphException($"node \"{proto.Name}\" ({proto.OpType}): output {k} is not supported"));
            }
        }

        return ModelOutput(graph, values, axes);
    }

    private static GraphValue[] TraceNode(OnnxNode node, SequenceAxes axes)
    {
        if (node.Proto.Domain is not ("" or "ai.onnx"))
            throw node.Error($"operator domain \"{node.Proto.Domain}\" is not supported");
        if (node.OpType is "LSTM" or "GRU" or "RNN")
            return RecurrentNodeImporter.Import(node, axes);
        return ShapeOps.TryTrace(node, axes) ?? HeadOps.TryTrace(node) ?? InputOps.TryTrace(node) ?? ConstantOps.TryTrace(node) ?? ShapeArithmetic.TryTrace(node)
            ?? throw node.Error($"operator {node.OpType} is not supported (the importer reads LSTM, GRU, RNN; MatMul, Gemm, Add, Relu, Tanh, Sigmoid, Softmax; Sub and Div as the input's standardisation; shape operators that only move axes; Expand and Tile of constants)");
    }

    private static GraphValue Fold(Func<GraphValue> value)
    {
        try
        {
            return value();
        }
        catch (OnnxGraphException e)
        {
            return new FailedValue(e);
        }
    }

    /// <summary>The one run-time input: float32 [d0, d1, features], whose axes 0 and 1 are time and batch in some order.</summary>
    private static ((string Name, SequenceValue Value), SequenceAxes) ModelInput(GraphProto graph, Dictionary<string, GraphValue> values)
    {
        var runtime = graph.Input.Where(i => !values.ContainsKey(i.Name)).ToList();
        if (runtime.Count != 1)
            throw new OnnxGraphException(runtime.Count == 0
                ? "the graph has no run-time input"
                : $"the graph has {runtime.Count} run-time inputs ({string.Join(", ", runtime.Select(i => $"\"{i.Name}\""))}); a descriptor model has one (the sequence); make the others initializers (e.g. a constant initial state)");
        var input = runtime[0];
        if (input.Type?.TensorType is not { } tensor || tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new OnnxGraphException($"graph input \"{input.Name}\" must be a float32 tensor");
        var dims = tensor.Shape?.Dim;
        if (dims is null || dims.Count != 3 || dims[2].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            || dims[2].DimValue <= 0 || dims[2].DimValue > OnnxTensors.MaxElements)
            throw new OnnxGraphException($"graph input \"{input.Name}\" must have shape [time, batch, features] or [batch, time, features] with a fixed number of features, found [{(dims is null ? "unknown" : string.Join(", ", dims.Select(Show)))}]");
        long?[] declared = dims.Take(2).Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : (long?)null).ToArray();
        int features = checked((int)dims[2].DimValue);
        var value = new SequenceValue(LayerStream.Input(features), [Axis.Sequence(0), Axis.Sequence(1), Axis.Feature(features, 1)]);
        return ((input.Name, value), new SequenceAxes(declared));
    }

    /// <summary>
    /// Several outputs (a bare nn.LSTM/GRU/RNN exports Y and Y_h, and Y_c): says which one is every step's
    /// output and how to export only that one. The others are not dropped silently: the user chooses.
    /// </summary>
    private static OnnxGraphException TooManyOutputs(GraphProto graph, Dictionary<string, GraphValue> values)
    {
        string all = string.Join(", ", graph.Output.Select(o => $"\"{o.Name}\""));
        var perStep = graph.Output.Where(o => values.GetValueOrDefault(o.Name) is SequenceValue { Stream.HasRecurrentLayer: true }).Select(o => $"\"{o.Name}\"").ToList();
        string which = perStep.Count == 0 ? "none of them is every step's output of a recurrent node"
            : $"{string.Join(" and ", perStep)} {(perStep.Count == 1 ? "is" : "are")} every step's output; the others are not (e.g. the last state Y_h/Y_c)";
        return new OnnxGraphException($"the graph has {graph.Output.Count} outputs ({all}); a descriptor model has one: {which}. "
            + "Export only the per-step output, e.g. from PyTorch with a module whose forward returns `self.rnn(x)[0]` (not the whole tuple an nn.LSTM/GRU/RNN returns)");
    }

    private static string Show(TensorShapeProto.Types.Dimension d) =>
        d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture)
        : d.DimParam.Length > 0 ? d.DimParam : "?";

    /// <summary>The one output: every step's features, laid out with the time axis, at most the batch axis, and the features in order.</summary>
    private static (int, InputNormalization?, List<LayerDescriptor>) ModelOutput(GraphProto graph, Dictionary<string, GraphValue> values, SequenceAxes axes)
    {
        if (graph.Output.Count != 1)
            throw TooManyOutputs(graph, values);
        string name = graph.Output[0].Name;
        if (!values.TryGetValue(name, out var value))
            throw new OnnxGraphException($"graph output \"{name}\" is not produced by any node");
        if (value is FailedValue failed)
            throw failed.Error;
        if (value is not SequenceValue sequence)
            throw new OnnxGraphException($"graph output \"{name}\" is {OnnxNode.Describe(value)}, not computed from the input");
        if (!sequence.Stream.HasRecurrentLayer || axes.TimeSymbol is not int time)
            throw new OnnxGraphException("the graph has no LSTM, GRU or RNN node on the way from its input to its output");
        var sequenceAxes = sequence.Axes.Where(a => !a.IsFeature).Select(a => a.Symbol).ToList();
        if (!sequenceAxes.Contains(time) || sequenceAxes.Distinct().Count() != sequenceAxes.Count || !sequence.FeaturesInOrder)
            throw new OnnxGraphException($"graph output \"{name}\" {sequence.Describe()} is not every step's output with its features in order");
        var root = sequence.Stream.Root;
        return (root.Features, root.Normalization, sequence.Stream.Layers());
    }
}
