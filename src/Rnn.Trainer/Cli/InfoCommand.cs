using System;
using System.CommandLine;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;

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
            var descriptor = DescriptorReader.ReadFile(modelPath);
            stdout.WriteLine($"{modelPath}: format v{descriptor.Version}, {descriptor.InputSize} input(s) -> {descriptor.OutputSize} output(s)");
            if (descriptor.InputNormalization is not null)
                stdout.WriteLine("  input normalisation: (x - mean) / std per feature");
            long parameters = 0;
            for (int l = 0; l < descriptor.Layers.Count; l++)
            {
                var layer = descriptor.Layers[l];
                long count;
                string detail;
                if (layer is RecurrentLayerDescriptor recurrent)
                {
                    count = recurrent.WeightIh.Length + recurrent.WeightHh.Length + recurrent.BiasIh.Length + recurrent.BiasHh.Length;
                    detail = recurrent.Kind == LayerKind.Rnn ? $" ({DescriptorNames.Of(recurrent.Nonlinearity)})" : "";
                }
                else
                {
                    var dense = (DenseLayerDescriptor)layer;
                    count = dense.Weight.Length + dense.Bias.Length;
                    detail = $" ({DescriptorNames.Of(dense.Activation)})";
                }

                parameters += count;
                stdout.WriteLine($"  layers[{l}]: {DescriptorNames.Of(layer.Kind)}{detail} {layer.InputSize} -> {layer.OutputSize}, {count} parameters");
            }

            stdout.WriteLine($"  {parameters} parameters, {parameters * sizeof(float)} bytes of float32 weights");
            foreach (var field in descriptor.Metadata.Fields)
                stdout.WriteLine($"  metadata.{field.Key}: " + field.Value.Kind switch
                {
                    MetadataKind.String or MetadataKind.Number => field.Value.Text,
                    MetadataKind.Boolean => field.Value.Boolean ? "true" : "false",
                    MetadataKind.Array => $"array of {field.Value.Items.Count}",
                    var kind => kind.ToString().ToLowerInvariant(),
                });
            stdout.WriteLine($"  SIMD path on this machine: {SimdCapabilities.Best}");
            return 0;
        });
}
