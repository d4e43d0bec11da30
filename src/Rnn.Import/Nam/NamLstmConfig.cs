using System.Text.Json;
using Rnn.Import.Json;

namespace Rnn.Import.Nam;

/// <summary>
/// The <c>config</c> of a NAM LSTM file (NeuralAmpModelerCore NAM/lstm.cpp, <c>parse_config_json</c>), and
/// the length of the flat <c>weights</c> array it implies.
/// </summary>
internal sealed record NamLstmConfig(int NumLayers, int InputSize, int HiddenSize, int OutChannels)
{
    private static readonly string[] s_fields = ["num_layers", "input_size", "hidden_size", "in_channels", "out_channels"];

    /// <summary>Reads <c>config</c>; <c>in_channels</c> (default 1) must equal <c>input_size</c>, since NAM copies that many channels into the LSTM's input.</summary>
    public static NamLstmConfig Read(JsonModelFile file, JsonElement config)
    {
        const string at = "config";
        file.OnlyKnownFields(config, at, s_fields, "NAM's LSTM reads only these");
        int layers = file.Size(config, at, "num_layers");
        int input = file.Size(config, at, "input_size");
        int hidden = file.Size(config, at, "hidden_size");
        int inChannels = file.Size(config, at, "in_channels", fallback: 1);
        int outChannels = file.Size(config, at, "out_channels", fallback: 1);
        if (inChannels != input)
            throw file.Error("config.in_channels", $"expected {input} (the input_size: NAM feeds its input channels to the LSTM), found {inChannels}");
        return new NamLstmConfig(layers, input, hidden, outChannels);
    }

    /// <summary>Inputs of layer <paramref name="layer"/>: the model's input for the first, the hidden state below for the rest.</summary>
    public int LayerInputs(int layer) => layer == 0 ? InputSize : HiddenSize;

    /// <summary>Floats of one layer: W [4H][I+H], b [4H], initial h [H], initial c [H].</summary>
    public long LayerLength(int layer) => 4L * HiddenSize * (LayerInputs(layer) + HiddenSize) + 4L * HiddenSize + 2L * HiddenSize;

    /// <summary>The whole <c>weights</c> array's length (a long: sizes up to <see cref="JsonModelFile.MaxSize"/> imply more than an int holds, which the array's real length then refutes).</summary>
    public long WeightCount
    {
        get
        {
            long count = (long)OutChannels * HiddenSize + OutChannels;
            for (int k = 0; k < NumLayers; k++)
                count += LayerLength(k);
            return count;
        }
    }
}
