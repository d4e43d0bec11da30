using System;

namespace Rnn.Runtime;

/// <summary>
/// One stream of a recurrent model: what generated models and the interpreter's <see cref="Interpreter.ModelState"/> implement. Use it as a generic constraint
/// (<c>where TModel : struct, IRnnModel</c>) to call a generated model without boxing it.
/// </summary>
public interface IRnnModel
{
    /// <summary>Values per time step in.</summary>
    int InputSize { get; }

    /// <summary>Values per time step out.</summary>
    int OutputSize { get; }

    /// <summary>Advances one time step on the widest SIMD path this machine accelerates.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The model has a reverse or bidirectional layer (format v2), so it runs whole sequences only.</exception>
    void Step(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs T steps: T × InputSize values in, T × OutputSize out. A model that steps continues from the
    /// current state; a model with a reverse or bidirectional layer treats the input as one whole
    /// sequence from the initial state.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not whole steps or disagree on T.</exception>
    void Run(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Returns the recurrent state to the start of a sequence: zeros, or the model's learned initial state (format v2).</summary>
    void Reset();
}
