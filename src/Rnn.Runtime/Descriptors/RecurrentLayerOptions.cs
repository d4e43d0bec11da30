namespace Rnn.Runtime.Descriptors;

/// <summary>
/// The format-v2 settings of a recurrent layer; the defaults are v1's meaning (PyTorch's cells, forward,
/// no projection, no clipping, sigmoid gates).
/// </summary>
public sealed class RecurrentLayerOptions
{
    /// <summary>The v1 meaning of every setting.</summary>
    public static RecurrentLayerOptions Default { get; } = new();

    /// <summary>Which way the layer walks the sequence.</summary>
    public RecurrentDirection Direction { get; init; } = RecurrentDirection.Forward;

    /// <summary>GRU only: true (PyTorch) puts b_hn and W_hn h inside the reset product; false applies r to h before W_hn.</summary>
    public bool ResetAfter { get; init; } = true;

    /// <summary>LSTM only: P, the size of the projected hidden state (PyTorch <c>proj_size</c>); 0 for none.</summary>
    public int ProjectionSize { get; init; }

    /// <summary>When positive, every gate pre-activation is clamped to [-Clip, Clip] (ONNX <c>clip</c>); 0 for none.</summary>
    public float Clip { get; init; }

    /// <summary>LSTM and GRU: the gates' activation, <see cref="Activation.Sigmoid"/> or <see cref="Activation.HardSigmoid"/>.</summary>
    public Activation GateActivation { get; init; } = Activation.Sigmoid;

    /// <summary>α of hard_sigmoid(x) = max(0, min(1, α x + β)).</summary>
    public float HardSigmoidAlpha { get; init; } = 0.2f;

    /// <summary>β of hard_sigmoid(x) = max(0, min(1, α x + β)).</summary>
    public float HardSigmoidBeta { get; init; } = 0.5f;

    /// <summary>Whether any setting differs from format v1's meaning.</summary>
    public bool NeedsVersion2 =>
        Direction != RecurrentDirection.Forward || !ResetAfter || ProjectionSize != 0 || Clip != 0
        || GateActivation != Activation.Sigmoid;
}
