using System;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Operators;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>The vector tanh and sigmoid against double precision: a dense grid, the edges, and NaN.</summary>
public class VectorActivationTests
{
    /// <summary>The documented bound for both functions on both vector widths.</summary>
    private const double MaxAbsoluteError = 1e-6;

    private static readonly float[] Edges =
    {
        0f, -0f, 1e-30f, -1e-30f, 20f, -20f, 44f, -44f, 88.8f, -88.8f, 1e30f, -1e30f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon,
    };

    private static void CheckEverywhere(Func<Vector128<float>, Vector128<float>> v128, Func<Vector256<float>, Vector256<float>> v256, Func<double, double> exact)
    {
        double worst = 0;
        void Check(float x)
        {
            double expected = exact(x);
            double a = v128(Vector128.Create(x)).GetElement(0), b = v256(Vector256.Create(x)).GetElement(3);
            double error = Math.Max(Math.Abs(a - expected), Math.Abs(b - expected));
            Assert.True(error <= MaxAbsoluteError, $"x = {x:R}: expected {expected}, Vector128 {a}, Vector256 {b}");
            worst = Math.Max(worst, error);
        }

        for (double x = -100; x <= 100; x += 1.0 / 1024 + 1e-7)
            Check((float)x);
        foreach (float x in Edges)
            Check(x);
        Assert.True(worst > 0, "the grid must exercise rounding");
    }

    [Fact]
    public void TanhIsWithinTheBound() =>
        CheckEverywhere(TanhOperator.Invoke, TanhOperator.Invoke, Math.Tanh);

    [Fact]
    public void SigmoidIsWithinTheBound() =>
        CheckEverywhere(SigmoidOperator.Invoke, SigmoidOperator.Invoke, x => 1 / (1 + Math.Exp(-x)));

    [Fact]
    public void ReluMatchesScalar()
    {
        foreach (float x in Edges)
        {
            Assert.Equal(ReluOperator.Invoke(x), ReluOperator.Invoke(Vector128.Create(x)).GetElement(1));
            Assert.Equal(ReluOperator.Invoke(x), ReluOperator.Invoke(Vector256.Create(x)).GetElement(7));
        }
    }

    [Fact]
    public void NaNInGivesNaNOut()
    {
        var nan128 = Vector128.Create(float.NaN);
        var nan256 = Vector256.Create(float.NaN);
        Assert.True(float.IsNaN(TanhOperator.Invoke(nan128).GetElement(0)));
        Assert.True(float.IsNaN(TanhOperator.Invoke(nan256).GetElement(0)));
        Assert.True(float.IsNaN(SigmoidOperator.Invoke(nan128).GetElement(0)));
        Assert.True(float.IsNaN(SigmoidOperator.Invoke(nan256).GetElement(0)));
        Assert.True(float.IsNaN(ReluOperator.Invoke(nan128).GetElement(0)));
        Assert.True(float.IsNaN(ReluOperator.Invoke(nan256).GetElement(0)));
    }
}
