using System;
using System.IO;

namespace Rnn.Tests.Shared;

/// <summary>Where the checkout is, for tests that read committed files (docs, samples) or build from it.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Rnn.Embedded.sln, found upwards from the test binaries.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Rnn.Embedded.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException($"No Rnn.Embedded.sln above {AppContext.BaseDirectory}.");
        }
    }
}
