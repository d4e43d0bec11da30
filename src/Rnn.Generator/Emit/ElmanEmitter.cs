using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>Elman RNN: h' = act(clip(W [x; h] + b)) over one packed matrix, act = tanh or relu, clip only when the cell clips. State: h at s[off, off+Hp).</summary>
internal static class ElmanEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, bool fromProjection, StreamLoop? streams = null)
    {
        int input = layer.InputSize, hidden = layer.OutputSize, padded = layer.PaddedOutput, h = layer.StateOffset;
        string activation = LayerEmitter.Operator(layer.Activation);
        LayerEmitter.Open(w, index, flavor, fromProjection, streams);
        StreamLoop.Bind(w, streams, $"ref float state = ref {LayerEmitter.At("s", h)};");
        StreamLoop.Bind(w, streams, "ref float pre = ref t;");
        LayerEmitter.BindWeights(w, index, 0);
        if (fromProjection)
        {
            w.Line($"// p + W_h h (columns {input}.. of [x; h])");
            var recurrent = new[] { new ColumnSource("state", hidden) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "p", recurrent, "pre", reversed, firstColumn: input));
        }
        else
        {
            w.Line("// over inputs [x; h]");
            var sources = new[] { new ColumnSource("x", input), new ColumnSource("state", hidden) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "b", sources, "pre", reversed, streams: streams));
        }

        using (StreamLoop.Each(w, streams))
        {
            if (flavor.IsScalar)
            {
                w.Line($"for (int k = 0; k < {hidden}; k++)");
                w.Line($"    Unsafe.Add(ref s, {h} + k) = {GateMath.Activate(flavor, layer.Cell, activation, "Unsafe.Add(ref pre, k)")};");
            }
            else
            {
                LayerEmitter.ForEachUnitVector(w, flavor, padded, at =>
                    w.Line(flavor.Store(GateMath.Activate(flavor, layer.Cell, activation, flavor.Load("pre", at(0))), "s", at(h))));
            }
        }

        w.Close();
    }
}
