using System.Text;
using Rnn.Runtime.Descriptors;
using Xunit;
using static Rnn.Runtime.Tests.Reader.ReaderText;

namespace Rnn.Runtime.Tests.Reader;

/// <summary>Descriptors are UTF-8 JSON, as the format says: anything else is refused naming what was found and where.</summary>
public class DescriptorEncodingTests
{
    [Theory]
    [InlineData("utf-16", "UTF-16 little-endian (it starts with the byte-order mark FF FE; Windows PowerShell's > writes that)")]
    [InlineData("utf-16BE", "UTF-16 big-endian (it starts with the byte-order mark FE FF)")]
    [InlineData("utf-32", "UTF-32 little-endian (it starts with the byte-order mark FF FE 00 00)")]
    [InlineData("utf-32BE", "UTF-32 big-endian (it starts with the byte-order mark 00 00 FE FF)")]
    public void OtherUnicodeEncodingsAreRefusedByName(string encoding, string found)
    {
        var bytes = Encoding.GetEncoding(encoding).GetPreamble();
        bytes = Concat(bytes, Encoding.GetEncoding(encoding).GetBytes(Dense()));
        WithFile(bytes, path =>
        {
            var e = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.ReadFile(path));
            Assert.Equal($"{path}(1,1): the file is {found}; descriptors are UTF-8 text: save it as UTF-8", e.Message);
        });
    }

    [Fact]
    public void Utf16WithoutAByteOrderMarkIsRefusedByName()
    {
        var e = RejectBytes(Encoding.Unicode.GetBytes(Dense()));
        Assert.Equal("model.rnn.json(1,1): the file is UTF-16 little-endian (a zero byte after the first character); descriptors are UTF-8 text: save it as UTF-8", e.Message);
    }

    [Fact]
    public void OneUtf8ByteOrderMarkIsSkippedAndTwoAreRefused()
    {
        byte[] mark = { 0xEF, 0xBB, 0xBF };
        Assert.Equal(1, DescriptorReader.ParseUtf8(Concat(mark, Utf8(Dense())), FileName).OutputSize);
        // The mark is not a column: an error on line 1 is where an editor shows it.
        Assert.Equal("model.rnn.json(1,2): malformed JSON: expected a field name in double quotes, found ','", RejectBytes(Concat(mark, Utf8("{,}"))).Message);
        var e = RejectBytes(Concat(mark, mark, Utf8(Dense())));
        Assert.Equal("model.rnn.json(1,1): the file starts with two UTF-8 byte-order marks (EF BB BF EF BB BF); expected at most one", e.Message);
        // Text decoded elsewhere (e.g. Encoding.UTF8.GetString keeps the mark) may hold one, not two.
        Assert.Equal(1, DescriptorReader.Parse("\uFEFF" + Dense(), FileName).OutputSize);
        Assert.Equal("model.rnn.json(1,1): malformed JSON: a second byte-order mark (U+FEFF); a descriptor starts with at most one", Reject("\uFEFF\uFEFF" + Dense()).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF }, "an overlong encoding of an ASCII character (byte 0xC0")]
    [InlineData(new byte[] { 0xE0, 0x80, 0xAF }, "an overlong encoding (byte 0xE0")]
    [InlineData(new byte[] { 0xF0, 0x80, 0x80, 0xAF }, "an overlong encoding (byte 0xF0")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "the UTF-16 surrogate U+D800 encoded as UTF-8 (byte 0xED")]
    [InlineData(new byte[] { 0xED, 0xBF, 0xBF }, "the UTF-16 surrogate U+DFFF encoded as UTF-8 (byte 0xED")]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "a code point beyond U+10FFFF (byte 0xF4")]
    [InlineData(new byte[] { 0xE2, 0x82 }, "a multi-byte sequence cut short (byte 0xE2")]
    [InlineData(new byte[] { 0x80 }, "a continuation byte with no lead byte before it (byte 0x80")]
    [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 }, "a byte that never occurs in UTF-8 (byte 0xF5")]
    [InlineData(new byte[] { 0xFF }, "a byte that never occurs in UTF-8 (byte 0xFF")]
    public void InvalidUtf8InAMetadataStringIsRefusedWithItsLineAndColumn(byte[] bad, string problem)
    {
        // Line 7 is `  "metadata": {"note": "é…"}`: the bad bytes follow a two-byte é, so the column counts characters.
        string[] halves = Dense(metadata: "{\"note\": \"\u00e9@\"}").Split('@');
        var e = RejectBytes(Concat(Utf8(halves[0]), bad, Utf8(halves[1])));
        Assert.StartsWith($"model.rnn.json(7,26): the file is not UTF-8 text: {problem} at byte offset ", e.Message);
        Assert.EndsWith("); descriptors are UTF-8 text", e.Message);
    }

    [Fact]
    public void ASequenceCutShortByTheEndOfTheFileIsNamed()
    {
        var e = RejectBytes(Concat(Utf8(Dense()), new byte[] { 0xF0, 0x9F, 0x98 }));
        Assert.Equal("model.rnn.json(9,1): the file is not UTF-8 text: a multi-byte sequence cut short by the end of the file (byte 0xF0 at byte offset 188); descriptors are UTF-8 text", e.Message);
    }

    [Fact]
    public void ValidUtf8EverywhereIsKept()
    {
        string note = "h\u00e9llo \u20ac \U0001F600 \u2028 end";
        var model = DescriptorReader.ParseUtf8(Utf8(Dense(metadata: $"{{\"note\": \"{note}\"}}")), FileName);
        Assert.Equal(note, model.Metadata.Fields[0].Value.Text);
    }

    [Theory]
    [InlineData(@"\ud800", 25, @"the escape \ud800 is a high surrogate not followed by a low surrogate escape (\udc00-\udfff); expected Unicode text")]
    [InlineData(@"\ud800x", 25, @"the escape \ud800 is a high surrogate not followed by a low surrogate escape (\udc00-\udfff); expected Unicode text")]
    [InlineData(@"\uD800\u0041", 25, @"the escape \uD800 is a high surrogate not followed by a low surrogate escape (\udc00-\udfff); expected Unicode text")]
    [InlineData(@"\ud800\ud800", 25, @"the escape \ud800 is a high surrogate not followed by a low surrogate escape (\udc00-\udfff); expected Unicode text")]
    [InlineData(@"ab\udc00", 27, @"the escape \udc00 is a lone low surrogate; expected Unicode text (a low surrogate only follows a high one, \ud800-\udbff)")]
    public void LoneSurrogateEscapesAreRefused(string escaped, int column, string problem)
    {
        var e = Reject(Dense(metadata: $"{{\"note\": \"{escaped}\"}}"));
        Assert.Equal($"model.rnn.json(7,{column}): malformed JSON: {problem}", e.Message);
    }

    [Fact]
    public void APairOfSurrogateEscapesIsOneCharacter()
    {
        var model = DescriptorReader.Parse(Dense(metadata: "{\"note\": \"\\ud83d\\ude00\"}"), FileName);
        Assert.Equal("\U0001F600", model.Metadata.Fields[0].Value.Text);
    }

    [Fact]
    public void AnUnpairedSurrogateInAStringGivenAsTextIsRefused()
    {
        var e = Reject(Dense(metadata: "{\"note\": \"a\ud800b\"}"));
        Assert.Equal("model.rnn.json(7,26): malformed JSON: an unpaired surrogate U+D800 inside a string; expected Unicode text", e.Message);
    }
}
