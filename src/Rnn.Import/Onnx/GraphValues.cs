using System;
using System.Linq;

namespace Rnn.Import.Onnx;

/// <summary>
/// What the importer knows about one tensor of the graph while it traces the data flow. Weights and shape
/// arithmetic are folded to constants; the run-time data is a <see cref="SequenceValue"/> whose axes say
/// which is time, which is batch and how its feature axes flatten into the model's per-step vector.
/// </summary>
internal abstract class GraphValue
{
}

/// <summary>A float tensor known at import time (an initializer, a Constant node, or folded from them).</summary>
internal sealed class FloatConstant : GraphValue
{
    public FloatConstant(long[] shape, float[] data)
    {
        Shape = shape;
        Data = data;
    }

    public long[] Shape { get; }

    public float[] Data { get; }

    public int Rank => Shape.Length;
}

/// <summary>
/// One dimension in shape arithmetic: a number, or one of the model input's two sequence axes (time and
/// batch, whose sizes are only known at run time), named by the input axis it came from.
/// </summary>
internal readonly record struct Dim(long Value, int Symbol)
{
    public const int NoSymbol = -1;

    public static Dim Known(long value) => new(value, NoSymbol);

    public static Dim Of(int symbol) => new(0, symbol);

    public bool IsKnown => Symbol == NoSymbol;

    public override string ToString() => IsKnown ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"<input axis {Symbol}>";
}

/// <summary>An integer tensor of rank 0 or 1 (shapes, axes, indices): each element a number or a run-time axis size.</summary>
internal sealed class IntVector : GraphValue
{
    public IntVector(Dim[] items, bool isScalar = false)
    {
        Items = items;
        IsScalar = isScalar;
    }

    public Dim[] Items { get; }

    public bool IsScalar { get; }

    public bool IsKnown => Items.All(d => d.IsKnown);

    public long[] KnownValues(Func<string> where) =>
        IsKnown ? Items.Select(d => d.Value).ToArray() : throw new OnnxGraphException($"{where()}: expected constant integers, found [{string.Join(", ", Items)}] (sizes known only at run time)");
}

/// <summary>A tensor of run-time shape filled with one value (ConstantOfShape): how exporters write zero initial states.</summary>
internal sealed class FilledValue : GraphValue
{
    public FilledValue(float fill) => Fill = fill;

    public float Fill { get; }
}

/// <summary>
/// A constant tensor broadcast to a shape that may hold run-time sizes (Expand or Tile of a constant over
/// the batch: how exporters write a learned initial state). Along each axis either <see cref="Source"/> has
/// size 1 (its values repeat along the whole axis) or <see cref="Shape"/> is that known size; the source has
/// the same rank as the shape.
/// </summary>
internal sealed class BroadcastConstant : GraphValue
{
    public BroadcastConstant(FloatConstant source, Dim[] shape)
    {
        Source = source;
        Shape = shape;
    }

    public FloatConstant Source { get; }

    public Dim[] Shape { get; }

    public int Rank => Shape.Length;

    /// <summary>The element at <paramref name="index"/> (one entry per axis; axes where the source has size 1 read its only row).</summary>
    public float At(ReadOnlySpan<long> index)
    {
        long offset = 0;
        for (int k = 0; k < Rank; k++)
            offset = offset * Source.Shape[k] + (Source.Shape[k] == 1 ? 0 : index[k]);
        return Source.Data[offset];
    }

    /// <summary>A constant seen as broadcast to its own shape.</summary>
    public static BroadcastConstant Of(FloatConstant constant) => new(constant, constant.Shape.Select(Dim.Known).ToArray());
}

/// <summary>A value that could not be traced; the error is raised only if the model's output depends on it.</summary>
internal sealed class FailedValue : GraphValue
{
    public FailedValue(OnnxGraphException error) => Error = error;

    public OnnxGraphException Error { get; }
}

/// <summary>The role of one axis of a run-time tensor.</summary>
internal enum AxisKind
{
    /// <summary>One of the model input's first two axes (time or batch), see <see cref="Axis.Symbol"/>.</summary>
    Sequence,

    /// <summary>Part of the per-step feature vector.</summary>
    Feature,
}

/// <summary>
/// One axis of a run-time tensor. A feature axis of size n and stride s holds features f = … + k·s + …
/// (k = 0..n-1) of the per-step vector: the feature axes flatten to that vector exactly when, read in order,
/// each stride is the product of the sizes after it (row-major), whatever sequence axes lie between them.
/// </summary>
internal readonly record struct Axis(AxisKind Kind, int Symbol, long Size, long Stride)
{
    public static Axis Sequence(int symbol) => new(AxisKind.Sequence, symbol, 0, 0);

    public static Axis Feature(long size, long stride) => new(AxisKind.Feature, Dim.NoSymbol, size, stride);

    public bool IsFeature => Kind == AxisKind.Feature;
}

/// <summary>
/// The run-time data: the output of <see cref="Stream"/> (the model input, or a layer) laid out along
/// <see cref="Axes"/>.
/// </summary>
internal sealed class SequenceValue : GraphValue
{
    public SequenceValue(LayerStream stream, Axis[] axes)
    {
        Stream = stream;
        Axes = axes;
    }

    public LayerStream Stream { get; }

    public Axis[] Axes { get; }

    public int Rank => Axes.Length;

    /// <summary>Whether the feature axes, in order, flatten row-major to the stream's features.</summary>
    public bool FeaturesInOrder
    {
        get
        {
            long expected = Stream.Features;
            foreach (var axis in Axes)
            {
                if (!axis.IsFeature || axis.Size == 1)
                    continue;
                if (expected % axis.Size != 0 || axis.Stride != expected / axis.Size)
                    return false;
                expected /= axis.Size;
            }

            return expected == 1;
        }
    }

    /// <summary>Whether the last axis holds every feature in order (what MatMul, Gemm, Softmax and a recurrent node's X need).</summary>
    public bool FeaturesLast =>
        Axes.Length > 0 && Axes[^1] is { IsFeature: true } last && last.Size == Stream.Features && last.Stride == 1
        && Axes.Take(Axes.Length - 1).All(a => !a.IsFeature || a.Size == 1);

    public SequenceValue With(LayerStream stream, Axis[] axes) => new(stream, axes);

    public string Describe() => "[" + string.Join(", ", Axes.Select(a => a.IsFeature ? a.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"<input axis {a.Symbol}>")) + "]";
}
