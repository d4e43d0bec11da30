using System.Globalization;

namespace Rnn.Runtime.Descriptors;

/// <summary>Text from a descriptor as it appears in an error message: cut short, so a 10 MB name cannot flood the message.</summary>
internal static class MessageText
{
    /// <summary><paramref name="text"/> in double quotes, cut to <see cref="DescriptorLimits.MaxQuotedLength"/> characters.</summary>
    public static string Quote(string text) => "\"" + Shorten(text) + "\"";

    /// <summary>
    /// <paramref name="text"/> cut to <see cref="DescriptorLimits.MaxQuotedLength"/> characters, saying how long it was,
    /// e.g. <c>aaaa… (10,000,000 characters)</c>.
    /// </summary>
    public static string Shorten(string text) => Shorten(text, DescriptorLimits.MaxQuotedLength);

    /// <summary><paramref name="text"/> cut to <paramref name="keep"/> characters, saying how long it was.</summary>
    public static string Shorten(string text, int keep)
    {
        if (text.Length <= keep)
            return text;
        // Never cut a surrogate pair in half: the message itself must stay valid UTF-16.
        if (char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return text.Substring(0, keep) + "… (" + text.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters)";
    }

    /// <summary>A count with thousands separators, e.g. <c>268,435,456</c>.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
