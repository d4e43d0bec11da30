using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>Dense: y = act(W x + b), written straight into the layer's slot of the state buffer (its output).</summary>
internal static class DenseEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, StreamLoop? streams = null)
    {
        int y = layer.StateOffset;
        LayerEmitter.Open(w, index, flavor, fromProjection: false, streams);
        StreamLoop.Bind(w, streams, $"ref float y = ref Unsafe.Add(ref s, {y});");
        LayerEmitter.BindWeights(w, index, 0);
        var matrix = layer.Matrices[0];
        if (matrix.RowMajor)
        {
            // At most four rows: small enough to stay in L1, so each stream takes the whole product in turn.
            using (StreamLoop.Each(w, streams))
                DotProductEmitter.Emit(w, flavor, matrix, "w", "b", "x", layer.InputSize, "y");
        }
        else
        {
            var sources = new[] { new ColumnSource("x", layer.InputSize) };
            LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, matrix, "w", "b", sources, "y", reversed, streams: streams));
        }

        if (layer.Activation != Activation.Linear)
        {
            using (StreamLoop.Each(w, streams))
                Activate(w, layer, flavor);
        }

        w.Close();
    }

    /// <summary>y = act(y) in place.</summary>
    private static void Activate(CodeWriter w, LayerPlan layer, SimdFlavor flavor)
    {
        int units = layer.OutputSize, padded = layer.PaddedOutput;
        switch (layer.Activation)
        {
            case Activation.Linear:
                break;
            case Activation.Softmax:
                w.Line($"SoftmaxOperator.Apply(MemoryMarshal.CreateSpan(ref y, {units}));");
                break;
            default:
                string op = LayerEmitter.Operator(layer.Activation);
                if (flavor.IsScalar)
                {
                    w.Line($"for (int k = 0; k < {units}; k++)");
                    w.Line($"    Unsafe.Add(ref y, k) = {op}.Invoke(Unsafe.Add(ref y, k));");
                }
                else
                {
                    // A dot-product layer's output may be narrower than the flavor's vectors (8 units padded).
                    var unitFlavor = padded % flavor.Width == 0 ? flavor : SimdFlavor.Vector256;
                    LayerEmitter.ForEachUnitVector(w, unitFlavor, padded, at =>
                        w.Line(unitFlavor.Store($"{op}.Invoke({unitFlavor.Load("y", at(0))})", "y", at(0))));
                }

                break;
        }
    }
}
