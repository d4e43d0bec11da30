using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>Dense: y = act(W x + b), written straight into the layer's slot of the state buffer (its output).</summary>
internal static class DenseEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor)
    {
        int units = layer.OutputSize, padded = layer.PaddedOutput, y = layer.StateOffset;
        LayerEmitter.Open(w, index, flavor);
        w.Line($"ref float y = ref Unsafe.Add(ref s, {y});");
        LayerEmitter.BindWeights(w, index, 0);
        var sources = new[] { new ColumnSource("x", layer.InputSize) };
        LayerEmitter.Products(w, layer, flavor, reversed => MatVecEmitter.Emit(w, flavor, layer.Matrices[0], "w", "b", sources, "y", reversed));
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
                    for (int k = 0; k < padded; k += flavor.Width)
                        w.Line(flavor.Store($"{op}.Invoke({flavor.Load("y", k.ToString())})", "y", k));
                }

                break;
        }

        w.Close();
    }
}
