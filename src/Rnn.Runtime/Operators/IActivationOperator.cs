using System.Runtime.Intrinsics;

namespace Rnn.Runtime.Operators;

/// <summary>
/// An element-wise activation, as a struct so generic loops over it inline. One definition per function
/// serves the interpreter and the generated code alike.
/// </summary>
public interface IActivationOperator
{
    /// <summary>The activation of one value.</summary>
    static abstract float Invoke(float x);

    /// <summary>The activation of four values (SSE on x64, NEON on ARM64).</summary>
    static abstract Vector128<float> Invoke(Vector128<float> x);

    /// <summary>The activation of eight values (AVX2).</summary>
    static abstract Vector256<float> Invoke(Vector256<float> x);

    /// <summary>The activation of sixteen values (AVX-512).</summary>
    static abstract Vector512<float> Invoke(Vector512<float> x);
}
