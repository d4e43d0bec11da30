using System;
using System.Numerics;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// Elman RNN, PyTorch's layout: W_ih [H, I], W_hh [H, H], b_ih [H], b_hh [H];
///   h' = act(W_ih x + b_ih + W_hh h + b_hh), act = tanh or relu.
/// </summary>
internal sealed class ElmanLayer<T>(int inputSize, int hiddenSize, Activation nonlinearity) : Layer<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _i = inputSize, _h = hiddenSize;
    private readonly T[] _weightIhT = new T[inputSize * hiddenSize];
    private readonly RecurrentWeights<T> _weightHh = new(hiddenSize, hiddenSize);
    private AlignedBuffer<T> _hidden = AlignedBuffer<T>.Empty, _gradPre = AlignedBuffer<T>.Empty, _gradHidden = AlignedBuffer<T>.Empty;

    public Activation Nonlinearity { get; } = nonlinearity is Activation.Tanh or Activation.Relu
        ? nonlinearity : throw new ArgumentException("An Elman layer's nonlinearity is tanh or relu.", nameof(nonlinearity));

    public override int InputSize => _i;

    public override int OutputSize => _h;

    public override int ParameterCount => _h * (_i + _h) + 2 * _h;

    public override int StateSize => _h;

    private int WeightHh => _h * _i;

    private int BiasIh => WeightHh + _h * _h;

    private int BiasHh => BiasIh + _h;

    public override void Initialize(Span<T> parameters, Random random) => Uniform(parameters, random, 1 / Math.Sqrt(_h));

    public override void Reserve(int steps, int batch)
    {
        int rows = steps * batch;
        _hidden = AlignedBuffer<T>.Grow(_hidden, (rows + batch) * _h);
        _gradPre = AlignedBuffer<T>.Grow(_gradPre, rows * _h);
        _gradHidden = AlignedBuffer<T>.Grow(_gradHidden, batch * _h);
    }

    public override void Forward(ReadOnlySpan<T> p, ReadOnlySpan<T> x, Span<T> y, Span<T> state, int steps, int batch)
    {
        int h = _h, rows = steps * batch;
        MatrixOps.Transpose(p[..WeightHh], _weightIhT, h, _i);
        _weightHh.Load(p.Slice(WeightHh, h * h));
        state[..(batch * h)].CopyTo(_hidden);

        // Pre-activations of every step land where the hidden states go: h[1..T] = b + x · W_ihᵀ, then + W_hh h per step.
        var pre = _hidden.AsSpan(batch * h, rows * h);
        MatrixOps.FillRows(pre, p.Slice(BiasIh, h), p.Slice(BiasHh, h), rows);
        Gemm.MultiplyAdd<T>(x, _weightIhT, pre, rows, _i, h);
        for (int t = 0; t < steps; t++)
        {
            var hNext = _hidden.AsSpan((t + 1) * batch * h, batch * h);
            _weightHh.AddForward(_hidden.AsSpan(t * batch * h, batch * h), hNext, batch);
            if (Nonlinearity == Activation.Tanh)
                Activations.Tanh(hNext);
            else
                Activations.Relu(hNext);
        }

        pre.CopyTo(y);
        _hidden.AsSpan(rows * h, batch * h).CopyTo(state);
    }

    public override void Backward(ReadOnlySpan<T> p, Span<T> grad, ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, Span<T> dState, int steps, int batch)
    {
        int h = _h, rows = steps * batch;
        var dh = _gradHidden.AsSpan(0, batch * h);
        dState[..(batch * h)].CopyTo(dh);
        var dPre = _gradPre.AsSpan(0, rows * h);
        for (int t = steps - 1; t >= 0; t--)
        {
            var hNext = _hidden.AsSpan((t + 1) * batch * h, batch * h);
            var dpt = dPre.Slice(t * batch * h, batch * h);
            var dyt = dy.Slice(t * batch * h, batch * h);
            for (int k = 0; k < batch * h; k++)
            {
                T v = hNext[k], d = dyt[k] + dh[k];
                // tanh' = 1 − h'², relu' = [h' > 0]
                dpt[k] = Nonlinearity == Activation.Tanh ? d * (T.One - v * v) : (v > T.Zero ? d : T.Zero);
            }

            dh.Clear();
            _weightHh.AddBackward(dpt, dh, batch);
        }

        dh.CopyTo(dState);
        AccumulateRecurrent(p, grad, x, _hidden.AsSpan(0, rows * h), dPre, dPre, dx, rows, h, _i, h);
    }
}
