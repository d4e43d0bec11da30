using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Import.Tests.Keras;

/// <summary>
/// The Keras and NAM fixtures (tools/make_keras_fixtures.py, tools/make_nam_fixtures.py): a source file under
/// tests/Fixtures/import/{keras,nam}, the descriptor the importer made of it, and the independent reference's
/// float64 outputs for a seeded input (tests/Fixtures/golden/{keras,nam}_NAME.{rnn,io}.json).
/// </summary>
internal static class ImportedFixtures
{
    /// <summary>The product's promise: float32 kernels within this of the float64 reference.</summary>
    public const double Tolerance = 1e-5;

    public static string SourceFolder(string format) => Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "import", format);

    public static string GoldenDescriptor(string goldenName) => Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "golden", goldenName + ".rnn.json");

    /// <summary>The source files of a format, by name without the extension.</summary>
    public static TheoryData<string> Names(string format, string extension)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(SourceFolder(format), "*" + extension).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    /// <summary>
    /// Steps <paramref name="descriptor"/> through the fixture's input on every accelerated path, comparing
    /// every output with the reference; then resets and steps again, so Reset must return to the start
    /// (for NAM, the learned initial state).
    /// </summary>
    public static void AssertStepsLikeTheReference(ModelDescriptor descriptor, string goldenName)
    {
        string ioPath = Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "golden", goldenName + ".io.json");
        using var io = JsonDocument.Parse(File.ReadAllText(ioPath));
        var root = io.RootElement;
        int steps = root.GetProperty("steps").GetInt32(), inputSize = root.GetProperty("input_size").GetInt32();
        int outputSize = root.GetProperty("output_size").GetInt32();
        var input = root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var expected = root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal((inputSize, outputSize), (descriptor.InputSize, descriptor.OutputSize));

        foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
        {
            var state = InterpretedModel.FromDescriptor(descriptor, path).CreateState();
            var output = new float[outputSize];
            for (int pass = 0; pass < 2; pass++)
            {
                for (int t = 0; t < steps; t++)
                {
                    state.Step(input.AsSpan(t * inputSize, inputSize), output);
                    for (int k = 0; k < outputSize; k++)
                    {
                        double want = expected[t * outputSize + k], error = Math.Abs(output[k] - want);
                        Assert.True(error <= Tolerance, $"{goldenName} on {path}, pass {pass}, step {t}, output {k}: expected {want}, found {output[k]} (error {error:E2})");
                    }
                }

                state.Reset();
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to a fresh temporary file named <paramref name="fileName"/>, runs <paramref name="test"/> on its path and deletes it.</summary>
    public static void WithFile(string fileName, string text, Action<string> test)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"rnn-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        try
        {
            test(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The message of the <see cref="ModelImportException"/> importing <paramref name="text"/> as <paramref name="format"/> raises, with the file's path as <c>FILE</c>.</summary>
    public static string Refusal(string format, string fileName, string text)
    {
        string message = "";
        WithFile(fileName, text, path =>
        {
            var e = Assert.Throws<ModelImportException>(() => ModelImport.ByName(format).Import(path));
            Assert.StartsWith(path + ": ", e.Message);
            message = "FILE: " + e.Problem;
        });
        return message;
    }
}
