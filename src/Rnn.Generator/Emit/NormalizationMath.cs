namespace Rnn.Generator.Emit;

/// <summary>
/// x' = (x − mean) · (1 / std), the input normalisation every emitter that reads model inputs writes, saturated
/// to ±float.MaxValue: an input near float.MaxValue with std &lt; 1 overflows to ±∞, and ∞ times a padding row's
/// zero weight is NaN, which a vector product then reads into real outputs. Saturated, x' stays finite as in
/// the float64 reference (where it is merely large); finite values are unchanged and NaN stays NaN.
/// </summary>
internal static class NormalizationMath
{
    /// <summary>The C# expression for one normalised input, from expressions for x, its mean and 1 / std.</summary>
    public static string Normalized(string x, string mean, string inverseStd) =>
        $"global::System.Math.Clamp(({x} - {mean}) * {inverseStd}, -float.MaxValue, float.MaxValue)";
}
