using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Rnn.Packaging.Tests;

/// <summary>A packed .nupkg or .snupkg as NuGet reads it: a zip with a .nuspec at its root.</summary>
internal static class PackageArchive
{
    /// <summary>Every entry's full name (forward slashes, as stored).</summary>
    public static IReadOnlyList<string> EntryNames(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    public static byte[] Read(string package, string entryName)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException(
            $"{Path.GetFileName(package)}: expected an entry {entryName}, found only {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The nuspec's &lt;metadata&gt; element, with the nuspec namespace stripped from names.</summary>
    public static XElement Metadata(string package)
    {
        string nuspec = EntryNames(package).Single(n => !n.Contains('/') && n.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = new MemoryStream(Read(package, nuspec));
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>A metadata child element by local name, or null when the nuspec has none.</summary>
    public static XElement? Child(this XElement metadata, string localName) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == localName);
}
