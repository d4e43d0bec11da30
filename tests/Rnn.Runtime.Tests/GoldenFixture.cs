using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// A PyTorch-made fixture (tools/make_fixtures.py): the descriptor path, a seeded input sequence and the
/// outputs PyTorch computed for it in float64.
/// </summary>
public sealed class GoldenFixture
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");

    private GoldenFixture(string name, int steps, int inputSize, int outputSize, float[] input, double[] output)
    {
        Name = name;
        Steps = steps;
        InputSize = inputSize;
        OutputSize = outputSize;
        Input = input;
        Output = output;
    }

    public string Name { get; }

    public string DescriptorPath => Path.Combine(Directory, Name + ".rnn.json");

    public int Steps { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public float[] Input { get; }

    public double[] Output { get; }

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.io.json").Select(p => Path.GetFileName(p)[..^".io.json".Length]).Order();

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
            data.Add(name);
        return data;
    }

    /// <summary>Every fixture paired with every SIMD path this machine accelerates.</summary>
    public static TheoryData<string, Rnn.Runtime.Kernels.SimdPath> AllOnEveryPath()
    {
        var data = new TheoryData<string, Rnn.Runtime.Kernels.SimdPath>();
        foreach (var name in Names())
        {
            foreach (var path in Enum.GetValues<Rnn.Runtime.Kernels.SimdPath>().Where(Rnn.Runtime.Kernels.SimdCapabilities.IsSupported))
                data.Add(name, path);
        }

        return data;
    }

    public static GoldenFixture Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".io.json")));
        var root = json.RootElement;
        return new GoldenFixture(
            name,
            root.GetProperty("steps").GetInt32(),
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
            root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }
}
