using System;
using System.CommandLine;
using System.IO;
using Rnn.Trainer.Data;
using Rnn.Trainer.Native;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn header MODEL --prefix P [-o FILE]</c>: the C header for a model built with <c>NativeExportPrefix = "P"</c>.</summary>
internal static class HeaderCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model descriptor (*.rnn.json)." };
        var prefix = new Option<string>("--prefix") { Description = "The NativeExportPrefix of the [RnnModel] attribute (C identifier).", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write the header to this file instead of standard output (-: standard output)." };
        var command = new Command("header", "Write the C header for a model's native entry points (the text the generator embeds).") { model, prefix, output };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(prefix)!, result.GetValue(output), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, string prefix, string? outputPath, TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            DataFiles.RequireNotFolder(modelPath);
            string header = NativeHeader.Generate(modelPath, prefix);
            string written = DataFiles.WriteText(outputPath ?? DataFiles.StandardStream, stdout, writer => writer.Write(header));
            if (outputPath is not (null or DataFiles.StandardStream))
                stderr.WriteLine($"wrote {written}");
            return 0;
        });
}
