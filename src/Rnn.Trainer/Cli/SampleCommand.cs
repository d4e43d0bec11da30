using System;
using System.CommandLine;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Data;
using Rnn.Trainer.Training;

namespace Rnn.Trainer.Cli;

/// <summary><c>rnn sample MODEL --prompt TEXT</c>: text from a next-character model, run by the runtime interpreter.</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A text model's descriptor (from rnn train on a text file)." };
        var prompt = new Option<string>("--prompt", "-p") { Description = "Text to start from; every character must be in the model's vocabulary.", Required = true };
        var length = new Option<int>("--length", "-n") { Description = "Characters to generate after the prompt.", DefaultValueFactory = _ => 200 };
        var temperature = new Option<double>("--temperature", "-t") { Description = "1: the model's distribution; lower is more conservative; 0: always the likeliest.", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "Seed for drawing characters.", DefaultValueFactory = _ => 1 };
        var command = new Command("sample", "Generate text from a next-character model with the runtime interpreter.") { model, prompt, length, temperature, seed };
        command.SetAction(result => Execute(result.GetValue(model)!, result.GetValue(prompt)!, result.GetValue(length), result.GetValue(temperature),
            result.GetValue(seed), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string modelPath, string prompt, int length, double temperature, int seed, TextWriter stdout, TextWriter stderr) =>
        CliErrors.Guard(stderr, () =>
        {
            if (length < 0 || temperature < 0)
                return CliErrors.Fail(stderr, $"--length and --temperature must be at least 0 (found {length} and {temperature})");
            DataFiles.RequireNotFolder(modelPath);
            TextSampler sampler;
            try
            {
                sampler = new TextSampler(DescriptorReader.ReadFile(modelPath), modelPath);
                stdout.WriteLine(sampler.Generate(prompt, length, temperature, seed));
            }
            catch (ArgumentException e)
            {
                return CliErrors.Fail(stderr, e.Message.Replace(" (Parameter 'prompt')", ""));
            }

            return 0;
        });
}
