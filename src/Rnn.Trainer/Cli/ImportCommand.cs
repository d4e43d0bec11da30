using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Rnn.Import;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn import MODEL -o MODEL.rnn.json [--format F]</c>: converts a model from another tool into a descriptor.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model file to convert: .onnx, a PyTorch dump (*.torch.json from tools/export_pytorch.py), Keras/RTNeural .json, NeuralPi .json or .nam." };
        var output = new Option<string>("--output", "-o") { Description = "The descriptor to write (*.rnn.json); - writes it to standard output (the report then goes to standard error).", Required = true };
        var format = new Option<string?>("--format") { Description = "The source format, when the content does not tell: " + string.Join(", ", ModelImport.Importers.Select(i => i.Format)) + "." };
        var command = new Command("import", "Convert a model from ONNX, PyTorch (via tools/export_pytorch.py), Keras/RTNeural JSON, NeuralPi or NAM into an *.rnn.json descriptor.") { model, output, format };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(output)!, result.GetValue(format), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, string outputPath, string? format, TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            if (!File.Exists(modelPath))
                return CliErrors.Fail(stderr, Directory.Exists(modelPath) ? $"{modelPath}: is a directory; expected a model file" : $"{modelPath}: no such file");
            IModelImporter importer;
            try
            {
                importer = format is null ? ModelImport.Detect(modelPath) : ModelImport.ByName(format);
            }
            catch (ArgumentException e)
            {
                return CliErrors.Fail(stderr, "--format: " + e.Message.Split(" (Parameter")[0]);
            }

            ModelDescriptor descriptor;
            try
            {
                descriptor = importer.Import(modelPath);
            }
            catch (ModelImportException e)
            {
                return CliErrors.Fail(stderr, e.Message);
            }

            // With -o - the descriptor is the output; the report goes to stderr so a pipe gets JSON only.
            var report = outputPath == DataFiles.StandardStream ? stderr : stdout;
            string written = DataFiles.WriteText(outputPath, stdout, writer => DescriptorWriter.Write(descriptor, writer));
            report.WriteLine($"{modelPath} ({importer.Format}) -> {written}: format v{descriptor.RequiredVersion}, {descriptor.InputSize} input(s) -> {descriptor.OutputSize} output(s), {descriptor.Layers.Count} layer(s)");
            if (descriptor.NeedsWholeSequence)
                report.WriteLine("  a layer runs backward over the sequence: the model runs whole sequences (Run), not step by step");
            return 0;
        });
}
