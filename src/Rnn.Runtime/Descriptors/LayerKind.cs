namespace Rnn.Runtime.Descriptors;

/// <summary>The kinds of layer a descriptor can hold; the JSON names are in <see cref="DescriptorNames"/>.</summary>
public enum LayerKind
{
    /// <summary>Elman RNN, PyTorch <c>nn.RNN</c>: h' = act(W_ih x + b_ih + W_hh h + b_hh).</summary>
    Rnn,

    /// <summary>PyTorch <c>nn.LSTM</c>, gates i, f, g, o.</summary>
    Lstm,

    /// <summary>PyTorch <c>nn.GRU</c>, gates r, z, n, with the n-gate's hidden bias inside the reset product.</summary>
    Gru,

    /// <summary>A fully connected layer, PyTorch <c>nn.Linear</c> followed by an activation.</summary>
    Dense,
}

/// <summary>Element-wise activations used by layers.</summary>
public enum Activation
{
    /// <summary>Identity.</summary>
    Linear,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>e^x_i / Σ e^x_j over the layer's outputs (dense layers only).</summary>
    Softmax,

    /// <summary>max(0, min(1, α x + β)) (recurrent gates only, format v2; α and β in <see cref="RecurrentLayerOptions"/>).</summary>
    HardSigmoid,
}
