using System.IO;

namespace Rnn.Packaging.Tests;

/// <summary>Writes the nuget.config a consumer project under test restores with.</summary>
internal static class NuGetConfigFile
{
    /// <summary>
    /// Rnn.* only from <paramref name="feed"/>, so nothing cached or published elsewhere stands in for the
    /// packages under test; with <paramref name="nugetOrgForOtherPackages"/>, everything else (an older
    /// framework's reference pack) from nuget.org.
    /// </summary>
    public static void Write(string folder, string feed, bool nugetOrgForOtherPackages)
    {
        string nugetOrg = nugetOrgForOtherPackages ? """
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
            """ : "";
        string mapping = nugetOrgForOtherPackages ? """
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
            """ : "";
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
            {nugetOrg}
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Rnn.*" /></packageSource>
            {mapping}
              </packageSourceMapping>
            </configuration>
            """);
    }
}
