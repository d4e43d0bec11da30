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
    private readonly T[] _weightIhT = new T[inputSize * 3 * hiddenSize], _weightHhT = new T[hiddenSize * 3 * hiddenSize];
    private T[] _gates = [], _hiddenGates = [], _hidden = [], _gradInputGates = [], _gradHiddenGates = [], _gradHidden = [];

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
        _gates = Grow(_gates, rows * 3 * _h);
        _hiddenGates = Grow(_hiddenGates, rows * 3 * _h);
        _gradInputGates = Grow(_gradInputGates, rows * 3 * _h);
        _gradHiddenGates = Grow(_gradHiddenGates, rows * 3 * _h);
        _hidden = Grow(_hidden, (rows + batch) * _h);
        _gradHidden = Grow(_gradHidden, batch * _h);
    }

    public override void Forward(ReadOnlySpan<T> p, ReadOnlySpan<T> x, Span<T> y, Span<T> state, int steps, int batch)
    {
        int h = _h, g3 = 3 * h, rows = steps * batch;
        MatrixOps.Transpose(p[..WeightHh], _weightIhT, g3, _i);
        MatrixOps.Transpose(p.Slice(WeightHh, g3 * h), _weightHhT, g3, h);
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
            Gemm.MultiplyAdd<T>(hPrev, _weightHhT, ht, batch, h, g3);
            for (int b = 0; b < batch; b++)
            {
                var g = gt.Slice(b * g3, g3);
                var hg = ht.Slice(b * g3, g3);
                for (int j = 0; j < 2 * h; j++)
                    g[j] += hg[j];
                Activations.Sigmoid(g[..(2 * h)]);
                for (int j = 0; j < h; j++)
                    g[2 * h + j] += g[j] * hg[2 * h + j];
                Activations.Tanh(g.Slice(2 * h, h));
            }

            var hNext = _hidden.AsSpan((t + 1) * batch * h, batch * h);
            for (int b = 0; b < batch; b++)
            {
                var g = gt.Slice(b * g3, g3);
                for (int j = 0; j < h; j++)
                {
                    T z = g[h + j];
                    hNext[b * h + j] = (T.One - z) * g[2 * h + j] + z * hPrev[b * h + j];
                }
            }
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
        ReadOnlySpan<T> weightHh = p.Slice(WeightHh, g3 * h);
        for (int t = steps - 1; t >= 0; t--)
        {
            var gt = _gates.AsSpan(t * batch * g3, batch * g3);
            var ht = _hiddenGates.AsSpan(t * batch * g3, batch * g3);
            var hPrev = _hidden.AsSpan(t * batch * h, batch * h);
            var dyt = dy.Slice(t * batch * h, batch * h);
            var dit = dInput.Slice(t * batch * g3, batch * g3);
            var dht = dHidden.Slice(t * batch * g3, batch * g3);
            for (int b = 0; b < batch; b++)
            {
                for (int j = 0; j < h; j++)
                {
                    int k = b * h + j, q = b * g3 + j;
                    T r = gt[q], z = gt[q + h], n = gt[q + 2 * h], hn = ht[q + 2 * h];
                    T dhk = dyt[k] + dh[k];
                    T dan = dhk * (T.One - z) * (T.One - n * n);      // h' = (1 − z) n + z h,  n = tanh(a_n)
                    T dar = dan * hn * r * (T.One - r);                // a_n = … + r ⊙ (W_hn h + b_hn)
                    T daz = dhk * (hPrev[k] - n) * z * (T.One - z);
                    dit[q] = dar; dit[q + h] = daz; dit[q + 2 * h] = dan;
                    dht[q] = dar; dht[q + h] = daz; dht[q + 2 * h] = dan * r;
                    dh[k] = dhk * z;                                   // the direct path z ⊙ h
                }
            }

            Gemm.MultiplyAdd(dht, weightHh, dh, batch, g3, h);
        }

        dh.CopyTo(dState);
        AccumulateRecurrent(p, grad, x, _hidden.AsSpan(0, rows * h), dInput, dHidden, dx, rows, g3, _i, h);
    }
}
