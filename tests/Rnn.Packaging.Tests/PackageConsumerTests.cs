using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Rnn.Runtime.Interpreter;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Packaging.Tests;

/// <summary>
/// Packs Rnn.Runtime (with the generator inside) and the rnn tool into a local folder feed, then does what
/// a new user does: a fresh project with one PackageReference, one <c>&lt;RnnModel Include&gt;</c> item and the
/// attribute; and <c>dotnet tool install</c>. Restores use only that feed and a private packages folder,
/// so nothing cached from an earlier build can stand in for the packages under test.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class PackageConsumerTests
{
    private readonly Feed _feed;

    public PackageConsumerTests(Feed feed) => _feed = feed;

    [Fact]
    public void AFreshProjectRunsAModelFromThePackage()
    {
        string project = Path.Combine(_feed.Root, "consumer");
        Directory.CreateDirectory(Path.Combine(project, "models"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "examples", "sine-forecaster.rnn.json"), Path.Combine(project, "models", "sine-forecaster.rnn.json"));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Rnn.Runtime" Version="{Feed.Version}" />
                <RnnModel Include="models/*.rnn.json" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using System;
            using System.Globalization;
            using Rnn.Runtime;

            var inputs = new float[50];
            for (int t = 0; t < inputs.Length; t++)
                inputs[t] = MathF.Sin(t * 0.2f);
            var outputs = new float[inputs.Length];
            new Sine().Run(inputs, outputs);
            foreach (float y in outputs)
                Console.WriteLine(y.ToString("R", CultureInfo.InvariantCulture));

            [RnnModel("models/sine-forecaster.rnn.json")]
            partial struct Sine;
            """);

        string printed = DotnetCli.Run(project, _feed.Environment, "dotnet", "run", "-c", "Release");

        var generated = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var interpreter = InterpretedModel.Load(Path.Combine(project, "models", "sine-forecaster.rnn.json")).CreateState();
        var expected = new float[50];
        var inputs = Enumerable.Range(0, 50).Select(t => MathF.Sin(t * 0.2f)).ToArray();
        interpreter.Run(inputs, expected);
        Assert.Equal(expected.Length, generated.Length);
        for (int t = 0; t < expected.Length; t++)
            Assert.True(Math.Abs(expected[t] - generated[t]) <= 1e-5f, $"step {t}: generated {generated[t]}, interpreter {expected[t]}");
    }

    [Fact]
    public void TheToolInstallsAndRuns()
    {
        string tools = Path.Combine(_feed.Root, "tools");
        DotnetCli.Run(_feed.Root, _feed.Environment, "dotnet", "tool", "install", "Rnn.Trainer", "--version", Feed.Version, "--tool-path", tools);
        string model = Path.Combine(RepositoryPaths.Root, "examples", "sine-forecaster.rnn.json");
        string info = DotnetCli.Run(_feed.Root, _feed.Environment, Path.Combine(tools, "rnn"), "info", model);
        Assert.Contains("format v1, 1 input(s) -> 1 output(s)", info);
        Assert.Contains("layers[0]: lstm 1 -> 16", info);
    }

    /// <summary>Packs once for every test class of the collection into a temporary folder feed; deleted afterwards.</summary>
    public sealed class Feed : IDisposable
    {
        public const string Version = "0.1.0";

        public Feed()
        {
            Root = Directory.CreateTempSubdirectory("rnn-packaging-").FullName;
            string feed = Folder = Path.Combine(Root, "feed");
            string repository = RepositoryPaths.Root;
            foreach (string project in new[] { "src/Rnn.Runtime/Rnn.Runtime.csproj", "src/Rnn.Trainer/Rnn.Trainer.csproj" })
                DotnetCli.Run(repository, new Dictionary<string, string>(), "dotnet", "pack", project, "-c", "Release", "-o", feed);

            NuGetConfigFile.Write(Root, feed, nugetOrgForOtherPackages: false);
            Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
        }

        public string Root { get; }

        /// <summary>The folder feed holding the packed .nupkg and .snupkg files.</summary>
        public string Folder { get; }

        public IReadOnlyDictionary<string, string> Environment { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
