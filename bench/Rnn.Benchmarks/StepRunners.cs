using System;
using Rnn.Runtime;
using Rnn.Runtime.Interpreter;

namespace Rnn.Benchmarks;

/// <summary>Runs a sequence through one implementation. One virtual call per sequence, amortised over its steps.</summary>
public interface IStepRunner
{
    void Run(ReadOnlySpan<float> inputs, Span<float> outputs);
}

/// <summary>
/// Generated code, called through its struct type so the calls inline: one <c>Step</c> per sample, as
/// RTNeural's <c>forward</c> is called (the figure the side-by-side table compares), or with
/// <paramref name="sequence"/> one <c>Run</c> per call (sequence mode, where the model has it).
/// </summary>
public sealed class GeneratedRunner<TModel>(bool sequence) : IStepRunner, IBatchSource
    where TModel : struct, IRnnModel
{
    private TModel _model = default;

    /// <summary><paramref name="streams"/> instances of the same model, stepped together or one by one (see <see cref="GeneratedBatchRunner{TModel}"/>).</summary>
    public IBatchRunner Batch(int streams, bool together) => new GeneratedBatchRunner<TModel>(streams, together);

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        if (sequence)
        {
            _model.Run(inputs, outputs);
            return;
        }

        int inputSize = _model.InputSize, outputSize = _model.OutputSize;
        for (int step = 0; step < outputs.Length / outputSize; step++)
            _model.Step(inputs.Slice(step * inputSize, inputSize), outputs.Slice(step * outputSize, outputSize));
    }
}

/// <summary>The runtime interpreter.</summary>
public sealed class InterpreterRunner(ModelState state) : IStepRunner
{
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => state.Run(inputs, outputs);
}
