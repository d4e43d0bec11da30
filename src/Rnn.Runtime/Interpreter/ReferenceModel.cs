using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// The plain oracle: PyTorch's equations written out line by line in double precision, reading the
/// descriptor's weights in PyTorch's own layout. Slow and allocation-happy on purpose; every fast path
/// (interpreter, generated code, trainer forward pass) is tested against it.
/// </summary>
public sealed class ReferenceModel
{
    private readonly ModelDescriptor _descriptor;
    private readonly double[][] _hidden;
    private readonly double[][] _cell;

    /// <summary>Creates the oracle for a descriptor, with zero state.</summary>
    public ReferenceModel(ModelDescriptor descriptor)
    {
        _descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        _hidden = new double[descriptor.Layers.Count][];
        _cell = new double[descriptor.Layers.Count][];
        Reset();
    }

    /// <summary>Zeroes all state.</summary>
    public void Reset()
    {
        for (int l = 0; l < _descriptor.Layers.Count; l++)
        {
            _hidden[l] = new double[_descriptor.Layers[l].OutputSize];
            _cell[l] = new double[_descriptor.Layers[l].OutputSize];
        }
    }

    /// <summary>One time step; returns the model's outputs in double precision.</summary>
    public double[] Step(ReadOnlySpan<float> input)
    {
        if (input.Length != _descriptor.InputSize)
            throw new ArgumentException($"Expected an input of {_descriptor.InputSize} values, found {input.Length}.", nameof(input));
        var x = new double[input.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = input[i];
        if (_descriptor.InputNormalization is { } n)
        {
            for (int i = 0; i < x.Length; i++)
                x[i] = (x[i] - n.MeanArray[i]) / n.StdArray[i];
        }

        for (int l = 0; l < _descriptor.Layers.Count; l++)
        {
            x = _descriptor.Layers[l] switch
            {
                RecurrentLayerDescriptor { Kind: LayerKind.Lstm } lstm => Lstm(lstm, x, _hidden[l], _cell[l]),
                RecurrentLayerDescriptor { Kind: LayerKind.Gru } gru => Gru(gru, x, _hidden[l]),
                RecurrentLayerDescriptor rnn => Elman(rnn, x, _hidden[l]),
                DenseLayerDescriptor dense => Dense(dense, x),
                _ => throw new InvalidOperationException("unknown layer"),
            };
        }

        return x;
    }

    // W[row, :] · v over a row-major matrix with v.Length columns.
    private static double Dot(float[] w, int row, double[] v)
    {
        double sum = 0;
        for (int j = 0; j < v.Length; j++)
            sum += w[row * v.Length + j] * v[j];
        return sum;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double[] Lstm(RecurrentLayerDescriptor p, double[] x, double[] h, double[] c)
    {
        int hs = p.HiddenSize;
        var hPrev = (double[])h.Clone();
        for (int k = 0; k < hs; k++)
        {
            double Gate(int g) => Dot(p.WeightIhArray, g * hs + k, x) + p.BiasIhArray[g * hs + k]
                                + Dot(p.WeightHhArray, g * hs + k, hPrev) + p.BiasHhArray[g * hs + k];
            double i = Sigmoid(Gate(0)), f = Sigmoid(Gate(1)), g = Math.Tanh(Gate(2)), o = Sigmoid(Gate(3));
            c[k] = f * c[k] + i * g;
            h[k] = o * Math.Tanh(c[k]);
        }

        return (double[])h.Clone();
    }

    private static double[] Gru(RecurrentLayerDescriptor p, double[] x, double[] h)
    {
        int hs = p.HiddenSize;
        var hPrev = (double[])h.Clone();
        for (int k = 0; k < hs; k++)
        {
            double InputPart(int g) => Dot(p.WeightIhArray, g * hs + k, x) + p.BiasIhArray[g * hs + k];
            double HiddenPart(int g) => Dot(p.WeightHhArray, g * hs + k, hPrev) + p.BiasHhArray[g * hs + k];
            double r = Sigmoid(InputPart(0) + HiddenPart(0));
            double z = Sigmoid(InputPart(1) + HiddenPart(1));
            double n = Math.Tanh(InputPart(2) + r * HiddenPart(2));
            h[k] = (1 - z) * n + z * hPrev[k];
        }

        return (double[])h.Clone();
    }

    private static double[] Elman(RecurrentLayerDescriptor p, double[] x, double[] h)
    {
        var hPrev = (double[])h.Clone();
        for (int k = 0; k < p.HiddenSize; k++)
        {
            double v = Dot(p.WeightIhArray, k, x) + p.BiasIhArray[k] + Dot(p.WeightHhArray, k, hPrev) + p.BiasHhArray[k];
            h[k] = p.Nonlinearity == Activation.Relu ? Math.Max(v, 0) : Math.Tanh(v);
        }

        return (double[])h.Clone();
    }

    private static double[] Dense(DenseLayerDescriptor p, double[] x)
    {
        var y = new double[p.Units];
        for (int k = 0; k < y.Length; k++)
            y[k] = Dot(p.WeightArray, k, x) + p.BiasArray[k];
        switch (p.Activation)
        {
            case Activation.Relu:
                for (int k = 0; k < y.Length; k++) y[k] = Math.Max(y[k], 0);
                break;
            case Activation.Tanh:
                for (int k = 0; k < y.Length; k++) y[k] = Math.Tanh(y[k]);
                break;
            case Activation.Sigmoid:
                for (int k = 0; k < y.Length; k++) y[k] = Sigmoid(y[k]);
                break;
            case Activation.Softmax:
                double max = double.NegativeInfinity, sum = 0;
                foreach (double v in y) max = Math.Max(max, v);
                for (int k = 0; k < y.Length; k++) sum += y[k] = Math.Exp(y[k] - max);
                for (int k = 0; k < y.Length; k++) y[k] /= sum;
                break;
        }

        return y;
    }
}
