using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// RNN0001 in a descriptor whose lines end in CR, CR LF, U+0085, U+2028 or U+2029: the diagnostic's location
/// (Roslyn's line counting over the JSON file) and the file(line,col) its message names are the same place.
/// Before the reader counted lines as Roslyn does, a CR-only file read "case.rnn.json(9,22): error RNN0001:
/// case.rnn.json(1,152): …".
/// </summary>
public class DiagnosticLineBreakTests
{
    private static readonly string Model = GeneratorHarness.Fixture("Fixtures/golden/lstm_i1_h8.rnn.json");

    /// <summary>CR and CR LF end lines between tokens; JSON allows U+0085, U+2028 and U+2029 only inside strings.</summary>
    [Theory]
    [InlineData("\r", false)]
    [InlineData("\r\n", false)]
    [InlineData("\u0085", true)]
    [InlineData("\u2028", true)]
    [InlineData("\u2029", true)]
    public void TheLocationAndTheMessageNameTheSameLineAndColumn(string lineBreak, bool insideAString)
    {
        // A wrong value (semantic) and malformed JSON (lexical), after line breaks of the kind under test.
        string semantic = Model.Replace("\r\n", "\n").Replace("\"hidden_size\": 8", "\"hidden_size\": 0");
        string lexical = "{\n  \"format\": \"rnn-embedded\"\n  \"version\": 1\n}";
        var cases = insideAString
            ? new[] { (Note(SmallInvalid, lineBreak), 6, 17), (Note(lexical, lineBreak), 5, 3) }
            : new[] { (semantic.Replace("\n", lineBreak), 9, 22), (lexical.Replace("\n", lineBreak), 3, 3) };
        foreach (var (text, line, column) in cases)
        {
            var (result, _, _) = GeneratorHarness.Run("[Rnn.Runtime.RnnModel(\"m.rnn.json\")] partial struct M;", ("m.rnn.json", text));
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("RNN0001", diagnostic.Id);
            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            var named = Regex.Match(diagnostic.GetMessage(CultureInfo.InvariantCulture), @"^/project/m\.rnn\.json\((\d+),(\d+)\): ");
            Assert.True(named.Success, diagnostic.GetMessage(CultureInfo.InvariantCulture));
            Assert.True((line, column) == (start.Line + 1, start.Character + 1), $"located at ({start.Line + 1},{start.Character + 1}): {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
            var inMessage = (int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(named.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.True((line, column) == inMessage, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A descriptor with a wrong value on line 4 (input_size 0, column 17) and no metadata of its own.</summary>
    private const string SmallInvalid = "{\n  \"format\": \"rnn-embedded\",\n  \"version\": 1,\n  \"input_size\": 0,\n  \"layers\": []\n}";

    /// <summary>A metadata string holding two line breaks, first in the object: two lines more before the error.</summary>
    private static string Note(string json, string lineBreak) =>
        "{\"metadata\": {\"note\": \"a" + lineBreak + "b" + lineBreak + "c\"}," + json.Substring(json.IndexOf('{') + 1);
}
