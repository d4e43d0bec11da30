using System;
using Rnn.Benchmarks;
using Rnn.Runtime.Interpreter;

namespace Rnn.StepTimer;

/// <summary>
/// B streams of one model stepped together: the generated <c>StepBatch</c> or the interpreter's
/// <see cref="StreamBatch"/>. Stream k reads the timing input k steps ahead of stream 0, so every stream sees
/// different values; one call is <c>steps-per-call</c> time steps of every stream. The timer divides by
/// <see cref="Streams"/>: the figure is ns per stream-step.
/// </summary>
internal sealed class BatchContender : Contender
{
    private readonly Func<IBatchRunner> _create;
    private readonly IBatchRunner _runner;
    private readonly TimingInput _input;
    private readonly float[] _values;
    private readonly float[] _outputs;
    private readonly string _path;

    private BatchContender(Func<IBatchRunner> create, string path, TimingInput input)
    {
        _create = create;
        _runner = create();
        _path = path;
        _input = input;
        int streams = _runner.Streams, size = input.InputSize, steps = input.Calls * input.StepsPerCall;
        _values = GC.AllocateArray<float>(steps * streams * size, pinned: true);
        for (int t = 0; t < steps; t++)
        {
            for (int k = 0; k < streams; k++)
                input.Values.AsSpan((t + k) % steps * size, size).CopyTo(_values.AsSpan((t * streams + k) * size, size));
        }

        _outputs = new float[input.StepsPerCall * streams];
    }

    public override string Path => _path;

    public override int Streams => _runner.Streams;

    /// <summary>The generated struct for <paramref name="model"/>, <paramref name="streams"/> instances stepped by its StepBatch.</summary>
    public static BatchContender Generated(string model, int streams, TimingInput input) =>
        new(() => ((IBatchSource)BenchModels.Generated(model)).Batch(streams, together: true), RunnerContender.ActivePath(model), input);

    /// <summary>The interpreter's <see cref="StreamBatch"/> of <paramref name="streams"/> streams.</summary>
    public static BatchContender Interpreter(string descriptorPath, int streams, TimingInput input)
    {
        var model = InterpretedModel.Load(descriptorPath);
        return new(() => new InterpreterBatchRunner(model.CreateBatch(streams)), model.Path.ToString(), input);
    }

    /// <summary>Stream 0's checksum, every stream fed the same input: equal to a lone stream's (the streams are bit-identical to it).</summary>
    public override double Checksum(float[] inputs, int steps)
    {
        var runner = _create();
        int streams = runner.Streams, size = inputs.Length / steps;
        var batchInputs = new float[steps * streams * size];
        for (int t = 0; t < steps; t++)
        {
            for (int k = 0; k < streams; k++)
                inputs.AsSpan(t * size, size).CopyTo(batchInputs.AsSpan((t * streams + k) * size, size));
        }

        var outputs = new float[steps * streams];
        runner.Run(batchInputs, outputs);
        double sum = 0;
        for (int t = 0; t < steps; t++)
            sum += outputs[t * streams];
        return sum;
    }

    public override float RunCall(int call)
    {
        int length = _input.StepsPerCall * _runner.Streams * _input.InputSize;
        _runner.Run(_values.AsSpan(call * length, length), _outputs);
        return _outputs[^1];
    }
}
