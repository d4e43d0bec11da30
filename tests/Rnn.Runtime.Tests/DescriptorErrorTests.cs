using System;
using System.IO;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>Every way a descriptor can be wrong is reported with file, line, column, JSON path and expected-versus-found.</summary>
public class DescriptorErrorTests
{
    private const string File = "model.rnn.json";

    // An LSTM(2→2) and a dense head; every array sits on one line so positions below are easy to read.
    private static readonly string Valid = $$"""
        {
          "format": "rnn-embedded",
          "version": 1,
          "input_size": 2,
          "layers": [
            {
              "type": "lstm",
              "input_size": 2,
              "hidden_size": 2,
              "weight_ih": [{{Values(16)}}],
              "weight_hh": [{{Values(16)}}],
              "bias_ih": [{{Values(8)}}],
              "bias_hh": [{{Values(8)}}]
            },
            {
              "type": "dense",
              "input_size": 2,
              "units": 1,
              "activation": "linear",
              "weight": [0.5, -0.25],
              "bias": [0.125]
            }
          ],
          "metadata": { "producer": "test" }
        }
        """;

    private static string Values(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => ((i % 5) * 0.25 - 0.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static RnnDescriptorException Reject(string text) =>
        Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(text, File));

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text);
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    [Fact]
    public void TheTemplateIsValid()
    {
        var model = DescriptorReader.Parse(Valid, File);
        Assert.Equal(2, model.InputSize);
        Assert.Equal(1, model.OutputSize);
        Assert.Equal("test", model.Metadata.Fields.Single().Value.Text);
    }

    [Fact]
    public void MalformedJsonNamesLineAndColumn()
    {
        var e = Reject(Replace(Valid, "\"version\": 1,", "\"version\": 1"));
        Assert.Equal("model.rnn.json(4,3): malformed JSON: expected ',' or '}' after a field, found the string \"input_size\"", e.Message);
        Assert.Equal(4, e.Position.Line);
        Assert.Equal(3, e.Position.Column);
    }

    [Fact]
    public void UnexpectedCharacterIsMalformed()
    {
        var e = Reject(Replace(Valid, "\"version\": 1", "\"version\": @"));
        Assert.Equal("model.rnn.json(3,14): malformed JSON: unexpected character '@'", e.Message);
    }

    [Fact]
    public void TruncatedFileSaysSo()
    {
        var e = Reject(Valid[..(Valid.IndexOf("\"weight_hh\": [-0.5", StringComparison.Ordinal) + 18)]);
        Assert.StartsWith("model.rnn.json(11,25): ", e.Message);
        Assert.EndsWith("unexpected end of file: expected ',' or ']' after an array element (is the file truncated?)", e.Message);
    }

    [Fact]
    public void TruncatedInsideAStringSaysSo()
    {
        var e = Reject(Valid[..(Valid.IndexOf("lstm", StringComparison.Ordinal) + 2)]);
        Assert.Equal("model.rnn.json(7,15): unexpected end of file inside a string that never ends (is the file truncated?)", e.Message);
    }

    [Fact]
    public void EmptyFileIsNamed()
    {
        Assert.Equal("model.rnn.json(1,1): the file is empty; expected a descriptor object", Reject("  \n").Message);
    }

    [Fact]
    public void UnknownLayerType()
    {
        var e = Reject(Replace(Valid, "\"lstm\"", "\"bilstm\""));
        Assert.Equal("model.rnn.json(7,15): layers[0].type: unknown layer type \"bilstm\"; expected one of rnn, lstm, gru, dense", e.Message);
    }

    [Fact]
    public void UnknownFutureVersionIsReportedBeforeUnknownFields()
    {
        var text = Replace(Replace(Valid, "\"version\": 1", "\"version\": 3"), "\"type\": \"lstm\",", "\"type\": \"lstm\", \"attention\": \"additive\",");
        var e = Reject(text);
        Assert.Equal("model.rnn.json(3,14): version: format version 3 is newer than this reader, which reads versions 1 to 2; update Rnn.Embedded to read this file", e.Message);
    }

    [Fact]
    public void VersionTwoFieldInAVersionOneFileNamesTheVersionItNeeds()
    {
        var e = Reject(Replace(Valid, "\"type\": \"lstm\",", "\"type\": \"lstm\", \"direction\": \"bidirectional\","));
        Assert.Equal("model.rnn.json(7,23): layers[0].direction: field \"direction\" needs format version 2, but the file says version 1; set \"version\": 2", e.Message);
    }

    [Fact]
    public void WrongFormatName()
    {
        var e = Reject(Replace(Valid, "\"rnn-embedded\"", "\"onnx\""));
        Assert.Equal("model.rnn.json(2,13): format: expected \"rnn-embedded\", found \"onnx\"", e.Message);
    }

    [Fact]
    public void MissingFieldPointsAtItsObject()
    {
        var text = string.Join("\n", Valid.Split('\n').Where(l => !l.Contains("\"weight_hh\"")));
        var e = Reject(text);
        Assert.Equal("model.rnn.json(6,5): layers[0]: missing field \"weight_hh\"", e.Message);
    }

    [Fact]
    public void MissingVersion()
    {
        var e = Reject(Replace(Valid, "\"version\": 1,", ""));
        Assert.Equal("model.rnn.json(1,1): missing field \"version\" (expected 2)", e.Message);
    }

    [Fact]
    public void WrongValueCountStatesTheFormula()
    {
        var e = Reject(Replace(Valid, "\"weight_hh\": [-0.5, ", "\"weight_hh\": ["));
        Assert.Equal("model.rnn.json(11,20): layers[0].weight_hh: expected 4*2*2 = 16 values, found 15", e.Message);
        Assert.Equal("layers[0].weight_hh", e.JsonPath);
        Assert.Equal("expected 4*2*2 = 16 values, found 15", e.Problem);
    }

    [Fact]
    public void SizesThatDoNotChain()
    {
        var e = Reject(Replace(Valid, "\"input_size\": 2,\n      \"units\"", "\"input_size\": 3,\n      \"units\""));
        Assert.Equal("model.rnn.json(17,21): layers[1].input_size: expected 2 (the output size of layers[0]), found 3", e.Message);
    }

    [Fact]
    public void FirstLayerMustReadTheModelInput()
    {
        var e = Reject(Replace(Valid, "\"input_size\": 2,\n      \"hidden_size\"", "\"input_size\": 5,\n      \"hidden_size\""));
        Assert.Equal("model.rnn.json(8,21): layers[0].input_size: expected 2 (the model's input_size), found 5", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void NonFiniteWeights(string literal)
    {
        var e = Reject(Replace(Valid, "\"bias_ih\": [-0.5, -0.25,", $"\"bias_ih\": [-0.5, {literal},"));
        Assert.Equal($"model.rnn.json(12,25): layers[0].bias_ih[1]: expected a finite float32, found {literal}", e.Message);
    }

    [Fact]
    public void WeightsBeyondFloat32Range()
    {
        var e = Reject(Replace(Valid, "\"weight\": [0.5,", "\"weight\": [1e39,"));
        Assert.Equal("model.rnn.json(20,18): layers[1].weight[0]: expected a finite float32, found 1e39, which is beyond the float32 range (±3.4028235E+38)", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void NonPositiveSizes(string size)
    {
        var e = Reject(Replace(Valid, "\"hidden_size\": 2", $"\"hidden_size\": {size}"));
        Assert.Equal($"model.rnn.json(9,22): layers[0].hidden_size: expected a positive size, found {size}", e.Message);
    }

    [Fact]
    public void NonPositiveModelInputSize()
    {
        var e = Reject(Replace(Valid, "\"input_size\": 2,\n  \"layers\"", "\"input_size\": 0,\n  \"layers\""));
        Assert.Equal("model.rnn.json(4,17): input_size: expected a positive size, found 0", e.Message);
    }

    [Fact]
    public void ZeroStandardDeviation()
    {
        var e = Reject(Replace(Valid, "\"layers\": [", "\"input_normalization\": { \"mean\": [0, 1], \"std\": [1, 0] },\n  \"layers\": ["));
        Assert.Equal("model.rnn.json(5,55): input_normalization.std[1]: expected a positive standard deviation, found 0", e.Message);
    }

    [Fact]
    public void NormalizationOfTheWrongWidth()
    {
        var e = Reject(Replace(Valid, "\"layers\": [", "\"input_normalization\": { \"mean\": [0], \"std\": [1, 2] },\n  \"layers\": ["));
        Assert.Equal("model.rnn.json(5,36): input_normalization.mean: expected input_size = 2 values, found 1", e.Message);
    }

    [Fact]
    public void SizeOfTheWrongType()
    {
        var e = Reject(Replace(Valid, "\"hidden_size\": 2", "\"hidden_size\": \"2\""));
        Assert.Equal("model.rnn.json(9,22): layers[0].hidden_size: expected a positive size (a whole number), found the string \"2\"", e.Message);
        e = Reject(Replace(Valid, "\"hidden_size\": 2", "\"hidden_size\": 2.5"));
        Assert.Equal("model.rnn.json(9,22): layers[0].hidden_size: expected a positive size (a whole number), found the number 2.5", e.Message);
    }

    [Fact]
    public void UnknownFieldIsATypo()
    {
        var e = Reject(Replace(Valid, "\"hidden_size\": 2", "\"hiden_size\": 2"));
        Assert.Equal("model.rnn.json(9,7): layers[0].hiden_size: unknown field \"hiden_size\"; expected one of type, input_size, hidden_size, weight_ih, weight_hh, bias_ih, bias_hh, direction, clip, initial_h, weight_ih_reverse, weight_hh_reverse, bias_ih_reverse, bias_hh_reverse, initial_h_reverse, gate_activation, gate_activation_alpha, gate_activation_beta, proj_size, weight_hr, weight_peephole, initial_c, weight_hr_reverse, weight_peephole_reverse, initial_c_reverse", e.Message);
    }

    [Fact]
    public void DuplicateField()
    {
        var e = Reject(Replace(Valid, "\"hidden_size\": 2,", "\"hidden_size\": 2, \"hidden_size\": 3,"));
        Assert.Equal("model.rnn.json(9,25): layers[0].hidden_size: duplicate field \"hidden_size\"", e.Message);
    }

    [Fact]
    public void NestedWeightRowsAreExplained()
    {
        var e = Reject(Replace(Valid, "\"weight\": [0.5, -0.25]", "\"weight\": [[0.5, -0.25]]"));
        Assert.Equal("model.rnn.json(20,18): layers[1].weight[0]: expected a number, found an array (weights are flat row-major arrays)", e.Message);
    }

    [Fact]
    public void UnknownActivation()
    {
        var e = Reject(Replace(Valid, "\"linear\"", "\"gelu\""));
        Assert.Equal("model.rnn.json(19,21): layers[1].activation: expected one of linear, relu, tanh, sigmoid, softmax, found \"gelu\"", e.Message);
    }

    [Fact]
    public void NoLayers()
    {
        var start = Valid.IndexOf("\"layers\": [", StringComparison.Ordinal);
        var end = Valid.IndexOf("  ],", StringComparison.Ordinal);
        var e = Reject(Valid[..start] + "\"layers\": [\n" + Valid[end..]);
        Assert.Equal("model.rnn.json(5,13): layers: expected at least one layer, found none", e.Message);
    }

    [Fact]
    public void TrailingContent()
    {
        var e = Reject(Valid + "\n{}");
        Assert.Equal("model.rnn.json(26,1): malformed JSON: unexpected an object after the end of the document", e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), "rnn-embedded-missing-" + Guid.NewGuid() + ".rnn.json");
        var e = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.ReadFile(path));
        Assert.Equal(path + ": file not found", e.Message);
    }

    [Fact]
    public void ReadFileNamesTheFileInErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), "rnn-embedded-" + Guid.NewGuid() + ".rnn.json");
        System.IO.File.WriteAllText(path, Replace(Valid, "\"lstm\"", "\"bilstm\""));
        try
        {
            var e = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.ReadFile(path));
            Assert.StartsWith(path + "(7,15): layers[0].type:", e.Message);
            Assert.Equal(path, e.FilePath);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void TryParseReportsInsteadOfThrowing()
    {
        Assert.False(DescriptorReader.TryParse("{", File, out var descriptor, out var error));
        Assert.Null(descriptor);
        Assert.Equal("model.rnn.json(1,2): unexpected end of file: expected a field name in double quotes (is the file truncated?)", error!.Message);
        Assert.True(DescriptorReader.TryParse(Valid, File, out descriptor, out error));
        Assert.NotNull(descriptor);
        Assert.Null(error);
    }

    [Fact]
    public void DescriptorsBuiltInCodeAreValidatedToo()
    {
        var layer = new RecurrentLayerDescriptor(LayerKind.Gru, 2, 3, Activation.Tanh, new float[18], new float[27], new float[9], new float[8]);
        var e = Assert.Throws<RnnDescriptorException>(() => new ModelDescriptor(2, new[] { layer }));
        Assert.Equal("layers[0].bias_hh: expected 3*3 = 9 values, found 8", e.Message);
        Assert.False(e.Position.IsKnown);

        var bad = new RecurrentLayerDescriptor(LayerKind.Gru, 2, 3, Activation.Tanh, new float[18], new float[27], new float[9], new float[9]);
        var weights = new float[18];
        weights[4] = float.NaN;
        bad = new RecurrentLayerDescriptor(LayerKind.Gru, 2, 3, Activation.Tanh, weights, new float[27], new float[9], new float[9]);
        e = Assert.Throws<RnnDescriptorException>(() => new ModelDescriptor(2, new[] { bad }));
        Assert.Equal("layers[0].weight_ih[4]: expected a finite float32, found NaN", e.Message);
    }
}
