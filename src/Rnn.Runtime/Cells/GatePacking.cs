using System;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>
/// Moves PyTorch's gate blocks (gate g, unit k at row g·H + k) to padded rows g·Hp + k, with Hp the hidden
/// size rounded up to a panel (8 or 16 rows), so every gate starts on a vector boundary and padding rows
/// compute zeros. Each method packs one direction's tensors (<see cref="RecurrentWeights"/>), so the
/// reverse direction of a bidirectional layer packs the same way.
/// </summary>
internal static class GatePacking
{
    /// <summary>One matrix over the concatenated input [x; h] (h has S values) and the folded bias b_ih + b_hh.</summary>
    public static (PackedMatrix Weights, float[] Bias, int PaddedHidden) PackCombined(RecurrentLayerDescriptor layer, RecurrentWeights w, int panelWidth = PackedMatrix.DefaultPanelWidth)
    {
        int hidden = layer.HiddenSize, state = layer.StateSize, input = layer.InputSize, padded = PackedMatrix.Pad(hidden, panelWidth);
        float[] wih = w.WeightIhArray, whh = w.WeightHhArray;
        var weights = PackedMatrix.Pack(layer.GateCount * padded, input + state, (row, j) =>
        {
            int gate = row / padded, unit = row % padded;
            if (unit >= hidden)
                return 0f;
            int source = gate * hidden + unit;
            return j < input ? wih[source * input + j] : whh[source * state + (j - input)];
        }, panelWidth);

        var bias = new float[layer.GateCount * padded];
        for (int gate = 0; gate < layer.GateCount; gate++)
        {
            for (int unit = 0; unit < hidden; unit++)
                bias[gate * padded + unit] = w.BiasIhArray[gate * hidden + unit] + w.BiasHhArray[gate * hidden + unit];
        }

        return (weights, bias, padded);
    }

    /// <summary>
    /// Gate blocks <paramref name="firstGate"/> .. <paramref name="firstGate"/> + <paramref name="gates"/> - 1
    /// of one of a layer's matrices (input or hidden) with its own bias, for cells that keep them apart.
    /// </summary>
    public static (PackedMatrix Weights, float[] Bias, int PaddedHidden) Pack(RecurrentLayerDescriptor layer, float[] weight, int columns, float[] sourceBias,
        int panelWidth = PackedMatrix.DefaultPanelWidth, int firstGate = 0, int gates = -1)
    {
        int hidden = layer.HiddenSize, padded = PackedMatrix.Pad(hidden, panelWidth);
        if (gates < 0)
            gates = layer.GateCount - firstGate;
        var weights = PackedMatrix.Pack(gates * padded, columns, (row, j) =>
        {
            int gate = firstGate + row / padded, unit = row % padded;
            return unit < hidden ? weight[(gate * hidden + unit) * columns + j] : 0f;
        }, panelWidth);

        return (weights, PadBlocks(sourceBias, firstGate, gates, hidden, padded), padded);
    }

    /// <summary>The LSTM projection W_hr (P × H) as a matrix of Pp rows over the H gated values.</summary>
    public static PackedMatrix PackProjection(RecurrentLayerDescriptor layer, float[] weightHr, int panelWidth)
    {
        int hidden = layer.HiddenSize, projection = layer.Options.ProjectionSize;
        return PackedMatrix.Pack(PackedMatrix.Pad(projection, panelWidth), hidden,
            (row, j) => row < projection ? weightHr[row * hidden + j] : 0f, panelWidth);
    }

    /// <summary>Blocks of H values (gate biases, peepholes) moved to multiples of Hp, zeros in the padding.</summary>
    public static float[] PadBlocks(float[] source, int firstBlock, int blocks, int hidden, int padded)
    {
        var result = new float[blocks * padded];
        for (int b = 0; b < blocks; b++)
            Array.Copy(source, (firstBlock + b) * hidden, result, b * padded, hidden);
        return result;
    }
}
