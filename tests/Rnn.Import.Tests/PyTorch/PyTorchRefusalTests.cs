using Xunit;

namespace Rnn.Import.Tests.PyTorch;

/// <summary>Each broken or inexpressible dump is refused with a message naming the file, the module and the setting or tensor.</summary>
public class PyTorchRefusalTests
{
    private const string Nn = "nn.LSTM(input_size=2, hidden_size=1, num_layers=1, bias=True, bidirectional=False, proj_size=0)";

    [Theory]
    [InlineData("{\"module\": \"Tanh\", \"name\": \"act\"}", "{\"module\": \"Conv1d\", \"name\": \"conv\"}",
        "layers[2] (Conv1d \"conv\"): module Conv1d is not supported; expected LSTM, GRU, RNN, Linear, Tanh, ReLU, Sigmoid, Softmax, Identity or Dropout")]
    [InlineData("{\"module\": \"Tanh\", \"name\": \"act\"}", "{\"module\": \"Tanh\", \"name\": \"act\"}, {\"module\": \"Sigmoid\", \"name\": \"sig\"}",
        "layers[3] (Sigmoid \"sig\"): an activation must directly follow a Linear (a descriptor applies activations in dense layers); it follows layers[2] (Tanh \"act\")")]
    [InlineData("\"proj_size\": 0", "\"proj_size\": 1",
        "layers[0] (LSTM \"rec\"): settings.proj_size: expected 0 (none) or less than hidden_size 1, found 1")]
    [InlineData("[[0.5, -0.5], [0.25, -0.25], [1, 2], [3, 4]]", "[[0.5, -0.5], [0.25, -0.25], [1, 2]]",
        "layers[0] (LSTM \"rec\"): tensors.weight_ih_l0: expected shape [4, 2] (4 gate block(s) × hidden_size 1 by the module's input_size 2), found [3, 2]")]
    [InlineData("[1, 2], [3, 4]]", "[1, 2], [3]]",
        "layers[0] (LSTM \"rec\"): tensors.weight_ih_l0[3]: expected an array of 2 (a rectangular tensor of shape [4, 2]), found an array of 1")]
    [InlineData(", \"bias_hh_l0\": [-1, -2, -3, -4]", "",
        "layers[0] (LSTM \"rec\"): tensors: missing tensor \"bias_hh_l0\" of " + Nn)]
    [InlineData("\"bias_hh_l0\": [-1, -2, -3, -4]", "\"bias_hh_l0\": [-1, -2, -3, -4], \"weight_hr_l0\": [[1]]",
        "layers[0] (LSTM \"rec\"): tensors.weight_hr_l0: unexpected tensor for " + Nn + "; expected weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0")]
    [InlineData("\"in_features\": 1", "\"in_features\": 2",
        "layers[1] (Linear \"lin\"): settings.in_features: expected 1 (the values reaching this module), found 2")]
    [InlineData("{\"module\": \"Tanh\", \"name\": \"act\"}", "{\"module\": \"Softmax\", \"name\": \"soft\", \"settings\": {\"dim\": 0}}",
        "layers[2] (Softmax \"soft\"): settings.dim: expected -1 (softmax over the features; 2 for [seq, batch, features]), found the number 0")]
    [InlineData("\"input_size\": 2,\n  \"layers\"", "\"input_size\": 2,\n  \"skip\": 2,\n  \"layers\"",
        "skip: expected 0 (none) or the model's output size 1 (at most input_size 2): the output adds the first skip input features, found 2")]
    [InlineData("\"version\": 1", "\"version\": 2",
        "version: dump version 2 is newer than this importer, which reads version 1; update Rnn.Embedded")]
    [InlineData("\"proj_size\": 0", "\"proj_size\": 0, \"weight_norm\": true",
        "layers[0] (LSTM \"rec\"): settings: field \"weight_norm\" is not supported (a setting of nn.LSTM the descriptor does not model); expected only input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, proj_size")]
    [InlineData("[[0.125]", "[[1e39]",
        "layers[0] (LSTM \"rec\"): tensors.weight_hh_l0[0][0]: expected a finite float32, found 1e39")]
    [InlineData("\"module\": \"LSTM\", \"name\": \"rec\",\n      \"settings\": {\"input_size\": 2, \"hidden_size\": 1, \"num_layers\": 1, \"bias\": true, \"batch_first\": false, \"dropout\": 0.0, \"bidirectional\": false, \"proj_size\": 0}",
        "\"module\": \"RNN\", \"name\": \"rec\",\n      \"settings\": {\"input_size\": 2, \"hidden_size\": 1, \"nonlinearity\": \"gelu\"}",
        "layers[0] (RNN \"rec\"): settings.nonlinearity: expected \"tanh\" or \"relu\", found \"gelu\"")]
    [InlineData("\"input_size\": 2, \"hidden_size\": 1,", "\"input_size\": 3, \"hidden_size\": 1,",
        "layers[0] (LSTM \"rec\"): settings.input_size: expected 2 (the values reaching this module), found 3")]
    public void ABrokenDumpIsRefusedNamingTheModuleAndSetting(string find, string replace, string problem)
        => ImportedFixtures.AssertRefused(TinyDumps.Lstm, find, replace, "pytorch", problem);

    [Fact]
    public void AFileThatIsNotADumpIsRefusedByItsFormatTag()
        => ImportedFixtures.AssertRefused(TinyDumps.Lstm, "\"format\": \"rnn-embedded-torch-export\"", "\"format\": \"keras\"", "pytorch",
            "format: expected \"rnn-embedded-torch-export\" (a dump by tools/export_pytorch.py), found \"keras\"");

    [Fact]
    public void MalformedJsonIsRefusedNamingTheFile()
        => Assert.Equal("FILE: malformed JSON at line 9, byte 39: the file ends before the JSON value does (is it truncated?)", ImportedFixtures.Refusal("pytorch", "model.torch.json", TinyDumps.Lstm[..200]));

    [Theory]
    [InlineData("  \"format\": \"rnn-embedded-torch-export\",\n", "", "missing field \"format\"")]
    [InlineData("\"producer\": \"by hand\"", "\"producer\": 5", "producer: expected a string, found the number 5")]
    [InlineData("\"name\": \"rec\"", "\"name\": 5", "layers[0].name: expected a string, found the number 5")]
    [InlineData("\"dropout\": 0.0", "\"dropout\": 1e400", "layers[0] (LSTM \"rec\"): settings.dropout: expected a finite number, found the number 1e400")]
    [InlineData("\"hidden_size\": 1, \"num_layers\"", "\"hidden_size\": 600000000, \"num_layers\"",
        "layers[0] (LSTM \"rec\"): settings.hidden_size: expected an integer from 1 to 16777216, found the number 600000000")]
    [InlineData("\"weight\": [[2]]", "\"weight\": \"2\"", "layers[1] (Linear \"lin\"): tensors.weight: expected a tensor (a number or nested arrays of numbers), found the string \"2\"")]
    [InlineData("\"tensors\": {\"weight\"", "\"tensors\": [], \"x\": {\"weight\"",
        "layers[1] (Linear \"lin\"): field \"x\" is not supported (a module holds its settings and tensors); expected only module, name, settings, tensors")]
    public void WhatUsedToBeDroppedOrMisnamedIsRefusedByPath(string find, string replace, string problem)
        => ImportedFixtures.AssertRefused(TinyDumps.Lstm, find, replace, "pytorch", problem);
}
