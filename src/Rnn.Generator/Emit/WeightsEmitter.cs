using System;
using System.Collections.Generic;
using Rnn.Generator.Model;
using Rnn.Generator.Parsing;
using Rnn.Runtime;
using Rnn.Runtime.Precision;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>
/// Writes the model's weight image: every packed matrix, bias and normalisation vector, each starting on a
/// 64-byte boundary, as one base64 UTF-8 literal (bytes in the assembly image). A literal is one token to
/// the compiler, so a model with a million weights builds in seconds, where an array initialiser costs a
/// syntax node per byte. <c>Rnn.Runtime.WeightImage</c> decodes it once, on first use, into a pinned,
/// 64-byte-aligned array; each piece's offset into it is a constant of the generated type.
/// </summary>
internal static class WeightsEmitter
{
    private const int Base64PerLine = 120;

    public static void Emit(CodeWriter w, NetworkPlan plan)
    {
        var layout = new WeightLayout(plan);
        w.Line();
        w.Line("// Where each piece of the weight image starts (in floats; every one on a 64-byte boundary).");
        foreach (var piece in layout.Pieces)
            w.Line($"private const int {piece.Name} = {piece.Offset}; // {piece.Summary}");
        w.Line();
        w.Line("/// <summary>The packed weights, decoded from the image on first use into 64-byte-aligned memory.</summary>");
        using (w.Block("private static class WeightImage"))
        {
            w.Line("public static readonly float[] Data = global::Rnn.Runtime.WeightImage.Decode(Base64, Count);");
            w.Line();
            w.Line("public static readonly int Start = global::Rnn.Runtime.WeightImage.AlignedStart(Data);");
            w.Line();
            w.Line($"private const int Count = {layout.Count};");
            w.Line();
            w.Line("// Little-endian float32, base64.");
            w.Line("private static global::System.ReadOnlySpan<byte> Base64 => \"\"\"");
            string text = Convert.ToBase64String(layout.Bytes());
            for (int i = 0; i < text.Length; i += Base64PerLine)
                w.Verbatim(text.Substring(i, Math.Min(Base64PerLine, text.Length - i)));
            w.Verbatim("\"\"\"u8;");
        }
    }

    internal static byte[] LittleEndian(float value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian)
            Array.Reverse(bytes);
        return bytes;
    }

    /// <summary>Every piece of the image with its offset; the emitters refer to pieces by these names.</summary>
    internal sealed class WeightLayout
    {
        private const int Align = 16;

        public WeightLayout(NetworkPlan plan)
        {
            if (plan.Mean.Count > 0)
            {
                Add(InputMean, "input normalisation: per-feature mean", plan.Mean);
                Add(InputInverseStd, "input normalisation: 1 / std per feature", plan.InverseStd);
            }

            for (int l = 0; l < plan.Layers.Count; l++)
            {
                var layer = plan.Layers[l];
                for (int m = 0; m < layer.Matrices.Count; m++)
                {
                    var matrix = layer.Matrices[m];
                    string what = Describe(layer, m);
                    string shape = matrix.RowMajor
                        ? $"{matrix.Rows} rows × {matrix.Columns} inputs (padded), row by row"
                        : $"{matrix.Rows} rows (padded) × {matrix.Columns} inputs, in panels of {matrix.PanelWidth} rows stored input by input";
                    if (matrix.Precision == WeightPrecision.Float32)
                    {
                        Add(LayerEmitter.WeightsName(l, m), $"{LayerEmitter.Label(layer)} {what}: {shape}", matrix.Weights);
                    }
                    else
                    {
                        // Words of Group inputs per panel row (WeightQuantizer's layout); int8 adds a float32 scale per row.
                        var quantized = WeightQuantizer.Quantize(PrecisionPlanner.ToPacked(matrix), matrix.Precision, what);
                        string name = WeightQuantizer.Name(matrix.Precision);
                        Add(LayerEmitter.WeightsName(l, m), $"{LayerEmitter.Label(layer)} {what}: {shape}, as {name} words of {matrix.Group} inputs", EquatableArray<float>.Empty, quantized.Words);
                        if (quantized.RowScales.Length > 0)
                            Add(LayerEmitter.ScaleName(l, m), $"{LayerEmitter.Label(layer)} {what} int8 scale per row", new EquatableArray<float>(quantized.RowScales));
                    }

                    Add(LayerEmitter.BiasName(l, m), $"{LayerEmitter.Label(layer)} {what} bias, {matrix.Bias.Count} rows (padded)", matrix.Bias);
                }

                if (layer.Cell is { Peephole.Count: > 0 } peephole)
                    Add(LayerEmitter.PeepholeName(l), $"{LayerEmitter.Label(layer)} peepholes i, f, o, {peephole.PaddedHidden} each (padded)", peephole.Peephole);
                if (layer.Cell is { InitialState.Count: > 0 } initial)
                    Add(LayerEmitter.InitialStateName(l), $"{LayerEmitter.Label(layer)} initial state, as its state region", initial.InitialState);
            }
        }

        public const string InputMean = nameof(InputMean);

        public const string InputInverseStd = nameof(InputInverseStd);

        public List<Piece> Pieces { get; } = new();

        public int Count { get; private set; }

        public byte[] Bytes()
        {
            var bytes = new byte[4L * Count];
            foreach (var piece in Pieces)
            {
                for (int i = 0; i < piece.Values.Count; i++)
                    Array.Copy(LittleEndian(piece.Values[i]), 0, bytes, 4 * (piece.Offset + i), 4);
                // Words as their bits: never through a float, which could quiet a NaN-shaped word.
                for (int i = 0; i < (piece.Words?.Length ?? 0); i++)
                {
                    uint word = piece.Words![i];
                    for (int b = 0; b < 4; b++)
                        bytes[4 * (piece.Offset + i) + b] = (byte)(word >> (8 * b));
                }
            }

            return bytes;
        }

        private void Add(string name, string summary, EquatableArray<float> values, uint[]? words = null)
        {
            Pieces.Add(new Piece(name, Count, summary, values, words));
            int length = words?.Length ?? values.Count;
            Count += (length + Align - 1) / Align * Align;
        }

        internal static string Describe(LayerPlan layer, int matrix) => layer.Kind switch
        {
            LayerKind.Lstm => matrix == 0 ? "W over [x; h], gates i, f, g, o, biases b_ih + b_hh" : "W_hr (projection)",
            LayerKind.Gru when layer.Matrices.Count == 3 => matrix switch { 0 => "W_ih, gates r, z, n", 1 => "W_hh, gates r, z", _ => "W_hn (applied to r ⊙ h)" },
            LayerKind.Gru => matrix == 0 ? "W_ih, gates r, z, n" : "W_hh, gates r, z, n",
            LayerKind.Rnn => "W over [x; h], biases b_ih + b_hh",
            _ => "W",
        };
    }

    /// <summary>A piece of the image: float32 <see cref="Values"/>, or for a reduced-precision matrix its 32-bit <see cref="Words"/>.</summary>
    internal sealed record Piece(string Name, int Offset, string Summary, EquatableArray<float> Values, uint[]? Words = null);
}
