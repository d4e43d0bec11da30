using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>sum[j] += Σ_r rows[r, j]: a bias's gradient over every step and batch row (rows in order, as a scalar loop would).</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> rows, Span<T> sum, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = sum.Length;
        if (rows.Length < count * width)
            throw new ArgumentException("The rows are shorter than count × width.", nameof(rows));
        for (int r = 0; r < count; r++)
            Add(rows.Slice(r * width, width), sum);
    }

    /// <summary>sum[j] += values[j].</summary>
    private static void Add<T>(ReadOnlySpan<T> values, Span<T> sum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T v = ref MemoryMarshal.GetReference(values);
        ref T s = ref MemoryMarshal.GetReference(sum);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<T>.Count <= sum.Length; j += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref s, (nuint)j) + Vector512.LoadUnsafe(ref v, (nuint)j)).StoreUnsafe(ref s, (nuint)j);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<T>.Count <= sum.Length; j += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref s, (nuint)j) + Vector256.LoadUnsafe(ref v, (nuint)j)).StoreUnsafe(ref s, (nuint)j);
        }

        for (; j < sum.Length; j++)
            Unsafe.Add(ref s, j) += Unsafe.Add(ref v, j);
    }

    /// <summary>destination[cols × rows] = source[rows × cols]ᵀ.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols) => Transpose(source, destination, rows, cols, rows);

    /// <summary>destination[cols × rows] = source[rows × cols]ᵀ, destination rows <paramref name="destinationStride"/> apart.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols, int destinationStride)
    {
        if (source.Length < rows * cols || destinationStride < rows || (cols > 0 && destination.Length < (cols - 1) * destinationStride + rows))
            throw new ArgumentException("A matrix span is shorter than its dimensions.");
        for (int r = 0; r < rows; r++)
        {
            var row = source.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
                destination[c * destinationStride + r] = row[c];
        }
    }

    /// <summary>destination = source[rows × cols] with destination rows <paramref name="destinationStride"/> apart.</summary>
    public static void CopyRows<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols, int destinationStride)
    {
        for (int r = 0; r < rows; r++)
            source.Slice(r * cols, cols).CopyTo(destination.Slice(r * destinationStride, cols));
    }
}
