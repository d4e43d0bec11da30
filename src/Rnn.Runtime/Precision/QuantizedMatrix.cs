namespace Rnn.Runtime.Precision;

/// <summary>
/// A <see cref="Kernels.PackedMatrix"/> in reduced precision (see <see cref="WeightQuantizer"/> for the word
/// layout): panels of <see cref="PanelWidth"/> rows; in each panel, for every group of
/// <see cref="GroupSize"/> inputs, one 32-bit word per row.
/// </summary>
internal sealed class QuantizedMatrix
{
    public QuantizedMatrix(WeightPrecision precision, int rows, int columns, int panelWidth, uint[] words, float[] scales)
    {
        Precision = precision;
        Rows = rows;
        Columns = columns;
        PanelWidth = panelWidth;
        Words = words;
        RowScales = scales;
    }

    public WeightPrecision Precision { get; }

    /// <summary>Output rows including padding, as in the float32 matrix.</summary>
    public int Rows { get; }

    /// <summary>Inputs per row (before grouping).</summary>
    public int Columns { get; }

    public int PanelWidth { get; }

    /// <summary>Inputs per word: 2 or 4.</summary>
    public int GroupSize => WeightQuantizer.GroupSize(Precision);

    /// <summary>Word groups per panel row: ⌈Columns / GroupSize⌉.</summary>
    public int Groups => (Columns + GroupSize - 1) / GroupSize;

    /// <summary>Panels one after another, each Groups × PanelWidth words.</summary>
    public uint[] Words { get; }

    /// <summary>Int8 only: s_r per (padded) row, y_r = y0_r + s_r · Σ_j q_rj v_j; empty otherwise.</summary>
    public float[] RowScales { get; }
}
