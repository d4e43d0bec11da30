using System;
using System.Numerics;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// LSTM, PyTorch's equations and layout: W_ih [4H, I], W_hh [4H, H], b_ih [4H], b_hh [4H], gates i, f, g, o.
///   i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of W_ih x + b_ih + W_hh h + b_hh
///   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
/// </summary>
internal sealed class LstmLayer<T>(int inputSize, int hiddenSize) : Layer<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _i = inputSize, _h = hiddenSize;
    private readonly T[] _weightIhT = new T[inputSize * 4 * hiddenSize];
    private readonly RecurrentWeights<T> _weightHh = new(4 * hiddenSize, hiddenSize);
    private AlignedBuffer<T> _gates = AlignedBuffer<T>.Empty, _hidden = AlignedBuffer<T>.Empty, _cell = AlignedBuffer<T>.Empty, _tanhCell = AlignedBuffer<T>.Empty;
    private AlignedBuffer<T> _gradGates = AlignedBuffer<T>.Empty, _gradHidden = AlignedBuffer<T>.Empty, _gradCell = AlignedBuffer<T>.Empty;

    public override int InputSize => _i;

    public override int OutputSize => _h;

    public override int ParameterCount => 4 * _h * (_i + _h) + 8 * _h;

    public override int StateSize => 2 * _h;

    private int WeightHh => 4 * _h * _i;

    private int BiasIh => WeightHh + 4 * _h * _h;

    private int BiasHh => BiasIh + 4 * _h;

    public override void Initialize(Span<T> parameters, Random random) => Uniform(parameters, random, 1 / Math.Sqrt(_h));

    public override void Reserve(int steps, int batch)
    {
        int rows = steps * batch;
        _gates = AlignedBuffer<T>.Grow(_gates, rows * 4 * _h);
        _gradGates = AlignedBuffer<T>.Grow(_gradGates, rows * 4 * _h);
        _hidden = AlignedBuffer<T>.Grow(_hidden, (rows + batch) * _h);
        _cell = AlignedBuffer<T>.Grow(_cell, (rows + batch) * _h);
        _tanhCell = AlignedBuffer<T>.Grow(_tanhCell, rows * _h);
        _gradHidden = AlignedBuffer<T>.Grow(_gradHidden, batch * _h);
        _gradCell = AlignedBuffer<T>.Grow(_gradCell, batch * _h);
    }

    public override void Forward(ReadOnlySpan<T> p, ReadOnlySpan<T> x, Span<T> y, Span<T> state, int steps, int batch)
    {
        int h = _h, g4 = 4 * h, rows = steps * batch;
        MatrixOps.Transpose(p[..WeightHh], _weightIhT, g4, _i);
        _weightHh.Load(p.Slice(WeightHh, g4 * h));
        for (int b = 0; b < batch; b++)
        {
            state.Slice(b * 2 * h, h).CopyTo(_hidden.AsSpan(b * h, h));
            state.Slice(b * 2 * h + h, h).CopyTo(_cell.AsSpan(b * h, h));
        }

        // gates[T·B, 4H] = b_ih + b_hh + x · W_ihᵀ for every step at once; W_hh · h is added per step below.
        var gates = _gates.AsSpan(0, rows * g4);
        MatrixOps.FillRows(gates, p.Slice(BiasIh, g4), p.Slice(BiasHh, g4), rows);
        Gemm.MultiplyAdd<T>(x, _weightIhT, gates, rows, _i, g4);

        for (int t = 0; t < steps; t++)
        {
            var gt = gates.Slice(t * batch * g4, batch * g4);
            var hPrev = _hidden.AsSpan(t * batch * h, batch * h);
            _weightHh.AddForward(hPrev, gt, batch);
            var cPrev = _cell.AsSpan(t * batch * h, batch * h);
            var c = _cell.AsSpan((t + 1) * batch * h, batch * h);
            var tanhC = _tanhCell.AsSpan(t * batch * h, batch * h);
            var hNext = _hidden.AsSpan((t + 1) * batch * h, batch * h);
            LstmGateMath.Forward(gt, cPrev, c, tanhC, hNext, batch, h);
        }

        _hidden.AsSpan(batch * h, rows * h).CopyTo(y);
        for (int b = 0; b < batch; b++)
        {
            _hidden.AsSpan((rows + b) * h, h).CopyTo(state.Slice(b * 2 * h, h));
            _cell.AsSpan((rows + b) * h, h).CopyTo(state.Slice(b * 2 * h + h, h));
        }
    }

    public override void Backward(ReadOnlySpan<T> p, Span<T> grad, ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, Span<T> dState, int steps, int batch)
    {
        int h = _h, g4 = 4 * h, rows = steps * batch;
        var dh = _gradHidden.AsSpan(0, batch * h);
        var dc = _gradCell.AsSpan(0, batch * h);
        for (int b = 0; b < batch; b++)
        {
            dState.Slice(b * 2 * h, h).CopyTo(dh.Slice(b * h, h));
            dState.Slice(b * 2 * h + h, h).CopyTo(dc.Slice(b * h, h));
        }

        var dGates = _gradGates.AsSpan(0, rows * g4);
        for (int t = steps - 1; t >= 0; t--)
        {
            var gt = _gates.AsSpan(t * batch * g4, batch * g4);
            var dgt = dGates.Slice(t * batch * g4, batch * g4);
            var cPrev = _cell.AsSpan(t * batch * h, batch * h);
            var tanhC = _tanhCell.AsSpan(t * batch * h, batch * h);
            var dyt = dy.Slice(t * batch * h, batch * h);
            LstmGateMath.Backward(gt, cPrev, tanhC, dyt, dh, dc, dgt, batch, h);

            // ∂h/∂h_prev through every gate: dh = dgates_t · W_hh
            dh.Clear();
            _weightHh.AddBackward(dgt, dh, batch);
        }

        for (int b = 0; b < batch; b++)
        {
            dh.Slice(b * h, h).CopyTo(dState.Slice(b * 2 * h, h));
            dc.Slice(b * h, h).CopyTo(dState.Slice(b * 2 * h + h, h));
        }

        AccumulateRecurrent(p, grad, x, _hidden.AsSpan(0, rows * h), dGates, dGates, dx, rows, g4, _i, h);
    }
}
