using System;
using System.CommandLine;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn info MODEL</c>: validates a descriptor and describes its layers, sizes and metadata.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model descriptor (*.rnn.json)." };
        var command = new Command("info", "Validate a descriptor and print its layers, parameter counts and metadata.") { model };
        command.SetAction(result => Execute(result.GetValue(model)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            var descriptor = DataFiles.ReadModel(modelPath);
            stdout.WriteLine($"{DataFiles.DisplayName(modelPath)}: format v{descriptor.Version}, {descriptor.InputSize} input(s) -> {descriptor.OutputSize} output(s)");
            if (descriptor.InputNormalization is not null)
                stdout.WriteLine("  input normalisation: (x - mean) / std per feature");
            if (descriptor.WeightPrecision != Rnn.Runtime.WeightPrecision.Float32)
                stdout.WriteLine($"  weight precision: {DescriptorNames.Of(descriptor.WeightPrecision)} (weight matrices; biases, states and normalisation float32)");
            if (descriptor.Skip != 0)
                stdout.WriteLine($"  skip: the first {descriptor.Skip} raw input(s) added to the output");
            if (WholeSequence.Reason(descriptor) is { } reason)
                stdout.WriteLine($"  whole sequences only ({reason}): Run, not Step; rnn run reads the CSV as one sequence");
            long parameters = 0;
            for (int l = 0; l < descriptor.Layers.Count; l++)
            {
                var layer = descriptor.Layers[l];
                long count;
                string detail, settings = "";
                if (layer is RecurrentLayerDescriptor recurrent)
                {
                    count = Count(recurrent.Weights) + (recurrent.ReverseWeights is { } reverse ? Count(reverse) : 0);
                    detail = recurrent.Kind == LayerKind.Rnn ? $" ({DescriptorNames.Of(recurrent.Nonlinearity)})" : "";
                    settings = Settings(recurrent);
                }
                else
                {
                    var dense = (DenseLayerDescriptor)layer;
                    count = dense.Weight.Length + dense.Bias.Length;
                    detail = $" ({DescriptorNames.Of(dense.Activation)})";
                }

                parameters += count;
                stdout.WriteLine($"  layers[{l}]: {DescriptorNames.Of(layer.Kind)}{detail} {layer.InputSize} -> {layer.OutputSize}, {count} parameters{settings}");
            }

            stdout.WriteLine($"  {parameters} parameters, {parameters * sizeof(float)} bytes of float32 weights");
            foreach (var field in descriptor.Metadata.Fields)
                stdout.WriteLine($"  metadata.{field.Key}: " + field.Value.Kind switch
                {
                    MetadataKind.String => Printable(field.Value.Text ?? ""),
                    MetadataKind.Number => field.Value.Text,
                    MetadataKind.Boolean => field.Value.Boolean ? "true" : "false",
                    MetadataKind.Array => $"array of {field.Value.Items.Count}",
                    var kind => kind.ToString().ToLowerInvariant(),
                });
            stdout.WriteLine($"  SIMD path on this machine: {SimdCapabilities.Best}");
            return 0;
        });

    /// <summary>
    /// A metadata string as one printable line: control characters as C escapes (\n, \t, \r, \\ itself) or \u0001,
    /// so a text model's vocabulary, which holds the newline, does not break the line or move the cursor.
    /// </summary>
    internal static string Printable(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            result.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }

    // Every tensor of one direction, learned initial states included (they are trained parameters too).
    private static long Count(RecurrentWeights w) =>
        w.WeightIh.Length + w.WeightHh.Length + w.BiasIh.Length + w.BiasHh.Length
        + w.Peephole.Length + w.WeightHr.Length + w.InitialH.Length + w.InitialC.Length;

    // Format v2's settings of a recurrent layer, compactly; "" for a v1 layer.
    private static string Settings(RecurrentLayerDescriptor layer)
    {
        var o = layer.Options;
        var parts = new System.Collections.Generic.List<string>();
        if (o.Direction != RecurrentDirection.Forward)
            parts.Add(DescriptorNames.Of(o.Direction));
        if (o.ProjectionSize != 0)
            parts.Add($"proj_size {o.ProjectionSize}");
        if (layer.Weights.HasPeepholes)
            parts.Add("peepholes");
        if (!o.ResetAfter)
            parts.Add("reset_after false");
        if (o.Clip != 0)
            parts.Add($"clip {DescriptorWriter.FormatFloat(o.Clip)}");
        if (o.GateActivation != Activation.Sigmoid)
            parts.Add($"gates {DescriptorNames.Of(o.GateActivation)}(alpha {DescriptorWriter.FormatFloat(o.HardSigmoidAlpha)}, beta {DescriptorWriter.FormatFloat(o.HardSigmoidBeta)})");
        if (layer.Weights.HasInitialState)
            parts.Add(layer.Weights.InitialC.Length > 0 ? "learned initial h and c" : "learned initial h");
        return parts.Count == 0 ? "" : "; " + string.Join(", ", parts);
    }
}
