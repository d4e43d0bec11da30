namespace Rnn.Runtime;

/// <summary>
/// How a model's weight matrices are stored and read. Activations, state, biases, peepholes, initial states
/// and input normalisation always stay float32; only the matrices of recurrent and dense layers shrink, and
/// every weight is widened to float32 in registers before its multiply-add, so the arithmetic is float32
/// throughout. <see cref="Float16"/> and <see cref="BFloat16"/> halve the bytes a step reads; <see cref="Int8"/>
/// quarters them.
/// </summary>
public enum WeightPrecision
{
    /// <summary>IEEE binary32, as trained: the exact model.</summary>
    Float32 = 0,

    /// <summary>
    /// IEEE binary16 (10-bit mantissa, range ±65504), rounded to nearest even: relative error at most 2⁻¹¹
    /// per weight. A weight beyond ±65504 is refused.
    /// </summary>
    Float16 = 1,

    /// <summary>
    /// bfloat16 (float32's 8-bit exponent, 7-bit mantissa), rounded to nearest even: relative error at most
    /// 2⁻⁸ per weight, float32's range.
    /// </summary>
    BFloat16 = 2,

    /// <summary>
    /// Signed 8-bit integers q ∈ [−127, 127] with one float32 scale s per output row (symmetric, no zero
    /// point): w ≈ q · s with s = max_j |w_j| / 127 (cut to 17 significant bits, so q · s is exact and
    /// quantizing again is idempotent), so each weight is off by at most s / 2.
    /// </summary>
    Int8 = 3,
}
