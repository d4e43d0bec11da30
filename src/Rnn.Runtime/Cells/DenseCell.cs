using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Operators;

namespace Rnn.Runtime.Cells;

/// <summary>A dense layer, y = act(W x + b). Its "state" is just its output buffer, padded to a panel.</summary>
internal sealed partial class DenseCell : Cell
{
    private readonly WeightMatrix _weights;
    private readonly float[] _bias;
    private readonly Activation _activation;

    public DenseCell(DenseLayerDescriptor layer, int panelWidth = PackedMatrix.DefaultPanelWidth, WeightPrecision precision = WeightPrecision.Float32)
        : base(layer.InputSize, layer.Units)
    {
        int rows = PackedMatrix.Pad(layer.Units, panelWidth), columns = layer.InputSize;
        float[] weight = layer.WeightArray;
        _weights = new WeightMatrix(PackedMatrix.Pack(rows, columns, (r, j) => r < layer.Units ? weight[r * columns + j] : 0f, panelWidth), precision);
        _bias = new float[rows];
        Array.Copy(layer.BiasArray, _bias, layer.Units);
        _activation = layer.Activation;
    }

    public override int StateLength => _weights.Rows;

    public override int ScratchLength => 0;

    public override void Step(ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, SimdPath path, bool reverse)
    {
        Span<float> y = state.Slice(0, _weights.Rows);
        MatVec.Multiply(_weights, _bias, x, y, path, reverse);
        Activate(y, path);
    }

    // y = act(y) in place.
    private void Activate(Span<float> y, SimdPath path)
    {
        switch (_activation)
        {
            case Activation.Relu:
                GateKernels.Apply<ReluOperator>(y, y, path);
                break;
            case Activation.Tanh:
                GateKernels.Apply<TanhOperator>(y, y, path);
                break;
            case Activation.Sigmoid:
                GateKernels.Apply<SigmoidOperator>(y, y, path);
                break;
            case Activation.Softmax:
                SoftmaxOperator.Apply(y.Slice(0, OutputSize));
                break;
        }
    }
}
