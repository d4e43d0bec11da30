using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>Shared pieces of the per-kind layer emitters: method shape, weight references, input copies.</summary>
internal static class LayerEmitter
{
    /// <param name="streams">For a batched step, the loop over its streams (see <see cref="StreamLoop"/>); null for one stream.</param>
    public static void Emit(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, bool fromProjection = false, StreamLoop? streams = null)
    {
        switch (layer.Kind)
        {
            case LayerKind.Lstm:
                LstmEmitter.Emit(w, layer, index, flavor, fromProjection, streams);
                break;
            case LayerKind.Gru:
                GruEmitter.Emit(w, layer, index, flavor, fromProjection, streams);
                break;
            case LayerKind.Rnn:
                ElmanEmitter.Emit(w, layer, index, flavor, fromProjection, streams);
                break;
            default:
                DenseEmitter.Emit(w, layer, index, flavor, streams);
                break;
        }
    }

    public static string MethodName(int index, SimdFlavor flavor) => $"Layer{index}{flavor.Name}";

    /// <summary>The recurrent half of a layer's step in sequence mode: its input projection is already in <c>p</c>.</summary>
    public static string RecurrenceName(int index, SimdFlavor flavor) => $"Layer{index}{flavor.Name}Recurrence";

    /// <summary>A recurrent layer's input projection over a chunk of steps (sequence mode).</summary>
    public static string ProjectionName(int index, SimdFlavor flavor) => $"Layer{index}{flavor.Name}Projection";

    public static string WeightsName(int index, int matrix) => $"Layer{index}Weights{(matrix == 0 ? "" : matrix.ToString())}";

    public static string BiasName(int index, int matrix) => $"Layer{index}Bias{(matrix == 0 ? "" : matrix.ToString())}";

    /// <summary>The image piece of an int8 matrix's scales, one float32 per (padded) row.</summary>
    public static string ScaleName(int index, int matrix) => $"Layer{index}Scale{(matrix == 0 ? "" : matrix.ToString())}";

    /// <summary>"layers[i]" as the descriptor numbers it, with the direction of a pass that walks backward.</summary>
    public static string Label(LayerPlan layer) =>
        layer.Cell is { Direction: RecurrentDirection.Reverse } ? $"layers[{layer.Source}] (reverse)" : $"layers[{layer.Source}]";

    /// <summary>The image piece of an LSTM pass's peepholes (i, f, o, each padded to Hp).</summary>
    public static string PeepholeName(int index) => $"Layer{index}Peephole";

    /// <summary>The image piece of a pass's learned initial state, laid out as its state region.</summary>
    public static string InitialStateName(int index) => $"Layer{index}InitialState";

    /// <summary>Opens the layer's method: x is its input, s the model's state buffer, t its scratch, image
    /// the aligned weight image, and reverse tells a streaming layer which way to walk its weights this step.</summary>
    public static void Open(CodeWriter w, int index, SimdFlavor flavor) => Open(w, index, flavor, fromProjection: false);

    /// <summary>
    /// Opens a recurrent layer's step method: the whole step from x, or with <paramref name="fromProjection"/>
    /// the recurrent half only, starting from the input projection W_x x + b at p (sequence mode).
    /// </summary>
    public static void Open(CodeWriter w, int index, SimdFlavor flavor, bool fromProjection, StreamLoop? streams = null)
    {
        if (streams is not null)
        {
            // s, t and x are bound per stream inside the method's stream loops.
            w.Line($"private static void {StreamLoop.MethodName(MethodName(index, flavor))}<TStreams>({streams.Parameters}, ref float batchInputs, ref float image, bool reverse)");
            w.Open($"    {StreamLoop.Constraint}");
            return;
        }

        w.Open(fromProjection
            ? $"private static void {RecurrenceName(index, flavor)}(ref float p, ref float s, ref float t, ref float image, bool reverse)"
            : $"private static void {MethodName(index, flavor)}(ref float x, ref float s, ref float t, ref float image, bool reverse)");
    }

    /// <summary>
    /// Writes a layer's products: once in order for a layer that fits in L1 (or on the scalar path), and
    /// for a streaming layer both ways, chosen by <c>reverse</c>. A layer whose weights outgrow L1 walks its
    /// row blocks forward on one step and backward on the next: the blocks it read last are still in L1 when
    /// the next step starts with them, so only the rest comes from L2 (a cyclic walk in one direction would
    /// evict each block just before its next use). Blocks are independent: results are bit-identical.
    /// </summary>
    public static void Products(CodeWriter w, LayerPlan layer, SimdFlavor flavor, System.Action<bool> products)
    {
        if (flavor.IsScalar || !CodeShape.IsStreaming(layer))
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
        w.Line($"ref float {weights} = ref Unsafe.Add(ref image, {WeightsName(index, matrix)});");
        w.Line($"ref float {bias} = ref Unsafe.Add(ref image, {BiasName(index, matrix)});");
    }

    public static string At(string reference, int offset) => offset == 0 ? reference : $"Unsafe.Add(ref {reference}, {offset})";

    /// <summary>
    /// Writes element-wise code once per vector of units: written out for a few vectors, a loop with constant
    /// bounds beyond <see cref="CodeShape.UnrollUnitVectorsUpTo"/>. <paramref name="body"/> gets a function
    /// from an offset to the <c>nuint</c> expression "unit + offset".
    /// </summary>
    public static void ForEachUnitVector(CodeWriter w, SimdFlavor flavor, int padded, System.Action<System.Func<int, string>> body)
    {
        if (padded / flavor.Width <= CodeShape.UnrollUnitVectorsUpTo)
        {
            for (int k = 0; k < padded; k += flavor.Width)
            {
                int unit = k;
                using (w.Block($"// units {k}..{k + flavor.Width - 1}"))
                    body(offset => (unit + offset).ToString());
            }

            return;
        }

        using (w.Block($"for (nuint k = 0; k < {padded}; k += {flavor.Width})"))
            body(offset => offset == 0 ? "k" : $"k + {offset}");
    }

    /// <summary>The activation operator's type alias for a layer's activation.</summary>
    public static string Operator(Activation activation) => activation switch
    {
        Activation.Relu => "Relu",
        Activation.Tanh => "Tanh",
        Activation.Sigmoid => "Sigmoid",
        _ => "",
    };
}
