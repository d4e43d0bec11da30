using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// LSTM: gates = W [x; h] + b over one packed matrix, then per unit (σ the gate activation, every
/// pre-activation clipped when the cell clips, peepholes p_i, p_f, p_o when present, else zero)
/// i = σ(g_i + p_i c), f = σ(g_f + p_f c), g = tanh(g_g), c' = f c + i g, o = σ(g_o + p_o c'),
/// h' = o tanh(c'), and with a projection h' = W_hr (o tanh(c')).
/// State: h at s[off, off+Sp), c at s[off+Sp, off+Sp+Hp) (Sp = Hp without a projection).
/// </summary>
internal static class LstmEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, bool fromProjection, StreamLoop? streams = null)
    {
        var cell = layer.Cell;
        int input = layer.InputSize, state = layer.OutputSize;
        int units = cell?.HiddenSize ?? state, padded = cell?.PaddedHidden ?? layer.PaddedOutput;
        int h = layer.StateOffset;
        bool peepholes = cell is { Peephole.Count: > 0 }, projects = cell is { ProjectionSize: > 0 };
        LayerEmitter.Open(w, index, flavor, fromProjection, streams);
        StreamLoop.Bind(w, streams, $"ref float state = ref {LayerEmitter.At("s", h)};");
        StreamLoop.Bind(w, streams, "ref float g = ref t;");
        LayerEmitter.BindWeights(w, index, 0);
        if (fromProjection)
        {
            w.Line($"// gates i, f, g, o at rows 0, {padded}, {2 * padded}, {3 * padded}: p + W_h h (columns {input}.. of [x; h])");
            var recurrent = new[] { new ColumnSource("state", state) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "p", recurrent, "g", reversed, firstColumn: input));
        }
        else
        {
            w.Line($"// gates i, f, g, o at rows 0, {padded}, {2 * padded}, {3 * padded}, over inputs [x; h]");
            var sources = new[] { new ColumnSource("x", input), new ColumnSource("state", state) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "b", sources, "g", reversed, streams: streams));
        }

        if (peepholes)
            w.Line($"ref float peephole = ref Unsafe.Add(ref image, {LayerEmitter.PeepholeName(index)}); // p_i, p_f, p_o at 0, {padded}, {2 * padded}");
        // With a projection, m = o tanh(c') goes to scratch after the gates; h' = W_hr m follows.
        string m = projects ? "m" : "s";
        int mOffset = projects ? 0 : h;
        if (projects)
            StreamLoop.Bind(w, streams, $"ref float m = ref Unsafe.Add(ref t, {4 * padded});");
        using (StreamLoop.Each(w, streams))
            Gates(w, layer, flavor, m, mOffset);
        if (projects)
        {
            w.Line($"// h' = W_hr m: {state} rows (padded to {layer.PaddedOutput}) over {units} inputs");
            LayerEmitter.BindWeights(w, index, 1, "wr", "br");
            var projected = new[] { new ColumnSource("m", units) };
            MatVecEmitter.Emit(w, flavor, layer.Matrices[1], "wr", "br", projected, "state", streams: streams);
        }

        w.Close();
    }

    /// <summary>The element-wise half, from the gate pre-activations g: c' into the state, o tanh(c') into m (or h).</summary>
    private static void Gates(CodeWriter w, LayerPlan layer, SimdFlavor flavor, string m, int mOffset)
    {
        var cell = layer.Cell;
        int units = cell?.HiddenSize ?? layer.OutputSize, padded = cell?.PaddedHidden ?? layer.PaddedOutput;
        int h = layer.StateOffset, c = h + layer.PaddedOutput;
        bool peepholes = cell is { Peephole.Count: > 0 }, projects = cell is { ProjectionSize: > 0 };
        if (flavor.IsScalar)
        {
            using (w.Block($"for (int k = 0; k < {units}; k++)"))
            {
                if (peepholes)
                {
                    w.Line($"ref float cell = ref Unsafe.Add(ref s, {c} + k);");
                    w.Line($"float i = {GateMath.Gate(flavor, cell, "Unsafe.Add(ref g, k) + Unsafe.Add(ref peephole, k) * cell")};");
                    w.Line($"float f = {GateMath.Gate(flavor, cell, $"Unsafe.Add(ref g, {padded} + k) + Unsafe.Add(ref peephole, {padded} + k) * cell")};");
                    w.Line($"float candidate = {GateMath.Activate(flavor, cell, "Tanh", $"Unsafe.Add(ref g, {2 * padded} + k)")};");
                    w.Line("cell = f * cell + i * candidate;");
                    w.Line($"float o = {GateMath.Gate(flavor, cell, $"Unsafe.Add(ref g, {3 * padded} + k) + Unsafe.Add(ref peephole, {2 * padded} + k) * cell")};");
                }
                else
                {
                    w.Line($"float i = {GateMath.Gate(flavor, cell, "Unsafe.Add(ref g, k)")};");
                    w.Line($"float f = {GateMath.Gate(flavor, cell, $"Unsafe.Add(ref g, {padded} + k)")};");
                    w.Line($"float candidate = {GateMath.Activate(flavor, cell, "Tanh", $"Unsafe.Add(ref g, {2 * padded} + k)")};");
                    w.Line($"float o = {GateMath.Gate(flavor, cell, $"Unsafe.Add(ref g, {3 * padded} + k)")};");
                    w.Line($"ref float cell = ref Unsafe.Add(ref s, {c} + k);");
                    w.Line("cell = f * cell + i * candidate;");
                }

                w.Line($"Unsafe.Add(ref {m}, {(projects ? "k" : $"{h} + k")}) = o * Tanh.Invoke(cell);");
            }
        }
        else
        {
            LayerEmitter.ForEachUnitVector(w, flavor, padded, at =>
            {
                if (peepholes)
                {
                    w.Line($"var previous = {flavor.Load("s", at(c))};");
                    w.Line($"var i = {GateMath.Gate(flavor, cell, $"{flavor.Name}.MultiplyAddEstimate({flavor.Load("peephole", at(0))}, previous, {flavor.Load("g", at(0))})")};");
                    w.Line($"var f = {GateMath.Gate(flavor, cell, $"{flavor.Name}.MultiplyAddEstimate({flavor.Load("peephole", at(padded))}, previous, {flavor.Load("g", at(padded))})")};");
                    w.Line($"var candidate = {GateMath.Activate(flavor, cell, "Tanh", flavor.Load("g", at(2 * padded)))};");
                    w.Line($"var cell = {flavor.Name}.MultiplyAddEstimate(f, previous, i * candidate);");
                    w.Line($"var o = {GateMath.Gate(flavor, cell, $"{flavor.Name}.MultiplyAddEstimate({flavor.Load("peephole", at(2 * padded))}, cell, {flavor.Load("g", at(3 * padded))})")};");
                }
                else
                {
                    w.Line($"var i = {GateMath.Gate(flavor, cell, flavor.Load("g", at(0)))};");
                    w.Line($"var f = {GateMath.Gate(flavor, cell, flavor.Load("g", at(padded)))};");
                    w.Line($"var candidate = {GateMath.Activate(flavor, cell, "Tanh", flavor.Load("g", at(2 * padded)))};");
                    w.Line($"var o = {GateMath.Gate(flavor, cell, flavor.Load("g", at(3 * padded)))};");
                    w.Line($"var cell = {flavor.Name}.MultiplyAddEstimate(f, {flavor.Load("s", at(c))}, i * candidate);");
                }

                w.Line(flavor.Store("cell", "s", at(c)));
                w.Line(flavor.Store("o * Tanh.Invoke(cell)", m, at(mOffset)));
            });
        }
    }
}
