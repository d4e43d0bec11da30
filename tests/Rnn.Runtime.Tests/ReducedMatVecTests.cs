using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Precision;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// The reduced-precision product: every vector path equals the scalar reference bit for bit (same words, same
/// chains, FMA everywhere), and the scalar reference is within float32 rounding of a float64 product over
/// the dequantized weights.
/// </summary>
public class ReducedMatVecTests
{
    public static TheoryData<WeightPrecision, SimdPath> PrecisionsOnEveryPath()
    {
        var data = new TheoryData<WeightPrecision, SimdPath>();
        foreach (var precision in new[] { WeightPrecision.Float16, WeightPrecision.BFloat16, WeightPrecision.Int8 })
        {
            foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
                data.Add(precision, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PrecisionsOnEveryPath))]
    public void EveryShapeMatchesTheScalarReferenceBitForBit(WeightPrecision precision, SimdPath path)
    {
        var random = new Random(42);
        // Columns 1 .. 37 cover a partial last group of every size; rows up to 9 panels cover blocks of 4 and leftovers.
        foreach (int panel in path == SimdPath.Vector512 ? new[] { 8, 16 } : new[] { 8 })
        {
            for (int columns = 1; columns <= 37; columns++)
            {
                foreach (int rows in new[] { 1, 8, 9, 24, 33, 70 })
                {
                    var (matrix, bias, x) = RandomProblem(random, rows, columns, panel, precision);
                    var expected = new float[matrix.Rows];
                    var actual = new float[matrix.Rows];
                    MatVec.MultiplyReducedScalar(matrix.Quantized!, bias, x, expected);
                    MatVec.Multiply(matrix, bias, x, actual, path, reverse: columns % 2 == 0);
                    for (int r = 0; r < matrix.Rows; r++)
                        Assert.True(BitConverter.SingleToUInt32Bits(expected[r]) == BitConverter.SingleToUInt32Bits(actual[r]),
                            $"{precision} {path} panel {panel}, {rows}×{columns}, row {r}: reference {expected[r]:R}, kernel {actual[r]:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(PrecisionsOnEveryPath))]
    public void PanelRangesGiveTheRowsOfTheWholeProduct(WeightPrecision precision, SimdPath path)
    {
        var random = new Random(7);
        int panel = path == SimdPath.Vector512 ? 16 : 8;
        var (matrix, bias, x) = RandomProblem(random, 100, 29, panel, precision);
        var whole = new float[matrix.Rows];
        var pieces = new float[matrix.Rows];
        MatVec.Multiply(matrix, bias, x, whole, path);
        int panels = matrix.Rows / panel;
        for (int first = 0; first < panels; first += 3)
            MatVec.MultiplyPanels(matrix, bias, x, pieces, path, first, Math.Min(3, panels - first));
        Assert.Equal(whole, pieces);
    }

    [Theory]
    [InlineData(WeightPrecision.Float16)]
    [InlineData(WeightPrecision.BFloat16)]
    [InlineData(WeightPrecision.Int8)]
    public void TheScalarReferenceIsTheProductOfTheDequantizedWeights(WeightPrecision precision)
    {
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int rows = random.Next(1, 40), columns = random.Next(1, 50);
            var (matrix, bias, x) = RandomProblem(random, rows, columns, 8, precision);
            var q = matrix.Quantized!;
            var y = new float[matrix.Rows];
            MatVec.MultiplyReducedScalar(q, bias, x, y);
            int group = q.GroupSize, bits = 32 / group;
            for (int r = 0; r < matrix.Rows; r++)
            {
                // Float64: b + Σ w_j x_j with w_j decoded from the words independently of the kernels' decoders.
                double sum = 0, magnitude = Math.Abs(bias[r]);
                for (int j = 0; j < columns; j++)
                {
                    uint word = q.Words[(r / 8 * q.Groups + j / group) * 8 + r % 8];
                    uint field = (word >> (j % group * bits)) & (uint)((1L << bits) - 1);
                    double w = precision switch
                    {
                        WeightPrecision.Float16 => (double)BitConverter.UInt16BitsToHalf((ushort)field),
                        WeightPrecision.BFloat16 => BitConverter.UInt32BitsToSingle(field << 16),
                        _ => (sbyte)(byte)field * (double)q.RowScales[r],
                    };
                    sum += w * x[j];
                    magnitude += Math.Abs(w * x[j]);
                }

                double expected = bias[r] + sum;
                Assert.True(Math.Abs(y[r] - expected) <= 1e-6 * magnitude + 1e-30, $"{precision} row {r}: {y[r]:R} vs {expected:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(PrecisionsOnEveryPath))]
    public void SaturatingAndNonFiniteInputsPropagateAsInFloat32(WeightPrecision precision, SimdPath path)
    {
        var random = new Random(9);
        int panel = path == SimdPath.Vector512 ? 16 : 8;
        var (matrix, bias, x) = RandomProblem(random, 16, 12, panel, precision);
        foreach (float special in new[] { 1e30f, -1e30f, float.PositiveInfinity, float.NaN })
        {
            var input = (float[])x.Clone();
            input[5] = special;
            var expected = new float[matrix.Rows];
            var actual = new float[matrix.Rows];
            MatVec.MultiplyReducedScalar(matrix.Quantized!, bias, input, expected);
            MatVec.Multiply(matrix, bias, input, actual, path);
            Assert.Equal(expected, actual);
            if (float.IsNaN(special))
                Assert.True(float.IsNaN(actual[0]));
        }
    }

    [Fact]
    public void VectorDecodersEqualTheScalarOnesForEveryHalfAndEveryByte()
    {
        // Every 16-bit pattern in both halves of a word (the other half its complement), every byte in all four places.
        var words = Enumerable.Range(0, 1 << 16).Select(h => (uint)h | ((uint)(0xFFFF - h) << 16))
            .Concat(Enumerable.Range(0, 256).Select(b => (uint)b * 0x01010101u ^ 0x00FF00FFu)).ToArray();
        AssertDecoders<BFloat16Format>(words, w => true);
        AssertDecoders<Float16Format>(words, w => (w & 0x7C00) != 0x7C00 && (w & 0x7C000000) != 0x7C000000);  // finite halves only
        AssertDecoders<Int8Format>(words, w => true);
    }

    private static void AssertDecoders<TFormat>(uint[] words, Func<uint, bool> include)
        where TFormat : struct, IReducedFormat
    {
        foreach (uint word in words.Where(include))
        {
            for (int k = 0; k < TFormat.Group; k++)
            {
                uint expected = BitConverter.SingleToUInt32Bits(TFormat.Decode(word, k));
                Assert.Equal(expected, TFormat.Decode(Vector128.Create(word), k).AsUInt32()[1]);
                Assert.Equal(expected, TFormat.Decode(Vector256.Create(word), k).AsUInt32()[5]);
                Assert.Equal(expected, TFormat.Decode(Vector512.Create(word), k).AsUInt32()[13]);
            }
        }
    }

    private static (WeightMatrix Matrix, float[] Bias, float[] X) RandomProblem(Random random, int rows, int columns, int panel, WeightPrecision precision)
    {
        var values = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 2 - 1) * (random.Next(8) == 0 ? 1e-5f : 1f)).ToArray();
        var packed = PackedMatrix.Pack(PackedMatrix.Pad(rows, panel), columns, (r, j) => r < rows ? values[r * columns + j] : 0f, panel);
        var bias = Enumerable.Range(0, packed.Rows).Select(r => r < rows ? (float)(random.NextDouble() - 0.5) : 0f).ToArray();
        var x = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        return (new WeightMatrix(packed, precision), bias, x);
    }
}
