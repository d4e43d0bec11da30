using System;
using System.Globalization;
using System.IO;

namespace Rnn.StepTimer;

/// <summary>
/// The command line: <c>--model lstm_1x32 --contender generated|generated-run|interpreter|generated-batch|interpreter-batch|onnx
/// [--streams 8] [--onnx FILE] --warmup-seconds 2 --seconds 2 --steps-per-call 64 [--models-dir bench/Rnn.Benchmarks/Models]</c>.
/// <c>--streams</c> is B for the batch contenders (B streams stepped together); <c>--precision float16|bfloat16|int8</c>
/// takes the generated contenders' reduced-precision model (<c>PrecisionBenchModels</c>).
/// </summary>
internal sealed record TimerOptions(string Model, string Contender, string? OnnxPath, double WarmUpSeconds, double Seconds, int StepsPerCall, string ModelsDirectory, int Streams = 1, string? Precision = null)
{
    public const string Usage =
        "usage: Rnn.StepTimer --model lstm_1x32 --contender generated|generated-run|interpreter|generated-batch|interpreter-batch|onnx " +
        "[--streams 8] [--precision float16|bfloat16|int8] [--onnx FILE] [--warmup-seconds 2] [--seconds 2] [--steps-per-call 64] [--models-dir bench/Rnn.Benchmarks/Models]";

    /// <summary>Parses <paramref name="args"/>; null with a message on stderr when they are wrong.</summary>
    public static TimerOptions? Parse(string[] args)
    {
        string? model = null, contender = null, onnx = null, precision = null;
        string modelsDirectory = Path.Combine("bench", "Rnn.Benchmarks", "Models");
        double warmUp = 2, seconds = 2;
        int stepsPerCall = 64, streams = 1;
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
                case "--precision" when value is "float16" or "bfloat16" or "int8": precision = value; break;
                case "--models-dir": modelsDirectory = value; break;
                case "--warmup-seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out warmUp) && warmUp >= 0: break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds > 0: break;
                case "--steps-per-call" when int.TryParse(value, CultureInfo.InvariantCulture, out stepsPerCall) && stepsPerCall > 0: break;
                case "--streams" when int.TryParse(value, CultureInfo.InvariantCulture, out streams) && streams > 0: break;
                default: return Fail($"unknown option or bad value: {args[a - 1]} {value}");
            }
        }

        if (model is null || contender is not ("generated" or "generated-run" or "interpreter" or "generated-batch" or "interpreter-batch" or "onnx"))
            return Fail("--model and --contender generated|generated-run|interpreter|generated-batch|interpreter-batch|onnx are required");
        if (streams != 1 && !contender.EndsWith("-batch", StringComparison.Ordinal))
            return Fail($"--streams {streams} applies to the batch contenders only, not {contender}");
        if (precision is not null && contender is not ("generated" or "generated-run"))
            return Fail($"--precision {precision} applies to the generated and generated-run contenders only, not {contender}");
        return new TimerOptions(model, contender, onnx, warmUp, seconds, stepsPerCall, modelsDirectory, streams, precision);
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
