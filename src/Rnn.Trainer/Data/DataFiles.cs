using System;
using System.IO;
using System.Text;
using Rnn.Runtime.Descriptors;

namespace Rnn.Trainer.Data;

/// <summary>Reading users' files with errors that name them, and writing outputs so a half-written file never replaces a good one.</summary>
internal static class DataFiles
{
    /// <summary>The name that means standard input where a file is read, standard output where one is written.</summary>
    public const string StandardStream = "-";

    /// <summary>How errors name <paramref name="path"/>: itself, or "standard input" for <see cref="StandardStream"/>.</summary>
    public static string DisplayName(string path) => path == StandardStream ? "standard input" : path;

    /// <summary>The bytes of <paramref name="path"/> (all of standard input for "-"); I/O failures become a <see cref="DataFileException"/>.</summary>
    public static byte[] ReadBytes(string path)
    {
        if (path == StandardStream)
        {
            using var input = Console.OpenStandardInput();
            using var copy = new MemoryStream();
            input.CopyTo(copy);
            return copy.ToArray();
        }

        RequireNotFolder(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFileException(path, 0, 0, e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "cannot read the file: permission denied",
                _ => "cannot read the file: " + e.Message,
            }, e);
        }
    }

    /// <summary>
    /// The model descriptor at <paramref name="path"/>, or read from standard input for "-" (within the same
    /// size limit as a file, refused as soon as the limit is passed).
    /// </summary>
    public static ModelDescriptor ReadModel(string path)
    {
        if (path == StandardStream)
        {
            using var input = Console.OpenStandardInput();
            return DescriptorReader.Read(input, DisplayName(path));
        }

        RequireNotFolder(path);
        return DescriptorReader.ReadFile(path);
    }

    /// <summary>
    /// Writes text to <paramref name="path"/> through <see cref="WriteTextAtomically"/>, or to
    /// <paramref name="stdout"/> for "-"; returns how to name the destination in messages.
    /// </summary>
    public static string WriteText(string path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path == StandardStream)
        {
            write(stdout);
            stdout.Flush();
            return "standard output";
        }

        WriteTextAtomically(path, write);
        return path;
    }

    /// <summary>
    /// Refuses a folder given where a file is read: opening one fails with "access denied", which sends users
    /// looking at permissions instead of at the path.
    /// </summary>
    public static void RequireNotFolder(string path)
    {
        if (Directory.Exists(path))
            throw new DataFileException(path, 0, 0, "is a folder; expected a file");
    }

    /// <summary>
    /// Decodes UTF-8 text (a byte-order mark is dropped), refusing what is not text: a zero byte, which text files
    /// never hold but binary ones nearly always do, or a byte sequence that is not UTF-8.
    /// </summary>
    public static string DecodeText(byte[] bytes, string path)
    {
        int zero = Array.IndexOf(bytes, (byte)0);
        if (zero >= 0)
            throw new DataFileException(path, 0, 0, $"not a text file (a zero byte at offset {zero}); expected UTF-8 text, or a *.csv time series");
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFileException(path, 0, 0, $"not UTF-8 text (byte 0x{bytes[Math.Max(0, e.Index)]:X2} at offset {e.Index} is not part of a UTF-8 character); save it as UTF-8");
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file beside it, flushed to disk and then renamed over
    /// the old file; creates the folder if needed (a fresh checkout has no artifacts/).
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        string temporary = path + ".tmp";
        try
        {
            if (Directory.Exists(path))
                throw new DataFileException(path, 0, 0, "is a folder; expected a file name to write");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET names the temporary file, which the user never asked for: name the file they did.
            TryDelete(temporary);
            throw new DataFileException(path, 0, 0, "cannot write the file: " + e switch
            {
                UnauthorizedAccessException => "permission denied",
                // Creating a file where the system allows none (/proc, a missing mount) reports "not found".
                FileNotFoundException or DirectoryNotFoundException => "no file can be created in that folder",
                _ => e.Message.Replace(Path.GetFullPath(temporary), path, StringComparison.Ordinal).Replace(temporary, path, StringComparison.Ordinal),
            }, e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written there, or it cannot be removed either; the error about the real file matters.
        }
    }

    /// <summary><see cref="WriteAtomically(string, Action{Stream})"/> for text.</summary>
    public static void WriteTextAtomically(string path, Action<TextWriter> write) =>
        WriteAtomically(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            write(writer);
        });
}
