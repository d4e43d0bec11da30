using Rnn.Runtime.Descriptors;

namespace Rnn.Import.PyTorch;

/// <summary>
/// The constructor settings of a PyTorch <c>nn.LSTM</c>, <c>nn.GRU</c> or <c>nn.RNN</c> that decide its
/// tensors: <c>input_size</c>, <c>hidden_size</c>, <c>num_layers</c>, <c>bias</c>, <c>bidirectional</c>,
/// <c>proj_size</c> (LSTM) and <c>nonlinearity</c> (RNN). <c>batch_first</c> only changes the tensors a
/// forward call takes, and <c>dropout</c> only acts in training, so neither is here.
/// </summary>
/// <param name="Kind">Lstm, Gru or Rnn.</param>
/// <param name="InputSize">The first stacked layer's input size.</param>
/// <param name="HiddenSize">H.</param>
/// <param name="NumLayers">How many layers are stacked (each its own descriptor layer).</param>
/// <param name="Bias">False: the module has no bias tensors (the descriptor's are zeros).</param>
/// <param name="Bidirectional">Each layer has a <c>_reverse</c> twin and outputs 2·S values.</param>
/// <param name="ProjectionSize">LSTM <c>proj_size</c> P; 0 for none.</param>
/// <param name="Nonlinearity">RNN: tanh or relu; tanh for the others.</param>
internal sealed record PyTorchRecurrentSettings(
    LayerKind Kind, int InputSize, int HiddenSize, int NumLayers, bool Bias, bool Bidirectional, int ProjectionSize, Activation Nonlinearity)
{
    /// <summary>The PyTorch class name, e.g. <c>LSTM</c>.</summary>
    public string ModuleName => Kind switch
    {
        LayerKind.Lstm => "LSTM",
        LayerKind.Gru => "GRU",
        _ => "RNN",
    };

    /// <summary>S, the size of one direction's hidden state: P when projected, else H.</summary>
    public int StateSize => ProjectionSize > 0 ? ProjectionSize : HiddenSize;

    /// <summary>What each stacked layer outputs, and so what the next one reads: S, or 2·S when bidirectional.</summary>
    public int OutputSize => Bidirectional ? 2 * StateSize : StateSize;

    /// <summary>The input size of stacked layer <paramref name="layer"/>.</summary>
    public int InputSizeOf(int layer) => layer == 0 ? InputSize : OutputSize;
}
