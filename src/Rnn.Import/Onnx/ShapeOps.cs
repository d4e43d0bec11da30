using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Rnn.Import.Onnx;

/// <summary>
/// The operators exporters put around recurrent nodes that only compute shapes or move axes (Shape,
/// Gather, Concat, Slice, Unsqueeze, Squeeze, Constant, ConstantOfShape, Cast, Identity, Transpose,
/// Reshape): folded to constants, or followed axis by axis on the run-time data, so anything that is not a
/// pure relayout of the per-step vector is refused.
/// </summary>
internal static class ShapeOps
{
    public static GraphValue[]? TryTrace(OnnxNode node, SequenceAxes axes) => node.OpType switch
    {
        "Constant" => [Constant(node)],
        "Identity" => [Identity(node)],
        "Dropout" => [Identity(node), new FailedValue(node.Error("output 1 (mask) is not supported"))],
        "Cast" => [Cast(node)],
        "Shape" => [Shape(node)],
        "Gather" => [Gather(node)],
        "Concat" => [Concat(node)],
        "Slice" => [Slice(node)],
        "Unsqueeze" => [Unsqueeze(node)],
        "Squeeze" => [Squeeze(node, axes)],
        "ConstantOfShape" => [ConstantOfShape(node)],
        "Transpose" => [Transpose(node)],
        "Reshape" => [Relayout.Reshape(node, axes)],
        _ => null,
    };

    private static GraphValue Constant(OnnxNode node)
    {
        node.OnlyAttributes("value", "value_float", "value_floats", "value_int", "value_ints");
        if (node.Tensor("value") is { } tensor && node.Has("value"))
            return OnnxTensors.ToValue(tensor, node.Where);
        if (node.Has("value_float"))
            return new FloatConstant([], [node.Float("value_float", 0)]);
        if (node.Floats("value_floats") is { } floats)
            return new FloatConstant([floats.Length], floats);
        if (node.Has("value_int"))
            return new IntVector([Dim.Known(node.Int("value_int", 0))], isScalar: true);
        if (node.Ints("value_ints") is { } ints)
            return new IntVector(ints.Select(Dim.Known).ToArray());
        throw node.Error("has no value attribute this importer reads (value, value_float(s), value_int(s))");
    }

    private static GraphValue Identity(OnnxNode node) =>
        node.Input(0) ?? throw node.Error("input 0 is missing");

    private static GraphValue Cast(OnnxNode node)
    {
        node.OnlyAttributes("to", "saturate");
        var to = (Protobuf.TensorProto.Types.DataType)node.Int("to", 0);
        var value = node.Input(0) ?? throw node.Error("input 0 is missing");
        bool toFloat = to == Protobuf.TensorProto.Types.DataType.Float;
        bool toInt = to is Protobuf.TensorProto.Types.DataType.Int64 or Protobuf.TensorProto.Types.DataType.Int32;
        return value switch
        {
            SequenceValue or FloatConstant or FilledValue or BroadcastConstant when toFloat => value,
            IntVector when toInt => value,
            _ => throw node.Unsupported("to", to.ToString()),
        };
    }

    private static GraphValue Shape(OnnxNode node)
    {
        node.OnlyAttributes("start", "end");
        Dim[] dims = node.Input(0) switch
        {
            SequenceValue s => s.Axes.Select(a => a.IsFeature ? Dim.Known(a.Size) : Dim.Of(a.Symbol)).ToArray(),
            FloatConstant c => c.Shape.Select(Dim.Known).ToArray(),
            IntVector v => v.IsScalar ? [] : [Dim.Known(v.Items.Length)],
            var other => throw node.Error($"input 0 must be a tensor of known rank, found {(other is null ? "nothing" : OnnxNode.Describe(other))}"),
        };
        int start = Normalize(node.Int("start", 0), dims.Length, clamp: true);
        int end = Normalize(node.Int("end", dims.Length), dims.Length, clamp: true);
        return new IntVector(dims[start..Math.Max(start, end)]);
    }

    private static GraphValue Gather(OnnxNode node)
    {
        node.OnlyAttributes("axis");
        var data = node.Input(0);
        if (data is SequenceValue sequence)
            throw SelectsPartOf(node, sequence, node.Int("axis", 0));
        if (data is not IntVector vector || vector.IsScalar || node.Int("axis", 0) != 0)
            throw node.Error($"Gather is supported on shape vectors only; input 0 is {(data is null ? "missing" : OnnxNode.Describe(data))} (selecting steps or features of the run-time data would not give an output per step)");
        var indices = node.Required<IntVector>(1, "indices");
        var picked = indices.KnownValues(() => node.Where + ": input 1 (indices)")
            .Select(i => vector.Items[Normalize(i, vector.Items.Length, clamp: false, node)]).ToArray();
        return new IntVector(picked, indices.IsScalar);
    }

    private static GraphValue Concat(OnnxNode node)
    {
        node.OnlyAttributes("axis");
        var parts = node.Inputs.Select((v, i) => v as IntVector ?? throw node.Error($"Concat is supported on shape vectors only; input {i} is {(v is null ? "missing" : OnnxNode.Describe(v))}")).ToArray();
        return new IntVector(parts.SelectMany(p => p.Items).ToArray());
    }

    private static GraphValue Slice(OnnxNode node)
    {
        var data = node.Input(0);
        if (data is FilledValue filled)
            return filled; // a slice of a constant fill is the same fill
        if (data is SequenceValue sequence && node.Opset >= 10 && node.Input(3) is IntVector { IsKnown: true, Items.Length: 1 } axis)
            throw SelectsPartOf(node, sequence, axis.Items[0].Value);
        long[] Read(int index, string name, string attribute, long[] fallback) =>
            node.Opset >= 10 ? (node.Input(index) is IntVector v ? v.KnownValues(() => $"{node.Where}: input {index} ({name})") : fallback)
                             : node.Ints(attribute) ?? fallback;
        long[] starts = Read(1, "starts", "starts", []), ends = Read(2, "ends", "ends", []);
        if (data is FloatConstant or BroadcastConstant)
        {
            var constant = data as BroadcastConstant ?? BroadcastConstant.Of((FloatConstant)data);
            long[] all = Enumerable.Range(0, starts.Length).Select(k => (long)k).ToArray();
            return ConstantOps.Slice(node, constant, starts, ends, Read(3, "axes", "axes", all), Read(4, "steps", "steps", all.Select(_ => 1L).ToArray()));
        }

        if (data is not IntVector { IsScalar: false } vector)
            throw node.Error($"Slice is supported on shape vectors and constants only; input 0 is {(data is null ? "missing" : OnnxNode.Describe(data))} (part of the run-time data would not be the whole sequence)");
        long[] sliceAxes = Read(3, "axes", "axes", [0]), steps = Read(4, "steps", "steps", [1]);
        if (starts.Length != 1 || ends.Length != 1 || sliceAxes.SequenceEqual([0L]) is false || steps.Length != 1 || steps[0] == 0)
            throw node.Error("Slice of a shape vector must take one axis (0) with one start, end and a non-zero step");
        int n = vector.Items.Length;
        var picked = new List<Dim>();
        long step = steps[0];
        long first = Clamp(starts[0] < 0 ? starts[0] + n : starts[0], step > 0 ? 0 : -1, step > 0 ? n : n - 1);
        long last = Clamp(ends[0] < 0 ? ends[0] + n : ends[0], step > 0 ? 0 : -1, step > 0 ? n : n - 1);
        for (long i = first; step > 0 ? i < last : i > last; i += step)
            picked.Add(vector.Items[i]);
        return new IntVector(picked.ToArray());
    }

    private static GraphValue Unsqueeze(OnnxNode node)
    {
        long[] unsqueezeAxes = AxesOf(node, "Unsqueeze");
        switch (node.Input(0))
        {
            case IntVector { IsScalar: true } scalar when unsqueezeAxes.SequenceEqual([0L]):
                return new IntVector(scalar.Items);
            case FilledValue filled:
                return filled;
            case SequenceValue sequence:
                int rank = sequence.Rank + unsqueezeAxes.Length;
                var inserted = unsqueezeAxes.Select(a => Normalize(a, rank, clamp: false, node)).ToHashSet();
                var result = new List<Axis>();
                int next = 0;
                for (int k = 0; k < rank; k++)
                    result.Add(inserted.Contains(k) ? Axis.Feature(1, 1) : sequence.Axes[next++]);
                return sequence.With(sequence.Stream, result.ToArray());
            case var other:
                throw node.Error($"input 0 is {(other is null ? "missing" : OnnxNode.Describe(other))}; Unsqueeze is supported on the run-time data, shape scalars and constant fills");
        }
    }

    private static GraphValue Squeeze(OnnxNode node, SequenceAxes axes)
    {
        switch (node.Input(0))
        {
            case FilledValue filled:
                return filled;
            case IntVector { IsScalar: false, Items.Length: 1 } vector:
                return new IntVector(vector.Items, isScalar: true);
            case SequenceValue sequence:
                long[]? listed = node.Opset >= 13 ? (node.Input(1) as IntVector)?.KnownValues(() => $"{node.Where}: input 1 (axes)") : node.Ints("axes");
                var removed = listed is null
                    ? Enumerable.Range(0, sequence.Rank).Where(k => Squeezable(sequence.Axes[k], axes)).ToHashSet()
                    : listed.Select(a => Normalize(a, sequence.Rank, clamp: false, node)).ToHashSet();
                foreach (int k in removed)
                {
                    if (!Squeezable(sequence.Axes[k], axes))
                        throw node.Error($"cannot squeeze axis {k} of {sequence.Describe()}: only axes of size 1 can be removed (the batch axis only when the input declares it 1)");
                }

                return sequence.With(sequence.Stream, sequence.Axes.Where((_, k) => !removed.Contains(k)).ToArray());
            case var other:
                throw node.Error($"input 0 is {(other is null ? "missing" : OnnxNode.Describe(other))}; Squeeze is supported on the run-time data, shape vectors and constant fills");
        }
    }

    /// <summary>Gather or Slice on the run-time data: one step (out[:, -1]), some batch rows or some features are not every step's output.</summary>
    private static OnnxGraphException SelectsPartOf(OnnxNode node, SequenceValue sequence, long axis)
    {
        int k = Normalize(axis, sequence.Rank, clamp: false, node);
        return node.Error(sequence.Axes[k].IsFeature
            ? $"selecting features of {sequence.Describe()} along axis {k} is not supported"
            : $"selecting steps or batch rows of {sequence.Describe()} along axis {k} (e.g. out[:, -1]) is not supported: a descriptor outputs every step; export the whole sequence (its last step is the value selected here)");
    }

    private static bool Squeezable(Axis axis, SequenceAxes axes) => axis.IsFeature ? axis.Size == 1 : axes.CanSqueeze(axis.Symbol);

    private static GraphValue ConstantOfShape(OnnxNode node)
    {
        node.OnlyAttributes("value");
        if (node.Tensor("value") is not { } tensor || !node.Has("value"))
            return new FilledValue(0);
        return OnnxTensors.ToValue(tensor, node.Where) switch
        {
            FloatConstant { Data.Length: 1 } c => new FilledValue(c.Data[0]),
            IntVector { Items.Length: 1 } fill => IntegerFill(node, fill.Items[0]),
            _ => throw node.Error("attribute value must hold one value"),
        };
    }

    /// <summary>An integer ConstantOfShape is shape arithmetic (torch's <c>repeat</c> builds a vector of ones): a vector of known length.</summary>
    private static GraphValue IntegerFill(OnnxNode node, Dim fill)
    {
        if (node.Input(0) is not IntVector { IsKnown: true, Items.Length: 1 } shape || shape.Items[0].Value > OnnxTensors.MaxElements)
            return new FailedValue(node.Error("an integer fill is supported only as a vector of known length (shape arithmetic)"));
        return new IntVector(Enumerable.Repeat(fill, (int)shape.Items[0].Value).ToArray());
    }

    private static GraphValue Transpose(OnnxNode node)
    {
        node.OnlyAttributes("perm");
        var sequence = node.Input(0) as SequenceValue
            ?? throw node.Error($"Transpose is supported on the run-time data only; input 0 is {(node.Input(0) is { } v ? OnnxNode.Describe(v) : "missing")}");
        long[] perm = node.Ints("perm") ?? Enumerable.Range(0, sequence.Rank).Reverse().Select(k => (long)k).ToArray();
        if (perm.Length != sequence.Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= sequence.Rank))
            throw node.Unsupported("perm", "[" + string.Join(", ", perm) + "]");
        return sequence.With(sequence.Stream, perm.Select(p => sequence.Axes[p]).ToArray());
    }

    /// <summary>The axes of Squeeze/Unsqueeze: an input from opset 13, an attribute before.</summary>
    private static long[] AxesOf(OnnxNode node, string op)
    {
        if (node.Opset >= 13)
            return node.Required<IntVector>(1, "axes").KnownValues(() => $"{node.Where}: input 1 (axes)");
        return node.Ints("axes") ?? throw node.Error($"{op} needs attribute axes");
    }

    public static int Normalize(long axis, int rank, bool clamp, OnnxNode? node = null)
    {
        long k = axis < 0 ? axis + rank : axis;
        if (clamp)
            return (int)Math.Clamp(k, 0, rank);
        if (k < 0 || k >= rank)
            throw (node ?? throw new ArgumentOutOfRangeException(nameof(axis))).Error($"axis or index {axis} is out of range for rank or length {rank}");
        return (int)k;
    }

    private static long Clamp(long value, long low, long high) => Math.Min(Math.Max(value, low), high);

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
