using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Precision;

namespace Rnn.Runtime.Kernels;

/// <summary>
/// How one reduced-precision format's 32-bit words become float32 weights (see <see cref="WeightQuantizer"/>
/// for the layout): input g·G + k of a word, for every vector width and for one word (the scalar reference).
/// Each vector decode mirrors the scalar one lane for lane, in one to three integer operations and no
/// shuffles. .NET 10 has no F16C, AVX512-FP16 or AVX512-BF16 intrinsics, so this integer route is the
/// conversion on every instruction set, NEON included.
/// </summary>
internal interface IReducedFormat
{
    /// <summary>G, inputs per word: 2 or 4.</summary>
    static abstract int Group { get; }

    /// <summary>Whether y = b + s · Σ q x (int8: sums start at zero, one scale per row) rather than y = b + Σ w x.</summary>
    static abstract bool Scaled { get; }

    static abstract float Decode(uint word, int k);

    static abstract Vector128<float> Decode(Vector128<uint> words, int k);

    static abstract Vector256<float> Decode(Vector256<uint> words, int k);

    static abstract Vector512<float> Decode(Vector512<uint> words, int k);
}

/// <summary>bfloat16: input 2g is <c>word &lt;&lt; 16</c>, input 2g + 1 is <c>word &amp; 0xFFFF0000</c>, both exact.</summary>
internal readonly struct BFloat16Format : IReducedFormat
{
    private const uint High = 0xFFFF0000;

    public static int Group => 2;

    public static bool Scaled => false;

    public static float Decode(uint word, int k) => WeightQuantizer.FromBFloat16(k == 0 ? word : word >> 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Decode(Vector128<uint> words, int k) => (k == 0 ? words << 16 : words & Vector128.Create(High)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Decode(Vector256<uint> words, int k) => (k == 0 ? words << 16 : words & Vector256.Create(High)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Decode(Vector512<uint> words, int k) => (k == 0 ? words << 16 : words & Vector512.Create(High)).AsSingle();
}

/// <summary>
/// float16: the half's sign moved to bit 31 (input 2g: <c>word &lt;&lt; 16</c>; input 2g + 1: already there),
/// an arithmetic shift right by 3 that moves its 15 magnitude bits to float32's exponent and mantissa
/// positions (bits 27..13) while keeping the sign, a mask <c>0x8FFFE000</c> that drops the sign's copies
/// and the other half, and a multiply by 2¹¹² that rebiases the exponent — exact, sign-symmetric, and
/// also turning binary16 subnormals into the right float32. Three or four operations per vector, the same
/// bits as <see cref="WeightQuantizer.FromFloat16"/> (which ORs the sign in after the multiply).
/// </summary>
internal readonly struct Float16Format : IReducedFormat
{
    private const uint SignAndMagnitude = 0x8FFFE000;

    public static int Group => 2;

    public static bool Scaled => false;

    public static float Decode(uint word, int k) => WeightQuantizer.FromFloat16(k == 0 ? word : word >> 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Decode(Vector128<uint> words, int k) =>
        (((k == 0 ? words << 16 : words).AsInt32() >> 3).AsUInt32() & Vector128.Create(SignAndMagnitude)).AsSingle() * Vector128.Create(WeightQuantizer.Float16Rebias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Decode(Vector256<uint> words, int k) =>
        (((k == 0 ? words << 16 : words).AsInt32() >> 3).AsUInt32() & Vector256.Create(SignAndMagnitude)).AsSingle() * Vector256.Create(WeightQuantizer.Float16Rebias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Decode(Vector512<uint> words, int k) =>
        (((k == 0 ? words << 16 : words).AsInt32() >> 3).AsUInt32() & Vector512.Create(SignAndMagnitude)).AsSingle() * Vector512.Create(WeightQuantizer.Float16Rebias);
}

/// <summary>int8: input 4g + k is byte k of the word, sign-extended by <c>(word &lt;&lt; (24 − 8k)) &gt;&gt; 24</c> (arithmetic) and converted.</summary>
internal readonly struct Int8Format : IReducedFormat
{
    public static int Group => 4;

    public static bool Scaled => true;

    public static float Decode(uint word, int k) => (int)(word << (24 - 8 * k)) >> 24;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Decode(Vector128<uint> words, int k) => Vector128.ConvertToSingle((words.AsInt32() << (24 - 8 * k)) >> 24);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Decode(Vector256<uint> words, int k) => Vector256.ConvertToSingle((words.AsInt32() << (24 - 8 * k)) >> 24);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Decode(Vector512<uint> words, int k) => Vector512.ConvertToSingle((words.AsInt32() << (24 - 8 * k)) >> 24);
}
