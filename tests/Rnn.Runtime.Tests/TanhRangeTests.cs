using System;
using System.Runtime.Intrinsics;
using Rnn.Runtime.Operators;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>
/// tanh stays within [-1, 1] and σ within [0, 1] on every path (scalar, Vector128/256/512), within the
/// documented error against double precision: p/q alone returned 1.0000002 at x = 8.54038.
/// </summary>
public class TanhRangeTests
{
    /// <summary>TanhOperator's documented bound against Math.Tanh.</summary>
    private const double TanhMaxError = 3.2e-7;

    /// <summary>SigmoidOperator's documented bound.</summary>
    private const double SigmoidMaxError = 1.9e-7;

    /// <summary>Every path's tanh and σ of x, the vector ones with x in one lane among other values.</summary>
    private static (float Tanh, float Sigmoid)[] AllPaths(float x)
    {
        var v512 = Vector512.Create(x, 0.5f, -3f, 9f, x, 1f, 2f, -8.5f, 3f, 4f, 5f, 6f, 7f, 8f, -9f, x);
        return
        [
            (TanhOperator.Invoke(x), SigmoidOperator.Invoke(x)),
            (TanhOperator.Invoke(v512.GetLower().GetLower()).GetElement(0), SigmoidOperator.Invoke(v512.GetLower().GetLower()).GetElement(0)),
            (TanhOperator.Invoke(v512.GetLower()).GetElement(4), SigmoidOperator.Invoke(v512.GetLower()).GetElement(4)),
            (TanhOperator.Invoke(v512).GetElement(15), SigmoidOperator.Invoke(v512).GetElement(15)),
        ];
    }

    private static void Check(float x)
    {
        double tanh = Math.Tanh(x), sigmoid = 1 / (1 + Math.Exp(-(double)x));
        foreach (var (t, s) in AllPaths(x))
        {
            Assert.True(t >= -1f && t <= 1f, $"tanh({x:R}) = {t:R} is outside [-1, 1]");
            Assert.True(s >= 0f && s <= 1f, $"σ({x:R}) = {s:R} is outside [0, 1]");
            Assert.True(Math.Abs(t - tanh) <= TanhMaxError, $"tanh({x:R}) = {t:R}, expected {tanh:R}");
            Assert.True(Math.Abs(s - sigmoid) <= SigmoidMaxError, $"σ({x:R}) = {s:R}, expected {sigmoid:R}");
        }
    }

    [Fact]
    public void TheReportedOvershootIsGone()
    {
        Assert.All(AllPaths(8.54038f), r => Assert.True(r.Tanh <= 1f, $"{r.Tanh:R}"));
        Assert.All(AllPaths(-8.54038f), r => Assert.True(r.Tanh >= -1f, $"{r.Tanh:R}"));
        Check(8.54038f);
    }

    [Fact]
    public void ADenseSweepOverMinus20To20StaysInRange()
    {
        for (double x = -20; x <= 20; x += 1.0 / 8192 + 1e-9)
            Check((float)x);
    }

    [Fact]
    public void EveryFloatWhereTanhNearsOneStaysInRange()
    {
        // Every float in [8, 9.5] and its negation: where p/q approaches ±1 and the saturation begins.
        for (float x = 8f; x <= 9.5f; x = MathF.BitIncrement(x))
        {
            Check(x);
            Check(-x);
        }
    }

    [Fact]
    public void InfinitiesSaturateAndNaNPropagates()
    {
        Assert.All(AllPaths(float.PositiveInfinity), r => Assert.Equal((1f, 1f), r));
        Assert.All(AllPaths(float.NegativeInfinity), r => Assert.Equal((-1f, 0f), r));
        Assert.All(AllPaths(float.NaN), r => Assert.True(float.IsNaN(r.Tanh) && float.IsNaN(r.Sigmoid)));
    }
}
