using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using Rnn.Runtime;
using Rnn.Runtime.Interpreter;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn run MODEL --input FILE.csv</c>: runs a model over a sequence and prints one output row per step.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model descriptor (*.rnn.json); - reads it from standard input." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "CSV with one time step per row and one column per model input (a header row is optional); - reads standard input.",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the outputs to this CSV file instead of standard output (-: standard output)." };
        var precision = new Option<string?>("--precision") { Description = "Run the weight matrices in float32, float16, bfloat16 or int8 (default: the file's weight_precision)." };
        var command = new Command("run", "Run a model over a sequence from a CSV file and print its outputs, one row per time step.")
        {
            model, input, output, precision,
        };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(input)!, result.GetValue(output), Console.Out, Console.Error, result.GetValue(precision)));
        return command;
    }

    public static int Execute(string modelPath, string inputPath, string? outputPath, TextWriter stdout, TextWriter stderr, string? precisionName = null) =>
        CliErrors.Guard(stderr, () =>
        {
            WeightPrecision? precision = null;
            if (precisionName is not null)
            {
                if (!QuantizeCommand.TryParsePrecision(precisionName, allowFloat32: true, out var parsed))
                    return CliErrors.Fail(stderr, $"--precision: expected one of float32, {string.Join(", ", QuantizeCommand.ReducedPrecisions)}, found \"{precisionName}\"");
                precision = parsed;
            }

            if (modelPath == DataFiles.StandardStream && inputPath == DataFiles.StandardStream)
                return CliErrors.Fail(stderr, "rnn run - --input -: standard input can hold the model or the input, not both; give one of them as a file");
            var model = InterpretedModel.FromDescriptor(DataFiles.ReadModel(modelPath), new ModelLoadOptions { Precision = precision });
            var table = CsvTable.Read(inputPath);
            if (table.Columns != model.InputSize)
                throw new DataFileException(inputPath, 0, 0, $"expected {model.InputSize} column{(model.InputSize == 1 ? "" : "s")} (the model's input_size), found {table.Columns}");

            var outputs = new float[table.Rows * model.OutputSize];
            model.CreateState().Run(table.Values, outputs);

            var text = new StringBuilder();
            text.Append("step");
            for (int k = 0; k < model.OutputSize; k++)
                text.Append(",y").Append(k);
            text.Append('\n');
            for (int t = 0; t < table.Rows; t++)
            {
                text.Append(t);
                for (int k = 0; k < model.OutputSize; k++)
                    text.Append(',').Append(outputs[t * model.OutputSize + k].ToString("R", CultureInfo.InvariantCulture));
                text.Append('\n');
            }

            DataFiles.WriteText(outputPath ?? DataFiles.StandardStream, stdout, writer => writer.Write(text.ToString()));

            return 0;
        });
}
