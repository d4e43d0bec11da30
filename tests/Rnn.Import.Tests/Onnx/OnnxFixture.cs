using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// One model of tests/Fixtures/import/onnx (tools/make_onnx_fixtures.py): NAME.onnx, and NAME.fixture.json
/// naming the role of each axis of its input and output (time, batch, feature), the sizes the model fixes,
/// and the golden fixtures (descriptor + reference outputs) made from it.
/// </summary>
public sealed class OnnxFixture
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", "onnx");

    private OnnxFixture(string name, string[] inputAxes, string[] outputAxes, int? fixedSteps, int? fixedBatch, string[] golden, bool onnxRuntimeRunsIt)
    {
        Name = name;
        InputAxes = inputAxes;
        OutputAxes = outputAxes;
        FixedSteps = fixedSteps;
        FixedBatch = fixedBatch;
        Golden = golden;
        OnnxRuntimeRunsIt = onnxRuntimeRunsIt;
    }

    public string Name { get; }

    public string ModelPath => Path.Combine(Directory, Name + ".onnx");

    /// <summary>"time", "batch" or "feature" per axis of the graph input.</summary>
    public string[] InputAxes { get; }

    /// <summary>"time", "batch" or "feature" per axis of the graph output (several feature axes flatten row-major).</summary>
    public string[] OutputAxes { get; }

    public int? FixedSteps { get; }

    public int? FixedBatch { get; }

    /// <summary>The golden fixtures (tests/Fixtures/golden/NAME.rnn.json + .io.json) made from this model.</summary>
    public string[] Golden { get; }

    /// <summary>Whether ONNX Runtime runs the model: its CPU kernels refuse recurrent nodes with layout=1.</summary>
    public bool OnnxRuntimeRunsIt { get; }

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.fixture.json").Select(p => Path.GetFileName(p)[..^".fixture.json".Length]).Order();

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
            data.Add(name);
        return data;
    }

    public static OnnxFixture Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".fixture.json")));
        var root = json.RootElement;
        string[] Strings(string property) => root.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
        var fixedSizes = root.GetProperty("fixed");
        int? Fixed(string axis) => fixedSizes.TryGetProperty(axis, out var v) ? v.GetInt32() : null;
        return new OnnxFixture(name, Strings("input_axes"), Strings("output_axes"), Fixed("time"), Fixed("batch"), Strings("golden"),
            root.GetProperty("onnx_runtime").GetBoolean());
    }
}
