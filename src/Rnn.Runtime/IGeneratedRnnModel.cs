using System;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime;

/// <summary>What every generated model implements beyond <see cref="IRnnModel"/>: stepping on a chosen SIMD path.</summary>
public interface IGeneratedRnnModel : IRnnModel
{
    /// <summary>Advances one time step on <paramref name="path"/> (tests use it to run every path on one machine).</summary>
    /// <exception cref="ArgumentException">A span has the wrong length, or <paramref name="path"/> is not accelerated here.</exception>
    void Step(ReadOnlySpan<float> input, Span<float> output, SimdPath path);

    /// <summary>Runs a whole sequence on <paramref name="path"/>: in sequence mode where the model has it, step by step otherwise.</summary>
    /// <exception cref="ArgumentException">The lengths are not whole steps or disagree on T, or <paramref name="path"/> is not accelerated here.</exception>
    void Run(ReadOnlySpan<float> inputs, Span<float> outputs, SimdPath path);
}
