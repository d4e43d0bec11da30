using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Benchmarks;

/// <summary>
/// The baseline: what a careful programmer writes first. float32, PyTorch's layout straight from the
/// descriptor, one dot product per gate row, MathF activations, no SIMD, no packing.
/// </summary>
public sealed class NaiveModel : IStepRunner
{
    private readonly RecurrentLayerDescriptor _cell;
    private readonly DenseLayerDescriptor _head;
    private readonly float[] _h, _c, _hNext, _gates;

    public NaiveModel(ModelDescriptor descriptor)
    {
        _cell = (RecurrentLayerDescriptor)descriptor.Layers[0];
        _head = (DenseLayerDescriptor)descriptor.Layers[1];
        int hidden = _cell.HiddenSize;
        _h = new float[hidden];
        _c = new float[hidden];
        _hNext = new float[hidden];
        _gates = new float[2 * _cell.GateCount * hidden];
    }

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = _cell.InputSize;
        for (int t = 0; t < outputs.Length; t++)
            outputs[t] = Step(inputs.Slice(t * inputSize, inputSize));
    }

    private float Step(ReadOnlySpan<float> x)
    {
        int hidden = _cell.HiddenSize, rows = _cell.GateCount * hidden;
        ReadOnlySpan<float> wih = _cell.WeightIh, whh = _cell.WeightHh, bih = _cell.BiasIh, bhh = _cell.BiasHh;
        // gates[r] = W_ih[r]·x + b_ih[r];  gates[rows + r] = W_hh[r]·h + b_hh[r]
        for (int r = 0; r < rows; r++)
        {
            float gx = bih[r], gh = bhh[r];
            for (int j = 0; j < x.Length; j++)
                gx += wih[r * x.Length + j] * x[j];
            for (int j = 0; j < hidden; j++)
                gh += whh[r * hidden + j] * _h[j];
            _gates[r] = gx;
            _gates[rows + r] = gh;
        }

        for (int k = 0; k < hidden; k++)
        {
            switch (_cell.Kind)
            {
                case LayerKind.Lstm:
                    float i = Sigmoid(_gates[k] + _gates[rows + k]);
                    float f = Sigmoid(_gates[hidden + k] + _gates[rows + hidden + k]);
                    float g = MathF.Tanh(_gates[2 * hidden + k] + _gates[rows + 2 * hidden + k]);
                    float o = Sigmoid(_gates[3 * hidden + k] + _gates[rows + 3 * hidden + k]);
                    _c[k] = f * _c[k] + i * g;
                    _hNext[k] = o * MathF.Tanh(_c[k]);
                    break;
                case LayerKind.Gru:
                    float rg = Sigmoid(_gates[k] + _gates[rows + k]);
                    float z = Sigmoid(_gates[hidden + k] + _gates[rows + hidden + k]);
                    float n = MathF.Tanh(_gates[2 * hidden + k] + rg * _gates[rows + 2 * hidden + k]);
                    _hNext[k] = (1 - z) * n + z * _h[k];
                    break;
                default:
                    _hNext[k] = MathF.Tanh(_gates[k] + _gates[rows + k]);
                    break;
            }
        }

        _hNext.CopyTo(_h, 0);
        ReadOnlySpan<float> w = _head.Weight;
        float y = _head.Bias[0];
        for (int j = 0; j < hidden; j++)
            y += w[j] * _h[j];
        return y;
    }

    private static float Sigmoid(float v) => 1f / (1f + MathF.Exp(-v));
}
