using System;
using System.Globalization;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// Every format-v2 validation message, from a file (with line, column and JSON path) and, for the checks a
/// file cannot reach past the parser, from a descriptor built in code.
/// </summary>
public class DescriptorVersion2ErrorTests
{
    private const string File = "model.rnn.json";

    private static string Values(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => ((i % 5) * 0.25 - 0.5).ToString("R", CultureInfo.InvariantCulture)));

    // A recurrent layer (2 → 2, G gate blocks) with `extra` fields after hidden_size, then a dense head;
    // `top` goes after input_size. Line 10 is the first extra field.
    private static string Template(string kind, int gates, string extra = "", string top = "", string version = "2") => $$"""
        {
          "format": "rnn-embedded",
          "version": {{version}},
          "input_size": 2,{{top}}
          "layers": [
            {
              "type": "{{kind}}",
              "input_size": 2,
              "hidden_size": 2,{{extra}}
              "weight_ih": [{{Values(gates * 4)}}],
              "weight_hh": [{{Values(gates * 4)}}],
              "bias_ih": [{{Values(gates * 2)}}],
              "bias_hh": [{{Values(gates * 2)}}]
            },
            {
              "type": "dense",
              "input_size": 2,
              "units": 1,
              "weight": [0.5, -0.25],
              "bias": [0.125]
            }
          ]
        }
        """;

    private static string Field(string text) => "\n      " + text + ",";

    private static string Reject(string text) =>
        Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(text, File)).Message;

    [Fact]
    public void TheTemplatesAreValid()
    {
        Assert.Equal(1, DescriptorReader.Parse(Template("lstm", 4), File).OutputSize);
        Assert.Equal(1, DescriptorReader.Parse(Template("gru", 3, Field("\"reset_after\": false")), File).OutputSize);
        Assert.Equal(1, DescriptorReader.Parse(Template("rnn", 1, Field("\"clip\": 2")), File).OutputSize);
    }

    [Theory]
    [InlineData("\n  \"skip\": 0,", "model.rnn.json(5,11): skip: expected a positive count of input features, found 0")]
    [InlineData("\n  \"skip\": 3,", "model.rnn.json(5,11): skip: expected a count of input features from 1 to input_size = 2, found 3")]
    [InlineData("\n  \"skip\": 2,", "model.rnn.json(5,11): skip: the skip adds the first 2 inputs to the output, so the output size must be 2; the last layer writes 1")]
    public void SkipMustFitTheInputAndEqualTheOutput(string top, string message) =>
        Assert.Equal(message, Reject(Template("lstm", 4, top: top)));

    [Fact]
    public void SkipNeedsVersion2() =>
        Assert.Equal("model.rnn.json(5,3): skip: field \"skip\" needs format version 2, but the file says version 1; set \"version\": 2",
            Reject(Template("lstm", 4, top: "\n  \"skip\": 1,", version: "1")));

    [Theory]
    [InlineData("lstm", 4, "\"direction\": \"sideways\"", "model.rnn.json(10,20): layers[0].direction: expected one of forward, reverse, bidirectional, found \"sideways\"")]
    [InlineData("lstm", 4, "\"direction\": \"bidirectional\"", "model.rnn.json(6,5): layers[0]: missing field \"weight_ih_reverse\"")]
    [InlineData("gru", 3, "\"initial_h_reverse\": [0.5, 0.25]", "model.rnn.json(10,28): layers[0].initial_h_reverse: reverse-direction tensors belong to a bidirectional layer; expected \"direction\": \"bidirectional\"")]
    [InlineData("rnn", 1, "\"direction\": \"reverse\",\n      \"weight_hh_reverse\": [1, 2, 3, 4]", "model.rnn.json(11,28): layers[0].weight_hh_reverse: reverse-direction tensors belong to a bidirectional layer; expected \"direction\": \"bidirectional\"")]
    [InlineData("gru", 3, "\"reset_after\": \"no\"", "model.rnn.json(10,22): layers[0].reset_after: expected true or false, found the string \"no\"")]
    [InlineData("lstm", 4, "\"proj_size\": 2", "model.rnn.json(10,20): layers[0].proj_size: expected a projection size from 1 to hidden_size - 1 = 1, found 2")]
    [InlineData("lstm", 4, "\"proj_size\": 0", "model.rnn.json(10,20): layers[0].proj_size: expected a positive size, found 0")]
    [InlineData("lstm", 4, "\"proj_size\": 1,\n      \"weight_hr\": [0.5, 0.25]", "model.rnn.json(13,20): layers[0].weight_hh: expected 4*2*1 = 8 values, found 16")]
    [InlineData("lstm", 4, "\"weight_hr\": [0.5, 0.25]", "model.rnn.json(10,20): layers[0].weight_hr: projection weights need \"proj_size\"")]
    [InlineData("lstm", 4, "\"weight_peephole\": [1, 2, 3, 4, 5]", "model.rnn.json(10,26): layers[0].weight_peephole: expected 3*2 = 6 values, found 5")]
    [InlineData("rnn", 1, "\"clip\": -1", "model.rnn.json(10,15): layers[0].clip: expected a positive clipping threshold, found -1")]
    [InlineData("gru", 3, "\"gate_activation\": \"relu\"", "model.rnn.json(10,26): layers[0].gate_activation: expected one of sigmoid, hard_sigmoid, found \"relu\"")]
    [InlineData("lstm", 4, "\"gate_activation_alpha\": 0.25", "model.rnn.json(10,32): layers[0].gate_activation_alpha: gate_activation_alpha belongs to \"gate_activation\": \"hard_sigmoid\", but the gates are sigmoid")]
    [InlineData("gru", 3, "\"gate_activation_beta\": 0.25", "model.rnn.json(10,31): layers[0].gate_activation_beta: gate_activation_beta belongs to \"gate_activation\": \"hard_sigmoid\", but the gates are sigmoid")]
    [InlineData("lstm", 4, "\"gate_activation\": \"hard_sigmoid\",\n      \"gate_activation_alpha\": \"big\"", "model.rnn.json(11,32): layers[0].gate_activation_alpha: expected a number, found the string \"big\"")]
    [InlineData("lstm", 4, "\"initial_h\": [1, 2, 3]", "model.rnn.json(10,20): layers[0].initial_h: expected 2 values, found 3")]
    [InlineData("lstm", 4, "\"initial_c\": [1]", "model.rnn.json(10,20): layers[0].initial_c: expected 2 values, found 1")]
    public void ALayerFieldThatDoesNotFitSaysWhereAndWhat(string kind, int gates, string field, string message) =>
        Assert.Equal(message, Reject(Template(kind, gates, Field(field))));

    [Theory]
    [InlineData("lstm", 4, "reset_after")]
    [InlineData("gru", 3, "weight_peephole")]
    [InlineData("gru", 3, "initial_c")]
    [InlineData("gru", 3, "proj_size")]
    [InlineData("rnn", 1, "gate_activation")]
    public void AFieldOfAnotherLayerKindIsUnknownThere(string kind, int gates, string field)
    {
        string message = Reject(Template(kind, gates, Field($"\"{field}\": 1")));
        Assert.StartsWith($"model.rnn.json(10,7): layers[0].{field}: unknown field \"{field}\"; expected one of type, input_size, hidden_size,", message);
    }

    private static float[] Zeros(int count) => new float[count];

    private static RecurrentWeights Gru2 => new(Zeros(12), Zeros(12), Zeros(6), Zeros(6));

    public static TheoryData<string, Func<RecurrentLayerDescriptor>> LayersBuiltInCode() => new()
    {
        { "layers[0].reset_after: only gru layers have the reset_after variant; this is an lstm layer",
            () => new(LayerKind.Lstm, 2, 2, Activation.Tanh, new RecurrentWeights(Zeros(16), Zeros(16), Zeros(8), Zeros(8)), null, new RecurrentLayerOptions { ResetAfter = false }) },
        { "layers[0].proj_size: only lstm layers have a projection; this is a gru layer",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, Gru2, null, new RecurrentLayerOptions { ProjectionSize = 1 }) },
        { "layers[0].gate_activation: an rnn layer has no gates; its activation is \"nonlinearity\"",
            () => new(LayerKind.Rnn, 2, 2, Activation.Tanh, new RecurrentWeights(Zeros(4), Zeros(4), Zeros(2), Zeros(2)), null, new RecurrentLayerOptions { GateActivation = Activation.HardSigmoid }) },
        { "layers[0].gate_activation: expected \"sigmoid\" or \"hard_sigmoid\", found \"tanh\"",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, Gru2, null, new RecurrentLayerOptions { GateActivation = Activation.Tanh }) },
        { "layers[0]: a bidirectional layer needs the reverse direction's weights: missing field \"weight_ih_reverse\"",
            () => new(LayerKind.Gru, 2, 1, Activation.Tanh, new RecurrentWeights(Zeros(6), Zeros(3), Zeros(3), Zeros(3)), null, new RecurrentLayerOptions { Direction = RecurrentDirection.Bidirectional }) },
        { "layers[0].weight_ih_reverse: reverse weights belong to a bidirectional layer, but direction is \"forward\"",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, Gru2, Gru2, null) },
        { "layers[0].weight_peephole: only lstm layers have peepholes; this is a gru layer",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, new RecurrentWeights(Zeros(12), Zeros(12), Zeros(6), Zeros(6), peephole: Zeros(6)), null, null) },
        { "layers[0].initial_c: only lstm layers have a cell state; this is a gru layer",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, new RecurrentWeights(Zeros(12), Zeros(12), Zeros(6), Zeros(6), initialC: Zeros(2)), null, null) },
        { "layers[0].clip: expected a positive clipping threshold, found NaN",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, Gru2, null, new RecurrentLayerOptions { Clip = float.NaN }) },
        { "layers[0].gate_activation_alpha: expected a finite float32, found Infinity",
            () => new(LayerKind.Gru, 2, 2, Activation.Tanh, Gru2, null, new RecurrentLayerOptions { GateActivation = Activation.HardSigmoid, HardSigmoidAlpha = float.PositiveInfinity }) },
    };

    [Theory]
    [MemberData(nameof(LayersBuiltInCode))]
    public void ALayerBuiltInCodeIsValidatedAlike(string message, Func<RecurrentLayerDescriptor> layer)
    {
        var head = new DenseLayerDescriptor(layer().OutputSize, 1, Activation.Linear, Zeros(layer().OutputSize), Zeros(1));
        var e = Assert.Throws<RnnDescriptorException>(() => new ModelDescriptor(2, new LayerDescriptor[] { layer(), head }));
        Assert.Equal(message, e.Message);
    }
}
