using System;
using System.CommandLine;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Data;
using Rnn.Trainer.Training;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn eval MODEL DATA</c>: scores a trained model on a data file laid out like the one it was trained on.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A descriptor written by rnn train (*.rnn.json); - reads it from standard input." };
        var data = new Argument<string>("data") { Description = "A CSV series with the model's columns, or text for a text model; - reads standard input." };
        var command = new Command("eval", "Score a trained model on data: loss, and accuracy and perplexity for classes or text, error per column for a series.")
        {
            model, data,
        };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(data)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, string dataPath, TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            if (modelPath == DataFiles.StandardStream && dataPath == DataFiles.StandardStream)
                return CliErrors.Fail(stderr, "rnn eval - -: standard input can hold the model or the data, not both; give one of them as a file");
            var descriptor = DataFiles.ReadModel(modelPath);
            EvaluationResult result;
            try
            {
                result = ModelEvaluation.Evaluate(modelPath, descriptor, dataPath);
            }
            catch (InvalidOperationException e)
            {
                return CliErrors.Fail(stderr, e.Message);
            }

            string name = DataFiles.DisplayName(dataPath);
            if (result.Text)
                stdout.WriteLine($"{name}: {result.Length} characters, {result.Scored} next characters predicted, as one sequence");
            else
                stdout.WriteLine($"{name}: {result.Length} rows, {result.Scored} forecasts scored, as one sequence");
            if (double.IsNaN(result.Accuracy))
            {
                stdout.WriteLine($"  mse {result.Loss:0.####e+0}");
                foreach (var column in result.Columns)
                    stdout.WriteLine($"  {column.Column}: mse {column.MeanSquaredError:0.####e+0}  mae {column.MeanAbsoluteError:0.####e+0}");
            }
            else
            {
                stdout.WriteLine($"  cross-entropy {result.Loss:0.####} nats{(result.Text ? " per character" : "")}  perplexity {result.Perplexity:0.###}  accuracy {result.Accuracy * 100:0.0} %");
            }

            return 0;
        });
}
