using System;
using System.IO;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// The one descriptor reader of the product: the runtime, the generator (compiled from these same source
/// files) and the trainer all read <c>*.rnn.json</c> through it. Every problem is an
/// <see cref="RnnDescriptorException"/> naming the file, line, column and JSON path.
/// </summary>
public static class DescriptorReader
{
    /// <summary>Parses and validates descriptor text.</summary>
    /// <param name="json">The whole descriptor.</param>
    /// <param name="filePath">Named in error messages; null when the text is not from a file.</param>
    /// <exception cref="RnnDescriptorException">The text is not a valid descriptor.</exception>
    public static ModelDescriptor Parse(string json, string? filePath = null)
    {
        if (json is null)
            throw new ArgumentNullException(nameof(json));
        return DescriptorParser.Parse(json, filePath);
    }

    /// <summary>Parses and validates descriptor text, reporting a problem instead of throwing.</summary>
    public static bool TryParse(string json, string? filePath, out ModelDescriptor? descriptor, out RnnDescriptorException? error)
    {
        try
        {
            descriptor = Parse(json, filePath);
            error = null;
            return true;
        }
        catch (RnnDescriptorException e)
        {
            descriptor = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Checks, decodes, parses and validates descriptor bytes: UTF-8 only (one leading byte-order mark allowed),
    /// at most <see cref="DescriptorLimits.MaxFileBytes"/> of them.
    /// </summary>
    /// <param name="utf8">The whole descriptor file's bytes.</param>
    /// <param name="filePath">Named in error messages; null when the bytes are not from a file.</param>
    /// <exception cref="RnnDescriptorException">The bytes are not UTF-8 text or not a valid descriptor.</exception>
    public static ModelDescriptor ParseUtf8(byte[] utf8, string? filePath = null)
    {
        if (utf8 is null)
            throw new ArgumentNullException(nameof(utf8));
        if (utf8.Length > DescriptorLimits.MaxFileBytes)
            throw TooLarge(filePath, utf8.Length);
        return Parse(Utf8Text.Decode(utf8, utf8.Length, filePath), filePath);
    }

    private static RnnDescriptorException TooLarge(string? filePath, long length) =>
        new(filePath, "", default,
            $"the file is {MessageText.Count(length)} bytes, over the limit of {MessageText.Count(DescriptorLimits.MaxFileBytes)} bytes (256 MiB) for a descriptor; no recurrent model for a small device is that large");

#if !NETSTANDARD2_0
    /// <summary>
    /// Reads, checks, parses and validates a descriptor file. Its length is checked against
    /// <see cref="DescriptorLimits.MaxFileBytes"/> before anything is read; then its bytes must be UTF-8 text.
    /// </summary>
    /// <exception cref="RnnDescriptorException">The file cannot be read, is too large, is not UTF-8 or is not a valid descriptor.</exception>
    public static ModelDescriptor ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        int count;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            (bytes, count) = ReadBounded(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file: " + e.Message;
            throw new RnnDescriptorException(path, "", default, problem, e);
        }

        return Parse(Utf8Text.Decode(bytes, count, path), path);
    }

    /// <summary>
    /// Reads, checks, parses and validates a descriptor from a stream (standard input, a pipe, a network
    /// stream): at most <see cref="DescriptorLimits.MaxFileBytes"/> bytes are read, refused as soon as one more arrives.
    /// </summary>
    /// <param name="stream">Read to its end; not closed.</param>
    /// <param name="name">Names the stream in error messages, e.g. "standard input".</param>
    /// <exception cref="RnnDescriptorException">The stream cannot be read, is too long, is not UTF-8 or is not a valid descriptor.</exception>
    public static ModelDescriptor Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        byte[] bytes;
        int count;
        try
        {
            (bytes, count) = ReadBounded(stream, name);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new RnnDescriptorException(name, "", default, "cannot read: " + e.Message, e);
        }

        return Parse(Utf8Text.Decode(bytes, count, name), name);
    }

    /// <summary>
    /// The stream's bytes, refusing more than <see cref="DescriptorLimits.MaxFileBytes"/>: by the length when the
    /// stream knows it (before reading), otherwise (a pipe) as soon as one byte beyond the limit arrives.
    /// </summary>
    private static (byte[] Bytes, int Count) ReadBounded(Stream stream, string path)
    {
        long known = stream.CanSeek ? stream.Length : -1;
        if (known > DescriptorLimits.MaxFileBytes)
            throw TooLarge(path, known);
        var bytes = new byte[known >= 0 ? known : 64 * 1024];
        int count = 0;
        while (true)
        {
            if (count == bytes.Length)
            {
                // Full: one byte more says whether the file ended (the usual case) or grew since its length was
                // read (or the stream has no length); then grow, within the limit.
                int extra = stream.ReadByte();
                if (extra < 0)
                    return (bytes, count);
                if (count + 1L > DescriptorLimits.MaxFileBytes)
                    throw TooLarge(path, count + 1L);
                Array.Resize(ref bytes, (int)Math.Min((long)Math.Max(count, 4096) * 2, DescriptorLimits.MaxFileBytes));
                bytes[count++] = (byte)extra;
            }

            int read = stream.Read(bytes, count, bytes.Length - count);
            if (read == 0)
                return (bytes, count);
            count += read;
            if (count > DescriptorLimits.MaxFileBytes)
                throw TooLarge(path, count);
        }
    }
#endif
}
