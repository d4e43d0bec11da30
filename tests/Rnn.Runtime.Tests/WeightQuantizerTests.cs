using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Precision;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// The one quantizer against references outside it: System.Half's conversion for float16, torch's
/// <c>.to(torch.bfloat16)</c> (a committed fixture) for bfloat16, float64 arithmetic for int8; plus the word
/// layout and int8's idempotence on its own output.
/// </summary>
public class WeightQuantizerTests
{
    private const string What = "layers[0].weight_hh";

    [Fact]
    public void Float16MatchesSystemHalfOnMillionsOfRandomFloats()
    {
        var random = new Random(16);
        int compared = 0;
        for (int k = 0; k < 4_000_000; k++)
        {
            // Random bits cover every exponent equally; the low exponents give subnormal and zero halves.
            float w = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            if (!float.IsFinite(w) || !DescriptorRounding.InFloat16Range(w))
                continue;
            AssertFloat16(w);
            compared++;
        }

        Assert.True(compared > 1_000_000, $"only {compared} in range");
    }

    [Fact]
    public void Float16MatchesSystemHalfAroundEveryHalfAndEveryTie()
    {
        // For each finite binary16 h and its successor: h, the tie between them and the float32s one ulp either side.
        for (uint h = 0; h < 0x7BFF; h++)
        {
            float low = (float)BitConverter.UInt16BitsToHalf((ushort)h), high = (float)BitConverter.UInt16BitsToHalf((ushort)(h + 1));
            float tie = (float)(((double)low + high) / 2);
            foreach (float w in new[] { low, tie, BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(tie) - 1), BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(tie) + 1) })
            {
                AssertFloat16(w);
                AssertFloat16(-w);
            }
        }
    }

    [Fact]
    public void Float16DecodesEveryFiniteHalfExactly()
    {
        for (uint h = 0; h <= 0xFFFF; h++)
        {
            var half = BitConverter.UInt16BitsToHalf((ushort)h);
            if (!Half.IsFinite(half))
                continue;
            Assert.Equal(BitConverter.SingleToUInt32Bits((float)half), BitConverter.SingleToUInt32Bits(WeightQuantizer.FromFloat16(h)));
        }
    }

    [Theory]
    [InlineData(65504f, 0x7BFF)]
    [InlineData(65519.99f, 0x7BFF)]
    [InlineData(-65519.99f, 0xFBFF)]
    [InlineData(5.9604645e-8f, 0x0001)]     // 2⁻²⁴, the smallest subnormal
    [InlineData(2.9802322e-8f, 0x0000)]     // 2⁻²⁵, the tie between 0 and 2⁻²⁴: to even, 0
    [InlineData(2.9802326e-8f, 0x0001)]     // just above that tie
    [InlineData(6.097555e-5f, 0x03FF)]      // the largest subnormal
    [InlineData(6.1035156e-5f, 0x0400)]     // 2⁻¹⁴, the smallest normal
    [InlineData(-0f, 0x8000)]
    public void Float16EdgeValues(float w, int expected) => Assert.Equal(expected, WeightQuantizer.ToFloat16(w, What));

    [Theory]
    [InlineData(65520f)]
    [InlineData(-65520f)]
    [InlineData(1e30f)]
    public void Float16RefusesWeightsBeyondItsRangeNamingTheMatrix(float w)
    {
        var error = Assert.Throws<ArgumentException>(() => WeightQuantizer.ToFloat16(w, What));
        Assert.StartsWith("layers[0].weight_hh: the weight ", error.Message);
        Assert.Contains("is outside float16's range (±65504); use bfloat16 or int8 for this model.", error.Message);
    }

    [Fact]
    public void BFloat16MatchesTorchOnTheCommittedTrickyValues()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "precision", "bfloat16.json")));
        var floats = json.RootElement.GetProperty("float32_bits").EnumerateArray().Select(e => e.GetUInt32()).ToArray();
        var expected = json.RootElement.GetProperty("bfloat16_bits").EnumerateArray().Select(e => e.GetUInt16()).ToArray();
        Assert.True(floats.Length > 9000);
        for (int k = 0; k < floats.Length; k++)
        {
            ushort bits = WeightQuantizer.ToBFloat16(BitConverter.UInt32BitsToSingle(floats[k]));
            Assert.True(expected[k] == bits, $"0x{floats[k]:X8}: torch 0x{expected[k]:X4}, ours 0x{bits:X4}");
            Assert.Equal((uint)bits << 16, BitConverter.SingleToUInt32Bits(WeightQuantizer.FromBFloat16(bits)));
        }
    }

    [Theory]
    [InlineData(float.MaxValue, 0x7F7F)]
    [InlineData(-float.MaxValue, 0xFF7F)]
    [InlineData(3.3961776e38f, 0x7F7F)]   // 0x7F7F8000, the tie with ∞: kept at the largest bfloat16 (torch gives ∞)
    public void BFloat16KeepsTheLargestFloatsFinite(float w, int expected) => Assert.Equal(expected, WeightQuantizer.ToBFloat16(w));

    [Fact]
    public void Int8ScalesAndRoundingMatchFloat64()
    {
        var random = new Random(8);
        for (int row = 0; row < 20_000; row++)
        {
            var weights = RandomRow(random);
            double max = weights.Max(w => Math.Abs((double)w));
            float scale = WeightQuantizer.Int8Scale((float)max);
            // s is max / 127 cut to 17 significant bits: never above, at most 2⁻¹⁶ relatively below.
            Assert.True(scale <= max / 127 * (1 + 1e-7) && scale >= max / 127 * (1 - Math.Pow(2, -16)), $"row {row}: s = {scale}, max / 127 = {max / 127}");
            foreach (float w in weights)
            {
                sbyte q = WeightQuantizer.ToInt8(w, scale);
                // A row of zeros has s = 0 and every q = 0.
                double expected = scale == 0 ? 0 : Math.Clamp(Math.Round((double)w / scale, MidpointRounding.ToEven), -127, 127);
                Assert.Equal(expected, q);
                if (scale != 0)
                    Assert.True(Math.Abs(w - q * (double)scale) <= scale / 2 * (1 + 1e-12), $"row {row}: {w} → {q} · {scale}");
            }
        }
    }

    [Fact]
    public void Int8OfAHalfwayQuotientRoundsToEven()
    {
        float scale = WeightQuantizer.Int8Scale(127f);  // exactly 1
        Assert.Equal(1f, scale);
        Assert.Equal(2, WeightQuantizer.ToInt8(2.5f, scale));
        Assert.Equal(4, WeightQuantizer.ToInt8(3.5f, scale));
        Assert.Equal(-2, WeightQuantizer.ToInt8(-2.5f, scale));
        Assert.Equal(0, WeightQuantizer.ToInt8(5f, 0f));
    }

    [Fact]
    public void Int8IsIdempotentOnItsOwnOutput()
    {
        var random = new Random(88);
        for (int trial = 0; trial < 2_000; trial++)
        {
            int rows = random.Next(1, 20), columns = random.Next(1, 40), panel = random.Next(2) == 0 ? 8 : 16;
            var values = Enumerable.Range(0, rows).Select(_ => RandomRow(random, columns)).ToArray();
            var matrix = PackedMatrix.Pack(PackedMatrix.Pad(rows, panel), columns, (r, j) => r < rows ? values[r][j] : 0f, panel);
            var once = WeightQuantizer.Quantize(matrix, WeightPrecision.Int8, What);
            var dequantized = PackedMatrix.Pack(matrix.Rows, columns, (r, j) =>
                WeightQuantizer.Dequantize(matrix.Data[r / panel * panel * columns + j * panel + r % panel], WeightPrecision.Int8, once.RowScales[r], What), panel);
            var twice = WeightQuantizer.Quantize(dequantized, WeightPrecision.Int8, What);
            Assert.Equal(once.Words, twice.Words);
            Assert.Equal(once.RowScales.Select(BitConverter.SingleToUInt32Bits), twice.RowScales.Select(BitConverter.SingleToUInt32Bits));
        }
    }

    [Theory]
    [InlineData(WeightPrecision.Float16)]
    [InlineData(WeightPrecision.BFloat16)]
    [InlineData(WeightPrecision.Int8)]
    public void WordsHoldEachGroupOfInputsRowByRowWithZeroPadding(WeightPrecision precision)
    {
        // 11 rows × 7 columns in 8-row panels: 2 panels, the second with 5 padding rows, and a last group
        // with padding columns.
        const int rows = 11, columns = 7;
        var random = new Random(3);
        var values = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var matrix = PackedMatrix.Pack(16, columns, (r, j) => r < rows ? values[r * columns + j] : 0f);
        var quantized = WeightQuantizer.Quantize(matrix, precision, What);
        int group = WeightQuantizer.GroupSize(precision), groups = (columns + group - 1) / group, bitsPerInput = 32 / group;
        Assert.Equal(2 * groups * 8, quantized.Words.Length);
        for (int r = 0; r < 16; r++)
        {
            for (int j = 0; j < groups * group; j++)
            {
                uint word = quantized.Words[r / 8 * groups * 8 + j / group * 8 + r % 8];
                uint bits = (word >> (j % group * bitsPerInput)) & (uint)((1L << bitsPerInput) - 1);
                float w = r < rows && j < columns ? values[r * columns + j] : 0f;
                uint expected = precision switch
                {
                    WeightPrecision.Float16 => WeightQuantizer.ToFloat16(w, What),
                    WeightPrecision.BFloat16 => WeightQuantizer.ToBFloat16(w),
                    _ => (byte)WeightQuantizer.ToInt8(w, quantized.RowScales[r]),
                };
                Assert.Equal(expected, bits);
            }
        }
    }

    // A row of random length and magnitude (1e-30 … 1e30), some exact zeros and repeated maxima.
    private static float[] RandomRow(Random random, int length = 0)
    {
        if (length == 0)
            length = random.Next(1, 70);
        double magnitude = Math.Pow(10, random.Next(-30, 31));
        var row = new float[length];
        for (int j = 0; j < length; j++)
            row[j] = random.Next(10) == 0 ? 0f : (float)((random.NextDouble() * 2 - 1) * magnitude);
        if (length > 2 && random.Next(4) == 0)
            row[length - 1] = -row[0];
        return row;
    }

    private static void AssertFloat16(float w)
    {
        ushort expected = BitConverter.HalfToUInt16Bits((Half)w);
        ushort actual = WeightQuantizer.ToFloat16(w, What);
        Assert.True(expected == actual, $"{w:R} (0x{BitConverter.SingleToUInt32Bits(w):X8}): System.Half 0x{expected:X4}, ours 0x{actual:X4}");
    }
}
