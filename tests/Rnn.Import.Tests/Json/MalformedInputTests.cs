using System.IO;
using System.Linq;
using System.Text;
using Rnn.Import.Json;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests.Json;

/// <summary>
/// Files that are broken as JSON, or hold values no model can have, get a clear refusal from every JSON importer
/// (Keras, NAM, PyTorch dump, NeuralPi all open files through <see cref="JsonModelFile"/>), never a raw exception.
/// </summary>
public class MalformedInputTests
{
    public static TheoryData<string> Formats() => new() { "keras", "nam", "pytorch", "neuralpi" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void AnEmptyFileIsRefusedAsEmpty(string format)
    {
        Assert.Equal("FILE: the file is empty; expected a JSON object", ImportedFixtures.Refusal(format, "model.json", ""));
        Assert.Equal("FILE: the file is empty; expected a JSON object", ImportedFixtures.Refusal(format, "model.json", " \r\n\t"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TruncatedJsonNamesTheLineAndByteWhereItEnds(string format) =>
        Assert.Equal("FILE: malformed JSON at line 2, byte 17: the file ends before the JSON value does (is it truncated?)",
            ImportedFixtures.Refusal(format, "model.json", "{\"layers\": [\n  {\"weights\": [1"));

    [Theory]
    [MemberData(nameof(Formats))]
    public void ATopLevelThatIsNotAnObjectIsRefused(string format) =>
        Assert.Equal("FILE: expected a JSON object at the top level, found an array of 2", ImportedFixtures.Refusal(format, "model.json", "[1, 2]"));

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void PythonsNonFiniteLiteralsAreExplained(string literal) =>
        Assert.Equal($"FILE: malformed JSON at line 1, byte 17: {literal} is not a JSON number (Python's json module writes it for a non-finite float); the model holds a weight or setting that is not finite",
            ImportedFixtures.Refusal("nam", "amp.nam", $$"""{"weights": [1, {{literal}}]}"""));

    [Theory]
    [MemberData(nameof(Formats))]
    public void NestingBeyondTheDepthBoundIsRefusedWhileParsing(string format) =>
        Assert.Equal("FILE: malformed JSON at line 1, byte 76: The maximum configured depth of 64 has been exceeded. Cannot read next JSON array",
            ImportedFixtures.Refusal(format, "model.json", "{\"weights\": " + new string('[', 100) + new string(']', 100) + "}"));

    [Theory]
    [MemberData(nameof(Formats))]
    public void ANameGivenTwiceInOneObjectIsRefused(string format) =>
        Assert.Equal("FILE: config[0]: field \"weights\" is given twice; expected each name once (which value counts would be a guess)",
            ImportedFixtures.Refusal(format, "model.json", "{\"config\":\n [{\"weights\": [1], \"weights\": [2]}]}"));

    [Theory]
    [MemberData(nameof(Formats))]
    public void AFileOverTheSizeBoundIsRefusedBeforeItIsRead(string format)
    {
        long size = JsonModelFile.MaxFileBytes + 1;
        // SetLength makes a sparse file on the file systems tests run on: nothing is written, nothing read.
        ImportedFixtures.WithFile("huge.json", path =>
        {
            using var stream = File.Create(path);
            stream.SetLength(size);
        }, path => Assert.Equal(
            $"FILE: the file is {size} bytes; JSON models of more than {JsonModelFile.MaxFileBytes} bytes are refused (no recurrent model for a small device is that large)",
            ImportedFixtures.RefusalOf(format, path)));
    }

    [Fact]
    public void AByteOrderMarkIsSkipped()
    {
        const string json = """{"in_shape": [null, null, 1], "layers": [{"type": "dense", "activation": "", "shape": [null, null, 1], "weights": [[[2]], [1]]}]}""";
        ImportedFixtures.WithFile("bom.json", path => File.WriteAllText(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)), path =>
        {
            Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
            var dense = Assert.IsType<DenseLayerDescriptor>(ModelImport.Import(path).Layers.Single());
            Assert.Equal((2f, 1f), (dense.Weight[0], dense.Bias[0]));
        });
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Utf16TextIsRefusedSayingHowToSaveIt(string format) =>
        ImportedFixtures.WithFile("model.json", path => File.WriteAllText(path, "{}", Encoding.Unicode), path => Assert.Equal(
            "FILE: the file is UTF-16 text (Windows PowerShell's > writes that); expected UTF-8: save it as UTF-8 (e.g. Out-File -Encoding utf8)",
            ImportedFixtures.RefusalOf(format, path)));

    [Theory]
    [MemberData(nameof(Formats))]
    public void BytesThatAreNotUtf8AreRefusedWhileParsing(string format) =>
        ImportedFixtures.WithFile("model.json", path => File.WriteAllBytes(path, [.. "{\"model\":\n \"\u00e9"u8, 0xFF, .. "\"}"u8]), path => Assert.Equal(
            "FILE: the file is not UTF-8 text: byte 0xFF at line 2, byte 5 is not valid UTF-8; expected UTF-8 (what Python's json module writes)", ImportedFixtures.RefusalOf(format, path)));

    [Theory]
    [InlineData("""{"version": "0.5.4", "architecture": "\ud800"}""", "architecture: the string has a \\u escape that is not Unicode text (a lone surrogate); expected valid UTF-16 escapes")]
    [InlineData("""{"version": "0.5.4", "metadata": {"\udc00x": 1}}""", "metadata: a field name has a \\u escape that is not Unicode text (a lone surrogate); expected valid UTF-16 escapes")]
    public void AnEscapeThatIsNotUnicodeIsRefused(string nam, string problem) =>
        Assert.Equal("FILE: " + problem, ImportedFixtures.Refusal("nam", "amp.nam", nam));

    [Fact]
    public void AHugeStringIsCutShortInTheMessage() =>
        Assert.Equal($"FILE: layers[0] ({new string('x', 40)}…): layer type \"{new string('x', 40)}…\" is not supported; expected one of lstm, gru, dense, time-distributed-dense, activation, tanh, relu, sigmoid, softmax",
            ImportedFixtures.Refusal("keras", "model.json", $$"""{"in_shape": [null, null, 1], "layers": [{"type": "{{new string('x', 100_000)}}"}]}"""));
}
