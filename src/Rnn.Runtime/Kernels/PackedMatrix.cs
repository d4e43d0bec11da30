using System;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// A rows × columns weight matrix packed once for <see cref="MatVec"/>: split into panels of
/// <see cref="PanelWidth"/> output rows, each panel stored column-major (for every input j, the panel's
/// 8 weights of column j are adjacent). A step then streams each panel front to back and broadcasts one
/// input per FMA, with no tails: rows are padded with zero weights to a multiple of the panel width.
/// </summary>
internal sealed class PackedMatrix
{
    /// <summary>Output rows per panel: one Vector256, two Vector128.</summary>
    public const int PanelWidth = 8;

    private PackedMatrix(int rows, int columns, float[] data)
    {
        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>Output rows including padding; a multiple of <see cref="PanelWidth"/>.</summary>
    public int Rows { get; }

    /// <summary>Inputs per row.</summary>
    public int Columns { get; }

    /// <summary>Panels one after another, each Columns × PanelWidth.</summary>
    public float[] Data { get; }

    public static int Pad(int rows) => (rows + PanelWidth - 1) / PanelWidth * PanelWidth;

    /// <summary>
    /// Packs a matrix given as a row lookup, so callers can place PyTorch's gate blocks at padded offsets
    /// and concatenate input and hidden weights. <paramref name="weightAt"/>(row, column) returns 0 for padding.
    /// </summary>
    public static PackedMatrix Pack(int paddedRows, int columns, Func<int, int, float> weightAt)
    {
        if (paddedRows % PanelWidth != 0)
            throw new ArgumentException("Rows must be padded to the panel width.", nameof(paddedRows));
        var data = new float[paddedRows * columns];
        for (int panel = 0; panel < paddedRows / PanelWidth; panel++)
        {
            int panelStart = panel * PanelWidth * columns;
            for (int j = 0; j < columns; j++)
            {
                for (int r = 0; r < PanelWidth; r++)
                    data[panelStart + j * PanelWidth + r] = weightAt(panel * PanelWidth + r, j);
            }
        }

        return new PackedMatrix(paddedRows, columns, data);
    }
}
