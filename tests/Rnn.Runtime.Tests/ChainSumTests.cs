using System;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// The interpreter's products split a row over even and odd inputs (two chains) from 16 columns on. With every
/// input at float.MaxValue, one chain can overflow to +∞ and the other to −∞: their plain sum was NaN.
/// </summary>
public class ChainSumTests
{
    public static TheoryData<SimdPath, int> Paths() => MatVecTests.Paths();

    /// <summary>
    /// The vector paths, which split chains. The scalar path multiplies before it adds, so 2 × MaxValue is +∞
    /// before any sum and the next product's −∞ makes NaN there: the float32 overflow docs/limits.md leaves uncovered.
    /// </summary>
    public static TheoryData<SimdPath, int> VectorPaths()
    {
        var data = new TheoryData<SimdPath, int>();
        foreach (var row in MatVecTests.Paths())
        {
            if ((SimdPath)row[0] != SimdPath.Scalar)
                data.Add((SimdPath)row[0], (int)row[1]);
        }

        return data;
    }

    /// <summary>16 inputs: even ones weighted <paramref name="even"/>, odd ones <paramref name="odd"/>, every row alike.</summary>
    private static float[] Product(SimdPath path, int panelWidth, float even, float odd)
    {
        const int columns = 16;
        int rows = 2 * panelWidth;
        var matrix = PackedMatrix.Pack(rows, columns, (_, j) => j % 2 == 0 ? even : odd, panelWidth);
        var x = new float[columns];
        x.AsSpan().Fill(float.MaxValue);
        var y = new float[rows];
        MatVec.Multiply(matrix, new float[rows], x, y, path);
        return y;
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void ChainsOverflowingInOppositeDirectionsNeverGiveNaN(SimdPath path, int panelWidth)
    {
        // Even chain: 8 × 2 × MaxValue = +∞; odd chain: 8 × (−1.5) × MaxValue = −∞.
        foreach (float value in Product(path, panelWidth, 2f, -1.5f))
            Assert.False(float.IsNaN(value), $"{path}: NaN");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ChainsOverflowingTogetherSaturateAsTheReference(SimdPath path, int panelWidth)
    {
        // The float64 sum, 16 × 1.5 × MaxValue, is beyond float32: +∞, and so is every path's.
        Assert.All(Product(path, panelWidth, 1.5f, 1.5f), value => Assert.Equal(float.PositiveInfinity, value));
        Assert.All(Product(path, panelWidth, -1.5f, -1.5f), value => Assert.Equal(float.NegativeInfinity, value));
    }

    [Fact]
    public void SaturateIsTheIdentityOnFiniteValuesAndKeepsNaN()
    {
        var v = Vector128.Create(float.MaxValue, -1e-45f, float.PositiveInfinity, float.NaN);
        var s = ChainSum.Saturate(v);
        Assert.Equal((float.MaxValue, -1e-45f, float.MaxValue), (s.GetElement(0), s.GetElement(1), s.GetElement(2)));
        Assert.True(float.IsNaN(s.GetElement(3)));
        Assert.Equal(-float.MaxValue, ChainSum.Saturate(Vector256.Create(float.NegativeInfinity)).GetElement(7));
        Assert.Equal(float.MaxValue, ChainSum.Saturate(Vector512.Create(float.PositiveInfinity)).GetElement(15));
    }
}
