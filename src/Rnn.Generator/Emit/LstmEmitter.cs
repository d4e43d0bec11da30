using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// LSTM: gates = W [x; h] + b over one packed matrix, then per unit
/// i = σ(g_i), f = σ(g_f), g = tanh(g_g), o = σ(g_o), c' = f c + i g, h' = o tanh(c').
/// State: h at s[off, off+Hp), c at s[off+Hp, off+2Hp).
/// </summary>
internal static class LstmEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, bool fromProjection)
    {
        int input = layer.InputSize, hidden = layer.OutputSize, padded = layer.PaddedOutput;
        int h = layer.StateOffset, c = h + padded;
        LayerEmitter.Open(w, index, flavor, fromProjection);
        w.Line($"ref float state = ref {LayerEmitter.At("s", h)};");
        w.Line("ref float g = ref t;");
        LayerEmitter.BindWeights(w, index, 0);
        if (fromProjection)
        {
            w.Line($"// gates i, f, g, o at rows 0, {padded}, {2 * padded}, {3 * padded}: p + W_h h (columns {input}.. of [x; h])");
            var recurrent = new[] { new ColumnSource("state", hidden) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "p", recurrent, "g", reversed, firstColumn: input));
        }
        else
        {
            w.Line($"// gates i, f, g, o at rows 0, {padded}, {2 * padded}, {3 * padded}, over inputs [x; h]");
            var sources = new[] { new ColumnSource("x", input), new ColumnSource("state", hidden) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "b", sources, "g", reversed));
        }

        if (flavor.IsScalar)
        {
            using (w.Block($"for (int k = 0; k < {hidden}; k++)"))
            {
                w.Line("float i = Sigmoid.Invoke(Unsafe.Add(ref g, k));");
                w.Line($"float f = Sigmoid.Invoke(Unsafe.Add(ref g, {padded} + k));");
                w.Line($"float candidate = Tanh.Invoke(Unsafe.Add(ref g, {2 * padded} + k));");
                w.Line($"float o = Sigmoid.Invoke(Unsafe.Add(ref g, {3 * padded} + k));");
                w.Line($"ref float cell = ref Unsafe.Add(ref s, {c} + k);");
                w.Line("cell = f * cell + i * candidate;");
                w.Line($"Unsafe.Add(ref s, {h} + k) = o * Tanh.Invoke(cell);");
            }
        }
        else
        {
            LayerEmitter.ForEachUnitVector(w, flavor, padded, at =>
            {
                w.Line($"var i = Sigmoid.Invoke({flavor.Load("g", at(0))});");
                w.Line($"var f = Sigmoid.Invoke({flavor.Load("g", at(padded))});");
                w.Line($"var candidate = Tanh.Invoke({flavor.Load("g", at(2 * padded))});");
                w.Line($"var o = Sigmoid.Invoke({flavor.Load("g", at(3 * padded))});");
                w.Line($"var cell = {flavor.Name}.MultiplyAddEstimate(f, {flavor.Load("s", at(c))}, i * candidate);");
                w.Line(flavor.Store("cell", "s", at(c)));
                w.Line(flavor.Store("o * Tanh.Invoke(cell)", "s", at(h)));
            });
        }

        w.Close();
    }
}
