using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rnn.Import.Tests.Keras;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Import.Tests.PyTorch;

/// <summary>
/// The PyTorch and NeuralPi fixtures of tools/make_torch_fixtures.py: a source file under
/// tests/Fixtures/import/{pytorch,neuralpi}, the descriptor the importer made of it and PyTorch's float64
/// outputs for a seeded input (tests/Fixtures/golden/{torch,neuralpi}_NAME.{rnn,io}.json).
/// </summary>
internal static class TorchFixtures
{
    public static string GoldenFolder => Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "golden");

    /// <summary>The names of the source files of <paramref name="format"/> (pytorch or neuralpi), without <paramref name="extension"/>.</summary>
    public static string[] Names(string format, string extension) =>
        Directory.GetFiles(ImportedFixtures.SourceFolder(format), "*" + extension).Select(f => Path.GetFileName(f)[..^extension.Length]).Order().ToArray();

    /// <summary>Every fixture of both formats: the importer's format name and the source file's name.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "pytorch", "neuralpi" })
        {
            foreach (var name in Names(format, Extension(format)))
                data.Add(format, name);
        }

        return data;
    }

    /// <summary>A source file's extension: <c>.torch.json</c> for dumps, <c>.json</c> for NeuralPi.</summary>
    public static string Extension(string format) => format == "pytorch" ? ".torch.json" : ".json";

    /// <summary>The golden fixture's name: <c>torch_NAME</c> or <c>neuralpi_NAME</c>.</summary>
    public static string GoldenName(string format, string name) => (format == "pytorch" ? "torch_" : "neuralpi_") + name;

    /// <summary>The committed source file.</summary>
    public static string SourcePath(string format, string name) => Path.Combine(ImportedFixtures.SourceFolder(format), name + Extension(format));

    /// <summary>Imports <paramref name="text"/> from a temporary file named <paramref name="fileName"/>, finding the importer from its content.</summary>
    public static ModelDescriptor ImportText(string text, string fileName = "model.json")
    {
        ModelDescriptor? model = null;
        ImportedFixtures.WithFile(fileName, text, path => model = ModelImport.Detect(path).Import(path));
        return model!;
    }

    /// <summary>
    /// Imports <paramref name="original"/> with <paramref name="find"/> replaced as <paramref name="format"/> and
    /// asserts the refusal's whole message (<paramref name="find"/> must occur, so the test breaks what it says).
    /// </summary>
    public static void AssertRefused(string original, string find, string replace, string format, string problem)
    {
        Assert.Contains(find, original);
        Assert.Equal("FILE: " + problem, ImportedFixtures.Refusal(format, "model.json", original.Replace(find, replace)));
    }

    /// <summary>Runs <paramref name="descriptor"/> whole-sequence on every accelerated path and compares every output with PyTorch's.</summary>
    public static void AssertMatchesPyTorch(ModelDescriptor descriptor, string goldenName)
    {
        using var io = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenFolder, goldenName + ".io.json")));
        var root = io.RootElement;
        int steps = root.GetProperty("steps").GetInt32(), outputSize = root.GetProperty("output_size").GetInt32();
        var input = root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var expected = root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(root.GetProperty("input_size").GetInt32(), descriptor.InputSize);
        Assert.Equal(outputSize, descriptor.OutputSize);
        Assert.True(steps >= 100);

        foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
        {
            var state = InterpretedModel.FromDescriptor(descriptor, path).CreateState();
            var output = new float[steps * outputSize];
            state.Run(input, output);
            for (int k = 0; k < output.Length; k++)
            {
                double error = Math.Abs(output[k] - expected[k]);
                Assert.True(error <= ImportedFixtures.Tolerance, $"{goldenName} on {path}, step {k / outputSize}, output {k % outputSize}: expected {expected[k]}, found {output[k]} (error {error:E2})");
            }
        }
    }
}
