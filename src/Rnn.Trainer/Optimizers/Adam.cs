using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Optimizers;

/// <summary>
/// Adam as torch.optim.Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr · m̂ / (√v̂ + ε) with
/// m̂ = m / (1−β₁ᵗ), v̂ = v / (1−β₂ᵗ).
/// </summary>
public sealed class Adam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : Optimizer
{
    private readonly float[] _m = new float[parameterCount], _v = new float[parameterCount];
    private int _step;

    /// <inheritdoc/>
    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != _m.Length || gradients.Length != _m.Length)
            throw new ArgumentException($"Adam was made for {_m.Length} parameters, given {parameters.Length} and {gradients.Length} gradients.");
        _step++;
        double correction1 = 1 - Math.Pow(beta1, _step), correction2 = 1 - Math.Pow(beta2, _step);
        var step = new Update(parameters, gradients, _m, _v, (float)beta1, (float)beta2, (float)(learningRate / correction1),
            (float)Math.Sqrt(correction2), (float)epsilon);
        LaneKernel.Run<UpdateKernel, Update, float>(step, 1, _m.Length);
    }

    // Parameters [from, returned), TL.Count at a time; the same operations in the same order on every width.
    private readonly struct UpdateKernel : ILaneKernel<Update, float>
    {
        public static int Run<TV, TL>(scoped in Update u, int rows, int from)
            where TV : struct
            where TL : ISimdLanes<TV, float>
        {
            TV b1 = TL.Broadcast(u.Beta1), b2 = TL.Broadcast(u.Beta2), c1 = TL.Broadcast(1 - u.Beta1), c2 = TL.Broadcast(1 - u.Beta2);
            TV stepSize = TL.Broadcast(u.StepSize), rootCorrection2 = TL.Broadcast(u.RootCorrection2), eps = TL.Broadcast(u.Epsilon);
            int k = from;
            for (; k + TL.Count <= u.Length; k += TL.Count)
            {
                TV g = TL.Load(ref Unsafe.Add(ref u.Gradients, k));
                ref float mk = ref Unsafe.Add(ref u.M, k);
                ref float vk = ref Unsafe.Add(ref u.V, k);
                TV m = TL.Add(TL.Multiply(b1, TL.Load(ref mk)), TL.Multiply(c1, g));                  // m ← β₁m + (1−β₁)g
                TV v = TL.Add(TL.Multiply(b2, TL.Load(ref vk)), TL.Multiply(TL.Multiply(c2, g), g));  // v ← β₂v + (1−β₂)g²
                TL.Store(m, ref mk);
                TL.Store(v, ref vk);
                ref float pk = ref Unsafe.Add(ref u.Parameters, k);                                   // p ← p − lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)
                TL.Store(TL.Subtract(TL.Load(ref pk), TL.Divide(TL.Multiply(stepSize, m), TL.Add(TL.Divide(TL.Sqrt(v), rootCorrection2), eps))), ref pk);
            }

            return k;
        }
    }

    private readonly ref struct Update(Span<float> parameters, ReadOnlySpan<float> gradients, float[] m, float[] v,
        float beta1, float beta2, float stepSize, float rootCorrection2, float epsilon)
    {
        public readonly ref float Parameters = ref MemoryMarshal.GetReference(parameters);
        public readonly ref float Gradients = ref MemoryMarshal.GetReference(gradients);
        public readonly ref float M = ref MemoryMarshal.GetArrayDataReference(m);
        public readonly ref float V = ref MemoryMarshal.GetArrayDataReference(v);
        public readonly int Length = m.Length;
        public readonly float Beta1 = beta1, Beta2 = beta2, StepSize = stepSize, RootCorrection2 = rootCorrection2, Epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override float[] SaveState()
    {
        var state = new float[1 + 2 * _m.Length];
        state[0] = _step;
        _m.CopyTo(state, 1);
        _v.CopyTo(state, 1 + _m.Length);
        return state;
    }

    /// <inheritdoc/>
    public override void LoadState(ReadOnlySpan<float> state)
    {
        if (state.Length != 1 + 2 * _m.Length)
            throw new ArgumentException($"An Adam state for {_m.Length} parameters has {1 + 2 * _m.Length} values, found {state.Length}.", nameof(state));
        _step = (int)state[0];
        state.Slice(1, _m.Length).CopyTo(_m);
        state.Slice(1 + _m.Length, _v.Length).CopyTo(_v);
    }
}
