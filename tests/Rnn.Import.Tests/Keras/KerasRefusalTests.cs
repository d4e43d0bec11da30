using Xunit;

namespace Rnn.Import.Tests.Keras;

/// <summary>What a Keras/RTNeural file can hold that the runtime cannot express is refused, naming the layer and what was expected versus found.</summary>
public class KerasRefusalTests
{
    /// <summary>A one-input model whose layers are <paramref name="layers"/> (JSON objects, comma-separated).</summary>
    private static string Model(string layers) => $$"""{"in_shape": [null, null, 1], "layers": [{{layers}}]}""";

    private const string Lstm2 = """
        {"type": "lstm", "activation": "tanh", "shape": [null, null, 1],
         "weights": [[[0.1, 0.2, 0.3, 0.4]], [[0.5, 0.6, 0.7, 0.8]], [0, 0, 0, 0]]
        """;

    private static string Refusal(string text) => ImportedFixtures.Refusal("keras", "model.json", text);

    [Theory]
    [InlineData("conv1d", "convolutions have no descriptor layer")]
    [InlineData("conv2d", "convolutions have no descriptor layer")]
    [InlineData("batchnorm", "batch normalisation has no descriptor layer")]
    [InlineData("prelu", "PReLU has no descriptor activation")]
    public void LayersRTNeuralHasButTheRuntimeDoesNotAreRefusedWithTheReason(string type, string why) =>
        Assert.Equal($"FILE: layers[1] ({type}): layer type \"{type}\" is not supported ({why})",
            Refusal(Model(Lstm2 + "}, " + $$"""{"type": "{{type}}", "activation": "", "shape": [null, null, 1], "weights": []}""")));

    [Fact]
    public void AnUnknownLayerTypeIsRefusedListingTheSupportedOnes() =>
        Assert.Equal("FILE: layers[0] (lambda): layer type \"lambda\" is not supported; expected one of lstm, gru, dense, time-distributed-dense, activation, tanh, relu, sigmoid, softmax",
            Refusal(Model("""{"type": "lambda", "shape": [null, null, 1], "weights": []}""")));

    [Fact]
    public void AnActivationTheRuntimeLacksIsRefused() =>
        Assert.Equal("FILE: layers[0] (dense): activation \"elu\" is not supported; expected one of linear, tanh, relu, sigmoid, softmax (or \"\" for linear)",
            Refusal(Model("""{"type": "dense", "activation": "elu", "shape": [null, null, 1], "weights": [[[2]], [0]]}""")));

    [Fact]
    public void AnEluActivationLayerIsRefused() =>
        Assert.Equal("FILE: layers[1] (activation): activation \"elu\" is not supported; expected one of linear, tanh, relu, sigmoid, softmax (or \"\" for linear)",
            Refusal(Model(Lstm2 + """}, {"type": "activation", "activation": "elu", "shape": [null, null, 1], "weights": []}""")));

    [Fact]
    public void AnLstmWhoseCandidateActivationIsNotTanhIsRefused() =>
        Assert.Equal("FILE: layers[0] (lstm): activation \"relu\" is not supported; the runtime's LSTM uses tanh for the candidate and the cell output",
            Refusal(Model(Lstm2.Replace("\"tanh\"", "\"relu\"") + "}")));

    [Fact]
    public void ARecurrentLayerWithoutATimeAxisReturnsOnlyItsLastStepAndIsRefused() =>
        Assert.Equal("FILE: layers[0] (lstm): shape: expected [batch, time, units], found 2 dimension(s): the layer returns only its last step (return_sequences=False), which a step-by-step model cannot express",
            Refusal(Model(Lstm2.Replace("[null, null, 1]", "[null, 1]") + "}")));

    [Theory]
    [InlineData("return_sequences", "false", "return_sequences=false is not supported (the runtime outputs every step; return_sequences=False keeps only the last one)")]
    [InlineData("stateful", "true", "stateful=true is not supported (state across batches is the caller's, not the model's)")]
    [InlineData("go_backwards", "true", "go_backwards=true is not supported (Keras returns the reversed walk's outputs in reversed order)")]
    public void RecurrentFlagsTheRuntimeCannotHonourAreRefused(string flag, string value, string problem) =>
        Assert.Equal("FILE: layers[0] (lstm): " + problem, Refusal(Model(Lstm2 + $", \"{flag}\": {value}}}")));

    [Fact]
    public void AnUnknownRecurrentActivationIsRefused() =>
        Assert.Equal("FILE: layers[0] (lstm): recurrent_activation \"softsign\" is not supported; expected sigmoid or hard_sigmoid",
            Refusal(Model(Lstm2 + ", \"recurrent_activation\": \"softsign\"}")));

    [Fact]
    public void AFieldTheImporterDoesNotKnowIsRefusedNotIgnored() =>
        Assert.Equal("FILE: layers[0] (lstm): field \"unit_forget_bias\" is not supported (a Keras LSTM setting the runtime does not model); expected only type, activation, shape, weights, recurrent_activation, return_sequences, stateful, go_backwards, name",
            Refusal(Model(Lstm2 + ", \"unit_forget_bias\": true}")));

    [Fact]
    public void AKernelOfTheWrongShapeNamesTheTensorAndBothShapes() =>
        Assert.Equal("FILE: layers[0] (lstm): weights[0]: expected shape [1, 4] (kernel [inputs][4*units]), found [1, 3]",
            Refusal(Model(Lstm2.Replace("[[0.1, 0.2, 0.3, 0.4]]", "[[0.1, 0.2, 0.3]]") + "}")));

    [Fact]
    public void AGruWhoseResetAfterFlagContradictsItsBiasIsRefused() =>
        Assert.Equal("FILE: layers[0] (gru): reset_after: the field says true but the bias has the shape of reset_after=False ([3*units])",
            Refusal(Model("""{"type": "gru", "shape": [null, null, 1], "reset_after": true, "weights": [[[1, 2, 3]], [[4, 5, 6]], [7, 8, 9]]}""")));

    [Fact]
    public void AnActivationLayerMustKeepItsInputSize() =>
        Assert.Equal("FILE: layers[1] (activation): shape: expected 1 values per step (an activation keeps its input's size), found 4",
            Refusal(Model(Lstm2 + """}, {"type": "activation", "activation": "tanh", "shape": [null, null, 4], "weights": []}""")));

    [Fact]
    public void AFourDimensionalInputIsRefused() =>
        Assert.Equal("FILE: in_shape: expected [batch, time, features] or [batch, features], found 4 dimension(s)",
            Refusal("""{"in_shape": [null, null, 4, 2], "layers": []}"""));

    [Fact]
    public void MalformedJsonNamesTheLine() =>
        Assert.Equal("FILE: malformed JSON at line 2, byte 13: '}' is an invalid start of a value", Refusal("{\"in_shape\": [null, null, 1],\n \"layers\": [}"));

    [Fact]
    public void AMissingFieldIsNamed() =>
        Assert.Equal("FILE: layers[0] (dense): missing field \"weights\"",
            Refusal(Model("""{"type": "dense", "activation": "", "shape": [null, null, 1]}""")));

    [Fact]
    public void AUnitCountBeyondAnyModelIsRefusedBeforeItSizesAnything() =>
        // 4 x 600000000 gate columns overflowed an int and the kernel's allocation threw OverflowException.
        Assert.Equal("FILE: layers[0] (lstm): shape[2]: expected an integer from 1 to 16777216, found the number 600000000",
            Refusal(Model("""{"type": "lstm", "shape": [null, null, 600000000], "weights": [[[1, 2, 3, 4]], [[1, 2, 3, 4]]]}""")));

    [Fact]
    public void WeightsThatDoNotBackTheDeclaredUnitsAreRefusedByShape() =>
        Assert.Equal("FILE: layers[0] (lstm): weights[0]: expected shape [1, 64000000] (kernel [inputs][4*units]), found [1, 4]",
            Refusal(Model("""{"type": "lstm", "shape": [null, null, 16000000], "weights": [[[1, 2, 3, 4]], [[1, 2, 3, 4]]]}""")));

    [Fact]
    public void AnActivationFirstOnAWideInputIsRefusedRatherThanAllocatingAnIdentityOfSizeSquared() =>
        // 100000² weights: the size overflowed an int (1410065408 floats, 5.6 GB).
        Assert.Equal("FILE: layers[0] (tanh): an activation that follows no linear dense layer becomes an identity dense layer of 100000 x 100000 weights; at most 4096 values per step are supported there",
            Refusal("""{"in_shape": [null, null, 100000], "layers": [{"type": "tanh"}]}"""));

    [Theory]
    [InlineData("""{"in_shape": [null, null, 1], "layers": {}}""", "layers: expected an array, found an object")]
    [InlineData("""{"in_shape": "1", "layers": []}""", "in_shape: expected an array, found the string \"1\"")]
    [InlineData("""{"in_shape": [null, null, 1.5], "layers": []}""", "in_shape[2]: expected an integer from 1 to 16777216, found the number 1.5")]
    [InlineData("""{"in_shape": [null, null, 1], "layers": [5]}""", "layers[0]: expected a layer object, found the number 5")]
    [InlineData("""{"in_shape": [null, null, 1], "layers": [{"type": 5}]}""", "layers[0].type: expected a string, found the number 5")]
    [InlineData("""{"in_shape": [null, null, 1], "layers": [{"type": "dense", "shape": [null, null, 1], "weights": [[["2"]], [0]]}]}""",
        "layers[0] (dense): weights[0][0][0]: expected a number (an element of a tensor of shape [1, 1]), found the string \"2\"")]
    [InlineData("""{"in_shape": [null, null, 1], "layers": [{"type": "dense", "shape": [null, null, 1], "weights": [[[2]], [1e39]]}]}""",
        "layers[0] (dense): weights[1][0]: expected a finite float32, found 1e39")]
    [InlineData("""{"in_shape": [null, null, 1], "layers": [{"type": "lstm", "shape": [null, null, 1], "stateful": "no", "weights": []}]}""",
        "layers[0] (lstm): stateful: expected true or false, found the string \"no\"")]
    public void WrongTypesAnywhereAreNamedByPath(string json, string problem) =>
        Assert.Equal("FILE: " + problem, Refusal(json));
}
