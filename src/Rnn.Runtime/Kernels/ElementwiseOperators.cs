using System.Runtime.Intrinsics;
using HardSigmoid = Rnn.Runtime.Operators.HardSigmoidOperator;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// d = op(a, b, d) for <see cref="ElementwiseKernels.Map"/>: an instance (not static) interface so an
/// operator can carry parameters (a clip limit, α and β) and still inline into the generic loop.
/// </summary>
internal interface IElementwiseOperator
{
    float Invoke(float a, float b, float d);

    Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d);

    Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d);

    Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d);
}

/// <summary>d = a + b.</summary>
internal readonly struct AddOperator : IElementwiseOperator
{
    public float Invoke(float a, float b, float d) => a + b;

    public Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d) => a + b;

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d) => a + b;

    public Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d) => a + b;
}

/// <summary>d = a ⊙ b.</summary>
internal readonly struct MultiplyOperator : IElementwiseOperator
{
    public float Invoke(float a, float b, float d) => a * b;

    public Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d) => a * b;

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d) => a * b;

    public Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d) => a * b;
}

/// <summary>d = d + a ⊙ b (fused where the hardware fuses).</summary>
internal readonly struct MultiplyAddOperator : IElementwiseOperator
{
    public float Invoke(float a, float b, float d) => a * b + d;

    public Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d) => Vector128.MultiplyAddEstimate(a, b, d);

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d) => Vector256.MultiplyAddEstimate(a, b, d);

    public Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d) => Vector512.MultiplyAddEstimate(a, b, d);
}

/// <summary>d = b + a ⊙ (d - b), the GRU update with a = z, b = n, d = h.</summary>
internal readonly struct InterpolateOperator : IElementwiseOperator
{
    public float Invoke(float a, float b, float d) => b + a * (d - b);

    public Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d) => Vector128.MultiplyAddEstimate(a, d - b, b);

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d) => Vector256.MultiplyAddEstimate(a, d - b, b);

    public Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d) => Vector512.MultiplyAddEstimate(a, d - b, b);
}

/// <summary>d = min(max(d, -limit), limit): ONNX's clip of a gate pre-activation.</summary>
internal readonly struct ClampOperator(float limit) : IElementwiseOperator
{
    public float Invoke(float a, float b, float d) => System.MathF.Min(System.MathF.Max(d, -limit), limit);

    public Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d) =>
        Vector128.Min(Vector128.Max(d, Vector128.Create(-limit)), Vector128.Create(limit));

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d) =>
        Vector256.Min(Vector256.Max(d, Vector256.Create(-limit)), Vector256.Create(limit));

    public Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d) =>
        Vector512.Min(Vector512.Max(d, Vector512.Create(-limit)), Vector512.Create(limit));
}

/// <summary>d = hard_sigmoid(d) with the layer's α and β (see <see cref="HardSigmoid"/>).</summary>
internal readonly struct HardSigmoidGateOperator(float alpha, float beta) : IElementwiseOperator
{
    public float Invoke(float a, float b, float d) => HardSigmoid.Invoke(d, alpha, beta);

    public Vector128<float> Invoke(Vector128<float> a, Vector128<float> b, Vector128<float> d) =>
        HardSigmoid.Invoke(d, Vector128.Create(alpha), Vector128.Create(beta));

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> d) =>
        HardSigmoid.Invoke(d, Vector256.Create(alpha), Vector256.Create(beta));

    public Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> d) =>
        HardSigmoid.Invoke(d, Vector512.Create(alpha), Vector512.Create(beta));
}
