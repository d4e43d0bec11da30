using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Import.Tests.Onnx;

/// <summary>
/// One of ONNX's LSTM/GRU/RNN backend node tests exactly as ONNX defines it (tests/Fixtures/import/onnx/verbatim,
/// tools/make_onnx_fixtures.py): its own 1-3 step input and the outputs the case passes to <c>expect</c>
/// (Y_h, and Y where the case gives it), per batch element.
/// </summary>
public sealed class OnnxNodeTestVerbatim
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", "onnx", "verbatim");

    public required string Name { get; init; }

    public required int Steps { get; init; }

    public required int Batch { get; init; }

    public required int InputSize { get; init; }

    public required int OutputSize { get; init; }

    public required string Direction { get; init; }

    /// <summary>Per batch element: [steps, input].</summary>
    public required float[][] Input { get; init; }

    /// <summary>Per batch element: [steps, dirs·H]; null when the case does not give Y.</summary>
    public required float[][]? Y { get; init; }

    /// <summary>Per batch element: [dirs·H]; null when the case does not give Y_h.</summary>
    public required float[][]? YH { get; init; }

    public string ModelPath => Path.Combine(Directory, Name + ".onnx");

    public string DescriptorPath => Path.Combine(Directory, Name + ".rnn.json");

    /// <summary>Every case on every SIMD path this machine runs.</summary>
    public static TheoryData<string, SimdPath> OnEveryPath()
    {
        var data = new TheoryData<string, SimdPath>();
        foreach (var name in Names())
        {
            foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
                data.Add(name, path);
        }

        return data;
    }

    public static string[] Names() =>
        System.IO.Directory.GetFiles(Directory, "*.expected.json").Select(p => Path.GetFileName(p)[..^".expected.json".Length]).Order().ToArray();

    public static OnnxNodeTestVerbatim Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".expected.json")));
        var root = json.RootElement;
        float[][]? Rows(string property) => root.GetProperty(property).ValueKind == JsonValueKind.Null ? null
            : root.GetProperty(property).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        return new OnnxNodeTestVerbatim
        {
            Name = name,
            Steps = root.GetProperty("steps").GetInt32(),
            Batch = root.GetProperty("batch").GetInt32(),
            InputSize = root.GetProperty("input_size").GetInt32(),
            OutputSize = root.GetProperty("output_size").GetInt32(),
            Direction = root.GetProperty("direction").GetString()!,
            Input = Rows("input")!,
            Y = Rows("y"),
            YH = Rows("y_h"),
        };
    }

    /// <summary>
    /// Every output the case defines against a run's per-step outputs [steps, dirs·H] of batch element
    /// <paramref name="b"/>: Y at every step; Y_h is the last step of a forward direction and the first
    /// step of a reverse one (both halves of a bidirectional layer).
    /// </summary>
    public void Check(int b, float[] outputs, double tolerance, string where)
    {
        if (Y is not null)
        {
            for (int i = 0; i < outputs.Length; i++)
                Assert.True(Math.Abs(outputs[i] - Y[b][i]) <= tolerance, $"{Name} {where}, batch {b}, step {i / OutputSize}, Y[{i % OutputSize}]: expected {Y[b][i]}, found {outputs[i]}");
        }

        if (YH is not null)
        {
            int directions = Direction == "bidirectional" ? 2 : 1, hidden = OutputSize / directions;
            for (int j = 0; j < OutputSize; j++)
            {
                bool reverse = Direction == "reverse" || j >= hidden;
                int step = reverse ? 0 : Steps - 1;
                float found = outputs[step * OutputSize + j];
                Assert.True(Math.Abs(found - YH[b][j]) <= tolerance, $"{Name} {where}, batch {b}, Y_h[{j}] (step {step}): expected {YH[b][j]}, found {found}");
            }
        }

        Assert.True(Y is not null || YH is not null, $"{Name}: the case defines no output");
    }
}
