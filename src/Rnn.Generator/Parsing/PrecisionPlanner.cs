using System;
using Rnn.Generator.Emit;
using Rnn.Generator.Model;
using Rnn.Runtime;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Precision;

namespace Rnn.Generator.Parsing;

/// <summary>
/// Applies a model's weight precision to its plan: every panel matrix (recurrent and dense) is marked with
/// it, so the weight image stores it as words (<see cref="WeightQuantizer"/>, the interpreter's quantizer)
/// and the emitters decode them. A narrow dense head read as dot products (<see cref="CodeShape.DotProductUpToUnits"/>)
/// keeps float32 storage but holds the rounded values: at most 4 × H weights, too few bytes to matter, and
/// its row-major words would need the input shuffled to match; its arithmetic is then the reduced model's.
/// </summary>
internal static class PrecisionPlanner
{
    /// <summary>The plan at <paramref name="precision"/>, or null with the quantizer's message when a weight is out of range (float16).</summary>
    public static NetworkPlan? Apply(NetworkPlan plan, WeightPrecision precision, out string? error)
    {
        error = null;
        if (precision == WeightPrecision.Float32)
            return plan.Precision == WeightPrecision.Float32 ? plan : plan with { Precision = precision };
        var layers = new LayerPlan[plan.Layers.Count];
        try
        {
            for (int l = 0; l < layers.Length; l++)
            {
                var layer = plan.Layers[l];
                var matrices = new MatrixPlan[layer.Matrices.Count];
                for (int m = 0; m < matrices.Length; m++)
                {
                    var matrix = layer.Matrices[m];
                    string what = $"{LayerEmitter.Label(layer)} {WeightsEmitter.WeightLayout.Describe(layer, m)}";
                    var quantized = WeightQuantizer.Quantize(ToPacked(matrix), precision, what);
                    matrices[m] = matrix.RowMajor ? Rounded(matrix, quantized, what) : matrix with { Precision = precision };
                }

                layers[l] = layer with { Matrices = new EquatableArray<MatrixPlan>(matrices) };
            }
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }

        return plan with { Layers = new EquatableArray<LayerPlan>(layers), Precision = precision };
    }

    /// <summary>The plan's matrix as the runtime's <see cref="PackedMatrix"/> (a row-major one as 8-row panels), for the quantizer.</summary>
    public static PackedMatrix ToPacked(MatrixPlan matrix)
    {
        var data = matrix.Weights;
        if (matrix.RowMajor)
            return PackedMatrix.Pack(PackedMatrix.Pad(matrix.Rows), matrix.Columns, (r, j) => r < matrix.Rows ? data[r * matrix.Columns + j] : 0f);
        int W = matrix.PanelWidth, columns = matrix.Columns;
        return PackedMatrix.Pack(matrix.Rows, columns, (r, j) => data[r / W * W * columns + j * W + r % W], W);
    }

    /// <summary>A row-major matrix with each weight replaced by the float32 value its reduced form stands for.</summary>
    private static MatrixPlan Rounded(MatrixPlan matrix, QuantizedMatrix quantized, string what)
    {
        var rounded = new float[matrix.Weights.Count];
        for (int i = 0; i < rounded.Length; i++)
        {
            float scale = quantized.RowScales.Length > 0 ? quantized.RowScales[i / matrix.Columns] : 0f;
            rounded[i] = WeightQuantizer.Dequantize(matrix.Weights[i], quantized.Precision, scale, what);
        }

        return matrix with { Weights = new EquatableArray<float>(rounded) };
    }
}
