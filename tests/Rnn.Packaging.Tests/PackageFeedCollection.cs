using Xunit;

namespace Rnn.Packaging.Tests;

/// <summary>
/// One packed feed for every packaging test class: packing is the slow part, and the classes must not
/// pack into the same bin/ folders at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageConsumerTests.Feed>
{
    public const string Name = "packed feed";
}
