namespace Rnn.Runtime.Descriptors;

/// <summary>
/// The bounds the descriptor reader enforces before it spends memory or time on a file (see docs/limits.md).
/// A file beyond one is refused with an <see cref="RnnDescriptorException"/> that names the limit.
/// </summary>
public static class DescriptorLimits
{
    /// <summary>
    /// The largest descriptor file, in bytes (and the longest descriptor text, in UTF-16 characters), 256 MiB:
    /// checked before the file is read. A recurrent model for a small device holds far fewer weights (4·10⁶
    /// float32s are ~50 MB of JSON text); the same bound as the JSON importers' reader.
    /// </summary>
    public const int MaxFileBytes = 256 * 1024 * 1024;

    /// <summary>
    /// The deepest nesting of objects and arrays, 64: a descriptor nests four deep (root, layers, a layer, its
    /// weights) plus whatever <c>metadata</c> holds. Checked as each bracket is read, so a file of brackets is
    /// refused at bracket 65. The same bound as the JSON importers' reader.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The longest number, in characters, 4,096: room for the exact decimal expansion of any double (at most
    /// 1,074 fractional digits, 767 of them significant) several times over. Numbers within it are converted
    /// exactly (correctly rounded to float32).
    /// </summary>
    public const int MaxNumberLength = 4096;

    /// <summary>How many characters of a string from the file an error message quotes before cutting it short, 64.</summary>
    public const int MaxQuotedLength = 64;
}
