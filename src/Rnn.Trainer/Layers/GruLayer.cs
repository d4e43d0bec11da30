using System;
using System.Numerics;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// GRU, PyTorch's equations and layout: W_ih [3H, I], W_hh [3H, H], b_ih [3H], b_hh [3H], gates r, z, n.
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h
/// </summary>
internal sealed class GruLayer<T>(int inputSize, int hiddenSize) : Layer<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _i = inputSize, _h = hiddenSize;
    private readonly T[] _weightIhT = new T[inputSize * 3 * hiddenSize];
    private readonly RecurrentWeights<T> _weightHh = new(3 * hiddenSize, hiddenSize);
    private AlignedBuffer<T> _gates = AlignedBuffer<T>.Empty, _hiddenGates = AlignedBuffer<T>.Empty, _hidden = AlignedBuffer<T>.Empty;
    private AlignedBuffer<T> _gradInputGates = AlignedBuffer<T>.Empty, _gradHiddenGates = AlignedBuffer<T>.Empty, _gradHidden = AlignedBuffer<T>.Empty;

    public override int InputSize => _i;

    public override int OutputSize => _h;

    public override int ParameterCount => 3 * _h * (_i + _h) + 6 * _h;

    public override int StateSize => _h;

    private int WeightHh => 3 * _h * _i;

    private int BiasIh => WeightHh + 3 * _h * _h;

    private int BiasHh => BiasIh + 3 * _h;

    public override void Initialize(Span<T> parameters, Random random) => Uniform(parameters, random, 1 / Math.Sqrt(_h));

    public override void Reserve(int steps, int batch)
    {
        int rows = steps * batch;
        _gates = AlignedBuffer<T>.Grow(_gates, rows * 3 * _h);
        _hiddenGates = AlignedBuffer<T>.Grow(_hiddenGates, rows * 3 * _h);
        _gradInputGates = AlignedBuffer<T>.Grow(_gradInputGates, rows * 3 * _h);
        _gradHiddenGates = AlignedBuffer<T>.Grow(_gradHiddenGates, rows * 3 * _h);
        _hidden = AlignedBuffer<T>.Grow(_hidden, (rows + batch) * _h);
        _gradHidden = AlignedBuffer<T>.Grow(_gradHidden, batch * _h);
    }

    public override void Forward(ReadOnlySpan<T> p, ReadOnlySpan<T> x, Span<T> y, Span<T> state, int steps, int batch)
    {
        int h = _h, g3 = 3 * h, rows = steps * batch;
        MatrixOps.Transpose(p[..WeightHh], _weightIhT, g3, _i);
        _weightHh.Load(p.Slice(WeightHh, g3 * h));
        state[..(batch * h)].CopyTo(_hidden);

        // Input halves of every gate for every step at once: b_ih + x · W_ihᵀ.
        var gates = _gates.AsSpan(0, rows * g3);
        MatrixOps.FillRows(gates, p.Slice(BiasIh, g3), default, rows);
        Gemm.MultiplyAdd<T>(x, _weightIhT, gates, rows, _i, g3);

        for (int t = 0; t < steps; t++)
        {
            var gt = gates.Slice(t * batch * g3, batch * g3);
            var ht = _hiddenGates.AsSpan(t * batch * g3, batch * g3); // b_hh + W_hh h, kept for backward (r multiplies its n part)
            var hPrev = _hidden.AsSpan(t * batch * h, batch * h);
            MatrixOps.FillRows(ht, p.Slice(BiasHh, g3), default, batch);
            _weightHh.AddForward(hPrev, ht, batch);
            GruGateMath.Forward(gt, ht, hPrev, _hidden.AsSpan((t + 1) * batch * h, batch * h), batch, h);
        }

        _hidden.AsSpan(batch * h, rows * h).CopyTo(y);
        _hidden.AsSpan(rows * h, batch * h).CopyTo(state);
    }

    public override void Backward(ReadOnlySpan<T> p, Span<T> grad, ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, Span<T> dState, int steps, int batch)
    {
        int h = _h, g3 = 3 * h, rows = steps * batch;
        var dh = _gradHidden.AsSpan(0, batch * h);
        dState[..(batch * h)].CopyTo(dh);
        var dInput = _gradInputGates.AsSpan(0, rows * g3);
        var dHidden = _gradHiddenGates.AsSpan(0, rows * g3);
        for (int t = steps - 1; t >= 0; t--)
        {
            var gt = _gates.AsSpan(t * batch * g3, batch * g3);
            var ht = _hiddenGates.AsSpan(t * batch * g3, batch * g3);
            var hPrev = _hidden.AsSpan(t * batch * h, batch * h);
            var dyt = dy.Slice(t * batch * h, batch * h);
            var dit = dInput.Slice(t * batch * g3, batch * g3);
            var dht = dHidden.Slice(t * batch * g3, batch * g3);
            GruGateMath.Backward(gt, ht, hPrev, dyt, dh, dit, dht, batch, h);
            _weightHh.AddBackward(dht, dh, batch);
        }

        dh.CopyTo(dState);
        AccumulateRecurrent(p, grad, x, _hidden.AsSpan(0, rows * h), dInput, dHidden, dx, rows, g3, _i, h);
    }
}
