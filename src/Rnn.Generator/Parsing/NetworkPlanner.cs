using System.Collections.Generic;
using System.Linq;
using Rnn.Generator.Emit;
using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Generator.Parsing;

/// <summary>
/// Lays out a validated descriptor for emission: packs every matrix in the runtime's panel layout (so
/// generated code and interpreter share one weight layout) and assigns state and scratch offsets. A
/// bidirectional layer becomes two passes (forward, then reverse), each with its own weights and state.
/// </summary>
internal static class NetworkPlanner
{
    public static NetworkPlan Plan(ModelDescriptor descriptor)
    {
        var layers = new List<LayerPlan>();
        int stateOffset = 0, layerScratch = 0, previousPadded = 0;
        for (int l = 0; l < descriptor.Layers.Count; l++)
        {
            var layer = descriptor.Layers[l];
            if (layer is RecurrentLayerDescriptor recurrent)
            {
                int panel = CodeShape.PanelWidth(recurrent.HiddenSize);
                // The next layer reads the whole output row: both directions side by side, padded once.
                int rowWidth = PackedMatrix.Pad(recurrent.OutputSize, panel);
                var passes = recurrent.Direction == RecurrentDirection.Bidirectional
                    ? new[] { (recurrent.Weights, RecurrentDirection.Forward, 0), (recurrent.ReverseWeights!, RecurrentDirection.Reverse, recurrent.StateSize) }
                    : new[] { (recurrent.Weights, recurrent.Direction, 0) };
                foreach (var (weights, direction, column) in passes)
                {
                    var (pass, stateLength, scratch) = PlanPass(recurrent, weights, direction, panel, rowWidth, stateOffset, l, column);
                    layers.Add(pass);
                    stateOffset += stateLength;
                    layerScratch = System.Math.Max(layerScratch, scratch);
                }

                previousPadded = passes.Length == 1 ? layers[layers.Count - 1].PaddedOutput : rowWidth;
            }
            else
            {
                var dense = (DenseLayerDescriptor)layer;
                int panel = CodeShape.PanelWidth(layer.OutputSize);
                int padded = PackedMatrix.Pad(layer.OutputSize, panel);
                float[] weight = dense.WeightArray;
                int columns = dense.InputSize, units = dense.Units;
                var bias = new float[padded];
                System.Array.Copy(dense.BiasArray, bias, units);
                MatrixPlan matrix;
                if (CodeShape.IsDotProduct(layer.Kind, units, inputIsState: layers.Count > 0))
                {
                    // Row-major rows as long as the padded state they read; zeros past the real inputs.
                    var rows = new float[units * previousPadded];
                    for (int r = 0; r < units; r++)
                        System.Array.Copy(weight, r * columns, rows, r * previousPadded, columns);
                    matrix = new MatrixPlan(units, previousPadded, panel, true, new EquatableArray<float>(rows), new EquatableArray<float>(bias));
                }
                else
                {
                    matrix = ToPlan(PackedMatrix.Pack(padded, columns, (r, j) => r < units ? weight[r * columns + j] : 0f, panel), bias);
                }

                layers.Add(new LayerPlan(layer.Kind, dense.Activation, layer.InputSize, layer.OutputSize, padded, stateOffset,
                    new EquatableArray<MatrixPlan>(new[] { matrix }), Source: l));
                stateOffset += padded;
                previousPadded = padded;
            }
        }

        var mean = EquatableArray<float>.Empty;
        var inverseStd = EquatableArray<float>.Empty;
        int normalizedInput = 0;
        if (descriptor.InputNormalization is { } normalization)
        {
            mean = new EquatableArray<float>((float[])normalization.MeanArray.Clone());
            inverseStd = new EquatableArray<float>(normalization.StdArray.Select(s => 1f / s).ToArray());
            normalizedInput = PackedMatrix.Pad(descriptor.InputSize);
        }

        string summary = string.Join(", ", descriptor.Layers.Select(Describe));
        return new NetworkPlan(descriptor.InputSize, descriptor.OutputSize, mean, inverseStd, new EquatableArray<LayerPlan>(layers.ToArray()),
            System.Math.Max(stateOffset, 1), System.Math.Max(normalizedInput + layerScratch, 1), normalizedInput, summary,
            descriptor.Skip, descriptor.NeedsWholeSequence, descriptor.WeightPrecision);
    }

    /// <summary>
    /// One direction of a recurrent layer. Gates are padded to Hp = H rounded up to the panel, the state h to
    /// Sp = S rounded up (S = P with a projection, else H); LSTM state is h then c. Scratch holds the gate
    /// pre-activations, plus o ⊙ tanh(c) before the projection (LSTM) or r ⊙ h before W_hn (GRU, reset before).
    /// </summary>
    private static (LayerPlan Pass, int StateLength, int Scratch) PlanPass(RecurrentLayerDescriptor layer, RecurrentWeights weights,
        RecurrentDirection direction, int panel, int rowWidth, int stateOffset, int source, int column)
    {
        int hiddenPadded = PackedMatrix.Pad(layer.HiddenSize, panel), statePadded = PackedMatrix.Pad(layer.StateSize, panel);
        var options = layer.Options;
        var matrices = new List<MatrixPlan>();
        int stateLength = statePadded, scratch;
        switch (layer.Kind)
        {
            case LayerKind.Gru when options.ResetAfter:
                // Input and hidden products stay apart: b_hn and W_hn h sit inside the reset product.
                matrices.Add(ToPlan(CellPacking.Separate(layer, weights.WeightIhArray, weights.BiasIhArray, layer.InputSize, hiddenPadded, panel, 0, 3)));
                matrices.Add(ToPlan(CellPacking.Separate(layer, weights.WeightHhArray, weights.BiasHhArray, layer.StateSize, hiddenPadded, panel, 0, 3)));
                scratch = 6 * hiddenPadded;
                break;
            case LayerKind.Gru:
                // W_hn multiplies r ⊙ h, so it is its own product after r: W_hh splits into rows r, z and rows n.
                matrices.Add(ToPlan(CellPacking.Separate(layer, weights.WeightIhArray, weights.BiasIhArray, layer.InputSize, hiddenPadded, panel, 0, 3)));
                matrices.Add(ToPlan(CellPacking.Separate(layer, weights.WeightHhArray, weights.BiasHhArray, layer.StateSize, hiddenPadded, panel, 0, 2)));
                matrices.Add(ToPlan(CellPacking.Separate(layer, weights.WeightHhArray, weights.BiasHhArray, layer.StateSize, hiddenPadded, panel, 2, 1)));
                scratch = 7 * hiddenPadded;
                break;
            case LayerKind.Lstm:
                matrices.Add(ToPlan(CellPacking.Combined(layer, weights, hiddenPadded, panel)));
                scratch = 4 * hiddenPadded;
                if (options.ProjectionSize > 0)
                {
                    matrices.Add(ToPlan(CellPacking.Projection(layer, weights, statePadded, panel)));
                    scratch += hiddenPadded;
                }

                stateLength += hiddenPadded;
                break;
            default:
                matrices.Add(ToPlan(CellPacking.Combined(layer, weights, hiddenPadded, panel)));
                scratch = hiddenPadded;
                break;
        }

        var peephole = weights.HasPeepholes ? new EquatableArray<float>(CellPacking.Peephole(layer, weights, hiddenPadded)) : EquatableArray<float>.Empty;
        var initial = EquatableArray<float>.Empty;
        if (weights.HasInitialState)
        {
            var values = new float[stateLength];
            weights.InitialHArray?.CopyTo(values, 0);
            weights.InitialCArray?.CopyTo(values, statePadded);
            initial = new EquatableArray<float>(values);
        }

        var cell = new CellPlan(layer.HiddenSize, hiddenPadded, direction, options.ResetAfter, options.ProjectionSize, options.Clip,
            options.GateActivation, options.HardSigmoidAlpha, options.HardSigmoidBeta, peephole, initial, rowWidth);
        var pass = new LayerPlan(layer.Kind, layer.Nonlinearity, layer.InputSize, layer.StateSize, statePadded, stateOffset,
            new EquatableArray<MatrixPlan>(matrices.ToArray()), cell, source, column);
        return (pass, stateLength, scratch);
    }

    private static string Describe(LayerDescriptor layer)
    {
        string summary = $"{DescriptorNames.Of(layer.Kind)} {layer.InputSize}→{layer.OutputSize}";
        return layer is RecurrentLayerDescriptor { Direction: not RecurrentDirection.Forward } recurrent
            ? $"{summary} ({(recurrent.Direction == RecurrentDirection.Reverse ? "reverse" : "bidirectional")})"
            : summary;
    }

    private static MatrixPlan ToPlan((PackedMatrix Weights, float[] Bias) packed) => ToPlan(packed.Weights, packed.Bias);

    private static MatrixPlan ToPlan(PackedMatrix matrix, float[] bias) =>
        new(matrix.Rows, matrix.Columns, matrix.PanelWidth, false, new EquatableArray<float>(matrix.Data), new EquatableArray<float>(bias));
}
