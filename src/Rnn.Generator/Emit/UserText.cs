using System.Globalization;
using System.Text;

namespace Rnn.Generator.Emit;

/// <summary>
/// Text the user controls (the descriptor's file name) made safe for each place generated code puts it.
/// A file name may hold anything a file system allows: line breaks would end a <c>//</c> comment and start an
/// injected line, <c>*/</c> would end a C comment, and a run of quotes would end a raw string literal.
/// Every such string goes through one of these.
/// </summary>
internal static class UserText
{
    /// <summary>
    /// For the rest of a <c>//</c> comment in C#: every character C# treats as a line break (CR, LF, U+0085,
    /// U+2028, U+2029) and every other control character written as <c>\uXXXX</c>, so the comment stays one
    /// line and a reader still sees what was there.
    /// </summary>
    public static string ForComment(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (IsLineBreakOrControl(c))
                AppendEscape(result, c);
            else
                result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>
    /// For the inside of a C <c>/* … */</c> comment on one line: as <see cref="ForComment"/> (C preprocessors
    /// end lines at CR and LF; C# would end the raw string's line at U+0085, U+2028 and U+2029), and <c>*/</c>
    /// broken as <c>*\/</c> so the comment cannot end early. A backslash is written <c>\\</c>, so the
    /// escapes stay unambiguous and no backslash can splice a line.
    /// </summary>
    public static string ForCComment(string text) =>
        ForComment(text.Replace("\\", "\\\\")).Replace("*/", "*\\/");

    /// <summary>
    /// The quotes that open and close a raw string literal holding <paramref name="content"/>: at least
    /// four (the C header's usual delimiter, kept so its output does not change), and one more than the
    /// longest run of quotes inside, so the content cannot end the literal.
    /// </summary>
    public static string RawStringDelimiter(string content)
    {
        int longest = 0, run = 0;
        foreach (char c in content)
        {
            run = c == '"' ? run + 1 : 0;
            if (run > longest)
                longest = run;
        }

        return new string('"', System.Math.Max(4, longest + 1));
    }

    /// <summary>C#'s line breaks (C# spec §6.3.2: CR, LF, NEL, LS, PS) and the other control characters.</summary>
    private static bool IsLineBreakOrControl(char c) =>
        c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsControl(c);

    private static void AppendEscape(StringBuilder result, char c) =>
        result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
}
