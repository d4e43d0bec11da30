using System;

namespace Rnn.Runtime.Descriptors;

/// <summary>One layer of a descriptor: its kind and the sizes it maps between.</summary>
public abstract class LayerDescriptor
{
    private protected LayerDescriptor(LayerKind kind, int inputSize, int outputSize)
    {
        Kind = kind;
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>What kind of layer this is.</summary>
    public LayerKind Kind { get; }

    /// <summary>Values per step this layer reads.</summary>
    public int InputSize { get; }

    /// <summary>Values per step this layer writes: the hidden size of a recurrent layer, the units of a dense one.</summary>
    public int OutputSize { get; }

    private protected static float[] Copy(float[] values, string name) =>
        (float[])(values ?? throw new ArgumentNullException(name)).Clone();
}
