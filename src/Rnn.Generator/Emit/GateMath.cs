using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>
/// The expressions every cell shares for descriptor v2's gate settings, as scalar or vector code:
/// clip(x) = min(max(x, -clip), clip) on every gate pre-activation, candidate included (ONNX); the gate
/// activation σ (sigmoid) or hard_sigmoid(x) = min(max(α x + β, 0), 1) with α, β as constants. With v1's
/// settings each is exactly the v1 expression, so v1 models generate the same code as before.
/// </summary>
internal static class GateMath
{
    /// <summary>σ(clip(<paramref name="preActivation"/>)) with the cell's gate activation.</summary>
    public static string Gate(SimdFlavor flavor, CellPlan? cell, string preActivation)
    {
        string x = Clip(flavor, cell, preActivation);
        if (cell is not { GateActivation: Activation.HardSigmoid })
            return $"Sigmoid.Invoke({x})";
        string alpha = FloatLiteral.Format(cell.HardSigmoidAlpha), beta = FloatLiteral.Format(cell.HardSigmoidBeta);
        return flavor.IsScalar
            ? $"global::System.Math.Clamp({alpha} * ({x}) + {beta}, 0f, 1f)"
            : $"{flavor.Name}.Clamp({flavor.Name}.MultiplyAddEstimate({x}, {flavor.Name}.Create({alpha}), {flavor.Name}.Create({beta})), {flavor.Name}.Create(0f), {flavor.Name}.Create(1f))";
    }

    /// <summary><paramref name="op"/>(clip(<paramref name="preActivation"/>)): the candidate's (or an Elman layer's) activation.</summary>
    public static string Activate(SimdFlavor flavor, CellPlan? cell, string op, string preActivation) =>
        $"{op}.Invoke({Clip(flavor, cell, preActivation)})";

    /// <summary>The pre-activation clamped to [-clip, clip] when the cell clips; unchanged otherwise.</summary>
    public static string Clip(SimdFlavor flavor, CellPlan? cell, string preActivation)
    {
        if (cell is not { Clips: true })
            return preActivation;
        string high = FloatLiteral.Format(cell.Clip), low = FloatLiteral.Format(-cell.Clip);
        return flavor.IsScalar
            ? $"global::System.Math.Clamp({preActivation}, {low}, {high})"
            : $"{flavor.Name}.Clamp({preActivation}, {flavor.Name}.Create({low}), {flavor.Name}.Create({high}))";
    }
}
