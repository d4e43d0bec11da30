using Rnn.Runtime.Descriptors;
using Xunit;
using static Rnn.Runtime.Tests.Reader.ReaderText;

namespace Rnn.Runtime.Tests.Reader;

/// <summary>
/// Lines are counted as Roslyn counts them (CR, LF, CR LF, U+0085, U+2028, U+2029 each end one), so the reader's
/// <c>file(line,col)</c> and the generator's diagnostic location agree (Rnn.Generator.Tests checks against Roslyn itself).
/// </summary>
public class DescriptorLineTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void EveryLineEndCountsOnce(string lineEnd)
    {
        // The unknown type sits on line 4, column 15, whatever ends the lines.
        var e = Reject(Dense(type: "bilstm").Replace("\n", lineEnd));
        Assert.Equal("model.rnn.json(4,15): layers[0].type: unknown layer type \"bilstm\"; expected one of rnn, lstm, gru, dense", e.Message);
        // A grammar error too: line 5's weight loses its closing bracket, so "bias" is an element followed by ':'.
        e = Reject(Dense().Replace("\n", lineEnd).Replace("0.5]", "0.5"));
        Assert.Equal("model.rnn.json(5,29): malformed JSON: expected ',' or ']' after an array element, found ':'", e.Message);
    }

    [Theory]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    [InlineData('\u0085')]
    public void UnicodeLineBreaksInsideAStringEndALine(char lineBreak)
    {
        // JSON allows these inside strings; editors and Roslyn start a new line after them.
        string text = Dense(metadata: $"{{\"note\": \"a{lineBreak}b\", \"x\": NaN}}");
        var e = Reject(text);
        Assert.Equal("model.rnn.json(8,10): metadata.x: expected a JSON value, found NaN (JSON has no NaN or Infinity)", e.Message);
    }

    [Fact]
    public void ALineFeedAfterACarriageReturnIsNotASecondLine()
    {
        var e = Reject("{\r\n\r\n  \"format\": 1\r\n}");
        Assert.Equal("model.rnn.json(3,13): format: expected a string, found the number 1", e.Message);
    }
}
