using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>Shared pieces of the per-kind layer emitters: method shape, weight references, input copies.</summary>
internal static class LayerEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor)
    {
        switch (layer.Kind)
        {
            case LayerKind.Lstm:
                LstmEmitter.Emit(w, layer, index, flavor);
                break;
            case LayerKind.Gru:
                GruEmitter.Emit(w, layer, index, flavor);
                break;
            case LayerKind.Rnn:
                ElmanEmitter.Emit(w, layer, index, flavor);
                break;
            default:
                DenseEmitter.Emit(w, layer, index, flavor);
                break;
        }
    }

    public static string MethodName(int index, SimdFlavor flavor) => $"Layer{index}{flavor.Name}";

    public static string WeightsName(int index, int matrix) => $"Layer{index}Weights{(matrix == 0 ? "" : matrix.ToString())}";

    public static string BiasName(int index, int matrix) => $"Layer{index}Bias{(matrix == 0 ? "" : matrix.ToString())}";

    /// <summary>Opens the layer's method: x is its input, s the model's state buffer, t its scratch, and
    /// reverse tells a streaming layer which way to walk its weights this step.</summary>
    public static void Open(CodeWriter w, int index, SimdFlavor flavor) =>
        w.Open($"private static void {MethodName(index, flavor)}(ref float x, ref float s, ref float t, bool reverse)");

    /// <summary>
    /// Writes a layer's products: once in order for a layer that fits in L1 (or on the scalar path), and
    /// for a streaming layer both ways, chosen by <c>reverse</c> (see <see cref="MatVecEmitter.IsStreaming"/>).
    /// </summary>
    public static void Products(CodeWriter w, LayerPlan layer, SimdFlavor flavor, System.Action<bool> products)
    {
        if (flavor.IsScalar || !MatVecEmitter.IsStreaming(layer))
        {
            products(false);
            return;
        }

        using (w.Block("if (reverse)"))
            products(true);
        using (w.Block("else"))
            products(false);
    }

    public static void BindWeights(CodeWriter w, int index, int matrix, string weights = "w", string bias = "b")
    {
        w.Line($"ref float {weights} = ref MemoryMarshal.GetReference({WeightsName(index, matrix)});");
        w.Line($"ref float {bias} = ref MemoryMarshal.GetReference({BiasName(index, matrix)});");
    }

    public static string At(string reference, int offset) => offset == 0 ? reference : $"Unsafe.Add(ref {reference}, {offset})";

    /// <summary>The activation operator's type alias for a layer's activation.</summary>
    public static string Operator(Activation activation) => activation switch
    {
        Activation.Relu => "Relu",
        Activation.Tanh => "Tanh",
        Activation.Sigmoid => "Sigmoid",
        _ => "",
    };
}
