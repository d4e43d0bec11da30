using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rnn.Runtime.Precision;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// y = b + W x over a <see cref="WeightMatrix"/>: float32 panels go to the float32 kernels, reduced-precision
/// words to the kernels of <c>MatVec.Reduced.Vector.cs</c> (with the scalar reference they are tested against), which widen each weight to float32 in registers
/// (the arithmetic stays float32). Every row follows the same chains as <see cref="MultiplyReducedScalar"/>,
/// the reference (next to the vector kernels in MatVec.Reduced.Vector.cs): chain 0 takes input g·G + k for even k, chain 1 for odd k, one FMA each;
/// float16/bfloat16 start chain 0 at the bias, y = c₀ + c₁; int8 starts both at zero and ends with one FMA,
/// y = b + s · (c₀ + c₁). With FMA hardware the vector paths equal the reference bit for bit.
/// </summary>
internal static partial class MatVec
{
    /// <summary><see cref="Multiply(PackedMatrix, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, SimdPath, bool)"/> for a matrix in any precision.</summary>
    public static void Multiply(WeightMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, SimdPath path, bool reverse = false)
    {
        if (matrix.Packed is { } packed)
        {
            Multiply(packed, bias, x, y, path, reverse);
            return;
        }

        if (x.Length != matrix.Columns || bias.Length != matrix.Rows || y.Length < matrix.Rows)
            throw new ArgumentException("Matrix, bias, input and output sizes disagree.");
        CheckPath(matrix.PanelWidth, path);
        MultiplyPanels(matrix, bias, x, y, path, 0, matrix.Rows / matrix.PanelWidth, reverse);
    }

    /// <summary>
    /// Rows of panels [firstPanel, firstPanel + panelCount), each computed exactly as <see cref="Multiply(WeightMatrix, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, SimdPath, bool)"/>
    /// computes it (a row's chains never depend on the range), for the batched product. Sizes are the caller's to check.
    /// </summary>
    internal static void MultiplyPanels(WeightMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, SimdPath path, int firstPanel, int panelCount, bool reverse = false)
    {
        if (matrix.Packed is { } packed)
        {
            MultiplyPanels(packed, bias, x, y, path, firstPanel, panelCount, reverse);
            return;
        }

        var words = matrix.Quantized!;
        switch (words.Precision)
        {
            case WeightPrecision.Float16:
                MultiplyReduced<Float16Format>(words, bias, x, y, path, firstPanel, panelCount, reverse);
                break;
            case WeightPrecision.BFloat16:
                MultiplyReduced<BFloat16Format>(words, bias, x, y, path, firstPanel, panelCount, reverse);
                break;
            default:
                MultiplyReduced<Int8Format>(words, bias, x, y, path, firstPanel, panelCount, reverse);
                break;
        }
    }

    private static void MultiplyReduced<TFormat>(QuantizedMatrix matrix, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, SimdPath path, int firstPanel, int panelCount, bool reverse)
        where TFormat : struct, IReducedFormat
    {
        if (matrix.PanelWidth == 16)
        {
            ReducedVector512<TFormat>(matrix, bias, x, y, reverse, firstPanel, panelCount);
            return;
        }

        switch (path)
        {
            case SimdPath.Vector512:
            case SimdPath.Vector256:
                ReducedVector256<TFormat>(matrix, bias, x, y, reverse, firstPanel, panelCount);
                break;
            case SimdPath.Vector128:
                ReducedVector128<TFormat>(matrix, bias, x, y, firstPanel, panelCount);
                break;
            default:
                ReducedScalar<TFormat>(matrix, bias, x, y, firstPanel, panelCount);
                break;
        }
    }

    // x_j, or 0 for the padding columns of the last group (their weights are 0, and x past its end is not ours to read).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float InputAt(ReadOnlySpan<float> x, int j, int columns) => j < columns ? x[j] : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float InputAt(ref float x, int j, int columns) => j < columns ? Unsafe.Add(ref x, j) : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint WordsOf(QuantizedMatrix matrix) => ref MemoryMarshal.GetArrayDataReference(matrix.Words);
}
