using System.IO;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Import.Tests;

/// <summary>
/// Every Keras, NAM, PyTorch-dump and NeuralPi fixture (seeded models, made by the tools/make_*_fixtures.py
/// scripts) imports to exactly the committed descriptor, is recognised by its content, and runs within 1e-5 of
/// its independent float64 reference (Keras's equations, PyTorch's forward pass) on every SIMD path.
/// </summary>
public class ImportedFixtureTests
{
    public static TheoryData<string, string> Fixtures() => ImportedFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachSourceImportsToItsCommittedDescriptor(string format, string name)
    {
        var descriptor = ModelImport.ByName(format).Import(ImportedFixtures.SourcePath(format, name));
        string committed = File.ReadAllText(Path.Combine(ImportedFixtures.GoldenFolder, ImportedFixtures.GoldenName(format, name) + ".rnn.json"));
        Assert.Equal(committed, DescriptorWriter.ToJson(descriptor));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachSourceIsRecognisedByItsContent(string format, string name) =>
        Assert.Equal(format, ModelImport.Detect(ImportedFixtures.SourcePath(format, name)).Format);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachImportedModelRunsWithinToleranceOfItsReferenceOnEveryPath(string format, string name) =>
        ImportedFixtures.AssertRunsLikeTheReference(ModelImport.ByName(format).Import(ImportedFixtures.SourcePath(format, name)), ImportedFixtures.GoldenName(format, name));
}
