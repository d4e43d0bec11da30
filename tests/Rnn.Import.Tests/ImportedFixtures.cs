using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Import.Tests;

/// <summary>
/// The fixtures of the JSON importers (tools/make_keras_fixtures.py, make_nam_fixtures.py, make_torch_fixtures.py):
/// a source file under tests/Fixtures/import/FORMAT, the descriptor the importer made of it and the independent
/// reference's float64 outputs for a seeded input (tests/Fixtures/golden/PREFIX_NAME.{rnn,io}.json); and the
/// temporary files the refusal tests import.
/// </summary>
internal static class ImportedFixtures
{
    /// <summary>The product's promise: float32 kernels within this of the float64 reference.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Each format's source file extension and golden fixture prefix.</summary>
    private static readonly Dictionary<string, (string Extension, string GoldenPrefix)> s_formats = new()
    {
        ["keras"] = (".json", "keras_"),
        ["nam"] = (".nam", "nam_"),
        ["pytorch"] = (".torch.json", "torch_"),
        ["neuralpi"] = (".json", "neuralpi_"),
    };

    public static string GoldenFolder => Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "golden");

    /// <summary>The committed source file <paramref name="name"/> of <paramref name="format"/>.</summary>
    public static string SourcePath(string format, string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "import", format, name + s_formats[format].Extension);

    /// <summary>The golden fixture made from a source file: <c>keras_NAME</c>, <c>torch_NAME</c> …</summary>
    public static string GoldenName(string format, string name) => s_formats[format].GoldenPrefix + name;

    /// <summary>The names of <paramref name="format"/>'s source files, without the extension.</summary>
    public static string[] Names(string format)
    {
        string extension = s_formats[format].Extension;
        return Directory.GetFiles(Path.GetDirectoryName(SourcePath(format, "x"))!, "*" + extension)
            .Select(f => Path.GetFileName(f)[..^extension.Length]).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every source file of every JSON format: the importer's format name and the file's name.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (string format in s_formats.Keys)
        {
            foreach (string name in Names(format))
                data.Add(format, name);
        }

        return data;
    }

    /// <summary>
    /// Runs <paramref name="descriptor"/> through the fixture's input on every accelerated path and compares every
    /// output with the reference. A step-by-step model is stepped twice with a Reset between, so Reset must return
    /// to the start (for NAM, the learned initial state); a whole-sequence one (bidirectional) runs the sequence.
    /// </summary>
    public static void AssertRunsLikeTheReference(ModelDescriptor descriptor, string goldenName)
    {
        using var io = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenFolder, goldenName + ".io.json")));
        var root = io.RootElement;
        int steps = root.GetProperty("steps").GetInt32(), inputSize = root.GetProperty("input_size").GetInt32();
        int outputSize = root.GetProperty("output_size").GetInt32();
        var input = root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var expected = root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal((inputSize, outputSize), (descriptor.InputSize, descriptor.OutputSize));

        foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
        {
            var state = InterpretedModel.FromDescriptor(descriptor, path).CreateState();
            var output = new float[steps * outputSize];
            for (int pass = 0; pass < 2; pass++)
            {
                if (descriptor.NeedsWholeSequence)
                {
                    state.Run(input, output);
                }
                else
                {
                    for (int t = 0; t < steps; t++)
                        state.Step(input.AsSpan(t * inputSize, inputSize), output.AsSpan(t * outputSize, outputSize));
                }

                for (int k = 0; k < output.Length; k++)
                {
                    double error = Math.Abs(output[k] - expected[k]);
                    Assert.True(error <= Tolerance, $"{goldenName} on {path}, pass {pass}, step {k / outputSize}, output {k % outputSize}: expected {expected[k]}, found {output[k]} (error {error:E2})");
                }

                state.Reset();
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to a fresh temporary file named <paramref name="fileName"/>, runs <paramref name="test"/> on its path and deletes it.</summary>
    public static void WithFile(string fileName, string text, Action<string> test) =>
        WithFile(fileName, path => File.WriteAllText(path, text), test);

    /// <summary>Lets <paramref name="write"/> make a fresh temporary file named <paramref name="fileName"/>, runs <paramref name="test"/> on its path and deletes it.</summary>
    public static void WithFile(string fileName, Action<string> write, Action<string> test)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"rnn-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        try
        {
            write(path);
            test(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Imports <paramref name="text"/> from a temporary file named <paramref name="fileName"/>, finding the importer from its content.</summary>
    public static ModelDescriptor ImportText(string text, string fileName = "model.json")
    {
        ModelDescriptor? model = null;
        WithFile(fileName, text, path => model = ModelImport.Detect(path).Import(path));
        return model!;
    }

    /// <summary>The message of the <see cref="ModelImportException"/> importing <paramref name="text"/> as <paramref name="format"/> raises, with the file's path as <c>FILE</c>.</summary>
    public static string Refusal(string format, string fileName, string text)
    {
        string message = "";
        WithFile(fileName, text, path => message = RefusalOf(format, path));
        return message;
    }

    /// <summary>The message of the <see cref="ModelImportException"/> importing the file at <paramref name="path"/> as <paramref name="format"/> raises, with the path as <c>FILE</c>.</summary>
    public static string RefusalOf(string format, string path)
    {
        var e = Assert.Throws<ModelImportException>(() => ModelImport.ByName(format).Import(path));
        Assert.StartsWith(path + ": ", e.Message);
        return "FILE: " + e.Problem;
    }

    /// <summary>
    /// Imports <paramref name="original"/> with <paramref name="find"/> replaced as <paramref name="format"/> and
    /// asserts the refusal's whole message (<paramref name="find"/> must occur, so the test breaks what it says).
    /// </summary>
    public static void AssertRefused(string original, string find, string replace, string format, string problem)
    {
        Assert.Contains(find, original);
        Assert.Equal("FILE: " + problem, Refusal(format, "model.json", original.Replace(find, replace)));
    }
}
