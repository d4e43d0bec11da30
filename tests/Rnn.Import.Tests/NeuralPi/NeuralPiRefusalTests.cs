using Xunit;

namespace Rnn.Import.Tests.NeuralPi;

/// <summary>Each broken or inexpressible NeuralPi file is refused with a message naming the file, the field or tensor, and what was expected.</summary>
public class NeuralPiRefusalTests
{
    [Theory]
    [InlineData("\"model\": \"SimpleRNN\"", "\"model\": \"GatedConvNet\"",
        "model_data.model: expected \"SimpleRNN\" (a recurrent unit and a linear layer), found \"GatedConvNet\"")]
    [InlineData("\"unit_type\": \"GRU\"", "\"unit_type\": \"Conv1d\"",
        "model_data.unit_type: expected \"LSTM\", \"GRU\" or \"RNN\", found \"Conv1d\"")]
    [InlineData("\"skip\": 0", "\"skip\": 2",
        "model_data.skip: expected 0 (none) or output_size 1 (at most input_size 1): the output adds the first skip input features, found 2")]
    [InlineData("\"lin.weight\": [[4.0]]", "\"lin.weight\": [[4.0]], \"lin.bias\": [0.5]",
        "state_dict.lin.bias: unexpected tensor; a SimpleRNN with bias_fl=false has rec.* and lin.weight")]
    [InlineData("\"lin.weight\": [[4.0]]", "\"lin.weight\": [[4.0, 5.0]]",
        "state_dict.lin.weight: expected shape [1, 1] (output_size 1 by the recurrent unit's 1 outputs), found [1, 2]")]
    [InlineData(", \"rec.bias_hh_l0\": [1.0, 2.0, 3.0]", "",
        "state_dict: missing tensor \"rec.bias_hh_l0\" of nn.GRU(input_size=1, hidden_size=1, num_layers=1, bias=True, bidirectional=False)")]
    [InlineData("\"rec.weight_hh_l0\": [[0.125], [-0.25], [0.75]]", "\"rec.weight_hh_l0\": [[0.125], [-0.25]]",
        "state_dict.rec.weight_hh_l0: expected shape [3, 1] (3 gate block(s) × hidden_size 1 by hidden_size 1), found [2, 1]")]
    [InlineData("\"num_layers\": 1", "\"num_layers\": 2",
        "state_dict: missing tensor \"rec.weight_ih_l1\" of nn.GRU(input_size=1, hidden_size=1, num_layers=2, bias=True, bidirectional=False)")]
    [InlineData("\"lin.weight\": [[4.0]]", "\"lin.weight\": [[4.0]], \"pre.gain\": [2.0]",
        "state_dict.pre.gain: unexpected tensor; a SimpleRNN with bias_fl=false has rec.* and lin.weight")]
    [InlineData("\"bias_fl\": false}", "\"bias_fl\": false, \"dropout\": 0.5}",
        "model_data: field \"dropout\" is not supported (SimpleRNN has only these); expected only model, input_size, output_size, unit_type, num_layers, hidden_size, skip, bias_fl")]
    [InlineData("\"hidden_size\": 1", "\"hidden_size\": 0",
        "model_data.hidden_size: expected an integer from 1 to 16777216, found the number 0")]
    public void ABrokenFileIsRefusedNamingTheFieldOrTensor(string find, string replace, string problem)
        => ImportedFixtures.AssertRefused(TinyNeuralPi.Gru, find, replace, "neuralpi", problem);

    [Fact]
    public void SkipTrueMeansOneFeatureAsInPython()
        => Assert.Equal(1, ImportedFixtures.ImportText(TinyNeuralPi.Gru.Replace("\"skip\": 0", "\"skip\": true")).Skip);

    [Theory]
    [InlineData("\"state_dict\": {", "\"state_dict\": [], \"x\": {", "field \"x\" is not supported (SimpleRNN.save_model writes only these); expected only model_data, state_dict")]
    [InlineData("\"lin.weight\": [[4.0]]", "\"lin.weight\": \"4\"", "state_dict.lin.weight: expected a tensor (a number or nested arrays of numbers), found the string \"4\"")]
    [InlineData("\"hidden_size\": 1", "\"hidden_size\": 600000000", "model_data.hidden_size: expected an integer from 1 to 16777216, found the number 600000000")]
    [InlineData("\"bias_fl\": false", "\"bias_fl\": 0", "model_data.bias_fl: expected true or false, found the number 0")]
    public void WrongTypesAreNamedByPath(string find, string replace, string problem)
        => ImportedFixtures.AssertRefused(TinyNeuralPi.Gru, find, replace, "neuralpi", problem);
}
