using System;
using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// Writes y = b + W v over a packed matrix, unrolled over blocks of output rows at generation time: four
/// independent accumulators per block hide the FMA latency; the loop over inputs has a constant trip count.
/// The layout is the runtime's <c>PackedMatrix</c>: panels of 8 rows, each panel column by column.
/// </summary>
internal static class MatVecEmitter
{
    private const int Panel = 8;

    public static void Emit(CodeWriter w, SimdFlavor flavor, MatrixPlan matrix, string weights, string bias, string v, string y)
    {
        if (flavor.IsScalar)
        {
            EmitScalar(w, matrix, weights, bias, v, y);
            return;
        }

        int panels = matrix.Rows / Panel, columns = matrix.Columns;
        int panelsPerBlock = flavor.Width == 8 ? 4 : 2;
        int vectorsPerPanel = Panel / flavor.Width;
        for (int first = 0; first < panels; first += panelsPerBlock)
        {
            int count = Math.Min(panelsPerBlock, panels - first);
            int accumulators = count * vectorsPerPanel;
            w.Open($"// rows {first * Panel}..{(first + count) * Panel - 1}");
            for (int a = 0; a < accumulators; a++)
                w.Line($"var a{a} = {flavor.Load(bias, (first * Panel + a * flavor.Width).ToString())};");
            using (w.Block($"for (nuint j = 0; j < {columns}; j++)"))
            {
                w.Line($"var xj = {flavor.Name}.Create(Unsafe.Add(ref {v}, j));");
                for (int a = 0; a < accumulators; a++)
                {
                    int panel = first + a / vectorsPerPanel, lane = a % vectorsPerPanel * flavor.Width;
                    int start = panel * Panel * columns + lane;
                    w.Line($"a{a} = {flavor.Name}.MultiplyAddEstimate({flavor.Load(weights, $"{start} + j * {Panel}")}, xj, a{a});");
                }
            }

            for (int a = 0; a < accumulators; a++)
                w.Line(flavor.Store($"a{a}", y, first * Panel + a * flavor.Width));
            w.Close();
        }
    }

    private static void EmitScalar(CodeWriter w, MatrixPlan matrix, string weights, string bias, string v, string y)
    {
        using (w.Block($"for (int r = 0; r < {matrix.Rows}; r++)"))
        {
            w.Line($"float sum = Unsafe.Add(ref {bias}, r);");
            w.Line($"ref float row = ref Unsafe.Add(ref {weights}, (r >> 3) * {Panel * matrix.Columns} + (r & 7));");
            w.Line($"for (int j = 0; j < {matrix.Columns}; j++)");
            w.Line($"    sum += Unsafe.Add(ref row, j * {Panel}) * Unsafe.Add(ref {v}, j);");
            w.Line($"Unsafe.Add(ref {y}, r) = sum;");
        }
    }
}
