using System.Text.Json;

namespace Rnn.Import.Nam;

/// <summary>
/// The <c>config</c> of a NAM LSTM file (NeuralAmpModelerCore NAM/lstm.cpp, <c>parse_config_json</c>), and
/// the length of the flat <c>weights</c> array it implies.
/// </summary>
internal sealed record NamLstmConfig(int NumLayers, int InputSize, int HiddenSize, int OutChannels)
{
    private static readonly string[] s_fields = ["num_layers", "input_size", "hidden_size", "in_channels", "out_channels"];

    /// <summary>Reads <c>config</c>; <c>in_channels</c> (default 1) must equal <c>input_size</c>, since NAM copies that many channels into the LSTM's input.</summary>
    public static NamLstmConfig Read(string file, JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
            throw new ModelImportException(file, $"config: expected an object, found {ImportJson.Describe(config)}");
        ImportJson.OnlyKnownFields(file, config, "config", s_fields, "NAM's LSTM reads only these");
        int layers = ImportJson.PositiveInt(file, ImportJson.Required(file, config, "config", "num_layers"), "config.num_layers");
        int input = ImportJson.PositiveInt(file, ImportJson.Required(file, config, "config", "input_size"), "config.input_size");
        int hidden = ImportJson.PositiveInt(file, ImportJson.Required(file, config, "config", "hidden_size"), "config.hidden_size");
        int inChannels = config.TryGetProperty("in_channels", out var i) ? ImportJson.PositiveInt(file, i, "config.in_channels") : 1;
        int outChannels = config.TryGetProperty("out_channels", out var o) ? ImportJson.PositiveInt(file, o, "config.out_channels") : 1;
        if (inChannels != input)
            throw new ModelImportException(file, $"config.in_channels: expected {input} (the input_size: NAM feeds its input channels to the LSTM), found {inChannels}");
        return new NamLstmConfig(layers, input, hidden, outChannels);
    }

    /// <summary>Inputs of layer <paramref name="layer"/>: the model's input for the first, the hidden state below for the rest.</summary>
    public int LayerInputs(int layer) => layer == 0 ? InputSize : HiddenSize;

    /// <summary>Floats of one layer: W [4H][I+H], b [4H], initial h [H], initial c [H].</summary>
    public int LayerLength(int layer) => 4 * HiddenSize * (LayerInputs(layer) + HiddenSize) + 4 * HiddenSize + 2 * HiddenSize;

    /// <summary>Floats of the head: weight [out][H], bias [out].</summary>
    public int HeadLength => OutChannels * HiddenSize + OutChannels;

    /// <summary>The whole <c>weights</c> array's length.</summary>
    public int WeightCount
    {
        get
        {
            int count = HeadLength;
            for (int k = 0; k < NumLayers; k++)
                count += LayerLength(k);
            return count;
        }
    }
}
