using System;
using System.Runtime.InteropServices;
using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Precision;

/// <summary>
/// The one place where float32 weights become reduced-precision words, shared by the interpreter (at load)
/// and the generator (at generation time, this file is compiled into it), so both round every weight the
/// same way. Also the scalar decoders the kernels' vector code mirrors lane for lane.
/// </summary>
/// <remarks>
/// Layout (<see cref="QuantizedMatrix"/>): the <see cref="PackedMatrix"/> panels are kept, but the inputs of a
/// panel are taken in groups of <see cref="GroupSize"/> consecutive columns, and the group's weights for one
/// row share one 32-bit word: element k (column g·G + k) in bits [k·32/G, (k+1)·32/G). So one vector load of
/// words brings a panel's rows for G inputs, and each input's weights come out of the words with one or two
/// integer operations (see the decoders), never a shuffle: for bfloat16, <c>word &lt;&lt; 16</c> is input 2g
/// as float32 and <c>word &amp; 0xFFFF0000</c> is input 2g + 1. Columns past the last input are zero.
/// </remarks>
internal static class WeightQuantizer
{
    /// <summary>2¹¹², the rebias from binary16's exponent (bias 15) to binary32's (bias 127).</summary>
    public const float Float16Rebias = 5.192296858534828e33f;

    /// <summary>float32 bits of binary16's largest finite value's rounding boundary, 65520: from it up, binary16 rounds to ∞.</summary>
    private const uint Float16OverflowBits = 0x477FF000;

    /// <summary>float32 bits of 2⁻¹⁴, binary16's smallest normal number.</summary>
    private const uint Float16MinNormalBits = 0x38800000;

    /// <summary>float32 bits from which bfloat16 rounds to ∞ (the largest finite float32s round up).</summary>
    private const uint BFloat16OverflowBits = 0x7F7F8000;

    /// <summary>Inputs per 32-bit word: 2 for the 16-bit formats, 4 for int8, 1 for float32.</summary>
    public static int GroupSize(WeightPrecision precision) => precision switch
    {
        WeightPrecision.Float32 => 1,
        WeightPrecision.Float16 or WeightPrecision.BFloat16 => 2,
        WeightPrecision.Int8 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a weight precision."),
    };

    /// <summary>The display name used in messages, metadata and the C header: float32, float16, bfloat16, int8.</summary>
    public static string Name(WeightPrecision precision) => precision switch
    {
        WeightPrecision.Float32 => "float32",
        WeightPrecision.Float16 => "float16",
        WeightPrecision.BFloat16 => "bfloat16",
        WeightPrecision.Int8 => "int8",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a weight precision."),
    };

    /// <summary>
    /// Rounds every weight of <paramref name="matrix"/> to <paramref name="precision"/> and packs the words.
    /// </summary>
    /// <param name="matrix">The float32 panels (padding rows are zero and stay zero).</param>
    /// <param name="precision">Float16, BFloat16 or Int8.</param>
    /// <param name="what">Names the matrix in errors, e.g. "layer 0 (lstm) weight_hh".</param>
    /// <exception cref="ArgumentException">A weight is outside the format's range (float16 only).</exception>
    public static QuantizedMatrix Quantize(PackedMatrix matrix, WeightPrecision precision, string what)
    {
        if (matrix is null)
            throw new ArgumentNullException(nameof(matrix));
        int group = GroupSize(precision);
        if (group == 1)
            throw new ArgumentException("Float32 matrices are not quantized.", nameof(precision));
        int W = matrix.PanelWidth, columns = matrix.Columns, groups = (columns + group - 1) / group;
        int panels = matrix.Rows / W;
        var words = new uint[(long)panels * groups * W];
        var scales = precision == WeightPrecision.Int8 ? new float[matrix.Rows] : Array.Empty<float>();
        var data = matrix.Data;
        for (int panel = 0; panel < panels; panel++)
        {
            int source = panel * W * columns, target = panel * groups * W;
            for (int r = 0; r < W; r++)
            {
                float scale = 0;
                if (precision == WeightPrecision.Int8)
                {
                    scales[panel * W + r] = scale = RowScale(data, source + r, W, columns);
                }

                for (int j = 0; j < columns; j++)
                {
                    float w = data[source + j * W + r];
                    uint bits = precision switch
                    {
                        WeightPrecision.Float16 => ToFloat16(w, what),
                        WeightPrecision.BFloat16 => ToBFloat16(w),
                        _ => (byte)ToInt8(w, scale),
                    };
                    int bitsPerInput = 32 / group;
                    words[target + j / group * W + r] |= bits << (j % group * bitsPerInput);
                }
            }
        }

        return new QuantizedMatrix(precision, matrix.Rows, columns, W, words, scales);
    }

    /// <summary>s = max_j |w_j| / 127 over one row (0 for a row of zeros: its weights all become 0).</summary>
    private static float RowScale(float[] data, int first, int stride, int columns)
    {
        float max = 0;
        for (int j = 0; j < columns; j++)
            max = Math.Max(max, Math.Abs(data[first + j * stride]));
        return Int8Scale(max);
    }

    /// <summary>
    /// The int8 scale of a row whose largest |w| is <paramref name="maxAbs"/>: s = max / 127 with its lowest
    /// 7 significand bits cleared (rounded toward zero to 17 significant bits, a relative change below 2⁻¹⁷).
    /// </summary>
    /// <remarks>
    /// Why the 17 bits: q (at most 7 bits) times s (17 bits) is then exact in float32, so a dequantized row
    /// q·s quantizes again to the same q and s — the row's largest |q·s| is exactly 127·s, 127·s / 127 is
    /// exactly s, and (q·s) / s is exactly q. That makes the quantizer idempotent on its own output, so a
    /// descriptor written with int8 weights (<c>rnn quantize</c>) loads to the very words and scales that
    /// quantizing the float32 model gives. Rounding toward zero keeps max / s ≥ 127, so the largest weight
    /// is q = ±127 and never overflows.
    /// </remarks>
    public static float Int8Scale(float maxAbs) => SingleFromBits(SingleBits(maxAbs / 127f) & ~0x7Fu);

    /// <summary>q = round-half-even(w / s), clamped to [−127, 127]; 0 when s is 0.</summary>
    /// <remarks>w / s is computed in double, where the quotient of two float32s is close enough to decide the
    /// rounding exactly (a float32 quotient can round onto a .5 that the true quotient is not).</remarks>
    public static sbyte ToInt8(float w, float scale)
    {
        if (scale == 0)
            return 0;
        double q = Math.Round((double)w / scale, MidpointRounding.ToEven);
        return (sbyte)Math.Max(-127, Math.Min(127, q));
    }

    /// <summary>binary16 bits of <paramref name="w"/>, rounded to nearest even.</summary>
    /// <exception cref="ArgumentException">|w| rounds beyond 65504.</exception>
    public static ushort ToFloat16(float w, string what)
    {
        uint f = SingleBits(w), sign = (f >> 16) & 0x8000, magnitude = f & 0x7FFFFFFF;
        if (magnitude >= Float16OverflowBits)
            throw new ArgumentException($"{what}: the weight {w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is outside float16's range (±65504); use bfloat16 or int8 for this model.");
        if (magnitude < Float16MinNormalBits)
        {
            // Subnormal (or zero): the value in units of 2⁻²⁴, binary16's smallest step; exact in double.
            double units = Math.Round(Math.Abs((double)w) * 16777216.0, MidpointRounding.ToEven);
            return (ushort)(sign | (uint)units);
        }

        // Rebias the exponent by 127 − 15 = 112, then drop 13 mantissa bits rounding to nearest even;
        // a carry out of the mantissa correctly bumps the exponent.
        uint rebiased = magnitude - (112u << 23);
        return (ushort)(sign | ((rebiased + 0x0FFF + ((rebiased >> 13) & 1)) >> 13));
    }

    /// <summary>bfloat16 bits of <paramref name="w"/>: float32's upper half, rounded to nearest even.</summary>
    public static ushort ToBFloat16(float w)
    {
        uint f = SingleBits(w);
        if ((f & 0x7FFFFFFF) >= BFloat16OverflowBits)
        {
            // Only the float32s within half a bfloat16 step of float.MaxValue get here: keep them finite,
            // at bfloat16's largest value.
            return (ushort)(((f >> 16) & 0x8000) | 0x7F7F);
        }

        return (ushort)((f + 0x7FFF + ((f >> 16) & 1)) >> 16);
    }

    /// <summary>
    /// binary16 bits (in the low 16 bits) to float32, as the vector kernels do it: the magnitude's bits moved
    /// to float32's positions and scaled by 2¹¹² (which also turns binary16 subnormals into the right normal
    /// float32), then the sign. Exact for every finite binary16.
    /// </summary>
    public static float FromFloat16(uint bits)
    {
        float magnitude = SingleFromBits((bits & 0x7FFF) << 13) * Float16Rebias;
        return SingleFromBits(SingleBits(magnitude) | ((bits & 0x8000) << 16));
    }

    /// <summary>bfloat16 bits (in the low 16 bits) to float32: exact, a shift.</summary>
    public static float FromBFloat16(uint bits) => SingleFromBits((bits & 0xFFFF) << 16);

    /// <summary>The float32 value a reduced weight stands for: what the float32 model would need to compute the same products.</summary>
    public static float Dequantize(float w, WeightPrecision precision, float rowScale, string what) => precision switch
    {
        WeightPrecision.Float32 => w,
        WeightPrecision.Float16 => FromFloat16(ToFloat16(w, what)),
        WeightPrecision.BFloat16 => FromBFloat16(ToBFloat16(w)),
        WeightPrecision.Int8 => ToInt8(w, rowScale) * rowScale,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a weight precision."),
    };

    internal static uint SingleBits(float value) => new FloatBits { Single = value }.Bits;

    internal static float SingleFromBits(uint bits) => new FloatBits { Bits = bits }.Single;

    // BitConverter.SingleToUInt32Bits is missing from netstandard2.0, which the generator compiles this for.
    [StructLayout(LayoutKind.Explicit)]
    private struct FloatBits
    {
        [FieldOffset(0)]
        public float Single;

        [FieldOffset(0)]
        public uint Bits;
    }
}
