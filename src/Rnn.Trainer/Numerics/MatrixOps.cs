using System;
using System.Numerics;

namespace Rnn.Trainer.Numerics;

/// <summary>The small helpers around the products: bias rows, bias gradients, transposes.</summary>
internal static class MatrixOps
{
    /// <summary>Every row of <paramref name="rows"/> [count × width] set to <paramref name="bias"/> (+ <paramref name="bias2"/>).</summary>
    public static void FillRows<T>(Span<T> rows, ReadOnlySpan<T> bias, ReadOnlySpan<T> bias2, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = bias.Length;
        Span<T> first = rows[..width];
        bias.CopyTo(first);
        for (int j = 0; j < bias2.Length; j++)
            first[j] += bias2[j];
        for (int r = 1; r < count; r++)
            first.CopyTo(rows.Slice(r * width, width));
    }

    /// <summary>sum[j] += Σ_r rows[r, j]: a bias's gradient over every step and batch row.</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> rows, Span<T> sum, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = sum.Length;
        for (int r = 0; r < count; r++)
        {
            var row = rows.Slice(r * width, width);
            for (int j = 0; j < width; j++)
                sum[j] += row[j];
        }
    }

    /// <summary>destination[cols × rows] = source[rows × cols]ᵀ.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
                destination[c * rows + r] = source[r * cols + c];
        }
    }
}
