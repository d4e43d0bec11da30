using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// Learned initial states (descriptor v2 <c>initial_h</c>, <c>initial_c</c>): a default model and
/// <c>Reset</c> leave <c>_started</c> false, and the first step or run loads every pass's initial state from
/// the weight image. One predictable branch per call, nothing in the loops; v1 models have none of it.
/// A whole-sequence model loads it at the start of every Run and needs no flag.
/// </summary>
internal static class InitialStateEmitter
{
    /// <summary>The <c>Start</c> method: zeros, then each pass's initial state over its state region.</summary>
    public static void Emit(CodeWriter w, NetworkPlan plan)
    {
        w.Line();
        w.Line("/// <summary>Loads the learned initial state (zeros for layers without one).</summary>");
        using (w.Block("private void Start()"))
        {
            w.Line("_state = default;");
            w.Line("ref float s = ref _state[0];");
            w.Line("ref float image = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(WeightImage.Data), WeightImage.Start);");
            for (int l = 0; l < plan.Layers.Count; l++)
            {
                var layer = plan.Layers[l];
                if (layer.Cell is not { InitialState.Count: > 0 } cell)
                    continue;
                int length = cell.InitialState.Count;
                w.Line($"MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref image, {LayerEmitter.InitialStateName(l)}), {length}).CopyTo(MemoryMarshal.CreateSpan(ref {LayerEmitter.At("s", layer.StateOffset)}, {length})); // {LayerEmitter.Label(layer)}");
            }

            if (plan.TracksStart)
                w.Line("_started = true;");
        }
    }

    /// <summary>The check at the top of each Step and Run.</summary>
    public static void EmitCheck(CodeWriter w)
    {
        w.Line("if (!_started)");
        w.Line("    Start();");
    }
}
