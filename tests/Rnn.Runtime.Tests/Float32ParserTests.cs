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
    // The midpoint between float.MaxValue and 2^128, and half the smallest subnormal (2^-150), written out exactly.
    private const string MaxMidpoint = "340282356779733661637539395458142568448";
    private const string HalfSmallestSubnormal = "7.00649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625e-46";

    [Fact]
    public void ExponentsKeepCountingPastAMillionZeros()
    {
        // Both are exactly 1.0; the exponent used to stop accumulating at 100,000 (0.0 and "out of range").
        Assert.Equal(1.0f, Parse("0." + new string('0', 1_000_000) + "1e1000001"));
        Assert.Equal(1.0f, Parse("1" + new string('0', 1_000_000) + "e-1000000"));
        Assert.Equal(1.0f, Parse("1." + new string('0', 1_000_000) + "e0"));
        Assert.Equal(0.0f, Parse("1e-99999999999999999999999999"));
        Assert.False(Float32Parser.TryParse("1e99999999999999999999999999", 0, 28, out _));
    }

    [Fact]
    public void TenMillionSignificantDigitsAreCorrectlyRoundedInBoundedWork()
    {
        // Every digit went into a BigInteger (27 s); now 800 are kept and the rest are a sticky bit.
        string text = "0." + new string('3', 10_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertBitExact(float.Parse(text, CultureInfo.InvariantCulture), Parse(text), "0.333…");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Theory]
    // A midpoint is a tie (round half to even) only when every later digit is zero, however far they go.
    [InlineData("1.000000059604644775390625", 1.0f)]
    [InlineData("1.000000059604644775390625" + "0000000000", 1.0f)]
    [InlineData(MaxMidpoint + ".0", float.NaN)] // ties to even: 2^128, beyond float32
    [InlineData("340282356779733661637539395458142568447.9999", float.MaxValue)]
    [InlineData(HalfSmallestSubnormal, 0f)] // ties to even: zero
    [InlineData("7.006492321624085354618647916449580656401309709382578858785341419448955413429303007433190941810607910156250001e-46", float.Epsilon)]
    [InlineData("7.006492321624085354618647916449580656401309709382578858785341419448955413429303007433190941810607910156249999e-46", 0f)]
    [InlineData("1.4e-45", float.Epsilon)]
    [InlineData("1.1754942e-38", 1.1754942e-38f)] // the largest subnormal
    [InlineData("3.4028235e38", float.MaxValue)]
    public void MidpointsRoundHalfToEven(string text, float expected)
    {
        if (float.IsNaN(expected))
            Assert.False(Float32Parser.TryParse(text, 0, text.Length, out _), text);
        else
            AssertBitExact(expected, Parse(text), text);
    }

    [Theory]
    [InlineData("1.000000059604644775390625", 1.0f, 1.00000012f)]
    [InlineData(HalfSmallestSubnormal, 0f, float.Epsilon)]
    [InlineData("340282356779733661637539395458142568447", float.MaxValue, float.MaxValue)]
    public void ANonZeroDigitFarBeyondTheKeptDigitsStillBreaksATie(string midpoint, float tie, float above)
    {
        // 1,000 zeros put the 1 beyond the 800 digits kept: it survives only as the sticky bit.
        string far = midpoint.Contains('e') ? midpoint.Replace("e", new string('0', 1000) + "1e")
            : midpoint + (midpoint.Contains('.') ? "" : ".") + new string('0', 1000) + "1";
        AssertBitExact(tie, Parse(midpoint), midpoint);
        AssertBitExact(above, Parse(far), "midpoint + 10^-1000");
        AssertBitExact(float.Parse(far, CultureInfo.InvariantCulture), Parse(far), "float.Parse agrees");
    }

    [Fact]
    public void JustAboveTheLargestFloatIsRefused()
    {
        string far = MaxMidpoint + "." + new string('0', 1000) + "1";
        Assert.False(Float32Parser.TryParse(far, 0, far.Length, out _));
        Assert.False(Float32Parser.TryParse(MaxMidpoint, 0, MaxMidpoint.Length, out _));
    }
}
