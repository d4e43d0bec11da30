using System;
using System.Globalization;
using System.Linq;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// An ONNX <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> node (onnx/defs/rnn/defs.cc) as one descriptor layer:
/// X [T, batch, I] (layout 1: [batch, T, I]); W [dirs, G·H, I]; R [dirs, G·H, H]; B [dirs, 2·G·H] = Wb then
/// Rb; sequence_lens; initial_h / initial_c [dirs, batch, H] (layout 1: [batch, dirs, H]); P [dirs, 3H];
/// Y [T, dirs, batch, H] (layout 1: [batch, T, dirs, H]).
/// </summary>
internal static class RecurrentNodeImporter
{
    private static readonly string[] s_common = ["activation_alpha", "activation_beta", "activations", "clip", "direction", "hidden_size", "layout"];

    public static GraphValue[] Import(OnnxNode node, SequenceAxes axes)
    {
        var kind = node.OpType switch { "LSTM" => LayerKind.Lstm, "GRU" => LayerKind.Gru, _ => LayerKind.Rnn };
        node.OnlyAttributes(kind switch
        {
            LayerKind.Lstm => [.. s_common, "input_forget"],
            LayerKind.Gru => [.. s_common, "linear_before_reset"],
            _ => s_common,
        });
        int gates = RecurrentLayerDescriptor.GateCountOf(kind);

        long layout = node.Int("layout", 0);
        if (layout is not (0 or 1))
            throw node.Unsupported("layout", layout.ToString(CultureInfo.InvariantCulture));
        string directionName = node.String("direction", "forward");
        var direction = directionName switch
        {
            "forward" => RecurrentDirection.Forward,
            "reverse" => RecurrentDirection.Reverse,
            "bidirectional" => RecurrentDirection.Bidirectional,
            _ => throw node.Unsupported("direction", directionName),
        };
        int directions = direction == RecurrentDirection.Bidirectional ? 2 : 1;
        if (kind == LayerKind.Lstm && node.Int("input_forget", 0) != 0)
            throw node.Unsupported("input_forget", node.Int("input_forget", 0).ToString(CultureInfo.InvariantCulture));
        long linearBeforeReset = node.Int("linear_before_reset", 0);
        if (linearBeforeReset is not (0 or 1))
            throw node.Unsupported("linear_before_reset", linearBeforeReset.ToString(CultureInfo.InvariantCulture));

        var x = node.Required<SequenceValue>(0, "X");
        var w = node.Required<FloatConstant>(1, "W");
        var r = node.Required<FloatConstant>(2, "R");
        if (r.Rank != 3)
            throw node.Error($"input 2 (R) must have shape [num_directions, {gates}·hidden_size, hidden_size], found [{string.Join(", ", r.Shape)}]");
        long hiddenSize = node.Int("hidden_size", r.Shape[2]);
        if (hiddenSize <= 0 || hiddenSize > OnnxTensors.MaxElements)
            throw node.Unsupported("hidden_size", hiddenSize.ToString(CultureInfo.InvariantCulture));
        int hidden = (int)hiddenSize;
        int input = x.Stream.Features;
        ExpectShape(node, w, 1, "W", directions, (long)gates * hidden, input);
        ExpectShape(node, r, 2, "R", directions, (long)gates * hidden, hidden);

        // X: two sequence axes and the features, in the order the layout says.
        if (x.Rank != 3 || x.Axes[0].IsFeature || x.Axes[1].IsFeature || !x.FeaturesLast)
            throw node.Error($"input 0 (X) must be {(layout == 0 ? "[time, batch, features]" : "[batch, time, features]")} of the model input, found {x.Describe()}");
        int time = x.Axes[layout == 0 ? 0 : 1].Symbol, batch = x.Axes[layout == 0 ? 1 : 0].Symbol;
        axes.BindTime(time, batch, node);

        var b = node.Input(3) is null ? null : node.Required<FloatConstant>(3, "B");
        if (b is not null)
            ExpectShape(node, b, 3, "B", directions, 2L * gates * hidden);
        CheckSequenceLengths(node, axes);
        var initialH = InitialState(node, 5, "initial_h", directions, hidden, layout);
        var initialC = kind == LayerKind.Lstm ? InitialState(node, 6, "initial_c", directions, hidden, layout) : null;
        if (kind != LayerKind.Lstm && (node.Input(6) is not null || node.Input(7) is not null))
            throw node.Error("has more inputs than its operator defines");
        var p = node.Input(7) is null ? null : node.Required<FloatConstant>(7, "P");
        if (p is not null)
            ExpectShape(node, p, 7, "P", directions, 3L * hidden);

        var activations = RecurrentActivations.Read(node, kind, directions);
        float clip = 0;
        if (node.Has("clip"))
        {
            clip = node.Float("clip", 0);
            if (!(clip > 0) || float.IsInfinity(clip))
                throw node.Error($"attribute clip={clip.ToString("R", CultureInfo.InvariantCulture)}: expected a positive finite threshold");
        }

        var options = new RecurrentLayerOptions
        {
            Direction = direction,
            ResetAfter = kind != LayerKind.Gru || linearBeforeReset == 1,
            Clip = clip,
            GateActivation = activations.Gate,
            HardSigmoidAlpha = activations.Gate == Activation.HardSigmoid ? activations.Alpha : 0.2f,
            HardSigmoidBeta = activations.Gate == Activation.HardSigmoid ? activations.Beta : 0.5f,
        };
        var forward = Direction(kind, 0, w, r, b, p, initialH, initialC, hidden, input);
        var reverse = directions == 2 ? Direction(kind, 1, w, r, b, p, initialH, initialC, hidden, input) : null;
        var layer = new RecurrentLayerDescriptor(kind, input, hidden, activations.Nonlinearity, forward, reverse, options);
        var stream = x.Stream.Then(layer);

        // Y's features are [direction, hidden]: direction-major, the descriptor's [h_forward; h_reverse].
        var directionAxis = Axis.Feature(directions, hidden);
        var hiddenAxis = Axis.Feature(hidden, 1);
        Axis[] y = layout == 0
            ? [Axis.Sequence(time), directionAxis, Axis.Sequence(batch), hiddenAxis]
            : [Axis.Sequence(batch), Axis.Sequence(time), directionAxis, hiddenAxis];
        var lastState = new FailedValue(node.Error("outputs Y_h and Y_c (the last state only) are not supported: a descriptor outputs every step; export Y instead (for a forward layer its last step is Y_h)"));
        return [new SequenceValue(stream, y), lastState, lastState];
    }

    /// <summary>One direction's tensors, re-ordered into the descriptor's gate order.</summary>
    private static RecurrentWeights Direction(LayerKind kind, int d, FloatConstant w, FloatConstant r, FloatConstant? b, FloatConstant? p,
        float[]?[]? initialH, float[]?[]? initialC, int hidden, int input)
    {
        int[] order = OnnxGateOrder.Of(kind);
        int rows = order.Length * hidden;
        var weightIh = OnnxGateOrder.Reorder(w.Data, (long)d * rows * input, hidden * input, order);
        var weightHh = OnnxGateOrder.Reorder(r.Data, (long)d * rows * hidden, hidden * hidden, order);
        var bias = b?.Data ?? new float[2 * rows * (d + 1)];
        var biasIh = OnnxGateOrder.Reorder(bias, 2L * d * rows, hidden, order);
        var biasHh = OnnxGateOrder.Reorder(bias, 2L * d * rows + rows, hidden, order);
        float[]? peephole = p is null || IsZero(p.Data, 3L * d * hidden, 3 * hidden) ? null
            : OnnxGateOrder.Reorder(p.Data, 3L * d * hidden, hidden, OnnxGateOrder.Peepholes);
        return new RecurrentWeights(weightIh, weightHh, biasIh, biasHh, peephole, null, initialH?[d], initialC?[d]);
    }

    private static void ExpectShape(OnnxNode node, FloatConstant value, int index, string name, params long[] expected)
    {
        if (!value.Shape.SequenceEqual(expected))
            throw node.Error($"input {index} ({name}) must have shape [{string.Join(", ", expected)}], found [{string.Join(", ", value.Shape)}]");
    }

    /// <summary>
    /// sequence_lens is accepted only when it provably says "every sequence is whole": constant, and every
    /// entry equal to the input's fixed length. Shorter sequences would change the output (zeros past the end).
    /// </summary>
    private static void CheckSequenceLengths(OnnxNode node, SequenceAxes axes)
    {
        var value = node.Input(4);
        if (value is null)
            return;
        if (value is not IntVector { IsKnown: true } lengths || axes.FixedSteps is not long steps)
            throw node.Error($"input 4 (sequence_lens, \"{node.InputName(4)}\") is not supported unless it is a constant equal to the model input's fixed sequence length; found {OnnxNode.Describe(value)}{(axes.FixedSteps is null ? " and a dynamic sequence length" : "")}");
        foreach (var dim in lengths.Items)
        {
            if (dim.Value != steps)
                throw node.Error($"input 4 (sequence_lens): every sequence must be whole ({steps} steps, the input's fixed length), found a length of {dim.Value}");
        }
    }

    /// <summary>
    /// A constant initial state as each direction's H values (null for zeros): ConstantOfShape's fill, or a
    /// [dirs, batch, H] tensor whose batch rows agree (a descriptor has one state per layer, not per stream).
    /// A run-time initial state is refused: it would be a second model input.
    /// </summary>
    private static float[]?[]? InitialState(OnnxNode node, int index, string name, int directions, int hidden, long layout)
    {
        var value = node.Input(index);
        switch (value)
        {
            case null:
                return null;
            case FilledValue filled:
                return filled.Fill == 0 ? null : Enumerable.Range(0, directions).Select(_ => (float[]?)Enumerable.Repeat(filled.Fill, hidden).ToArray()).ToArray();
            case FloatConstant or BroadcastConstant:
                var tensor = value as BroadcastConstant ?? BroadcastConstant.Of((FloatConstant)value);
                int batchAxis = layout == 0 ? 1 : 0, directionAxis = 1 - batchAxis;
                if (tensor.Rank != 3 || tensor.Shape[directionAxis] != Dim.Known(directions) || tensor.Shape[2] != Dim.Known(hidden))
                    throw node.Error($"input {index} ({name}) must have shape {(layout == 0 ? $"[{directions}, batch, {hidden}]" : $"[batch, {directions}, {hidden}]")}, found [{string.Join(", ", tensor.Shape)}]");

                // Rows along the batch axis: the source's (one when it is broadcast over a run-time batch).
                long rows = tensor.Source.Shape[batchAxis];
                var states = new float[]?[directions];
                var index3 = new long[3];
                float[] Row(int d, long row)
                {
                    var state = new float[hidden];
                    index3[directionAxis] = d;
                    index3[batchAxis] = row;
                    for (int j = 0; j < hidden; j++)
                    {
                        index3[2] = j;
                        state[j] = tensor.At(index3);
                    }

                    return state;
                }

                for (int d = 0; d < directions; d++)
                {
                    var first = Row(d, 0);
                    states[d] = IsZero(first, 0, hidden) ? null : first;
                    for (long row = 1; row < rows; row++)
                    {
                        if (!Row(d, row).AsSpan().SequenceEqual(first))
                            throw node.Error($"input {index} ({name}) differs between batch rows 0 and {row}; a descriptor has one initial state for every stream");
                    }
                }

                return states.All(s => s is null) ? null : states;
            default:
                throw node.Error($"input {index} ({name}, \"{node.InputName(index)}\") must be a constant (an initializer, ConstantOfShape, or Expand/Tile of a constant); found {OnnxNode.Describe(value)}");
        }
    }

    private static bool IsZero(float[] values, long offset, int count)
    {
        for (long i = offset; i < offset + count; i++)
        {
            if (values[i] != 0)
                return false;
        }

        return true;
    }
}
