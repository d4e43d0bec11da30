using System;
using System.Numerics;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Numerics;

namespace Rnn.Trainer.Layers;

/// <summary>
/// Dense layer applied at every step, PyTorch's nn.Linear layout: W [O, I], b [O]; y = act(W x + b) with
/// act linear, tanh, relu or sigmoid. (A softmax head trains as linear logits under the softmax
/// cross-entropy loss and is exported with softmax.)
/// </summary>
internal sealed class DenseLayer<T>(int inputSize, int units, Activation activation) : Layer<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _i = inputSize, _o = units;
    private readonly T[] _weightT = new T[inputSize * units];
    private T[] _output = [];

    public Activation Activation { get; } = activation is Activation.Linear or Activation.Tanh or Activation.Relu or Activation.Sigmoid
        ? activation : throw new ArgumentException("A dense layer trains with a linear, tanh, relu or sigmoid activation.", nameof(activation));

    public override int InputSize => _i;

    public override int OutputSize => _o;

    public override int ParameterCount => _o * _i + _o;

    public override void Initialize(Span<T> parameters, Random random) => Uniform(parameters, random, 1 / Math.Sqrt(_i));

    public override void Reserve(int steps, int batch) => _output = Grow(_output, steps * batch * _o);

    public override void Forward(ReadOnlySpan<T> p, ReadOnlySpan<T> x, Span<T> y, Span<T> state, int steps, int batch)
    {
        int rows = steps * batch;
        MatrixOps.Transpose(p[..(_o * _i)], _weightT, _o, _i);
        var output = y[..(rows * _o)];
        MatrixOps.FillRows(output, p.Slice(_o * _i, _o), default, rows);
        Gemm.MultiplyAdd<T>(x, _weightT, output, rows, _i, _o);
        switch (Activation)
        {
            case Activation.Tanh: Activations.Tanh(output); break;
            case Activation.Relu: Activations.Relu(output); break;
            case Activation.Sigmoid: Activations.Sigmoid(output); break;
        }

        output.CopyTo(_output);
    }

    public override void Backward(ReadOnlySpan<T> p, Span<T> grad, ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, Span<T> dState, int steps, int batch)
    {
        int rows = steps * batch;
        var da = dy[..(rows * _o)];
        for (int k = 0; k < da.Length; k++)
        {
            T v = _output[k];
            da[k] = Activation switch
            {
                Activation.Tanh => da[k] * (T.One - v * v),
                Activation.Relu => v > T.Zero ? da[k] : T.Zero,
                Activation.Sigmoid => da[k] * v * (T.One - v),
                _ => da[k],
            };
        }

        Gemm.TransposedMultiplyAdd<T>(da, x, grad[..(_o * _i)], _o, rows, _i);
        MatrixOps.AddColumnSums<T>(da, grad.Slice(_o * _i, _o), rows);
        if (dx.IsEmpty)
            return;
        dx.Clear();
        Gemm.MultiplyAdd<T>(da, p[..(_o * _i)], dx, rows, _o, _i);
    }
}
