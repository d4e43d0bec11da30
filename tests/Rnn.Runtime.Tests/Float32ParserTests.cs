using System;
using System.Globalization;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>The reader's own decimal-to-float32 conversion against .NET's IEEE-correct float.Parse.</summary>
public class Float32ParserTests
{
    private static float Parse(string text)
    {
        Assert.True(Float32Parser.TryParse(text, 0, text.Length, out float value), text);
        return value;
    }

    private static void AssertBitExact(float expected, float actual, string text) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{text}: expected {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), found {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8})");

    [Fact]
    public void ShortestRoundTripTextReadsBackBitExactly()
    {
        var random = new Random(12345);
        for (int n = 0; n < 200_000; n++)
        {
            float value;
            do
                value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            while (!float.IsFinite(value));
            string text = DescriptorWriter.FormatFloat(value);
            AssertBitExact(value, Parse(text), text);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0e5")]
    [InlineData("1")]
    [InlineData("0.1")]
    [InlineData("3.4028235e38")]
    [InlineData("-3.4028235e38")]
    [InlineData("3.4028235677973362e38")] // just below the overflow threshold: rounds to MaxValue
    [InlineData("1.17549435e-38")] // smallest normal
    [InlineData("1.1754942e-38")] // largest subnormal
    [InlineData("1e-45")] // smallest subnormal
    [InlineData("7.006492321624085e-46")] // just below half the smallest subnormal: rounds to zero
    [InlineData("7.006492321624087e-46")] // just above: rounds to the smallest subnormal
    [InlineData("1e-60")]
    [InlineData("16777217")] // 2^24 + 1: a tie, rounds to even
    [InlineData("16777219")] // 2^24 + 3: a tie, rounds up to even
    [InlineData("16777217.000000000000000000001")] // just above the tie: rounds up
    [InlineData("0.000000000000000000000000000000000000000000000000001234")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1.00000005960464477539062500000000000000000000001")] // just above the midpoint after 1
    [InlineData("1.000000059604644775390625")] // exactly the midpoint: rounds to even (1)
    [InlineData("2.5e-7")]
    [InlineData("9.999999e20")]
    public void HardCasesMatchFloatParse(string text)
    {
        AssertBitExact(float.Parse(text, CultureInfo.InvariantCulture), Parse(text), text);
    }

    [Fact]
    public void RandomDecimalsMatchFloatParse()
    {
        var random = new Random(777);
        for (int n = 0; n < 100_000; n++)
        {
            int digits = random.Next(1, 30);
            var mantissa = new char[digits];
            for (int k = 0; k < digits; k++)
                mantissa[k] = (char)('0' + random.Next(10));
            string text = $"{(random.Next(2) == 0 ? "-" : "")}{mantissa[0]}.{new string(mantissa, 1, digits - 1)}0e{random.Next(-50, 39)}";
            float expected = float.Parse(text, CultureInfo.InvariantCulture);
            if (!float.IsFinite(expected))
                continue;
            AssertBitExact(expected, Parse(text), text);
        }
    }

    [Theory]
    [InlineData("3.4028236e38")]
    [InlineData("1e39")]
    [InlineData("-1e100000")]
    public void ValuesBeyondFloat32AreRejected(string text)
    {
        Assert.False(Float32Parser.TryParse(text, 0, text.Length, out _));
    }
}
