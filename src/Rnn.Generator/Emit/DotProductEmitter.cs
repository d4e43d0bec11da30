using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// Writes y_r = b_r + Σ_j W[r, j] v_j for a narrow dense layer over row-major weights (see
/// <see cref="CodeShape.DotProductUpToUnits"/>): each row is a dot product of whole vectors of the padded
/// input, in up to four chains, finished by a horizontal sum. The padded inputs are finite (padding units
/// of every layer compute act(0)) and their weights are zero, so reading whole vectors adds nothing.
/// </summary>
internal static class DotProductEmitter
{
    public static void Emit(CodeWriter w, SimdFlavor flavor, MatrixPlan matrix, string weights, string bias, string input, int realColumns, string y)
    {
        int stride = matrix.Columns;
        if (flavor.IsScalar)
        {
            using (w.Block($"for (int r = 0; r < {matrix.Rows}; r++)"))
            {
                w.Line($"float sum = Unsafe.Add(ref {bias}, r);");
                w.Line($"ref float row = ref Unsafe.Add(ref {weights}, r * {stride});");
                w.Line($"for (int j = 0; j < {realColumns}; j++)");
                w.Line($"    sum += Unsafe.Add(ref row, j) * Unsafe.Add(ref {input}, j);");
                w.Line($"Unsafe.Add(ref {y}, r) = sum;");
            }

            return;
        }

        int vectors = stride / flavor.Width;
        int chains = System.Math.Min(CodeShape.MaxChains, vectors);
        for (int r = 0; r < matrix.Rows; r++)
        {
            using (w.Block($"// row {r}"))
            {
                w.Line($"ref float row = ref Unsafe.Add(ref {weights}, {r * stride});");
                for (int c = 0; c < chains; c++)
                    w.Line($"var d{c} = {flavor.Name}.Create(0f);");
                if (vectors <= 4 * CodeShape.UnrollColumnsUpTo)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        string offset = (v * flavor.Width).ToString();
                        w.Line($"d{v % chains} = {flavor.Name}.MultiplyAddEstimate({flavor.Load("row", offset)}, {flavor.Load(input, offset)}, d{v % chains});");
                    }
                }
                else
                {
                    int whole = vectors / chains * chains;
                    using (w.Block($"for (int j = 0; j < {whole * flavor.Width}; j += {chains * flavor.Width})"))
                    {
                        w.Line($"ref float wj = ref Unsafe.Add(ref row, j);");
                        w.Line($"ref float vj = ref Unsafe.Add(ref {input}, j);");
                        for (int c = 0; c < chains; c++)
                            w.Line($"d{c} = {flavor.Name}.MultiplyAddEstimate({flavor.Load("wj", (c * flavor.Width).ToString())}, {flavor.Load("vj", (c * flavor.Width).ToString())}, d{c});");
                    }

                    for (int v = whole; v < vectors; v++)
                    {
                        string offset = (v * flavor.Width).ToString();
                        w.Line($"d{v - whole} = {flavor.Name}.MultiplyAddEstimate({flavor.Load("row", offset)}, {flavor.Load(input, offset)}, d{v - whole});");
                    }
                }

                string total = chains switch
                {
                    1 => "d0",
                    2 => "d0 + d1",
                    3 => "(d0 + d1) + d2",
                    _ => "(d0 + d1) + (d2 + d3)",
                };
                w.Line($"Unsafe.Add(ref {y}, {r}) = Unsafe.Add(ref {bias}, {r}) + {flavor.Name}.Sum({total});");
            }
        }
    }
}
