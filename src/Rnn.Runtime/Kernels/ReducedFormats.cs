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
/// float16: the magnitude's 15 bits moved to float32's exponent and mantissa positions (input 2g:
/// <c>(word &lt;&lt; 13) &amp; 0x0FFFE000</c>; input 2g + 1: <c>(word &gt;&gt; 3) &amp; 0x0FFFE000</c>), times 2¹¹²
/// to rebias the exponent (exact, and it also turns binary16 subnormals into the right float32), then the
/// sign OR-ed in (bit 15 or 31 of the word moved to bit 31).
/// </summary>
internal readonly struct Float16Format : IReducedFormat
{
    private const uint Magnitude = 0x0FFFE000, Sign = 0x80000000;

    public static int Group => 2;

    public static bool Scaled => false;

    public static float Decode(uint word, int k) => WeightQuantizer.FromFloat16(k == 0 ? word : word >> 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Decode(Vector128<uint> words, int k)
    {
        var magnitude = ((k == 0 ? words << 13 : words >> 3) & Vector128.Create(Magnitude)).AsSingle() * Vector128.Create(WeightQuantizer.Float16Rebias);
        return magnitude | ((k == 0 ? words << 16 : words) & Vector128.Create(Sign)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Decode(Vector256<uint> words, int k)
    {
        var magnitude = ((k == 0 ? words << 13 : words >> 3) & Vector256.Create(Magnitude)).AsSingle() * Vector256.Create(WeightQuantizer.Float16Rebias);
        return magnitude | ((k == 0 ? words << 16 : words) & Vector256.Create(Sign)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Decode(Vector512<uint> words, int k)
    {
        var magnitude = ((k == 0 ? words << 13 : words >> 3) & Vector512.Create(Magnitude)).AsSingle() * Vector512.Create(WeightQuantizer.Float16Rebias);
        return magnitude | ((k == 0 ? words << 16 : words) & Vector512.Create(Sign)).AsSingle();
    }
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
