using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Packaging.Tests;

/// <summary>
/// What a NuGet user expects of the packed files themselves (issue 13): license, readme, repository commit,
/// symbols, the generator under its Roslyn version, no English-only-irrelevant satellite resources, and no
/// path of the machine that built them.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class PackageMetadataTests
{
    private static readonly string[] PackageIds = ["Rnn.Runtime", "Rnn.Trainer"];

    private readonly PackageConsumerTests.Feed _feed;

    public PackageMetadataTests(PackageConsumerTests.Feed feed) => _feed = feed;

    private string Package(string id, string extension = "nupkg") =>
        Path.Combine(_feed.Folder, $"{id}.{PackageConsumerTests.Feed.Version}.{extension}");

    [Theory]
    [InlineData("Rnn.Runtime", "src/Rnn.Runtime/README.md")]
    [InlineData("Rnn.Trainer", "src/Rnn.Trainer/README.md")]
    public void TheNuspecNamesTheLicenseAndTheReadmeThePackageCarries(string id, string readmeSource)
    {
        var metadata = PackageArchive.Metadata(Package(id));

        var license = metadata.Child("license");
        Assert.NotNull(license);
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", metadata.Child("readme")?.Value);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, readmeSource)), PackageArchive.Read(Package(id), "README.md"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "LICENSE")), PackageArchive.Read(Package(id), "LICENSE"));
    }

    [Theory]
    [InlineData("Rnn.Runtime")]
    [InlineData("Rnn.Trainer")]
    public void TheNuspecNamesTheCommitItWasBuiltFromAndTheRemoteIfThereIsOne(string id)
    {
        var metadata = PackageArchive.Metadata(Package(id));

        var repository = metadata.Child("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        string commit = repository.Attribute("commit")?.Value ?? "";
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), commit);
        // A commit of this checkout (HEAD may have moved on since the pack: others commit meanwhile).
        Assert.Equal("commit", DotnetCli.Run(RepositoryPaths.Root, new Dictionary<string, string>(), "git", "cat-file", "-t", commit).Trim());

        // Source Link takes the URL from the remote 'origin' when it is a hosted repository (https, ssh, git@host:);
        // a checkout without one, or cloned from a local folder (as CI clones), publishes no URL rather than a made-up one.
        string remotes = DotnetCli.Run(RepositoryPaths.Root, new Dictionary<string, string>(), "git", "remote").Trim();
        string origin = remotes.Split('\n').Contains("origin")
            ? DotnetCli.Run(RepositoryPaths.Root, new Dictionary<string, string>(), "git", "remote", "get-url", "origin").Trim()
            : "";
        string? url = repository.Attribute("url")?.Value;
        if (Regex.IsMatch(origin, "^(https?|ssh|git)://|^[^/@]+@[^/:]+:"))
            Assert.False(string.IsNullOrEmpty(url), $"{id}: the checkout's remote 'origin' is {origin}, but the nuspec's repository has no url");
        else
            Assert.Null(url);
        Assert.Equal(url, metadata.Child("projectUrl")?.Value);
    }

    [Theory]
    [InlineData("Rnn.Runtime", "lib/net10.0/Rnn.Runtime.pdb")]
    [InlineData("Rnn.Trainer", "tools/net10.0/any/rnn.pdb")]
    public void ASymbolsPackageCarriesThePdbs(string id, string pdb)
    {
        var entries = PackageArchive.EntryNames(Package(id, "snupkg"));

        Assert.Contains(pdb, entries);
        Assert.Equal("BSJB"u8.ToArray(), PackageArchive.Read(Package(id, "snupkg"), pdb)[..4]); // portable PDB signature
    }

    [Fact]
    public void TheGeneratorSitsUnderItsRoslynVersionOnly()
    {
        var entries = PackageArchive.EntryNames(Package("Rnn.Runtime"));

        Assert.Contains("analyzers/dotnet/roslyn4.14/cs/Rnn.Generator.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal));
    }

    [Fact]
    public void TheToolPacksNoSatelliteResources()
    {
        var entries = PackageArchive.EntryNames(Package("Rnn.Trainer"));

        var satellites = entries.Where(e => e.EndsWith(".resources.dll", StringComparison.Ordinal)).ToArray();
        Assert.True(satellites.Length == 0, $"satellite resources packed: {string.Join(", ", satellites)}");
        Assert.Contains("tools/net10.0/any/Microsoft.CodeAnalysis.CSharp.dll", entries); // what brought them in is still there
    }

    [Fact]
    public void NoPackedAssemblyOrPdbNamesTheCheckoutPath()
    {
        string root = RepositoryPaths.Root;
        byte[][] needles = [Encoding.UTF8.GetBytes(root), Encoding.Unicode.GetBytes(root)];
        int checkedFiles = 0;
        foreach (string id in PackageIds)
            foreach (string package in new[] { Package(id), Package(id, "snupkg") })
                foreach (string entry in PackageArchive.EntryNames(package).Where(e => e.EndsWith(".dll", StringComparison.Ordinal) || e.EndsWith(".pdb", StringComparison.Ordinal)))
                {
                    byte[] bytes = PackageArchive.Read(package, entry);
                    foreach (byte[] needle in needles)
                        Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(package)}: {entry} contains the checkout path {root}");
                    if (entry.EndsWith(".pdb", StringComparison.Ordinal))
                        foreach (string document in PortablePdb.DocumentNames(bytes))
                            Assert.False(document.StartsWith(root, StringComparison.Ordinal), $"{Path.GetFileName(package)}: {entry} names the source file {document}");
                    checkedFiles++;
                }

        Assert.True(checkedFiles >= 8, $"expected the runtime, generator, importer and tool assemblies and their PDBs, checked {checkedFiles} files");
    }
}
