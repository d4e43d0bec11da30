using System.Collections.Generic;
using Rnn.Generator.Model;
using Rnn.Runtime;
using Rnn.Runtime.Precision;

namespace Rnn.Generator.Emit;

/// <summary>
/// The reduced-precision half of <see cref="MatVecEmitter"/>: the same blocks, but each weight vector load
/// brings a word per row holding G = 2 (float16, bfloat16) or 4 (int8) consecutive inputs
/// (<see cref="WeightQuantizer"/>'s layout), widened to float32 in registers with integer operations only, no
/// shuffles. .NET 10 exposes no F16C, AVX512-FP16 or AVX512-BF16 conversion intrinsics, so this integer route
/// is the conversion on every ISA (NEON included, through Vector128). Element k of a word goes to chain
/// (input mod chains), so one load feeds G independent FMA chains. Int8 sums Σ_j q_rj v_j from zero and
/// finishes with y_r = y0_r + s_r · Σ (one FMA with the row scale).
/// </summary>
internal static partial class MatVecEmitter
{
    /// <summary>Groups of one source up to which the group loop is written out in full.</summary>
    private const int UnrollGroupsUpTo = 8;

    /// <summary>Floats the words of <paramref name="matrix"/> take in the image, rounded to the image's 64-byte pieces (where the int8 scales start).</summary>
    public static long WordsLength(MatrixPlan matrix) => ((long)matrix.Rows * matrix.Groups + 15) / 16 * 16;

    private static void EmitWordBlock(CodeWriter w, BlockShape shape, int count, string weights, string initial, string y, string weightOffset, string rowOffset, IReadOnlyList<ColumnSource> sources)
    {
        var flavor = shape.Flavor;
        int group = shape.Group, chains = CodeShape.WordChains(group, flavor.Width);
        bool scaled = group == 4;
        w.Line($"ref float wb = ref {Offset(weights, weightOffset)};");
        w.Line($"ref float yb = ref {Offset(y, rowOffset)};");
        string start = initial == y ? "yb" : Offset(initial, rowOffset);
        for (int c = 0; c < chains; c++)
        {
            for (int a = 0; a < count; a++)
            {
                // Int8 sums the integer products from zero; the scale and y0 come in one FMA at the end.
                string value = c == 0 && !scaled ? flavor.Load(start, (a * flavor.Width).ToString()) : $"{flavor.Name}.Create(0f)";
                w.Line($"var {Accumulator(a, c)} = {value};");
            }
        }

        int first = shape.FirstColumn, end = first + shape.SourceColumns;
        int g = first / group, lastGroup = (end - 1) / group;
        while (g <= lastGroup)
        {
            var (source, sourceStart) = SourceOf(sources, first, g * group);
            int run = 0;
            if (source is not null && g * group >= sourceStart)
            {
                // Groups wholly inside one source: a loop when there are many.
                while (g + run <= lastGroup && (g + run + 1) * group <= sourceStart + source.Value.Count)
                    run++;
            }

            if (run > UnrollGroupsUpTo)
            {
                EmitGroupLoop(w, shape, count, chains, g, run, source!.Value, g * group - sourceStart);
                g += run;
                continue;
            }

            EmitGroup(w, shape, count, chains, g, sources, first, end);
            g++;
        }

        if (scaled)
            w.Line($"ref float sb = ref {Offset($"Unsafe.Add(ref {weights}, {shape.ScaleOffset})", rowOffset)}; // s_r of this block's rows");
        for (int a = 0; a < count; a++)
        {
            string sum = Sum(a, chains);
            if (scaled)
            {
                string scale = flavor.Load("sb", (a * flavor.Width).ToString());
                sum = $"{flavor.Name}.MultiplyAddEstimate({sum}, {scale}, {flavor.Load(start, (a * flavor.Width).ToString())})";
            }

            w.Line(flavor.Store(sum, "yb", a * flavor.Width));
        }
    }

    /// <summary>The source holding matrix column <paramref name="column"/> and the column its first input sits at, or null past the sources.</summary>
    private static (ColumnSource? Source, int Start) SourceOf(IReadOnlyList<ColumnSource> sources, int first, int column)
    {
        int start = first;
        foreach (var source in sources)
        {
            if (column >= start && column < start + source.Count)
                return (source, start);
            start += source.Count;
        }

        return (null, start);
    }

    /// <summary>One group written out: its inputs that the sources hold (a group may straddle x and h, or start before the first column).</summary>
    private static void EmitGroup(CodeWriter w, BlockShape shape, int count, int chains, int g, IReadOnlyList<ColumnSource> sources, int first, int end)
    {
        var flavor = shape.Flavor;
        int group = shape.Group;
        using (w.Block($"// inputs {g * group}..{g * group + group - 1}"))
        {
            var present = new List<int>();
            for (int k = 0; k < group; k++)
            {
                int column = g * group + k;
                if (column < first || column >= end)
                    continue;
                var (source, start) = SourceOf(sources, first, column);
                w.Line($"var x{k} = {flavor.Name}.Create(Unsafe.Add(ref {source!.Value.Reference}, {column - start}));");
                present.Add(k);
            }

            for (int a = 0; a < count; a++)
            {
                w.Line($"var q{a} = {flavor.Name}.AsUInt32({flavor.Load("wb", (shape.VectorOffset(a) + (long)g * shape.Panel).ToString())});");
                foreach (int k in present)
                    w.Line(WordFma(shape, a, (g * group + k) % chains, $"q{a}", k, $"x{k}"));
            }
        }
    }

    /// <summary><paramref name="run"/> whole groups of one source from group <paramref name="g"/>, as a loop with constant bounds.</summary>
    private static void EmitGroupLoop(CodeWriter w, BlockShape shape, int count, int chains, int g, int run, ColumnSource source, int firstInput)
    {
        var flavor = shape.Flavor;
        int group = shape.Group;
        w.Line($"ref float words{g} = ref Unsafe.Add(ref wb, {(long)g * shape.Panel});");
        w.Line($"ref float inputs{g} = ref {Offset(source.Reference, firstInput.ToString())};");
        using (w.Block($"for (int gi = 0; gi < {run}; gi++)"))
        {
            for (int k = 0; k < group; k++)
                w.Line($"var x{k} = {flavor.Name}.Create(Unsafe.Add(ref inputs{g}, {k}));");
            for (int a = 0; a < count; a++)
            {
                w.Line($"var q{a} = {flavor.Name}.AsUInt32({flavor.Load($"words{g}", shape.VectorOffset(a).ToString())});");
                for (int k = 0; k < group; k++)
                    w.Line(WordFma(shape, a, k % chains, $"q{a}", k, $"x{k}"));
            }

            w.Line($"words{g} = ref Unsafe.Add(ref words{g}, {shape.Panel});");
            w.Line($"inputs{g} = ref Unsafe.Add(ref inputs{g}, {group});");
        }
    }

    private static string WordFma(BlockShape shape, int vector, int chain, string words, int element, string input)
    {
        string accumulator = Accumulator(vector, chain);
        return $"{accumulator} = {shape.Flavor.Name}.MultiplyAddEstimate({Decode(shape.Flavor, shape.Precision, words, element)}, {input}, {accumulator});";
    }

    /// <summary>
    /// Element <paramref name="element"/> of each word of <paramref name="words"/> (a vector of uint) as float32,
    /// mirroring WeightQuantizer's scalar decoders:
    /// bfloat16: element 0 = w &lt;&lt; 16, element 1 = w &amp; 0xFFFF0000 (one op);
    /// float16: (sign | exponent | mantissa moved to float32's places) × 2¹¹² — the arithmetic shift right by 3
    /// keeps the sign at bit 31 and the mask clears its copies, so the sign needs no extra OR (3–4 ops);
    /// int8: (w &lt;&lt; (24 − 8k)) &gt;&gt; 24 sign-extends element k, then a conversion (2–3 ops).
    /// </summary>
    private static string Decode(SimdFlavor flavor, WeightPrecision precision, string words, int element)
    {
        string n = flavor.Name;
        switch (precision)
        {
            case WeightPrecision.BFloat16:
                return element == 0 ? $"{n}.AsSingle({words} << 16)" : $"{n}.AsSingle({words} & {n}.Create(0xFFFF0000u))";
            case WeightPrecision.Float16:
                string shifted = element == 0 ? $"{n}.AsInt32({words} << 16)" : $"{n}.AsInt32({words})";
                return $"({n}.AsSingle(({shifted} >> 3) & {n}.Create(unchecked((int)0x8FFFE000))) * {n}.Create({FloatLiteral.Format(WeightQuantizer.Float16Rebias)}))";
            default:
                string sign = element == 3 ? $"{n}.AsInt32({words})" : $"({n}.AsInt32({words}) << {24 - 8 * element})";
                return $"{n}.ConvertToSingle({sign} >> 24)";
        }
    }

    /// <summary>The scalar path over words: each weight decoded by the runtime's own conversions (Half for float16).</summary>
    private static void EmitScalarWords(CodeWriter w, MatrixPlan matrix, string weights, string initial, IReadOnlyList<ColumnSource> sources, string y, int firstColumn)
    {
        int panel = matrix.PanelWidth, group = matrix.Group;
        bool scaled = matrix.Precision == WeightPrecision.Int8;
        string weight = matrix.Precision switch
        {
            WeightPrecision.BFloat16 => "global::System.BitConverter.UInt32BitsToSingle((word >> (16 * (wordColumn & 1))) << 16)",
            WeightPrecision.Float16 => "(float)global::System.BitConverter.UInt16BitsToHalf((ushort)(word >> (16 * (wordColumn & 1))))",
            _ => "(float)(sbyte)(word >> (8 * (wordColumn & 3)))",
        };
        using (w.Block($"for (int r = 0; r < {matrix.Rows}; r++)"))
        {
            w.Line(scaled ? "float sum = 0f;" : $"float sum = Unsafe.Add(ref {initial}, r);");
            w.Line($"ref float row = ref Unsafe.Add(ref {weights}, r / {panel} * {panel * matrix.Groups} + r % {panel});");
            int column = firstColumn;
            foreach (var source in sources)
            {
                using (w.Block($"for (int j = 0; j < {source.Count}; j++)"))
                {
                    w.Line($"int wordColumn = {column} + j;");
                    w.Line($"uint word = Unsafe.As<float, uint>(ref Unsafe.Add(ref row, wordColumn / {group} * {panel}));");
                    w.Line($"sum += {weight} * Unsafe.Add(ref {source.Reference}, j);");
                }

                column += source.Count;
            }

            w.Line(scaled
                ? $"Unsafe.Add(ref {y}, r) = Unsafe.Add(ref {initial}, r) + Unsafe.Add(ref {weights}, {WordsLength(matrix)} + r) * sum;"
                : $"Unsafe.Add(ref {y}, r) = sum;");
        }
    }
}
