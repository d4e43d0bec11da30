using System;
using Rnn.Runtime;
using Rnn.Runtime.Interpreter;

namespace Rnn.Benchmarks;

/// <summary>Runs a sequence through one implementation. One virtual call per sequence, amortised over its steps.</summary>
public interface IStepRunner
{
    void Run(ReadOnlySpan<float> inputs, Span<float> outputs);
}

/// <summary>Generated code, called through its struct type so the calls inline.</summary>
public sealed class GeneratedRunner<TModel> : IStepRunner
    where TModel : struct, IRnnModel
{
    private TModel _model = default;

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
}

/// <summary>The runtime interpreter.</summary>
public sealed class InterpreterRunner(ModelState state) : IStepRunner
{
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => state.Run(inputs, outputs);
}
