using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;

namespace Rnn.Packaging.Tests;

/// <summary>
/// Reads the source file names a portable PDB records. They are stored split at '/' into blob parts, so a
/// byte search for a directory path cannot find them.
/// </summary>
internal static class PortablePdb
{
    public static IReadOnlyList<string> DocumentNames(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        return reader.Documents.Select(handle => reader.GetString(reader.GetDocument(handle).Name)).ToArray();
    }
}
