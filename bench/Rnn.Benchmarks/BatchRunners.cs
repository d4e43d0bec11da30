using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Rnn.Runtime;
using Rnn.Runtime.Interpreter;

namespace Rnn.Benchmarks;

/// <summary>
/// Runs T steps of B streams through one implementation: inputs step-major then stream-major (step t, stream
/// k at <c>(t · B + k) · InputSize</c>), outputs laid out the same way.
/// </summary>
public interface IBatchRunner
{
    /// <summary>Streams stepped together (B).</summary>
    int Streams { get; }

    void Run(ReadOnlySpan<float> inputs, Span<float> outputs);
}

/// <summary>A generated model's runner that can also make B-stream runners of the same model.</summary>
public interface IBatchSource
{
    IBatchRunner Batch(int streams, bool together);
}

/// <summary>The generated model's static <c>StepBatch(Span&lt;TModel&gt;, inputs, outputs)</c>.</summary>
public delegate void StepBatchFunction<TModel>(Span<TModel> streams, ReadOnlySpan<float> inputs, Span<float> outputs);

/// <summary>
/// B instances of a generated model: with <paramref name="together"/> one <c>StepBatch</c> per time step (each
/// weight read once for all streams), without it one <c>Step</c> per stream per time step (the baseline a
/// caller without batching writes).
/// </summary>
public sealed class GeneratedBatchRunner<TModel>(int streams, bool together) : IBatchRunner
    where TModel : struct, IRnnModel
{
    // StepBatch is static on the generated struct, so no interface reaches it; one delegate, built once.
    private static readonly StepBatchFunction<TModel> StepBatch = FindStepBatch();

    private readonly TModel[] _streams = new TModel[streams];

    public int Streams => streams;

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = _streams[0].InputSize, outputSize = _streams[0].OutputSize;
        int steps = outputs.Length / (streams * outputSize);
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> x = inputs.Slice(t * streams * inputSize, streams * inputSize);
            Span<float> y = outputs.Slice(t * streams * outputSize, streams * outputSize);
            if (together)
            {
                StepBatch(_streams, x, y);
                continue;
            }

            for (int k = 0; k < streams; k++)
                _streams[k].Step(x.Slice(k * inputSize, inputSize), y.Slice(k * outputSize, outputSize));
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "The timer roots its whole assembly (TrimmerRootAssembly), the generated structs included.")]
    private static StepBatchFunction<TModel> FindStepBatch() =>
        typeof(TModel).GetMethod("StepBatch", BindingFlags.Public | BindingFlags.Static, [typeof(Span<TModel>), typeof(ReadOnlySpan<float>), typeof(Span<float>)])?
            .CreateDelegate<StepBatchFunction<TModel>>()
        ?? throw new InvalidOperationException($"{typeof(TModel).Name} has no StepBatch.");
}

/// <summary>The interpreter's <see cref="StreamBatch"/>.</summary>
public sealed class InterpreterBatchRunner(StreamBatch batch) : IBatchRunner
{
    public int Streams => batch.StreamCount;

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputs1 = batch.StreamCount * batch.InputSize, outputs1 = batch.StreamCount * batch.OutputSize;
        for (int t = 0; t < outputs.Length / outputs1; t++)
            batch.Step(inputs.Slice(t * inputs1, inputs1), outputs.Slice(t * outputs1, outputs1));
    }
}
