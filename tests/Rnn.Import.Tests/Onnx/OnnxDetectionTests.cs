using System;
using System.IO;
using System.Text;
using Rnn.Import.Onnx;
using Xunit;

namespace Rnn.Import.Tests.Onnx;

/// <summary>ONNX files are recognised from their first bytes (a serialised ModelProto), and nothing else is.</summary>
public class OnnxDetectionTests
{
    [Theory]
    [InlineData("torch_lstm_l1")]
    [InlineData("hand_gru_lbr0_gemm")]
    [InlineData("node_lstm_defaults")]
    public void OnnxFilesFromPyTorchAndOnnxHelperAreRecognised(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(OnnxFixture.Directory, name + ".onnx"));
        Assert.True(new OnnxImporter().Recognizes(bytes.AsSpan(0, Math.Min(bytes.Length, ModelImport.SniffLength))));
        Assert.Same(typeof(OnnxImporter), ModelImport.ByName("onnx").GetType());
    }

    [Theory]
    [InlineData("{\"format\": \"rnn-embedded\", \"version\": 1}")]
    [InlineData("{\"model_data\": {\"unit_type\": \"LSTM\"}}")]
    [InlineData("hello, world\n")]
    [InlineData("\b\u0008\u0008")]
    [InlineData("")]
    public void OtherContentIsNotOnnx(string text) =>
        Assert.False(new OnnxImporter().Recognizes(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void AProtobufThatIsNotAModelIsNotOnnx()
    {
        // Field 1 as a varint, then field 9 (not a ModelProto field).
        Assert.False(new OnnxImporter().Recognizes([0x08, 0x07, 0x4A, 0x01, 0x00]));
    }
}
