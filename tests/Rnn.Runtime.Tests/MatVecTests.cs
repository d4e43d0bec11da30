using System;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>Every vector path of the packed mat-vec against a double-precision product, over many shapes.</summary>
public class MatVecTests
{
    /// <summary>float32 sums of up to 40 products of values in [-1, 1]: well inside this.</summary>
    private const double Tolerance = 1e-5;

    /// <summary>Every accelerated path with 8-row panels; the Vector512 path also with the 16-row panels it packs.</summary>
    public static TheoryData<SimdPath, int> Paths()
    {
        var data = new TheoryData<SimdPath, int>();
        foreach (var path in Enum.GetValues<SimdPath>())
        {
            if (SimdCapabilities.IsSupported(path))
                data.Add(path, 8);
        }

        if (SimdCapabilities.IsSupported(SimdPath.Vector512))
            data.Add(SimdPath.Vector512, 16);
        return data;
    }

    [Fact]
    public void SixteenRowPanelsRunOnlyOnTheVector512Path()
    {
        var matrix = PackedMatrix.Pack(16, 2, (r, j) => 1f, panelWidth: 16);
        var e = Assert.Throws<ArgumentException>(() => MatVec.Multiply(matrix, new float[16], new float[2], new float[16], SimdPath.Vector256));
        Assert.StartsWith("A matrix of 16-row panels runs on the Vector512 path only.", e.Message);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryShapeMatchesADoublePrecisionProduct(SimdPath path, int panelWidth)
    {
        var random = new Random(42);
        for (int rows = 1; rows <= 73; rows++)
        {
            foreach (int columns in new[] { 1, 2, 3, 7, 8, 9, 17, 40 })
            {
                var w = new float[rows, columns];
                var x = new float[columns];
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < columns; j++)
                        w[r, j] = (float)(random.NextDouble() * 2 - 1);
                for (int j = 0; j < columns; j++)
                    x[j] = (float)(random.NextDouble() * 2 - 1);

                int padded = PackedMatrix.Pad(rows, panelWidth);
                var matrix = PackedMatrix.Pack(padded, columns, (r, j) => r < rows ? w[r, j] : 0f, panelWidth);
                var bias = new float[padded];
                for (int r = 0; r < rows; r++)
                    bias[r] = r * 0.01f;
                foreach (bool reverse in new[] { false, true })
                {
                    var y = new float[padded];
                    y.AsSpan().Fill(float.NaN);
                    MatVec.Multiply(matrix, bias, x, y, path, reverse);

                    for (int r = 0; r < padded; r++)
                    {
                        double expected = bias[r];
                        for (int j = 0; j < columns && r < rows; j++)
                            expected += (double)w[r, j] * x[j];
                        Assert.True(Math.Abs(y[r] - expected) <= Tolerance, $"{path} ({panelWidth}-row panels) {rows}x{columns} reverse={reverse} row {r}: expected {expected}, found {y[r]}");
                    }
                }
            }
        }
    }
}
