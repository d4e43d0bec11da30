using System;
using System.IO;

namespace Rnn.Trainer.Data;

/// <summary>Reading users' files with errors that name them, and writing outputs so a half-written file never replaces a good one.</summary>
internal static class DataFiles
{
    /// <summary>Runs <paramref name="read"/> on <paramref name="path"/>, turning I/O failures into a <see cref="DataFileException"/>.</summary>
    public static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFileException(path, 0, 0, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file: " + e.Message, e);
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file beside it, flushed to disk and then renamed over
    /// the old file; creates the folder if needed (a fresh checkout has no artifacts/).
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary><see cref="WriteAtomically(string, Action{Stream})"/> for text.</summary>
    public static void WriteTextAtomically(string path, Action<TextWriter> write) =>
        WriteAtomically(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            write(writer);
        });
}
