using System;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// A rows × columns weight matrix packed once for <see cref="MatVec"/>: split into panels of
/// <see cref="PanelWidth"/> output rows, each panel stored column-major (for every input j, the panel's
/// weights of column j are adjacent). A step then streams each panel front to back and broadcasts one
/// input per FMA, with no tails: rows are padded with zero weights to a multiple of the panel width.
/// The interpreter packs 8-row panels (one Vector256); generated code packs 16-row panels (one
/// Vector512, two Vector256) for layers wide enough to fill them.
/// </summary>
internal sealed class PackedMatrix
{
    /// <summary>The default and narrowest panel: 8 output rows, one Vector256, two Vector128.</summary>
    public const int DefaultPanelWidth = 8;

    private PackedMatrix(int rows, int columns, int panelWidth, float[] data)
    {
        Rows = rows;
        Columns = columns;
        PanelWidth = panelWidth;
        Data = data;
    }

    /// <summary>Output rows per panel: 8 or 16.</summary>
    public int PanelWidth { get; }

    /// <summary>Output rows including padding; a multiple of <see cref="PanelWidth"/>.</summary>
    public int Rows { get; }

    /// <summary>Inputs per row.</summary>
    public int Columns { get; }

    /// <summary>Panels one after another, each Columns × PanelWidth.</summary>
    public float[] Data { get; }

    /// <summary>Rounds <paramref name="rows"/> up to a multiple of <paramref name="panelWidth"/>.</summary>
    public static int Pad(int rows, int panelWidth = DefaultPanelWidth) => (rows + panelWidth - 1) / panelWidth * panelWidth;

    /// <summary>
    /// Packs a matrix given as a row lookup, so callers can place PyTorch's gate blocks at padded offsets
    /// and concatenate input and hidden weights. <paramref name="weightAt"/>(row, column) returns 0 for padding.
    /// </summary>
    public static PackedMatrix Pack(int paddedRows, int columns, Func<int, int, float> weightAt, int panelWidth = DefaultPanelWidth)
    {
        if (panelWidth != 8 && panelWidth != 16)
            throw new ArgumentOutOfRangeException(nameof(panelWidth), panelWidth, "Panels are 8 or 16 rows wide.");
        if (paddedRows % panelWidth != 0)
            throw new ArgumentException("Rows must be padded to the panel width.", nameof(paddedRows));
        var data = new float[paddedRows * columns];
        for (int panel = 0; panel < paddedRows / panelWidth; panel++)
        {
            int panelStart = panel * panelWidth * columns;
            for (int j = 0; j < columns; j++)
            {
                for (int r = 0; r < panelWidth; r++)
                    data[panelStart + j * panelWidth + r] = weightAt(panel * panelWidth + r, j);
            }
        }

        return new PackedMatrix(paddedRows, columns, panelWidth, data);
    }
}
