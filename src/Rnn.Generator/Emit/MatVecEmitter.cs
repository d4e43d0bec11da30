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
/// Writes y = y0 + W v over a packed matrix (the runtime's <c>PackedMatrix</c>: panels of 8 or 16 rows, each
/// stored input by input), where y0 is the bias or an input projection computed ahead. Rows are taken in
/// blocks of up to eight accumulator vectors that share each broadcast input (<see cref="CodeShape"/>);
/// small blocks split each accumulator into chains over alternate inputs, so enough FMAs are in flight.
/// The inputs are read where they live (x, then h) instead of being copied together. Few blocks are written
/// out one by one; many become one loop over blocks with constant bounds, so source size does not grow with
/// the matrix.
/// </summary>
internal static partial class MatVecEmitter
{
    /// <param name="w">Where the code goes.</param>
    /// <param name="flavor">The vector width to write for.</param>
    /// <param name="matrix">The packed matrix.</param>
    /// <param name="weights">A <c>ref float</c> to the matrix's first weight.</param>
    /// <param name="initial">A <c>ref float</c> to the values the sums start from (bias, or a precomputed input projection).</param>
    /// <param name="sources">The input columns, in order, starting at matrix column <paramref name="firstColumn"/>.</param>
    /// <param name="y">A <c>ref float</c> to the output rows.</param>
    /// <param name="reversed">Walk the row blocks last to first (see <see cref="LayerEmitter.Products"/>).</param>
    /// <param name="firstColumn">The matrix column of the first source's first input.</param>
    /// <param name="streams">
    /// For a batched step: each block is written once inside a loop over the streams (see <see cref="StreamLoop"/>),
    /// so its weights are read from L2 once for all streams and each row's arithmetic is the single-stream one.
    /// The scalar reference takes the whole product stream by stream. Null for one stream.
    /// </param>
    public static void Emit(CodeWriter w, SimdFlavor flavor, MatrixPlan matrix, string weights, string initial, IReadOnlyList<ColumnSource> sources, string y, bool reversed = false, int firstColumn = 0, StreamLoop? streams = null)
    {
        if (flavor.IsScalar)
        {
            using (StreamLoop.Each(w, streams))
                EmitScalar(w, matrix, weights, initial, sources, y, firstColumn);
            return;
        }

        int width = flavor.Width, vectors = matrix.Rows / width;
        int block = matrix.Precision == Rnn.Runtime.WeightPrecision.Float32
            ? CodeShape.BlockVectors(vectors, width, matrix.PanelWidth, CodeShape.IsStreaming(matrix))
            : CodeShape.WordBlockVectors(vectors, width, matrix.PanelWidth, CodeShape.IsStreaming(matrix), matrix.Group);
        int columns = 0;
        foreach (var source in sources)
            columns += source.Count;
        var shape = new BlockShape(flavor, matrix, firstColumn, columns);
        int fullBlocks = vectors / block, rest = vectors % block;
        long weightsPerBlock = (long)block * width * matrix.Groups;
        int rowsPerBlock = block * width;
        if (fullBlocks > CodeShape.UnrollBlocksUpTo)
        {
            // The partial block (if any) sits after the full ones; walking backward, it comes first.
            if (reversed && rest > 0)
                EmitRest();
            using (w.Block($"for (int blockIndex = 0; blockIndex < {fullBlocks}; blockIndex++)"))
            {
                w.Line(reversed ? $"int first = {fullBlocks - 1} - blockIndex;" : "int first = blockIndex;");
                using (StreamLoop.Each(w, streams))
                    EmitBlock(w, shape, block, weights, initial, y, $"first * {weightsPerBlock}", $"first * {rowsPerBlock}", sources);
            }

            if (!reversed && rest > 0)
                EmitRest();
            return;

            void EmitRest()
            {
                using (w.Block($"// rows {fullBlocks * rowsPerBlock}..{matrix.Rows - 1}"))
                using (StreamLoop.Each(w, streams))
                    EmitBlock(w, shape, rest, weights, initial, y, (fullBlocks * weightsPerBlock).ToString(), (fullBlocks * rowsPerBlock).ToString(), sources);
            }
        }

        var starts = new List<int>();
        for (int first = 0; first < vectors; first += block)
            starts.Add(first);
        if (reversed)
            starts.Reverse();
        foreach (int first in starts)
        {
            int count = System.Math.Min(block, vectors - first);
            using (w.Block($"// rows {first * width}..{(first + count) * width - 1}"))
            using (StreamLoop.Each(w, streams))
                EmitBlock(w, shape, count, weights, initial, y, ((long)first * width * matrix.Groups).ToString(), (first * width).ToString(), sources);
        }
    }

    /// <summary>One block: <paramref name="count"/> accumulator vectors over every input column.</summary>
    private static void EmitBlock(CodeWriter w, BlockShape shape, int count, string weights, string initial, string y, string weightOffset, string rowOffset, IReadOnlyList<ColumnSource> sources)
    {
        if (shape.Group > 1)
        {
            EmitWordBlock(w, shape, count, weights, initial, y, weightOffset, rowOffset, sources);
            return;
        }

        var flavor = shape.Flavor;
        int chains = CodeShape.Chains(count, shape.SourceColumns, flavor.Width);
        w.Line($"ref float wb = ref {Offset(weights, weightOffset)};");
        w.Line($"ref float yb = ref {Offset(y, rowOffset)};");
        string start = initial == y ? "yb" : Offset(initial, rowOffset);
        for (int a = 0; a < count; a++)
            w.Line($"var {Accumulator(a, 0)} = {flavor.Load(start, (a * flavor.Width).ToString())};");
        for (int c = 1; c < chains; c++)
        {
            for (int a = 0; a < count; a++)
                w.Line($"var {Accumulator(a, c)} = {flavor.Name}.Create(0f);");
        }

        int column = shape.FirstColumn;
        foreach (var source in sources)
        {
            if (source.Count <= CodeShape.UnrollColumnsUpTo)
            {
                for (int j = 0; j < source.Count; j++)
                    EmitColumn(w, shape, count, source, j, column, (column + j - shape.FirstColumn) % chains);
            }
            else
            {
                int whole = source.Count / chains * chains;
                w.Line($"ref float column{column} = ref Unsafe.Add(ref wb, {(long)column * shape.Panel});");
                using (w.Block($"for (int j = 0; j < {whole}; j += {chains})"))
                {
                    for (int c = 0; c < chains; c++)
                        w.Line($"var v{c} = {flavor.Name}.Create(Unsafe.Add(ref {source.Reference}, {(c == 0 ? "j" : $"j + {c}")}));");
                    for (int c = 0; c < chains; c++)
                    {
                        for (int a = 0; a < count; a++)
                            w.Line(Fma(flavor, a, c, $"{shape.VectorOffset(a) + (long)c * shape.Panel}", $"column{column}", $"v{c}"));
                    }

                    w.Line($"column{column} = ref Unsafe.Add(ref column{column}, {chains * shape.Panel});");
                }

                for (int j = whole; j < source.Count; j++)
                    EmitColumn(w, shape, count, source, j, column, (j - whole) % chains);
            }

            column += source.Count;
        }

        for (int a = 0; a < count; a++)
            w.Line(flavor.Store(Sum(a, chains), "yb", a * flavor.Width));
    }

    /// <summary>One input written out: input j of <paramref name="source"/> (matrix column <paramref name="column"/> + j) into one chain of every accumulator.</summary>
    private static void EmitColumn(CodeWriter w, BlockShape shape, int count, ColumnSource source, int j, int column, int chain)
    {
        var flavor = shape.Flavor;
        w.Line($"var x{column + j} = {flavor.Name}.Create(Unsafe.Add(ref {source.Reference}, {j}));");
        for (int a = 0; a < count; a++)
            w.Line(Fma(flavor, a, chain, $"{shape.VectorOffset(a) + (long)(column + j) * shape.Panel}", "wb", $"x{column + j}"));
    }

    private static string Fma(SimdFlavor flavor, int vector, int chain, string offset, string reference, string input)
    {
        string accumulator = Accumulator(vector, chain);
        return $"{accumulator} = {flavor.Name}.MultiplyAddEstimate({flavor.Load(reference, offset)}, {input}, {accumulator});";
    }

    private static string Accumulator(int vector, int chain) => chain == 0 ? $"a{vector}" : $"a{vector}_{chain}";

    /// <summary>
    /// Chains summed pairwise: ((a + a_1) + (a_2 + a_3)); three (a block of 5 vectors on Vector512) as (a + a_1) + a_2.
    /// The left side of each addition is saturated to ±float.MaxValue first (<c>ChainSum</c>), so chains that
    /// overflowed to +∞ and −∞ never meet as NaN; finite sums are unchanged.
    /// </summary>
    private static string Sum(int vector, int chains)
    {
        string S(string v) => $"global::Rnn.Runtime.Kernels.ChainSum.Saturate({v})";
        return chains switch
        {
            1 => Accumulator(vector, 0),
            2 => $"{S(Accumulator(vector, 0))} + {Accumulator(vector, 1)}",
            3 => $"{S($"{S(Accumulator(vector, 0))} + {Accumulator(vector, 1)}")} + {Accumulator(vector, 2)}",
            _ => $"{S($"{S(Accumulator(vector, 0))} + {Accumulator(vector, 1)}")} + ({S(Accumulator(vector, 2))} + {Accumulator(vector, 3)})",
        };
    }

    private static string Offset(string reference, string offset) => offset == "0" ? $"{reference}" : $"Unsafe.Add(ref {reference}, {offset})";

    private static void EmitScalar(CodeWriter w, MatrixPlan matrix, string weights, string initial, IReadOnlyList<ColumnSource> sources, string y, int firstColumn)
    {
        if (matrix.Group > 1)
        {
            EmitScalarWords(w, matrix, weights, initial, sources, y, firstColumn);
            return;
        }

        int panel = matrix.PanelWidth;
        using (w.Block($"for (int r = 0; r < {matrix.Rows}; r++)"))
        {
            w.Line($"float sum = Unsafe.Add(ref {initial}, r);");
            w.Line($"ref float row = ref Unsafe.Add(ref {weights}, r / {panel} * {panel * matrix.Columns} + r % {panel});");
            int column = firstColumn;
            foreach (var source in sources)
            {
                w.Line($"for (int j = 0; j < {source.Count}; j++)");
                w.Line($"    sum += Unsafe.Add(ref row, ({column} + j) * {panel}) * Unsafe.Add(ref {source.Reference}, j);");
                column += source.Count;
            }

            w.Line($"Unsafe.Add(ref {y}, r) = sum;");
        }
    }

    /// <summary>Where a block's vectors sit: vector a of a block at column j is at VectorOffset(a) + j · panel.</summary>
    private sealed class BlockShape
    {
        public BlockShape(SimdFlavor flavor, MatrixPlan matrix, int firstColumn, int sourceColumns)
        {
            Flavor = flavor;
            Panel = matrix.PanelWidth;
            Columns = matrix.Groups;
            Group = matrix.Group;
            Precision = matrix.Precision;
            ScaleOffset = WordsLength(matrix);
            FirstColumn = firstColumn;
            SourceColumns = sourceColumns;
        }

        public SimdFlavor Flavor { get; }

        public int Panel { get; }

        /// <summary>Weight columns per panel row as stored: the inputs for float32, the word groups otherwise.</summary>
        public int Columns { get; }

        public Rnn.Runtime.WeightPrecision Precision { get; }

        /// <summary>Inputs per stored column: 1 (float32), 2 (float16, bfloat16) or 4 (int8).</summary>
        public int Group { get; }

        /// <summary>Int8: where the row scales start after the matrix's first word (the next 64-byte boundary).</summary>
        public long ScaleOffset { get; }

        public int FirstColumn { get; }

        /// <summary>Input columns the product reads (all sources together).</summary>
        public int SourceColumns { get; }

        /// <summary>Panel (a · width / panel) starts at that many panels of Columns × panel; the lane offset inside it.</summary>
        public long VectorOffset(int vector)
        {
            int row = vector * Flavor.Width;
            return (long)(row / Panel) * Panel * Columns + row % Panel;
        }
    }
}
