using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Generator.Parsing;

/// <summary>
/// Packs one direction's tensors of a recurrent layer with the runtime's panel layout (<see cref="PackedMatrix"/>):
/// PyTorch's gate g, unit k (row g·H + k) goes to padded row g·Hp + k, so each gate starts on a vector
/// boundary and padding rows compute zeros. The runtime's GatePacking does the same for a v1 layer's forward
/// tensors; this takes any direction's <see cref="RecurrentWeights"/> and a hidden state of S columns
/// (S = proj_size or H), and for v1 layers gives GatePacking's values exactly.
/// </summary>
internal static class CellPacking
{
    /// <summary>All gates over [x; h] (I + S columns) with the folded bias b_ih + b_hh (LSTM, RNN).</summary>
    public static (PackedMatrix Weights, float[] Bias) Combined(RecurrentLayerDescriptor layer, RecurrentWeights weights, int padded, int panel)
    {
        int input = layer.InputSize, state = layer.StateSize;
        float[] wih = weights.WeightIhArray, whh = weights.WeightHhArray;
        var matrix = Gates(layer.HiddenSize, padded, 0, layer.GateCount, input + state, panel,
            (row, j) => j < input ? wih[row * input + j] : whh[row * state + (j - input)]);
        return (matrix, Bias(layer.HiddenSize, padded, 0, layer.GateCount, row => weights.BiasIhArray[row] + weights.BiasHhArray[row]));
    }

    /// <summary>Gates [firstGate, firstGate + gates) of one matrix over <paramref name="columns"/> inputs with its own bias (GRU keeps W_ih and W_hh apart).</summary>
    public static (PackedMatrix Weights, float[] Bias) Separate(RecurrentLayerDescriptor layer, float[] weight, float[] bias, int columns, int padded, int panel, int firstGate, int gates) =>
        (Gates(layer.HiddenSize, padded, firstGate, gates, columns, panel, (row, j) => weight[row * columns + j]),
         Bias(layer.HiddenSize, padded, firstGate, gates, row => bias[row]));

    /// <summary>The LSTM projection W_hr (P × H): P rows padded to <paramref name="paddedState"/>, bias zero.</summary>
    public static (PackedMatrix Weights, float[] Bias) Projection(RecurrentLayerDescriptor layer, RecurrentWeights weights, int paddedState, int panel)
    {
        int hidden = layer.HiddenSize, projected = layer.StateSize;
        float[] whr = weights.WeightHrArray!;
        var matrix = PackedMatrix.Pack(paddedState, hidden, (row, j) => row < projected ? whr[row * hidden + j] : 0f, panel);
        return (matrix, new float[paddedState]);
    }

    /// <summary>Peepholes i, f, o (3H) as three blocks of Hp, zeros in the padding.</summary>
    public static float[] Peephole(RecurrentLayerDescriptor layer, RecurrentWeights weights, int padded) =>
        Bias(layer.HiddenSize, padded, 0, 3, row => weights.PeepholeArray![row]);

    private static PackedMatrix Gates(int hidden, int padded, int firstGate, int gates, int columns, int panel, Func<int, int, float> sourceAt) =>
        PackedMatrix.Pack(gates * padded, columns, (row, j) =>
        {
            int gate = row / padded, unit = row % padded;
            return unit < hidden ? sourceAt((firstGate + gate) * hidden + unit, j) : 0f;
        }, panel);

    private static float[] Bias(int hidden, int padded, int firstGate, int gates, Func<int, float> sourceAt)
    {
        var bias = new float[gates * padded];
        for (int gate = 0; gate < gates; gate++)
        {
            for (int unit = 0; unit < hidden; unit++)
                bias[gate * padded + unit] = sourceAt((firstGate + gate) * hidden + unit);
        }

        return bias;
    }
}
