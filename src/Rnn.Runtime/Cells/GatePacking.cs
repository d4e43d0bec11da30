using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// Moves PyTorch's gate blocks (gate g, unit k at row g·H + k) to padded rows g·Hp + k, with Hp the hidden
/// size rounded up to a panel (8 or 16 rows), so every gate starts on a vector boundary and padding rows compute zeros.
/// </summary>
internal static class GatePacking
{
    /// <summary>One matrix over the concatenated input [x; h] and the folded bias b_ih + b_hh.</summary>
    public static (PackedMatrix Weights, float[] Bias, int PaddedHidden) PackCombined(RecurrentLayerDescriptor layer, int panelWidth = PackedMatrix.DefaultPanelWidth)
    {
        int hidden = layer.HiddenSize, input = layer.InputSize, padded = PackedMatrix.Pad(hidden, panelWidth);
        float[] wih = layer.WeightIhArray, whh = layer.WeightHhArray;
        var weights = PackedMatrix.Pack(layer.GateCount * padded, input + hidden, (row, j) =>
        {
            int gate = row / padded, unit = row % padded;
            if (unit >= hidden)
                return 0f;
            int source = gate * hidden + unit;
            return j < input ? wih[source * input + j] : whh[source * hidden + (j - input)];
        }, panelWidth);

        var bias = new float[layer.GateCount * padded];
        for (int gate = 0; gate < layer.GateCount; gate++)
        {
            for (int unit = 0; unit < hidden; unit++)
                bias[gate * padded + unit] = layer.BiasIhArray[gate * hidden + unit] + layer.BiasHhArray[gate * hidden + unit];
        }

        return (weights, bias, padded);
    }

    /// <summary>One of a layer's matrices (input or hidden) with its own bias, for cells that keep them apart.</summary>
    public static (PackedMatrix Weights, float[] Bias, int PaddedHidden) Pack(RecurrentLayerDescriptor layer, float[] weight, int columns, float[] sourceBias, int panelWidth = PackedMatrix.DefaultPanelWidth)
    {
        int hidden = layer.HiddenSize, padded = PackedMatrix.Pad(hidden, panelWidth);
        var weights = PackedMatrix.Pack(layer.GateCount * padded, columns, (row, j) =>
        {
            int gate = row / padded, unit = row % padded;
            return unit < hidden ? weight[(gate * hidden + unit) * columns + j] : 0f;
        }, panelWidth);

        var bias = new float[layer.GateCount * padded];
        for (int gate = 0; gate < layer.GateCount; gate++)
        {
            for (int unit = 0; unit < hidden; unit++)
                bias[gate * padded + unit] = sourceBias[gate * hidden + unit];
        }

        return (weights, bias, padded);
    }
}
