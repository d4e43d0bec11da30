using System;
using System.Globalization;
using System.IO;

namespace Rnn.StepTimer;

/// <summary>
/// The command line: <c>--model lstm_1x32 --contender generated|generated-run|interpreter|onnx [--onnx FILE] --warmup-seconds 2
/// --seconds 2 --steps-per-call 64 [--models-dir bench/Rnn.Benchmarks/Models]</c>.
/// </summary>
internal sealed record TimerOptions(string Model, string Contender, string? OnnxPath, double WarmUpSeconds, double Seconds, int StepsPerCall, string ModelsDirectory)
{
    public const string Usage =
        "usage: Rnn.StepTimer --model lstm_1x32 --contender generated|generated-run|interpreter|onnx [--onnx FILE] " +
        "[--warmup-seconds 2] [--seconds 2] [--steps-per-call 64] [--models-dir bench/Rnn.Benchmarks/Models]";

    /// <summary>Parses <paramref name="args"/>; null with a message on stderr when they are wrong.</summary>
    public static TimerOptions? Parse(string[] args)
    {
        string? model = null, contender = null, onnx = null;
        string modelsDirectory = Path.Combine("bench", "Rnn.Benchmarks", "Models");
        double warmUp = 2, seconds = 2;
        int stepsPerCall = 64;
        for (int a = 0; a < args.Length; a++)
        {
            if (a + 1 == args.Length)
                return Fail($"{args[a]} needs a value");
            string value = args[++a];
            switch (args[a - 1])
            {
                case "--model": model = value; break;
                case "--contender": contender = value; break;
                case "--onnx": onnx = value; break;
                case "--models-dir": modelsDirectory = value; break;
                case "--warmup-seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out warmUp) && warmUp >= 0: break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds > 0: break;
                case "--steps-per-call" when int.TryParse(value, CultureInfo.InvariantCulture, out stepsPerCall) && stepsPerCall > 0: break;
                default: return Fail($"unknown option or bad value: {args[a - 1]} {value}");
            }
        }

        if (model is null || contender is not ("generated" or "generated-run" or "interpreter" or "onnx"))
            return Fail("--model and --contender generated|generated-run|interpreter|onnx are required");
        return new TimerOptions(model, contender, onnx, warmUp, seconds, stepsPerCall, modelsDirectory);
    }

    /// <summary>
    /// The model's descriptor: in the models folder, or in its large/ where builds write the models too
    /// large to commit (bench/Directory.Build.targets). bench/rtneural/harness.cpp looks in the same places.
    /// </summary>
    public string DescriptorPath
    {
        get
        {
            string path = Path.Combine(ModelsDirectory, Model + ".rnn.json");
            return File.Exists(path) ? path : Path.Combine(ModelsDirectory, "large", Model + ".rnn.json");
        }
    }

    private static TimerOptions? Fail(string message)
    {
        Console.Error.WriteLine($"Rnn.StepTimer: {message}\n{Usage}");
        return null;
    }
}
