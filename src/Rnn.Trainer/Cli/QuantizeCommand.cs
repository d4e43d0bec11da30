using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Rnn.Runtime;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Cli;

/// <summary>
/// <c>rnn quantize MODEL --precision float16|bfloat16|int8 -o OUT</c>: writes the model with its weight
/// matrices rounded to a reduced precision and <c>weight_precision</c> set, then reports the largest weight
/// change and the largest output deviation from the float32 model on a seeded random input sequence.
/// </summary>
internal static class QuantizeCommand
{
    /// <summary>The deviation check: this many steps of uniform random inputs in [−1, 1] from this seed.</summary>
    public const int CheckSteps = 1000, CheckSeed = 12;

    /// <summary>The precisions <c>--precision</c> takes, as the descriptor spells them.</summary>
    public static readonly string[] ReducedPrecisions = { "float16", "bfloat16", "int8" };

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The float32 (or any) model descriptor (*.rnn.json); - reads it from standard input." };
        var precision = new Option<string>("--precision") { Description = "float16, bfloat16 or int8.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the quantized descriptor (never the input); - writes it to standard output (the report then goes to standard error).", Required = true };
        var command = new Command("quantize", "Round a model's weight matrices to float16, bfloat16 or int8 and write the descriptor.") { model, precision, output };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(precision)!, result.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, string precisionName, string outputPath, TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            if (!TryParsePrecision(precisionName, allowFloat32: false, out var precision))
                return CliErrors.Fail(stderr, $"--precision: expected one of {string.Join(", ", ReducedPrecisions)}, found \"{precisionName}\"");
            if (modelPath != DataFiles.StandardStream && outputPath != DataFiles.StandardStream && string.Equals(Path.GetFullPath(modelPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
                return CliErrors.Fail(stderr, $"-o: {outputPath} is the input model; write the quantized model to another file");

            var original = DataFiles.ReadModel(modelPath);
            var fields = original.Metadata.Fields.Where(f => f.Key is not ("quantized_from" or "quantized_precision")).ToList();
            fields.Add(new("quantized_from", MetadataValue.FromString(modelPath == DataFiles.StandardStream ? "standard input" : Path.GetFileName(modelPath))));
            fields.Add(new("quantized_precision", MetadataValue.FromString(DescriptorNames.Of(precision))));
            var quantized = original.WithWeightPrecision(precision, MetadataValue.FromObject(fields));
            // With -o - the descriptor is the output; the report goes to stderr so a pipe gets JSON only.
            var report = outputPath == DataFiles.StandardStream ? stderr : stdout;
            string written = DataFiles.WriteText(outputPath, stdout, writer => DescriptorWriter.Write(quantized, writer));

            var (change, where, before, after) = LargestWeightChange(original, quantized);
            report.WriteLine($"wrote {written}: {DescriptorNames.Of(precision)} weight matrices");
            report.WriteLine($"  largest weight change: {Format(change)} ({where}: {Format(before)} -> {Format(after)})");
            double deviation = LargestOutputDeviation(original, quantized);
            report.WriteLine($"  largest output deviation from the float32 model: {Format(deviation)} over {CheckSteps} steps of uniform random inputs in [-1, 1] (seed {CheckSeed})");
            return 0;
        });

    /// <summary>Reads a <c>--precision</c> value (float32 only where <paramref name="allowFloat32"/>).</summary>
    public static bool TryParsePrecision(string text, bool allowFloat32, out WeightPrecision precision)
    {
        int index = Array.IndexOf(ReducedPrecisions, text);
        precision = index < 0 ? WeightPrecision.Float32 : (WeightPrecision)(index + 1);
        return index >= 0 || allowFloat32 && text == "float32";
    }

    // |w' − w| over every weight matrix, with where the largest is.
    private static (double Change, string Where, float Before, float After) LargestWeightChange(ModelDescriptor original, ModelDescriptor quantized)
    {
        var result = (Change: 0.0, Where: "no weight changed", Before: 0f, After: 0f);
        foreach (var (path, a, b) in Matrices(original).Zip(Matrices(quantized), (x, y) => (x.Path, x.Values, y.Values)))
        {
            for (int k = 0; k < a.Length; k++)
            {
                double change = Math.Abs((double)b[k] - a[k]);
                if (change > result.Change)
                    result = (change, $"{path}[{k}]", a[k], b[k]);
            }
        }

        return result;
    }

    private static IEnumerable<(string Path, float[] Values)> Matrices(ModelDescriptor model)
    {
        for (int l = 0; l < model.Layers.Count; l++)
        {
            if (model.Layers[l] is DenseLayerDescriptor dense)
            {
                yield return ($"layers[{l}].weight", dense.Weight.ToArray());
                continue;
            }

            var layer = (RecurrentLayerDescriptor)model.Layers[l];
            foreach (var (weights, suffix) in new[] { (layer.Weights, ""), (layer.ReverseWeights, "_reverse") })
            {
                if (weights is null)
                    continue;
                yield return ($"layers[{l}].weight_ih{suffix}", weights.WeightIh.ToArray());
                yield return ($"layers[{l}].weight_hh{suffix}", weights.WeightHh.ToArray());
                yield return ($"layers[{l}].weight_hr{suffix}", weights.WeightHr.ToArray());
            }
        }
    }

    // Both models run (whole sequence) on the same seeded inputs; the largest |y' − y|.
    private static double LargestOutputDeviation(ModelDescriptor original, ModelDescriptor quantized)
    {
        var random = new Random(CheckSeed);
        var inputs = new float[CheckSteps * original.InputSize];
        for (int k = 0; k < inputs.Length; k++)
            inputs[k] = (float)(random.NextDouble() * 2 - 1);
        var expected = new float[CheckSteps * original.OutputSize];
        var actual = new float[expected.Length];
        InterpretedModel.FromDescriptor(original).CreateState().Run(inputs, expected);
        InterpretedModel.FromDescriptor(quantized).CreateState().Run(inputs, actual);
        double largest = 0;
        for (int k = 0; k < expected.Length; k++)
            largest = Math.Max(largest, Math.Abs((double)actual[k] - expected[k]));
        return largest;
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
