using System.Collections.Generic;
using System.Linq;
using Rnn.Generator.Emit;
using Rnn.Generator.Model;
using Rnn.Runtime.Cells;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Generator.Parsing;

/// <summary>
/// Lays out a validated descriptor for emission: packs every matrix with the runtime's own packing code
/// (so generated code and interpreter share one weight layout) and assigns state and scratch offsets.
/// </summary>
internal static class NetworkPlanner
{
    public static NetworkPlan Plan(ModelDescriptor descriptor)
    {
        var layers = new List<LayerPlan>();
        int stateOffset = 0, layerScratch = 0, previousPadded = 0;
        foreach (var layer in descriptor.Layers)
        {
            int panel = CodeShape.PanelWidth(layer.OutputSize);
            int padded = PackedMatrix.Pad(layer.OutputSize, panel);
            MatrixPlan[] matrices;
            int stateLength, scratch;
            Activation activation;
            if (layer is RecurrentLayerDescriptor recurrent)
            {
                activation = recurrent.Nonlinearity;
                if (recurrent.Kind == LayerKind.Gru)
                {
                    // Input and hidden products stay apart: b_hn and W_hn h sit inside the reset product.
                    var input = GatePacking.Pack(recurrent, recurrent.WeightIhArray, recurrent.InputSize, recurrent.BiasIhArray, panel);
                    var hidden = GatePacking.Pack(recurrent, recurrent.WeightHhArray, recurrent.HiddenSize, recurrent.BiasHhArray, panel);
                    matrices = new[] { ToPlan(input.Weights, input.Bias), ToPlan(hidden.Weights, hidden.Bias) };
                    scratch = 2 * input.Weights.Rows;
                }
                else
                {
                    var combined = GatePacking.PackCombined(recurrent, panel);
                    matrices = new[] { ToPlan(combined.Weights, combined.Bias) };
                    scratch = combined.Weights.Rows;
                }

                stateLength = recurrent.Kind == LayerKind.Lstm ? 2 * padded : padded;
            }
            else
            {
                var dense = (DenseLayerDescriptor)layer;
                activation = dense.Activation;
                float[] weight = dense.WeightArray;
                int columns = dense.InputSize, units = dense.Units;
                var bias = new float[padded];
                System.Array.Copy(dense.BiasArray, bias, units);
                if (CodeShape.IsDotProduct(layer.Kind, units, inputIsState: layers.Count > 0))
                {
                    // Row-major rows as long as the padded state they read; zeros past the real inputs.
                    var rows = new float[units * previousPadded];
                    for (int r = 0; r < units; r++)
                        System.Array.Copy(weight, r * columns, rows, r * previousPadded, columns);
                    matrices = new[] { new MatrixPlan(units, previousPadded, panel, true, new EquatableArray<float>(rows), new EquatableArray<float>(bias)) };
                }
                else
                {
                    var packed = PackedMatrix.Pack(padded, columns, (r, j) => r < units ? weight[r * columns + j] : 0f, panel);
                    matrices = new[] { ToPlan(packed, bias) };
                }

                stateLength = padded;
                scratch = 0;
            }

            layers.Add(new LayerPlan(layer.Kind, activation, layer.InputSize, layer.OutputSize, padded, stateOffset,
                new EquatableArray<MatrixPlan>(matrices)));
            stateOffset += stateLength;
            layerScratch = System.Math.Max(layerScratch, scratch);
            previousPadded = padded;
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

        string summary = string.Join(", ", descriptor.Layers.Select(l => $"{DescriptorNames.Of(l.Kind)} {l.InputSize}→{l.OutputSize}"));
        return new NetworkPlan(descriptor.InputSize, descriptor.OutputSize, mean, inverseStd, new EquatableArray<LayerPlan>(layers.ToArray()),
            System.Math.Max(stateOffset, 1), System.Math.Max(normalizedInput + layerScratch, 1), normalizedInput, summary);
    }

    private static MatrixPlan ToPlan(PackedMatrix matrix, float[] bias) =>
        new(matrix.Rows, matrix.Columns, matrix.PanelWidth, false, new EquatableArray<float>(matrix.Data), new EquatableArray<float>(bias));
}
