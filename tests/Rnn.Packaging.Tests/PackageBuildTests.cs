using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Packaging.Tests;

/// <summary>How the packages build: the same bytes every time, and a clear error for a framework they do not support.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class PackageBuildTests
{
    private readonly PackageConsumerTests.Feed _feed;

    public PackageBuildTests(PackageConsumerTests.Feed feed) => _feed = feed;

    [Fact]
    public void AnotherCheckoutOfTheSameCommitPacksTheSameAssemblies()
    {
        // The same commit the feed's package names (Source Link puts the commit into every assembly, and
        // others commit to this checkout meanwhile), checked out at another path: its bytes must not
        // depend on where the sources were or on the build folders.
        string name = $"Rnn.Runtime.{PackageConsumerTests.Feed.Version}.nupkg";
        string first = Path.Combine(_feed.Folder, name);
        string commit = PackageArchive.Metadata(first).Child("repository")?.Attribute("commit")?.Value
            ?? throw new InvalidOperationException($"{name}: the nuspec names no repository commit");
        string checkout = Path.Combine(_feed.Root, "another-checkout"), again = Path.Combine(_feed.Root, "feed-again");
        var noEnvironment = new Dictionary<string, string>();
        DotnetCli.Run(_feed.Root, noEnvironment, "git", "clone", "--quiet", "--shared", "--no-checkout", RepositoryPaths.Root, checkout);
        DotnetCli.Run(checkout, noEnvironment, "git", "remote", "remove", "origin"); // like the original: no remote
        DotnetCli.Run(checkout, noEnvironment, "git", "checkout", "--quiet", commit);
        DotnetCli.Run(checkout, noEnvironment, "dotnet", "pack", "src/Rnn.Runtime/Rnn.Runtime.csproj", "-c", "Release", "-o", again);

        string second = Path.Combine(again, name);
        var assemblies = PackageArchive.EntryNames(first).Where(e => e.EndsWith(".dll", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["analyzers/dotnet/roslyn4.14/cs/Rnn.Generator.dll", "lib/net10.0/Rnn.Runtime.dll"], assemblies.Order());
        foreach (string assembly in assemblies)
            Assert.True(PackageArchive.Read(first, assembly).AsSpan().SequenceEqual(PackageArchive.Read(second, assembly)),
                $"{assembly} differs between {RepositoryPaths.Root} and a checkout of commit {commit} at {checkout}");
    }

    [Fact]
    public void AProjectForAnOlderFrameworkFailsNamingTheSupportedOne()
    {
        string project = Path.Combine(_feed.Root, "net8-consumer");
        Directory.CreateDirectory(project);
        // NuGet restores the package without complaint (its build/ files fit every framework); only the
        // net8.0 reference pack comes from nuget.org, and Rnn.* only from the local feed.
        NuGetConfigFile.Write(project, _feed.Folder, nugetOrgForOtherPackages: true);
        File.WriteAllText(Path.Combine(project, "Old.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Rnn.Runtime" Version="{PackageConsumerTests.Feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(typeof(Rnn.Runtime.Interpreter.InterpretedModel));\n");

        var failure = Assert.Throws<InvalidOperationException>(() => DotnetCli.Run(project, _feed.Environment, "dotnet", "build"));

        Assert.Contains($"error RNN1001: Rnn.Runtime {PackageConsumerTests.Feed.Version} supports net10.0 and later; this project targets net8.0.", failure.Message);
        Assert.DoesNotContain("CS0246", failure.Message);
    }
}
