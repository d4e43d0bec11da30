using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Text.Json;
using GoldenOnArm64;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;

// GoldenOnArm64 FIXTURES_DIR: every golden fixture (NAME.rnn.json + NAME.io.json, outputs from PyTorch in float64)
// through the generated code and the interpreter on the SIMD path this machine takes; both must be within 1e-5 of
// the fixture at every step. Exit code 1 names each failure; 2 for usage errors.
const double Tolerance = 1e-5;
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: GoldenOnArm64 FIXTURES_DIR (tests/Fixtures/golden)");
    return 2;
}

string directory = args[0];
var onDisk = Directory.GetFiles(directory, "*.rnn.json").Select(p => Path.GetFileName(p)[..^".rnn.json".Length]).Order(StringComparer.Ordinal).ToArray();
var compiled = Models.All.Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();
if (!onDisk.SequenceEqual(compiled))
{
    Console.Error.WriteLine($"error: {directory} and the models this program was built with differ: in the folder only [{string.Join(", ", onDisk.Except(compiled))}], "
        + $"built in only [{string.Join(", ", compiled.Except(onDisk))}]; run tools/golden-arm64-models.sh and rebuild");
    return 1;
}

Console.WriteLine($"CPU: {RuntimeInformation.ProcessArchitecture}{(AdvSimd.IsSupported ? ", AdvSimd (NEON)" : "")}; SIMD path: {SimdCapabilities.Best}");
int failures = 0;
double worstGenerated = 0, worstInterpreter = 0;
foreach (var (name, check) in Models.All)
{
    using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, name + ".io.json")));
    var root = json.RootElement;
    int steps = root.GetProperty("steps").GetInt32(), inputSize = root.GetProperty("input_size").GetInt32(), outputSize = root.GetProperty("output_size").GetInt32();
    float[] inputs = root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray();
    double[] expected = root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    var descriptor = DescriptorReader.ReadFile(Path.Combine(directory, name + ".rnn.json"));
    var interpreted = new float[expected.Length];
    InterpretedModel.FromDescriptor(descriptor).CreateState().Run(inputs, interpreted);
    float[] generated = check(inputs, steps, inputSize, outputSize, descriptor.NeedsWholeSequence);

    foreach (var (what, outputs) in new[] { ("generated", generated), ("interpreter", interpreted) })
    {
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(outputs[i] - expected[i]);
            if (!(error <= worst)) // NaN counts as the worst
                (worst, at) = (double.IsNaN(error) ? double.PositiveInfinity : error, i);
        }

        if (what == "generated")
            worstGenerated = Math.Max(worstGenerated, worst);
        else
            worstInterpreter = Math.Max(worstInterpreter, worst);
        if (worst > Tolerance)
        {
            failures++;
            Console.Error.WriteLine($"error: {name}: {what} step {at / outputSize}, output {at % outputSize}: expected {expected[at].ToString("R", CultureInfo.InvariantCulture)}, "
                + $"found {outputs[at].ToString("R", CultureInfo.InvariantCulture)} (error {worst:E2}, tolerance {Tolerance:E0})");
        }
    }
}

Console.WriteLine($"{Models.All.Length} golden fixtures: largest error generated {worstGenerated:E2}, interpreter {worstInterpreter:E2} (tolerance {Tolerance:E0}); {failures} failure(s)");
return failures == 0 ? 0 : 1;
