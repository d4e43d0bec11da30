using System;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>Every vector path of the packed mat-vec against a double-precision product, over many shapes.</summary>
public class MatVecTests
{
    /// <summary>float32 sums of up to 40 products of values in [-1, 1]: well inside this.</summary>
    private const double Tolerance = 1e-5;

    public static TheoryData<SimdPath> Paths()
    {
        var data = new TheoryData<SimdPath>();
        foreach (var path in Enum.GetValues<SimdPath>())
        {
            if (SimdCapabilities.IsSupported(path))
                data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryShapeMatchesADoublePrecisionProduct(SimdPath path)
    {
        var random = new Random(42);
        for (int rows = 1; rows <= 41; rows++)
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

                int padded = PackedMatrix.Pad(rows);
                var matrix = PackedMatrix.Pack(padded, columns, (r, j) => r < rows ? w[r, j] : 0f);
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
                        Assert.True(Math.Abs(y[r] - expected) <= Tolerance, $"{path} {rows}x{columns} reverse={reverse} row {r}: expected {expected}, found {y[r]}");
                    }
                }
            }
        }
    }
}
