using System.IO;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests.PyTorch;

/// <summary>
/// Every PyTorch dump and NeuralPi file of tools/make_torch_fixtures.py (seeded PyTorch models) imports to
/// exactly the committed descriptor, is recognised by its content, and runs within 1e-5 of PyTorch's
/// float64 forward pass on every SIMD path.
/// </summary>
public class TorchFixtureTests
{
    public static TheoryData<string, string> Fixtures() => TorchFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachSourceImportsToItsCommittedDescriptor(string format, string name)
    {
        var descriptor = ModelImport.Import(TorchFixtures.SourcePath(format, name));
        string committed = File.ReadAllText(Path.Combine(TorchFixtures.GoldenFolder, TorchFixtures.GoldenName(format, name) + ".rnn.json"));
        Assert.Equal(committed, DescriptorWriter.ToJson(descriptor));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachSourceIsRecognisedByItsContent(string format, string name) =>
        Assert.Equal(format, ModelImport.Detect(TorchFixtures.SourcePath(format, name)).Format);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachImportedModelRunsWithinToleranceOfPyTorchOnEveryPath(string format, string name) =>
        TorchFixtures.AssertMatchesPyTorch(ModelImport.ByName(format).Import(TorchFixtures.SourcePath(format, name)), TorchFixtures.GoldenName(format, name));
}
