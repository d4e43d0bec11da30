using System;
using System.Linq;
using Rnn.Trainer.Numerics;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// The products against a plain triple loop in double, for shapes around every tile (4 × 4, 8 × 2, 4 × 2, 4 × 1
/// vectors of 16 or 8), the packed panels of A and B and their depth cuts (k 300 and 700), and the scalar tails.
/// </summary>
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int m in new[] { 1, 3, 4, 7, 8, 13, 17, 64 })
        {
            foreach (int k in new[] { 1, 5, 63, 64, 300, 700 })
            {
                foreach (int n in new[] { 1, 7, 8, 16, 17, 33, 64, 72, 97, 136 })
                    data.Add(m, k, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BothProductsMatchTheTripleLoop(int m, int k, int n)
    {
        var random = new Random(m * 10_000 + k * 100 + n);
        float[] Random(int length) => Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] a = Random(m * k), at = Random(k * m), b = Random(k * n), c = Random(m * n);
        var plain = (float[])c.Clone();
        var transposed = (float[])c.Clone();
        Gemm.MultiplyAdd<float>(a, b, plain, m, k, n);
        Gemm.TransposedMultiplyAdd<float>(at, b, transposed, m, k, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = c[i * n + j], expectedT = c[i * n + j];
                for (int p = 0; p < k; p++)
                {
                    expected += (double)a[i * k + p] * b[p * n + j];
                    expectedT += (double)at[p * m + i] * b[p * n + j];
                }

                double tolerance = 1e-5 * (k + 1); // float accumulation over k terms of magnitude ≤ 1
                Assert.True(Math.Abs(plain[i * n + j] - expected) <= tolerance, $"A·B [{i},{j}]: {plain[i * n + j]} vs {expected}");
                Assert.True(Math.Abs(transposed[i * n + j] - expectedT) <= tolerance, $"Aᵀ·B [{i},{j}]: {transposed[i * n + j]} vs {expectedT}");
            }
        }
    }
}
