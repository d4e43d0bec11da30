using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>Descriptor v2's residual skip: y_t[j] += x_t[j] for j &lt; k, with x the raw input (before normalisation).</summary>
internal static class SkipEmitter
{
    /// <param name="w">Where the code goes.</param>
    /// <param name="plan">The model (its <see cref="NetworkPlan.Skip"/> is k).</param>
    /// <param name="inputs">A <c>ref float</c> expression: the first raw input step.</param>
    /// <param name="outputs">A <c>ref float</c> expression: the first output step.</param>
    /// <param name="steps">Steps to add over (an expression).</param>
    public static void Emit(CodeWriter w, NetworkPlan plan, string inputs, string outputs, string steps)
    {
        using (w.Block($"// residual skip: y[j] += x[j] for j < {plan.Skip}, x the raw input"))
        {
            w.Line($"ref float skipInput = ref {inputs};");
            w.Line($"ref float skipOutput = ref {outputs};");
            if (steps == "1")
            {
                w.Line($"for (int j = 0; j < {plan.Skip}; j++)");
                w.Line("    Unsafe.Add(ref skipOutput, j) += Unsafe.Add(ref skipInput, j);");
                return;
            }

            w.Line($"for (int step = 0; step < {steps}; step++)");
            w.Line($"    for (int j = 0; j < {plan.Skip}; j++)");
            w.Line("        Unsafe.Add(ref skipOutput, step * OutputSize + j) += Unsafe.Add(ref skipInput, step * InputSize + j);");
        }
    }
}
