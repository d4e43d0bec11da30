using System.Collections.Generic;
using System.Linq;

namespace Rnn.Import.Onnx;

/// <summary>
/// Reshape on the run-time data, accepted only as a pure relayout: the time and batch axes stay, in order,
/// and between them feature axes are merged or split where they are adjacent in the per-step vector
/// (torch.onnx.export's [T, dirs, batch, H] → Transpose → [T, batch, dirs·H] between stacked layers).
/// </summary>
internal static class Relayout
{
    public static GraphValue Reshape(OnnxNode node, SequenceAxes axes)
    {
        node.OnlyAttributes("allowzero", "shape");
        var data = node.Input(0);
        if (data is FilledValue filled)
            return filled;
        if (data is IntVector { IsScalar: false } vector && node.Input(1) is IntVector { Items.Length: 1 } flat
            && flat.Items[0] is { IsKnown: true } n && (n.Value == -1 || n.Value == vector.Items.Length))
            return vector; // a shape vector reshaped to [-1]: the same vector
        if (data is not SequenceValue sequence)
            throw node.Error($"Reshape is supported on the run-time data only; input 0 is {(data is null ? "missing" : OnnxNode.Describe(data))}");
        Dim[] target = node.Opset >= 5
            ? node.Required<IntVector>(1, "shape").Items
            : (node.Ints("shape") ?? throw node.Error("needs attribute shape")).Select(Dim.Known).ToArray();
        string shown = "[" + string.Join(", ", target) + "]";
        bool allowZero = node.Int("allowzero", 0) == 1;

        // Each target entry as a sequence axis (its symbol) or a feature size; -1 is inferred below.
        var wanted = new List<(int Symbol, long Size)>();
        int infer = -1;
        for (int i = 0; i < target.Length; i++)
        {
            var d = target[i];
            if (!d.IsKnown)
                wanted.Add((d.Symbol, 0));
            else if (d.Value == 0 && !allowZero && i < sequence.Rank)
                wanted.Add(sequence.Axes[i].IsFeature ? (Dim.NoSymbol, sequence.Axes[i].Size) : (sequence.Axes[i].Symbol, 0));
            else if (d.Value == -1 && infer < 0)
            {
                infer = i;
                wanted.Add((Dim.NoSymbol, -1));
            }
            else if (d.Value > 0)
                wanted.Add((Dim.NoSymbol, d.Value));
            else
                throw node.Error($"shape {shown} is not supported for {sequence.Describe()}");
        }

        var symbolsIn = sequence.Axes.Where(a => !a.IsFeature).Select(a => a.Symbol);
        var symbolsOut = wanted.Where(w => w.Symbol != Dim.NoSymbol).Select(w => w.Symbol);
        if (!symbolsIn.SequenceEqual(symbolsOut))
            throw node.Error($"reshaping {sequence.Describe()} to {shown} would merge, split or reorder the time and batch axes; only the feature axes may change");
        if (infer >= 0)
        {
            long known = wanted.Where((w, i) => i != infer && w.Symbol == Dim.NoSymbol).Aggregate(1L, (p, w) => p * w.Size);
            if (known == 0 || sequence.Stream.Features % known != 0)
                throw node.Error($"shape {shown} does not divide the {sequence.Stream.Features} features of {sequence.Describe()}");
            wanted[infer] = (Dim.NoSymbol, sequence.Stream.Features / known);
        }

        // Segment by segment (the feature axes between two sequence axes), merge the input's and split into the output's.
        var result = new List<Axis>();
        int inAt = 0, outAt = 0;
        while (true)
        {
            var inFeatures = new List<Axis>();
            while (inAt < sequence.Rank && sequence.Axes[inAt].IsFeature)
                inFeatures.Add(sequence.Axes[inAt++]);
            var outSizes = new List<long>();
            while (outAt < wanted.Count && wanted[outAt].Symbol == Dim.NoSymbol)
                outSizes.Add(wanted[outAt++].Size);
            result.AddRange(Split(node, sequence, shown, inFeatures, outSizes));
            if (inAt == sequence.Rank)
                break;
            result.Add(sequence.Axes[inAt++]);
            outAt++;
        }

        return sequence.With(sequence.Stream, result.ToArray());
    }

    private static IEnumerable<Axis> Split(OnnxNode node, SequenceValue sequence, string shown, List<Axis> inFeatures, List<long> outSizes)
    {
        long inProduct = inFeatures.Aggregate(1L, (p, a) => p * a.Size), outProduct = outSizes.Aggregate(1L, (p, s) => p * s);
        if (inProduct != outProduct)
            throw node.Error($"reshaping {sequence.Describe()} to {shown} would move features across the time or batch axes");
        var significant = inFeatures.Where(a => a.Size != 1).ToList();
        for (int k = 0; k + 1 < significant.Count; k++)
        {
            if (significant[k].Stride != significant[k + 1].Stride * significant[k + 1].Size)
                throw node.Error($"reshaping {sequence.Describe()} to {shown} merges feature axes that are not adjacent in the per-step vector (a Transpose before it reorders them)");
        }

        long stride = significant.Count > 0 ? significant[^1].Stride : 1;
        var axes = new Axis[outSizes.Count];
        for (int j = outSizes.Count - 1; j >= 0; j--)
        {
            axes[j] = Axis.Feature(outSizes[j], stride);
            stride *= outSizes[j];
        }

        return axes;
    }
}
