using System;
using Rnn.Runtime.Operators;
using Xunit;

namespace Rnn.Runtime.Tests;

public class ActivationTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-3.25)]
    [InlineData(20.0)]
    [InlineData(-20.0)]
    [InlineData(1e30)]
    [InlineData(-1e30)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ScalarActivationsMatchDoublePrecisionAndSaturate(double x)
    {
        Assert.Equal(1 / (1 + Math.Exp(-x)), SigmoidOperator.Invoke((float)x), Tolerance);
        Assert.Equal(Math.Tanh(x), TanhOperator.Invoke((float)x), Tolerance);
        Assert.Equal(MathF.Max((float)x, 0f), ReluOperator.Invoke((float)x));
    }

    [Fact]
    public void NaNInGivesNaNOut()
    {
        Assert.True(float.IsNaN(SigmoidOperator.Invoke(float.NaN)));
        Assert.True(float.IsNaN(TanhOperator.Invoke(float.NaN)));
        Assert.True(float.IsNaN(ReluOperator.Invoke(float.NaN)));
    }

    [Fact]
    public void SoftmaxIsStableForLargeInputs()
    {
        var values = new[] { 1000f, 1001f, -1e30f };
        SoftmaxOperator.Apply(values);
        double e = Math.Exp(-1);
        Assert.Equal(e / (1 + e), values[0], Tolerance);
        Assert.Equal(1 / (1 + e), values[1], Tolerance);
        Assert.Equal(0, values[2]);
    }
}
