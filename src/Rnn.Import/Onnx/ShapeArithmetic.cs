using System;
using System.Linq;

namespace Rnn.Import.Onnx;

/// <summary>
/// Mul, Equal and Where on shape vectors: torch.onnx.export's translation of <c>expand(-1, batch, -1)</c>
/// replaces each -1 by 1 with <c>Where(Equal(shape, ConstantOfShape(1) * -1), 1, shape)</c>. A run-time size is
/// never negative, so comparing it with a negative number is known to be false.
/// </summary>
internal static class ShapeArithmetic
{
    public static GraphValue[]? TryTrace(OnnxNode node) => node.OpType switch
    {
        "Mul" when node.Input(0) is IntVector && node.Input(1) is IntVector => [Elementwise(node, Multiply)],
        "Equal" when node.Input(0) is IntVector && node.Input(1) is IntVector => [Elementwise(node, Equal)],
        "Where" when node.Input(0) is IntVector && node.Input(1) is IntVector && node.Input(2) is IntVector => [Where(node)],
        _ => null,
    };

    private static Dim? Multiply(Dim a, Dim b) =>
        a.IsKnown && b.IsKnown ? Dim.Known(a.Value * b.Value)
        : a.IsKnown && a.Value == 1 ? b
        : b.IsKnown && b.Value == 1 ? a
        : null;

    /// <summary>1 for equal, 0 for different (ONNX's bool as an integer); null when only the run-time sizes could tell.</summary>
    private static Dim? Equal(Dim a, Dim b) =>
        a.IsKnown && b.IsKnown ? Dim.Known(a.Value == b.Value ? 1 : 0)
        : !a.IsKnown && !b.IsKnown && a.Symbol == b.Symbol ? Dim.Known(1)
        : (a.IsKnown && a.Value < 0) || (b.IsKnown && b.Value < 0) ? Dim.Known(0)
        : null;

    private static IntVector Elementwise(OnnxNode node, Func<Dim, Dim, Dim?> op)
    {
        node.OnlyAttributes();
        var a = (IntVector)node.Input(0)!;
        var b = (IntVector)node.Input(1)!;
        int n = Length(node, a, b);
        var items = new Dim[n];
        for (int i = 0; i < n; i++)
        {
            Dim x = Item(a, i), y = Item(b, i);
            items[i] = op(x, y) ?? throw node.Error($"cannot compute {x} and {y} at import time (it depends on sizes known only at run time)");
        }

        return new IntVector(items, a.IsScalar && b.IsScalar);
    }

    private static IntVector Where(OnnxNode node)
    {
        node.OnlyAttributes();
        var condition = (IntVector)node.Input(0)!;
        var x = (IntVector)node.Input(1)!;
        var y = (IntVector)node.Input(2)!;
        int n = Math.Max(Length(node, condition, x), Length(node, condition, y));
        var items = new Dim[n];
        for (int i = 0; i < n; i++)
        {
            var c = Item(condition, i);
            if (!c.IsKnown)
                throw node.Error("input 0 (condition) must be known at import time");
            items[i] = c.Value != 0 ? Item(x, i) : Item(y, i);
        }

        return new IntVector(items, condition.IsScalar && x.IsScalar && y.IsScalar);
    }

    /// <summary>The broadcast length of two vectors (equal, or one of them a scalar or of length 1).</summary>
    private static int Length(OnnxNode node, IntVector a, IntVector b)
    {
        int m = a.Items.Length, n = b.Items.Length;
        if (m != n && m != 1 && n != 1)
            throw node.Error($"shape vectors of lengths {m} and {n} do not broadcast");
        return Math.Max(m, n);
    }

    private static Dim Item(IntVector v, int i) => v.Items.Length == 1 ? v.Items[0] : v.Items[i];
}
