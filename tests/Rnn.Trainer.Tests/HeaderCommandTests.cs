using System;
using System.IO;
using Rnn.Trainer.Cli;
using Xunit;
using Rnn.Tests.Shared;

namespace Rnn.Trainer.Tests;

/// <summary><c>rnn header</c> writes the generator's own header text, and says clearly what is wrong otherwise.</summary>
public sealed class HeaderCommandTests : IDisposable
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "examples", "sine-forecaster.rnn.json");
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-header-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Code, string Out, string Error) Run(string model, string prefix, string? output = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = HeaderCommand.Execute(model, prefix, output, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void PrintsTheHeaderThatSamplesCHostCompilesAgainst()
    {
        var (code, output, error) = Run(Example, "sine");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "c-host", "sine.h")), output);
    }

    [Fact]
    public void WritesTheHeaderToAFile()
    {
        string path = Path.Combine(_directory, "kws.h");
        var (code, output, error) = Run(Example, "kws", path);
        Assert.Equal((0, ""), (code, output));
        Assert.Equal($"wrote {path}\n", error.Replace("\r\n", "\n"));
        string header = File.ReadAllText(path);
        Assert.Contains("#ifndef KWS_RNN_H", header);
        Assert.Contains("int32_t kws_step(void* state, size_t state_size, const float* input, size_t input_count,", header);
        Assert.Equal(new[] { "kws.h" }, Array.ConvertAll(Directory.GetFiles(_directory), Path.GetFileName)); // no temporary left behind
    }

    [Fact]
    public void ABadPrefixIsTheGeneratorsDiagnostic()
    {
        var (code, output, error) = Run(Example, "9lives");
        Assert.Equal((1, ""), (code, output));
        Assert.Equal($"error: {Example}: cannot generate C entry points: RNN0012: NativeExportPrefix '9lives' is not a C identifier; use letters, digits and '_', not starting with a digit (for example \"kws\")\n",
            error.Replace("\r\n", "\n"));
    }

    [Fact]
    public void ABrokenDescriptorGetsTheReadersMessage()
    {
        string path = Path.Combine(_directory, "broken.rnn.json");
        File.WriteAllText(path, "{\n  \"format\": \"rnn-embedded\",\n  \"version\": 7\n}");
        var (code, _, error) = Run(path, "kws");
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {path}(3,14): version: ", error);
    }

    [Fact]
    public void AMissingFileIsOneLine()
    {
        string path = Path.Combine(_directory, "absent.rnn.json");
        var (code, _, error) = Run(path, "kws");
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("absent.rnn.json", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
