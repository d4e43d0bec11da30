using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Rnn.Benchmarks;
using Rnn.Runtime.Interpreter;

namespace Rnn.StepTimer;

/// <summary>Generated code or the interpreter, through the benchmark suite's runners; state carries over from call to call.</summary>
internal sealed class RunnerContender(Func<IStepRunner> create, string path, TimingInput input) : Contender
{
    private readonly IStepRunner _runner = create();
    private readonly float[] _outputs = new float[input.StepsPerCall];

    public override string Path => path;

    /// <summary>The generated struct for <paramref name="model"/>, stepped or run in sequence mode; its path is the struct's static <c>ActivePath</c>.</summary>
    public static RunnerContender Generated(string model, TimingInput input, bool sequence) =>
        new(() => BenchModels.Generated(model, sequence), ActivePath(model), input);

    /// <summary>The same at a weight precision (float16, bfloat16, int8; null for float32), from <c>PrecisionBenchModels</c>.</summary>
    public static RunnerContender Generated(string model, string? precision, TimingInput input, bool sequence) => precision is null
        ? Generated(model, input, sequence)
        : new(() => PrecisionBenchModels.Generated(model, precision, sequence), ActivePath(model) + " " + precision, input);

    /// <summary>The interpreter on the descriptor at <paramref name="descriptorPath"/>; its path is <see cref="InterpretedModel.Path"/>.</summary>
    public static RunnerContender Interpreter(string descriptorPath, TimingInput input)
    {
        var model = InterpretedModel.Load(descriptorPath);
        return new RunnerContender(() => new InterpreterRunner(model.CreateState()), model.Path.ToString(), input);
    }

    public override double Checksum(float[] inputs, int steps)
    {
        var outputs = new float[steps];
        create().Run(inputs, outputs);
        double sum = 0;
        foreach (float y in outputs)
            sum += y;
        return sum;
    }

    public override float RunCall(int call)
    {
        _runner.Run(input.Call(call), _outputs);
        return _outputs[^1];
    }

    /// <summary>The SIMD path the generated struct for <paramref name="model"/> takes here (its static <c>ActivePath</c>).</summary>
    public static string ActivePath(string model) => ActivePath(BenchModels.Generated(model).GetType().GetGenericArguments()[0]);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "TrimmerRootAssembly keeps every member of this assembly, the generated structs included.")]
    private static string ActivePath(Type model) =>
        model.GetProperty("ActivePath", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)?.ToString()
        ?? throw new InvalidOperationException($"{model.Name} has no static ActivePath.");
}
