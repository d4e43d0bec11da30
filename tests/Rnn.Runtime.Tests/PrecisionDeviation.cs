using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Tests.Shared;

namespace Rnn.Runtime.Tests;

/// <summary>
/// How far a model in reduced precision strays from the same model in float32, both through the interpreter
/// on the same path and inputs: the largest |y_p − y₃₂| / max(1, |y₃₂|) over every output of every step —
/// absolute for outputs up to 1 (every bounded head), relative above (linear and relu heads). One group of
/// models and inputs per row of README's "Reduced-precision weights" table.
/// </summary>
internal sealed class PrecisionDeviation
{
    /// <summary>The groups, in README's order.</summary>
    public static readonly string[] Groups = { "golden", "example", "saturation", "saturation-relu", "long" };

    /// <summary>The long-sequence case's length and the steps its deviation is reported at.</summary>
    public static readonly int[] LongCheckpoints = { 100, 1_000, 20_000 };

    private static readonly string[] s_longModels = { "lstm_i16_h64", "gru_i16_h64", "rnn_tanh_i16_h64", "v2_lstm_peep_i4_h33" };

    private PrecisionDeviation(double largest, string where, double[]? checkpoints)
    {
        Largest = largest;
        Where = where;
        Checkpoints = checkpoints;
    }

    /// <summary>The largest deviation of the group.</summary>
    public double Largest { get; }

    /// <summary>Which model, path and step it came from.</summary>
    public string Where { get; }

    /// <summary>Long sequences only: the largest deviation within the first 100, 1,000 and 20,000 steps.</summary>
    public double[]? Checkpoints { get; }

    public override string ToString()
    {
        string text = $"{Largest.ToString("0.0e+0", CultureInfo.InvariantCulture)} ({Where})";
        if (Checkpoints is { } c)
            text += "; by step " + string.Join(", ", LongCheckpoints.Select((s, i) => $"{s}: {c[i].ToString("0.0e+0", CultureInfo.InvariantCulture)}"));
        return text;
    }

    public static PrecisionDeviation Measure(string group, WeightPrecision precision) => group switch
    {
        // Every golden fixture on every path, on its own 120-step input.
        "golden" => Worst(GoldenFixture.Names().SelectMany(name => Paths().Select(path =>
            Compare(Descriptor(name), precision, path, GoldenFixture.Load(name).Input, name)))),
        // The trained example on README's held-back data: the last 20 % of examples/sines.csv, and sine-input.csv.
        "example" => Worst(Paths().SelectMany(path => new[] { "sines.csv", "sine-input.csv" }.Select(data =>
            Compare(Example(), precision, path, HeldBack(data), "sine-forecaster on " + data)))),
        // Every golden fixture with each input replaced by ±1000 (its sign, + for 0): gates and tanh saturate.
        // Models with a relu rnn layer are their own group: relu does not saturate, their outputs grow to
        // ~1e3 and beyond, so the relative deviation is every layer's relative weight error compounded.
        "saturation" => Worst(Saturated(precision, relu: false)),
        "saturation-relu" => Worst(Saturated(precision, relu: true)),
        "long" => Long(precision),
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    // 20,000 steps of seeded uniform inputs in [−1, 1] on the widest models, on this machine's best path.
    private static PrecisionDeviation Long(WeightPrecision precision)
    {
        var checkpoints = new double[LongCheckpoints.Length];
        double largest = -1;
        string where = "";
        foreach (string name in s_longModels)
        {
            var descriptor = Descriptor(name);
            int steps = LongCheckpoints[^1];
            var random = new Random(20_000);
            var inputs = Enumerable.Range(0, steps * descriptor.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var deviations = Deviations(descriptor, precision, SimdCapabilities.Best, inputs);
            double running = 0;
            for (int t = 0, c = 0; t < steps; t++)
            {
                running = Math.Max(running, deviations[t]);
                if (t + 1 == LongCheckpoints[c])
                {
                    checkpoints[c] = Math.Max(checkpoints[c], running);
                    c++;
                }

                if (deviations[t] > largest)
                    (largest, where) = (deviations[t], $"{name}, step {t}");
            }
        }

        return new PrecisionDeviation(largest, where, checkpoints);
    }

    private static IEnumerable<(double Value, string Where)> Saturated(WeightPrecision precision, bool relu) =>
        GoldenFixture.Names().Where(name => HasReluLayer(Descriptor(name)) == relu).SelectMany(name => Paths().Select(path =>
            Compare(Descriptor(name), precision, path, GoldenFixture.Load(name).Input.Select(x => x < 0 ? -1e3f : 1e3f).ToArray(), name)));

    private static bool HasReluLayer(ModelDescriptor model) =>
        model.Layers.Any(l => l is RecurrentLayerDescriptor { Nonlinearity: Activation.Relu });

    private static (double Value, string Where) Compare(ModelDescriptor descriptor, WeightPrecision precision, SimdPath path, float[] inputs, string name)
    {
        var deviations = Deviations(descriptor, precision, path, inputs);
        int step = Array.IndexOf(deviations, deviations.Max());
        return (deviations[step], $"{name}, {path}, step {step}");
    }

    // Per step, the largest scaled deviation over the outputs.
    private static double[] Deviations(ModelDescriptor descriptor, WeightPrecision precision, SimdPath path, float[] inputs)
    {
        int steps = inputs.Length / descriptor.InputSize, outputs = descriptor.OutputSize;
        var exact = new float[steps * outputs];
        var reduced = new float[exact.Length];
        InterpretedModel.FromDescriptor(descriptor, new ModelLoadOptions { SimdPath = path, Precision = WeightPrecision.Float32 }).CreateState().Run(inputs, exact);
        InterpretedModel.FromDescriptor(descriptor, new ModelLoadOptions { SimdPath = path, Precision = precision }).CreateState().Run(inputs, reduced);
        var result = new double[steps];
        for (int k = 0; k < exact.Length; k++)
            result[k / outputs] = Math.Max(result[k / outputs], Math.Abs((double)reduced[k] - exact[k]) / Math.Max(1, Math.Abs(exact[k])));
        return result;
    }

    private static PrecisionDeviation Worst(IEnumerable<(double Value, string Where)> cases)
    {
        var worst = cases.MaxBy(c => c.Value);
        return new PrecisionDeviation(worst.Value, worst.Where, null);
    }

    private static IEnumerable<SimdPath> Paths() => Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported);

    private static ModelDescriptor Descriptor(string name) => DescriptorReader.ReadFile(GoldenFixture.Load(name).DescriptorPath);

    private static ModelDescriptor Example() => DescriptorReader.ReadFile(Path.Combine(RepositoryPaths.Root, "examples", "sine-forecaster.rnn.json"));

    // The x column of an examples/ CSV; for sines.csv only its last 20 %, which README's walk-through holds out (--validation 0.2).
    private static float[] HeldBack(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", file)).Skip(1).Where(l => l.Length > 0).ToArray();
        int column = file == "sines.csv" ? 1 : 0;
        var values = lines.Select(l => float.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
        return file == "sines.csv" ? values[(values.Length - values.Length / 5)..] : values;
    }
}
