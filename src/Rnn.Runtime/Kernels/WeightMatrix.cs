using System;
using Rnn.Runtime.Precision;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// A layer's weight matrix as the cells hold it: float32 panels (<see cref="PackedMatrix"/>) or the same
/// panels in reduced precision (<see cref="QuantizedMatrix"/>). Cells multiply through
/// <see cref="MatVec"/>'s overloads for this type, so the single-stream step, the batched step and every
/// precision share one dispatch and no cell knows which precision it runs.
/// </summary>
internal sealed class WeightMatrix
{
    /// <summary>Keeps <paramref name="packed"/> (Float32) or replaces it by its quantized words; the float32 copy is not kept.</summary>
    /// <param name="packed">The float32 panels.</param>
    /// <param name="precision">The precision to run in.</param>
    /// <param name="what">Names the matrix in a quantizer error, e.g. "layers[0].weight_hh".</param>
    public WeightMatrix(PackedMatrix packed, WeightPrecision precision = WeightPrecision.Float32, string what = "a weight matrix")
    {
        ArgumentNullException.ThrowIfNull(packed);
        Rows = packed.Rows;
        Columns = packed.Columns;
        PanelWidth = packed.PanelWidth;
        Precision = precision;
        if (precision == WeightPrecision.Float32)
            Packed = packed;
        else
            Quantized = WeightQuantizer.Quantize(packed, precision, what);
    }

    /// <summary>Output rows including padding.</summary>
    public int Rows { get; }

    /// <summary>Inputs per row.</summary>
    public int Columns { get; }

    /// <summary>Rows per panel: 8 or 16.</summary>
    public int PanelWidth { get; }

    /// <summary>The precision the matrix is stored and read in.</summary>
    public WeightPrecision Precision { get; }

    /// <summary>The float32 panels; null when <see cref="Quantized"/> holds the weights.</summary>
    public PackedMatrix? Packed { get; }

    /// <summary>The reduced-precision words; null for Float32.</summary>
    public QuantizedMatrix? Quantized { get; }

    /// <summary>Bytes of weights one panel reads (words and, for int8, its scales are counted with the bias).</summary>
    public long PanelBytes => Quantized is { } q ? 4L * q.Groups * PanelWidth : 4L * Columns * PanelWidth;
}
