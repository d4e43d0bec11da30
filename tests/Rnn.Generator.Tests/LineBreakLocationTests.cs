using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// RNN0001's location (where Roslyn counts lines) and the reader's <c>file(line,col)</c> in its message agree for
/// every line break Roslyn knows: CR, LF, CR LF, U+0085, U+2028, U+2029. They disagreed for all but LF and CR LF.
/// </summary>
public class LineBreakLocationTests
{
    private static readonly string Model = GeneratorHarness.Fixture("Fixtures/golden/lstm_i1_h8.rnn.json");

    [Theory]
    [InlineData("\r", "")]
    [InlineData("\r\n", "")]
    [InlineData("\n", "\u2028")]
    [InlineData("\n", "\u2029")]
    [InlineData("\n", "\u0085")]
    [InlineData("\r", "\u2028\u0085\u2029")]
    public void TheLocationAndTheMessageNameTheSameLineAndColumn(string lineEnd, string insideAString)
    {
        // A string holding the Unicode breaks (legal JSON) before the error, so Roslyn counts more lines than LF alone.
        // The error is the NaN after the string (JSON has none), on the line after its breaks.
        string text = Model.Replace("\r\n", "\n")
            .Replace("\"metadata\": {", $"\"metadata\": {{\"_\": \"a{insideAString}b\",\n\"x\": NaN,").Replace("\n", lineEnd);
        var (result, _, _) = GeneratorHarness.Run("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct M;", ("m.rnn.json", text));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RNN0001", diagnostic.Id);

        // The independent reference: Roslyn's own line table for the text, at the offending token.
        int offset = text.IndexOf("NaN", System.StringComparison.Ordinal);
        var expected = SourceText.From(text).Lines.GetLinePosition(offset);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(expected, span.StartLinePosition);
        string where = $"{Path.Combine(GeneratorHarness.ProjectDirectory, "m.rnn.json")}({expected.Line + 1},{expected.Character + 1}): ";
        Assert.StartsWith(where, diagnostic.GetMessage());
    }
}
