using Xunit;

namespace Rnn.Import.Tests.Nam;

/// <summary>.nam files the runtime cannot express are refused naming the field and what was expected versus found.</summary>
public class NamRefusalTests
{
    private static string Nam(string architecture, string config, string weights) =>
        $$"""{"version": "0.5.4", "metadata": {}, "architecture": "{{architecture}}", "config": {{config}}, "weights": [{{weights}}], "sample_rate": 48000}""";

    private const string OneByOne = """{"input_size": 1, "hidden_size": 1, "num_layers": 1}""";

    private const string SixteenWeights = "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16";

    private static string Refusal(string text) => ImportedFixtures.Refusal("nam", "amp.nam", text);

    [Theory]
    [InlineData("WaveNet")]
    [InlineData("ConvNet")]
    [InlineData("Linear")]
    [InlineData("CatLSTM")]
    public void ArchitecturesOtherThanLstmAreRefusedByName(string architecture) =>
        Assert.Equal($"FILE: architecture: \"{architecture}\" is not supported; only \"LSTM\" models import (convolutional and linear NAM architectures have no recurrent descriptor)",
            Refusal(Nam(architecture, "{}", "")));

    [Fact]
    public void AWeightsArrayOfTheWrongLengthSaysWhatItShouldHold() =>
        Assert.Equal("FILE: weights: expected 16 numbers (1 layer(s) of [W 4H x (I+H), b 4H, h0 H, c0 H] with H = 1, then the head's 1 x 1 weights and 1 bias(es)), found 15",
            Refusal(Nam("LSTM", OneByOne, SixteenWeights[..^4])));

    [Fact]
    public void InputChannelsThatDifferFromTheInputSizeAreRefused() =>
        Assert.Equal("FILE: config.in_channels: expected 1 (the input_size: NAM feeds its input channels to the LSTM), found 2",
            Refusal(Nam("LSTM", """{"input_size": 1, "hidden_size": 1, "num_layers": 1, "in_channels": 2}""", SixteenWeights)));

    [Fact]
    public void AConfigFieldTheImporterDoesNotKnowIsRefused() =>
        Assert.Equal("FILE: config: field \"bidirectional\" is not supported (NAM's LSTM reads only these); expected only num_layers, input_size, hidden_size, in_channels, out_channels",
            Refusal(Nam("LSTM", """{"input_size": 1, "hidden_size": 1, "num_layers": 1, "bidirectional": true}""", SixteenWeights)));

    [Fact]
    public void ZeroLayersAreRefused() =>
        Assert.Equal("FILE: config.num_layers: expected an integer from 1 to 16777216, found the number 0",
            Refusal(Nam("LSTM", """{"input_size": 1, "hidden_size": 1, "num_layers": 0}""", "1, 2")));

    [Fact]
    public void ANonFiniteWeightIsNamedByIndex() =>
        Assert.Equal("FILE: weights[3]: expected a finite float32, found 1e39",
            Refusal(Nam("LSTM", OneByOne, "1, 2, 3, 1e39" + SixteenWeights[10..])));

    [Fact]
    public void AMissingConfigIsNamed() =>
        Assert.Equal("FILE: missing field \"config\"",
            Refusal("""{"version": "0.5.4", "architecture": "LSTM", "weights": []}"""));

    [Fact]
    public void AHiddenSizeWhoseWeightCountOverflowedAnIntIsRefusedWithTheTrueCount() =>
        // 4·H·(1 + H) with H = 100000 is beyond int: the count used to wrap to a meaningless number.
        Assert.Equal("FILE: weights: expected 40001100001 numbers (1 layer(s) of [W 4H x (I+H), b 4H, h0 H, c0 H] with H = 100000, then the head's 1 x 100000 weights and 1 bias(es)), found 16",
            Refusal(Nam("LSTM", """{"input_size": 1, "hidden_size": 100000, "num_layers": 1}""", SixteenWeights)));

    [Theory]
    [InlineData("\"sample_rate\": 48000", "\"sample_rate\": 1e400", "sample_rate: expected a finite number, found the number 1e400")]
    [InlineData("\"metadata\": {}", "\"metadata\": {\"loudness\": [-1e999]}", "metadata.loudness[0]: expected a finite number, found the number -1e999")]
    [InlineData("\"sample_rate\": 48000", "\"sample_rate\": \"48k\"", "sample_rate: expected a number, found the string \"48k\"")]
    [InlineData("\"version\": \"0.5.4\"", "\"version\": 5", "version: expected a string, found the number 5")]
    [InlineData("\"weights\": [1, ", "\"weights\": [[1], ", "weights[1]: expected an array of 1 (a rectangular tensor of shape [16, 1]), found the number 2")]
    public void AValueNoModelCanHaveIsNamedByPath(string find, string replace, string problem)
    {
        string nam = Nam("LSTM", OneByOne, SixteenWeights);
        Assert.Contains(find, nam);
        Assert.Equal("FILE: " + problem, Refusal(nam.Replace(find, replace)));
    }
}
