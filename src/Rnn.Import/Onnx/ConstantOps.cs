using System;
using System.Linq;

namespace Rnn.Import.Onnx;

/// <summary>
/// Expand, Tile and Slice of float constants: how torch.onnx.export builds initial states. The default zero
/// h0/c0 is a zero constant expanded to [layers·dirs, batch, H] with the batch read from the input's shape;
/// a learned state is a parameter [layers·dirs, 1, H] expanded or tiled over the batch, then sliced per layer.
/// A tensor holding one value everywhere becomes a <see cref="FilledValue"/> (its shape no longer matters);
/// any other is a <see cref="BroadcastConstant"/>, whose rows along a run-time axis are all the same.
/// </summary>
internal static class ConstantOps
{
    public static GraphValue[]? TryTrace(OnnxNode node) => node.OpType switch
    {
        "Expand" => [Expand(node)],
        "Tile" => [Tile(node)],
        _ => null,
    };

    /// <summary>
    /// Expand(input, shape): numpy broadcasting, right-aligned; each pair of sizes is equal or one of them is 1.
    /// A run-time size against a source size s &gt; 1 stays s (ONNX requires the run-time size to be s or 1).
    /// </summary>
    private static GraphValue Expand(OnnxNode node)
    {
        node.OnlyAttributes();
        var shape = node.Required<IntVector>(1, "shape");
        if (Uniform(node.Input(0)) is { } filled)
            return filled;
        var source = Broadcast(node, 0, "Expand");
        int rank = Math.Max(source.Rank, shape.Items.Length);
        var padded = Pad(source, rank);
        var dims = new Dim[rank];
        for (int k = 0; k < rank; k++)
        {
            var have = padded.Shape[k];
            var want = k - (rank - shape.Items.Length) is int j && j >= 0 ? shape.Items[j] : Dim.Known(1);
            if (have.IsKnown && have.Value == 1)
                dims[k] = want;
            else if (!want.IsKnown || want.Value == 1 || (have.IsKnown && want.Value == have.Value))
                dims[k] = have;
            else
                throw node.Error($"cannot broadcast axis {k} of size {have} to {want}");
        }

        return Simplify(node, new BroadcastConstant(padded.Source, dims));
    }

    /// <summary>Tile(input, repeats): along an axis of size 1 a repeat count (known or the batch size) is a broadcast; a known count on a known size repeats the rows.</summary>
    private static GraphValue Tile(OnnxNode node)
    {
        node.OnlyAttributes();
        var repeats = node.Required<IntVector>(1, "repeats");
        if (Uniform(node.Input(0)) is { } filled)
            return filled;
        var value = Broadcast(node, 0, "Tile");
        if (repeats.Items.Length != value.Rank)
            throw node.Error($"input 1 (repeats) must have one entry per axis of input 0 ({value.Rank}), found {repeats.Items.Length}");
        var source = value.Source;
        var dims = value.Shape.ToArray();
        for (int k = 0; k < dims.Length; k++)
        {
            var count = repeats.Items[k];
            if (count.IsKnown && count.Value == 1)
                continue;
            if (dims[k].IsKnown && dims[k].Value == 1)
                dims[k] = count;
            else if (count.IsKnown && dims[k].IsKnown && count.Value > 0)
            {
                if (source.Shape[k] != 1)
                    source = Repeat(node, source, k, count.Value);
                dims[k] = Dim.Known(dims[k].Value * count.Value);
            }
            else
                throw node.Error($"cannot repeat axis {k} of size {dims[k]} {count} times: only axes of size 1 repeat a run-time number of times");
        }

        return Simplify(node, new BroadcastConstant(source, dims));
    }

    /// <summary>Slice of a constant along axes of known size (a stacked model's initial state cut into one per layer).</summary>
    public static GraphValue Slice(OnnxNode node, BroadcastConstant value, long[] starts, long[] ends, long[] axes, long[] steps)
    {
        if (starts.Length != axes.Length || ends.Length != axes.Length || steps.Length != axes.Length)
            throw node.Error("Slice needs as many starts, ends and steps as axes");
        var source = value.Source;
        var dims = value.Shape.ToArray();
        for (int i = 0; i < axes.Length; i++)
        {
            int k = ShapeOps.Normalize(axes[i], value.Rank, clamp: false, node);
            if (!dims[k].IsKnown || steps[i] != 1)
                throw node.Error($"Slice of a constant is supported along axes of known size with step 1; axis {k} has size {dims[k]}, step {steps[i]}");
            long n = dims[k].Value;
            long first = Math.Clamp(starts[i] < 0 ? starts[i] + n : starts[i], 0, n);
            long last = Math.Clamp(ends[i] < 0 ? ends[i] + n : ends[i], first, n);
            if (source.Shape[k] != 1)
                source = Cut(source, k, first, last);
            dims[k] = Dim.Known(last - first);
        }

        return Simplify(node, new BroadcastConstant(source, dims));
    }

    /// <summary>A constant or a fill holding one value everywhere, as that fill.</summary>
    private static FilledValue? Uniform(GraphValue? value) => value switch
    {
        FilledValue f => f,
        FloatConstant { Data.Length: > 0 } c when c.Data.All(v => v.Equals(c.Data[0])) => new FilledValue(c.Data[0]),
        BroadcastConstant b when b.Source.Data.Length > 0 && b.Source.Data.All(v => v.Equals(b.Source.Data[0])) => new FilledValue(b.Source.Data[0]),
        _ => null,
    };

    private static BroadcastConstant Broadcast(OnnxNode node, int index, string op) => node.Input(index) switch
    {
        FloatConstant c => BroadcastConstant.Of(c),
        BroadcastConstant b => b,
        var other => throw node.Error($"{op} is supported on constants only (initial states); input {index} is {(other is null ? "missing" : OnnxNode.Describe(other))}"),
    };

    /// <summary>The same values with size-1 axes added in front up to <paramref name="rank"/>.</summary>
    private static BroadcastConstant Pad(BroadcastConstant value, int rank)
    {
        int extra = rank - value.Rank;
        var shape = Enumerable.Repeat(1L, extra).Concat(value.Source.Shape).ToArray();
        var dims = Enumerable.Repeat(Dim.Known(1), extra).Concat(value.Shape).ToArray();
        return new BroadcastConstant(new FloatConstant(shape, value.Source.Data), dims);
    }

    /// <summary>A plain constant when every size is known (weights and states downstream read FloatConstant), else the broadcast.</summary>
    private static GraphValue Simplify(OnnxNode node, BroadcastConstant value) =>
        value.Shape.All(d => d.IsKnown) ? Materialise(node, value) : value;

    private static FloatConstant Materialise(OnnxNode node, BroadcastConstant value)
    {
        long[] shape = value.Shape.Select(d => d.Value).ToArray();
        long count = 1;
        foreach (long d in shape)
        {
            if ((count *= d) > OnnxTensors.MaxElements)
                throw node.Error($"a constant of shape [{string.Join(", ", shape)}] has more than {OnnxTensors.MaxElements} elements");
        }

        var data = new float[count];
        var index = new long[shape.Length];
        for (long i = 0; i < count; i++)
        {
            long rest = i;
            for (int k = shape.Length - 1; k >= 0; k--)
            {
                index[k] = rest % shape[k];
                rest /= shape[k];
            }

            data[i] = value.At(index);
        }

        return new FloatConstant(shape, data);
    }

    /// <summary>The rows [first, last) of axis <paramref name="axis"/>.</summary>
    private static FloatConstant Cut(FloatConstant c, int axis, long first, long last)
    {
        long outer = c.Shape.Take(axis).Aggregate(1L, (p, d) => p * d);
        long inner = c.Shape.Skip(axis + 1).Aggregate(1L, (p, d) => p * d);
        long rows = c.Shape[axis], kept = last - first;
        var data = new float[outer * kept * inner];
        for (long o = 0; o < outer; o++)
            Array.Copy(c.Data, (o * rows + first) * inner, data, o * kept * inner, kept * inner);
        var shape = c.Shape.ToArray();
        shape[axis] = kept;
        return new FloatConstant(shape, data);
    }

    /// <summary>Axis <paramref name="axis"/> repeated <paramref name="times"/> times, whole (Tile's order).</summary>
    private static FloatConstant Repeat(OnnxNode node, FloatConstant c, int axis, long times)
    {
        long outer = c.Shape.Take(axis).Aggregate(1L, (p, d) => p * d);
        long block = c.Shape.Skip(axis).Aggregate(1L, (p, d) => p * d);
        if (outer * block * times > OnnxTensors.MaxElements)
            throw node.Error($"tiling gives more than {OnnxTensors.MaxElements} elements");
        var data = new float[outer * block * times];
        for (long o = 0; o < outer; o++)
        {
            for (long r = 0; r < times; r++)
                Array.Copy(c.Data, o * block, data, (o * times + r) * block, block);
        }

        var shape = c.Shape.ToArray();
        shape[axis] *= times;
        return new FloatConstant(shape, data);
    }
}
