using System;

namespace Rnn.Runtime.Kernels;

/// <summary>The batched product: y_k = b + W x_k for B streams, each weight read from L2 once per call.</summary>
internal static partial class MatVec
{
    /// <summary>
    /// Weight bytes of one group of panels walked for every stream before the next group: half of a 48 KiB
    /// L1, so the group's weights, read from L2 for the first stream, are still in L1 for the others along
    /// with every stream's x and y.
    /// </summary>
    internal const int BatchGroupBytes = 24 * 1024;

    /// <summary>
    /// y_k = b + W x_k for every stream k of <paramref name="x"/> and <paramref name="y"/>, each row computed
    /// exactly as <see cref="Multiply(WeightMatrix, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, SimdPath, bool)"/> computes it for that stream alone (see <see cref="MultiplyPanels(WeightMatrix, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, SimdPath, int, int, bool)"/>),
    /// so every stream's result is bit-identical to its own Multiply. Panels are taken in groups of about
    /// <see cref="BatchGroupBytes"/> (whole blocks of four panels, the kernels' widest), and each group runs
    /// over every stream before the next group: the weights come from L2 once per call, not once per stream.
    /// </summary>
    public static void MultiplyBatch(WeightMatrix matrix, ReadOnlySpan<float> bias, StreamSet x, StreamSet y, SimdPath path, bool reverse = false)
    {
        if (x.Length != matrix.Columns || bias.Length != matrix.Rows || y.Length < matrix.Rows || x.Count != y.Count)
            throw new ArgumentException("Matrix, bias, input and output sizes disagree.");
        CheckPath(matrix.PanelWidth, path);
        int panels = matrix.Rows / matrix.PanelWidth;
        long panelBytes = matrix.PanelBytes;
        int group = (int)Math.Max(4, BatchGroupBytes / panelBytes / 4 * 4);
        int groups = (panels + group - 1) / group;
        for (int g = 0; g < groups; g++)
        {
            int first = group * (reverse ? groups - 1 - g : g);
            int count = Math.Min(group, panels - first);
            for (int stream = 0; stream < x.Count; stream++)
                MultiplyPanels(matrix, bias, x[stream], y[stream], path, first, count, reverse);
        }
    }
}
