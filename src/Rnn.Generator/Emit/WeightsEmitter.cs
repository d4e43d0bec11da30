using System;
using System.Text;
using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>
/// Writes the weights as static data in the assembly image. Each array is a <c>ReadOnlySpan&lt;byte&gt;</c>
/// over a constant byte array (the float32 values, little-endian) reinterpreted as floats: the compiler
/// stores the bytes in the image and the span points straight at them, so nothing is parsed, copied or
/// allocated at start-up — not even in unoptimised (Debug) code, where a constant float array would cost
/// an allocation per access. Every line carries its four values as float literals in a comment.
/// </summary>
internal static class WeightsEmitter
{
    private const int ValuesPerLine = 4;

    public static void Emit(CodeWriter w, NetworkPlan plan)
    {
        if (plan.Mean.Count > 0)
        {
            Write(w, "InputMean", "Input normalisation: per-feature mean.", plan.Mean);
            Write(w, "InputInverseStd", "Input normalisation: 1 / std per feature.", plan.InverseStd);
        }

        for (int l = 0; l < plan.Layers.Count; l++)
        {
            var layer = plan.Layers[l];
            for (int m = 0; m < layer.Matrices.Count; m++)
            {
                var matrix = layer.Matrices[m];
                string what = Describe(layer, m);
                Write(w, LayerEmitter.WeightsName(l, m),
                    $"layers[{l}] {what}: {matrix.Rows} rows (padded) × {matrix.Columns} inputs, in panels of 8 rows stored input by input.", matrix.Weights);
                Write(w, LayerEmitter.BiasName(l, m), $"layers[{l}] {what} bias, {matrix.Rows} rows (padded).", matrix.Bias);
            }
        }
    }

    private static string Describe(LayerPlan layer, int matrix) => layer.Kind switch
    {
        LayerKind.Lstm => "W over [x; h], gates i, f, g, o, biases b_ih + b_hh",
        LayerKind.Gru => matrix == 0 ? "W_ih, gates r, z, n" : "W_hh, gates r, z, n",
        LayerKind.Rnn => "W over [x; h], biases b_ih + b_hh",
        _ => "W",
    };

    private static void Write(CodeWriter w, string name, string summary, EquatableArray<float> values)
    {
        w.Line();
        w.Line($"/// <summary>{summary}</summary>");
        w.Line($"private static global::System.ReadOnlySpan<float> {name} => MemoryMarshal.Cast<byte, float>({name}Bytes);");
        w.Line();
        w.Line($"private static global::System.ReadOnlySpan<byte> {name}Bytes => new byte[]");
        w.Line("{");
        var bytes = new StringBuilder();
        var comment = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            foreach (byte b in LittleEndian(values[i]))
                bytes.Append("0x").Append(b.ToString("X2")).Append(", ");
            comment.Append(comment.Length == 0 ? "// " : ", ").Append(FloatLiteral.Format(values[i]));
            if (i % ValuesPerLine == ValuesPerLine - 1 || i == values.Count - 1)
            {
                w.Line("    " + bytes + comment);
                bytes.Clear();
                comment.Clear();
            }
        }

        w.Line("};");
    }

    internal static byte[] LittleEndian(float value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian)
            Array.Reverse(bytes);
        return bytes;
    }
}
