using System;
using System.Collections.Generic;
using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>A run of a matrix's input columns read from one place: the layer input x, or the state h.</summary>
internal readonly struct ColumnSource
{
    public ColumnSource(string reference, int count)
    {
        Reference = reference;
        Count = count;
    }

    public string Reference { get; }

    public int Count { get; }
}

/// <summary>
/// Writes y = b + W v over a packed matrix (the runtime's <c>PackedMatrix</c>: panels of 8 rows, each
/// stored input by input), unrolled over blocks of output rows at generation time. The inputs are read
/// where they live (x, then h) instead of being copied together. Small matrices, whose step is bound by
/// the latency of the recurrence rather than by throughput, get two accumulator chains per vector (even
/// and odd inputs) and fully unrolled inputs.
/// </summary>
internal static class MatVecEmitter
{
    private const int Panel = 8;

    /// <summary>Rows at or below which a matrix is latency-bound and gets split chains.</summary>
    private const int SplitChainsUpToRows = 64;

    /// <summary>Inputs at or below which the input loop is written out in full.</summary>
    private const int UnrollUpToColumns = 24;

    /// <summary>Weight bytes above which a layer streams from L2 each step and alternates its traversal order.</summary>
    public const int StreamingBytes = 24 * 1024;

    /// <summary>
    /// True when a layer's weights outgrow L1. Such a layer walks its row blocks forward on one step and
    /// backward on the next: the blocks it read last are still in L1 when the next step starts with them,
    /// so only the rest comes from L2 (a cyclic walk in one direction would evict each block just before
    /// its next use). The blocks are independent, so the results are bit-identical either way.
    /// </summary>
    public static bool IsStreaming(LayerPlan layer)
    {
        long bytes = 0;
        foreach (var matrix in layer.Matrices)
            bytes += 4L * matrix.Weights.Count;
        return bytes > StreamingBytes;
    }

    public static void Emit(CodeWriter w, SimdFlavor flavor, MatrixPlan matrix, string weights, string bias, IReadOnlyList<ColumnSource> sources, string y, bool reversed = false)
    {
        if (flavor.IsScalar)
        {
            EmitScalar(w, matrix, weights, bias, sources, y);
            return;
        }

        int panels = matrix.Rows / Panel, columns = matrix.Columns;
        int panelsPerBlock = flavor.Width == 8 ? 4 : 2;
        int vectorsPerPanel = Panel / flavor.Width;
        bool split = matrix.Rows <= SplitChainsUpToRows && columns >= 4;
        bool unroll = columns <= UnrollUpToColumns;
        var blocks = new List<int>();
        for (int first = 0; first < panels; first += panelsPerBlock)
            blocks.Add(first);
        if (reversed)
            blocks.Reverse();
        foreach (int first in blocks)
        {
            int count = Math.Min(panelsPerBlock, panels - first);
            int vectors = count * vectorsPerPanel;
            w.Open($"// rows {first * Panel}..{(first + count) * Panel - 1}");
            for (int a = 0; a < vectors; a++)
                w.Line($"var a{a} = {flavor.Load(bias, (first * Panel + a * flavor.Width).ToString())};");
            if (split)
            {
                for (int a = 0; a < vectors; a++)
                    w.Line($"var b{a} = {flavor.Name}.Create(0f);");
            }

            // Weight offset of (vector a, input column j): panel start + j * 8 + lane.
            int Start(int a) => (first + a / vectorsPerPanel) * Panel * columns + a % vectorsPerPanel * flavor.Width;
            string Offset(int a, string column) => $"{Start(a)} + {column} * {Panel}";

            int column = 0;
            foreach (var source in sources)
            {
                if (unroll)
                {
                    for (int j = 0; j < source.Count; j++)
                    {
                        string chain = split && (column + j) % 2 == 1 ? "b" : "a";
                        string v = $"v{(column + j) % 2}";
                        w.Line($"var {v}_{column + j} = {flavor.Name}.Create(Unsafe.Add(ref {source.Reference}, {j}));");
                        for (int a = 0; a < vectors; a++)
                            w.Line($"{chain}{a} = {flavor.Name}.MultiplyAddEstimate({flavor.Load(weights, (Start(a) + (column + j) * Panel).ToString())}, {v}_{column + j}, {chain}{a});");
                    }
                }
                else
                {
                    int step = split ? 2 : 1, whole = source.Count / step * step;
                    using (w.Block($"for (nuint j = 0; j < {whole}; j += {step})"))
                    {
                        w.Line($"var v0 = {flavor.Name}.Create(Unsafe.Add(ref {source.Reference}, j));");
                        if (split)
                            w.Line($"var v1 = {flavor.Name}.Create(Unsafe.Add(ref {source.Reference}, j + 1));");
                        for (int a = 0; a < vectors; a++)
                        {
                            w.Line($"a{a} = {flavor.Name}.MultiplyAddEstimate({flavor.Load(weights, Offset(a, $"({column} + j)"))}, v0, a{a});");
                            if (split)
                                w.Line($"b{a} = {flavor.Name}.MultiplyAddEstimate({flavor.Load(weights, Offset(a, $"({column + 1} + j)"))}, v1, b{a});");
                        }
                    }

                    if (whole < source.Count)
                    {
                        w.Line($"var tail_{column} = {flavor.Name}.Create(Unsafe.Add(ref {source.Reference}, {whole}));");
                        for (int a = 0; a < vectors; a++)
                            w.Line($"a{a} = {flavor.Name}.MultiplyAddEstimate({flavor.Load(weights, (Start(a) + (column + whole) * Panel).ToString())}, tail_{column}, a{a});");
                    }
                }

                column += source.Count;
            }

            for (int a = 0; a < vectors; a++)
                w.Line(flavor.Store(split ? $"a{a} + b{a}" : $"a{a}", y, first * Panel + a * flavor.Width));
            w.Close();
        }
    }

    private static void EmitScalar(CodeWriter w, MatrixPlan matrix, string weights, string bias, IReadOnlyList<ColumnSource> sources, string y)
    {
        using (w.Block($"for (int r = 0; r < {matrix.Rows}; r++)"))
        {
            w.Line($"float sum = Unsafe.Add(ref {bias}, r);");
            w.Line($"ref float row = ref Unsafe.Add(ref {weights}, (r >> 3) * {Panel * matrix.Columns} + (r & 7));");
            int column = 0;
            foreach (var source in sources)
            {
                w.Line($"for (int j = 0; j < {source.Count}; j++)");
                w.Line($"    sum += Unsafe.Add(ref row, ({column} + j) * {Panel}) * Unsafe.Add(ref {source.Reference}, j);");
                column += source.Count;
            }

            w.Line($"Unsafe.Add(ref {y}, r) = sum;");
        }
    }
}
