using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// ONNX's gate blocks (onnx/defs/rnn/defs.cc) against the descriptor's, which are PyTorch's: each table
/// lists, for each descriptor block in order, the ONNX block it takes.
/// </summary>
internal static class OnnxGateOrder
{
    /// <summary>ONNX LSTM i, o, f, c → descriptor i, f, g, o.</summary>
    public static readonly int[] Lstm = [0, 2, 3, 1];

    /// <summary>ONNX GRU z, r, h → descriptor r, z, n.</summary>
    public static readonly int[] Gru = [1, 0, 2];

    /// <summary>ONNX RNN has one block.</summary>
    public static readonly int[] Rnn = [0];

    /// <summary>ONNX peepholes P: i, o, f → descriptor i, f, o.</summary>
    public static readonly int[] Peepholes = [0, 2, 1];

    public static int[] Of(LayerKind kind) => kind switch
    {
        LayerKind.Lstm => Lstm,
        LayerKind.Gru => Gru,
        _ => Rnn,
    };

    /// <summary>
    /// The blocks of <paramref name="source"/>[offset .. offset + order.Length·blockLength) in descriptor
    /// order: descriptor block k is ONNX block order[k].
    /// </summary>
    public static float[] Reorder(float[] source, long offset, int blockLength, int[] order)
    {
        var result = new float[order.Length * blockLength];
        for (int k = 0; k < order.Length; k++)
            Array.Copy(source, offset + (long)order[k] * blockLength, result, (long)k * blockLength, blockLength);
        return result;
    }
}
