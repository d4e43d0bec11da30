using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Interpreter;

/// <summary>How <see cref="InterpretedModel"/> prepares a descriptor to run.</summary>
/// <example>
/// <code>
/// var model = InterpretedModel.Load("kws.rnn.json", new ModelLoadOptions { Precision = WeightPrecision.Float16 });
/// </code>
/// </example>
public sealed record ModelLoadOptions
{
    /// <summary>
    /// The precision to store and read the weight matrices in; null (the default) takes the descriptor's
    /// <c>weight_precision</c> (float32 unless the file was written by <c>rnn quantize</c>). A float32 model
    /// is rounded at load exactly as <c>rnn quantize</c> rounds it, so both give the same outputs bit for bit.
    /// </summary>
    public WeightPrecision? Precision { get; init; }

    /// <summary>Force an instruction-set path (tests do); null takes the widest this machine accelerates.</summary>
    public SimdPath? SimdPath { get; init; }
}
