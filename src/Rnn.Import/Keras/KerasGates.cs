namespace Rnn.Import.Keras;

/// <summary>
/// Keras's tensor layout and gate order, turned into the descriptor's (PyTorch's). Keras multiplies row
/// vectors: <c>z = x K + h U + b</c> with the kernel K as [inputs][gates·units] and the gates as column
/// blocks; the descriptor holds W = Kᵀ, gates·H rows × inputs, gate blocks in PyTorch's order. Each
/// table lists, for every descriptor gate block in order, the Keras block it comes from.
/// </summary>
internal static class KerasGates
{
    /// <summary>LSTM: Keras [i, f, c, o] → descriptor [i, f, g, o]; Keras's candidate c is PyTorch's g, so the order is the same.</summary>
    public static readonly int[] Lstm = [0, 1, 2, 3];

    /// <summary>GRU: Keras [z, r, h] → descriptor [r, z, n]: r from Keras block 1, z from block 0, the candidate n from h (block 2).</summary>
    public static readonly int[] Gru = [1, 0, 2];

    /// <summary>
    /// A Keras kernel [inputs][gates·units] (row-major) as descriptor rows gates·units × inputs:
    /// <c>W[(d·H + u)·I + i] = K[i·(G·H) + order[d]·H + u]</c>.
    /// </summary>
    public static float[] KernelToRows(float[] kernel, int inputs, int units, int[] order)
    {
        int gates = order.Length, columns = gates * units;
        var rows = new float[columns * inputs];
        for (int d = 0; d < gates; d++)
        {
            for (int u = 0; u < units; u++)
            {
                int source = order[d] * units + u, row = d * units + u;
                for (int i = 0; i < inputs; i++)
                    rows[row * inputs + i] = kernel[i * columns + source];
            }
        }

        return rows;
    }

    /// <summary>A Keras bias [gates·units] with its blocks in descriptor order: <c>b[d·H + u] = bias[order[d]·H + u]</c>.</summary>
    public static float[] BiasToBlocks(float[] bias, int units, int[] order)
    {
        var blocks = new float[bias.Length];
        for (int d = 0; d < order.Length; d++)
            System.Array.Copy(bias, order[d] * units, blocks, d * units, units);
        return blocks;
    }
}
