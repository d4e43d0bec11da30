using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// GRU: gx = W_ih x + b_ih and gh = W_hh h + b_hh kept apart, then per unit (σ the gate activation, every
/// pre-activation clipped when the cell clips) r = σ(gx_r + gh_r), z = σ(gx_z + gh_z),
/// n = tanh(gx_n + r gh_n), h' = (1 - z) n + z h = n + z (h - n).
/// With reset_after false, r scales h before the recurrent product: gh_n = W_hn (r ⊙ h) + b_hn, so r is
/// computed first, r ⊙ h goes to scratch, and W_hn is a product of its own; then n = tanh(gx_n + gh_n).
/// State: h at s[off, off+Hp).
/// </summary>
internal static class GruEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, bool fromProjection, StreamLoop? streams = null)
    {
        int hidden = layer.OutputSize, padded = layer.PaddedOutput, h = layer.StateOffset, rows = 3 * padded;
        var cell = layer.Cell;
        bool resetBefore = cell is { ResetAfter: false };
        LayerEmitter.Open(w, index, flavor, fromProjection, streams);
        StreamLoop.Bind(w, streams, $"ref float state = ref Unsafe.Add(ref s, {h});");
        var recurrent = new[] { new ColumnSource("state", hidden) };
        if (fromProjection)
        {
            // The input part W_ih x + b_ih was computed for the whole chunk; only the hidden part remains.
            w.Line("ref float gx = ref p;");
            w.Line("ref float gh = ref t;");
            LayerEmitter.BindWeights(w, index, 1, "wh", "bh");
            w.Line($"// gates r, z{(resetBefore ? "" : ", n")} at rows 0, {padded}{(resetBefore ? "" : $", {2 * padded}")}: the hidden part");
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[1], "wh", "bh", recurrent, "gh", reversed));
            EmitGates(w, layer, index, flavor, "Unsafe.Add(ref t, " + rows + ")");
            w.Close();
            return;
        }

        StreamLoop.Bind(w, streams, "ref float gx = ref t;");
        StreamLoop.Bind(w, streams, $"ref float gh = ref Unsafe.Add(ref t, {rows});");
        LayerEmitter.BindWeights(w, index, 0, "wi", "bi");
        LayerEmitter.BindWeights(w, index, 1, "wh", "bh");
        w.Line($"// gates r, z, n at rows 0, {padded}, {2 * padded}: input part, then hidden part{(resetBefore ? " (r, z)" : "")}");
        var inputs = new[] { new ColumnSource("x", layer.InputSize) };
        LayerEmitter.Products(w, layer, flavor, reversed =>
        {
            // Backward means the whole walk backward: the hidden matrix first, each one's blocks reversed.
            if (reversed)
                MatVecEmitter.Emit(w, flavor, layer.Matrices[1], "wh", "bh", recurrent, "gh", reversed: true, streams: streams);
            MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "wi", "bi", inputs, "gx", reversed, streams: streams);
            if (!reversed)
                MatVecEmitter.Emit(w, flavor, layer.Matrices[1], "wh", "bh", recurrent, "gh", streams: streams);
        });
        EmitGates(w, layer, index, flavor, $"Unsafe.Add(ref t, {2 * rows})", streams);
        w.Close();
    }

    /// <param name="resetScratch">Where r ⊙ h goes when the reset gate comes before W_hn.</param>
    /// <param name="streams">For a batched step, the loop over its streams; null for one stream.</param>
    private static void EmitGates(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, string resetScratch, StreamLoop? streams = null)
    {
        int hidden = layer.OutputSize, padded = layer.PaddedOutput;
        var cell = layer.Cell;
        if (cell is { ResetAfter: false })
        {
            EmitResetBefore(w, layer, index, flavor, resetScratch, streams);
            return;
        }

        using var loop = StreamLoop.Each(w, streams);
        if (flavor.IsScalar)
        {
            using (w.Block($"for (int k = 0; k < {hidden}; k++)"))
            {
                w.Line($"float r = {GateMath.Gate(flavor, cell, "Unsafe.Add(ref gx, k) + Unsafe.Add(ref gh, k)")};");
                w.Line($"float z = {GateMath.Gate(flavor, cell, $"Unsafe.Add(ref gx, {padded} + k) + Unsafe.Add(ref gh, {padded} + k)")};");
                w.Line($"float n = {GateMath.Activate(flavor, cell, "Tanh", $"Unsafe.Add(ref gx, {2 * padded} + k) + r * Unsafe.Add(ref gh, {2 * padded} + k)")};");
                w.Line("ref float unit = ref Unsafe.Add(ref state, k);");
                w.Line("unit = n + z * (unit - n);");
            }
        }
        else
        {
            LayerEmitter.ForEachUnitVector(w, flavor, padded, at =>
            {
                w.Line($"var r = {GateMath.Gate(flavor, cell, $"{flavor.Load("gx", at(0))} + {flavor.Load("gh", at(0))}")};");
                w.Line($"var z = {GateMath.Gate(flavor, cell, $"{flavor.Load("gx", at(padded))} + {flavor.Load("gh", at(padded))}")};");
                w.Line($"var n = {GateMath.Activate(flavor, cell, "Tanh", $"{flavor.Name}.MultiplyAddEstimate(r, {flavor.Load("gh", at(2 * padded))}, {flavor.Load("gx", at(2 * padded))})")};");
                w.Line($"var previous = {flavor.Load("state", at(0))};");
                w.Line(flavor.Store($"{flavor.Name}.MultiplyAddEstimate(z, previous - n, n)", "state", at(0)));
            });
        }
    }

    /// <summary>r first, r ⊙ h to scratch, gh_n = W_hn (r ⊙ h) + b_hn, then z, n and h'.</summary>
    private static void EmitResetBefore(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, string resetScratch, StreamLoop? streams)
    {
        int hidden = layer.OutputSize, padded = layer.PaddedOutput;
        var cell = layer.Cell;
        StreamLoop.Bind(w, streams, $"ref float resetState = ref {resetScratch};");
        using (StreamLoop.Each(w, streams))
        {
            if (flavor.IsScalar)
            {
                w.Line($"for (int k = 0; k < {hidden}; k++)");
                w.Line($"    Unsafe.Add(ref resetState, k) = {GateMath.Gate(flavor, cell, "Unsafe.Add(ref gx, k) + Unsafe.Add(ref gh, k)")} * Unsafe.Add(ref state, k);");
            }
            else
            {
                LayerEmitter.ForEachUnitVector(w, flavor, padded, at =>
                {
                    w.Line($"var r = {GateMath.Gate(flavor, cell, $"{flavor.Load("gx", at(0))} + {flavor.Load("gh", at(0))}")};");
                    w.Line(flavor.Store($"r * {flavor.Load("state", at(0))}", "resetState", at(0)));
                });
            }
        }

        w.Line($"// gh_n = W_hn (r ⊙ h) + b_hn, after gh_r and gh_z");
        LayerEmitter.BindWeights(w, index, 2, "wn", "bn");
        StreamLoop.Bind(w, streams, $"ref float ghn = ref Unsafe.Add(ref gh, {2 * padded});");
        MatVecEmitter.Emit(w, flavor, layer.Matrices[2], "wn", "bn", new[] { new ColumnSource("resetState", hidden) }, "ghn", streams: streams);
        using var loop = StreamLoop.Each(w, streams);
        if (flavor.IsScalar)
        {
            using (w.Block($"for (int k = 0; k < {hidden}; k++)"))
            {
                w.Line($"float z = {GateMath.Gate(flavor, cell, $"Unsafe.Add(ref gx, {padded} + k) + Unsafe.Add(ref gh, {padded} + k)")};");
                w.Line($"float n = {GateMath.Activate(flavor, cell, "Tanh", $"Unsafe.Add(ref gx, {2 * padded} + k) + Unsafe.Add(ref ghn, k)")};");
                w.Line("ref float unit = ref Unsafe.Add(ref state, k);");
                w.Line("unit = n + z * (unit - n);");
            }
        }
        else
        {
            LayerEmitter.ForEachUnitVector(w, flavor, padded, at =>
            {
                w.Line($"var z = {GateMath.Gate(flavor, cell, $"{flavor.Load("gx", at(padded))} + {flavor.Load("gh", at(padded))}")};");
                w.Line($"var n = {GateMath.Activate(flavor, cell, "Tanh", $"{flavor.Load("gx", at(2 * padded))} + {flavor.Load("ghn", at(0))}")};");
                w.Line($"var previous = {flavor.Load("state", at(0))};");
                w.Line(flavor.Store($"{flavor.Name}.MultiplyAddEstimate(z, previous - n, n)", "state", at(0)));
            });
        }
    }
}
