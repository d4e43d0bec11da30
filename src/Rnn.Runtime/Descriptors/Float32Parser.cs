using System;
using System.Numerics;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Turns JSON number text into the nearest float32 (round half to even), the same on every runtime the
/// reader is compiled for, so a weight written as its shortest round-trip decimal reads back bit-exactly
/// in the generator (netstandard2.0, possibly .NET Framework) and in the runtime alike.
/// </summary>
internal static class Float32Parser
{
    private static readonly double[] s_exactPowersOfTen =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>
    /// Parses text that already matches the JSON number grammar. Returns false when the value's magnitude
    /// is beyond float32 (it would become infinity); values below the smallest subnormal round to zero.
    /// </summary>
    public static bool TryParse(string text, int start, int length, out float value)
    {
        int i = start, end = start + length;
        bool negative = text[i] == '-';
        if (negative)
            i++;

        // Significant digits without leading zeros, and the decimal exponent of the last one.
        var digits = new char[length];
        int digitCount = 0;
        int exponent = 0;
        for (; i < end && text[i] != 'e' && text[i] != 'E'; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                for (i++; i < end && text[i] != 'e' && text[i] != 'E'; i++)
                {
                    exponent--;
                    if (digitCount > 0 || text[i] != '0')
                        digits[digitCount++] = text[i];
                }

                break;
            }

            if (digitCount > 0 || c != '0')
                digits[digitCount++] = c;
        }

        if (i < end)
            exponent += ParseExponent(text, i + 1, end);

        // Trailing zeros only inflate the work.
        while (digitCount > 0 && digits[digitCount - 1] == '0')
        {
            digitCount--;
            exponent++;
        }

        if (digitCount == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        // The value lies in [10^(magnitude-1), 10^magnitude).
        long magnitude = (long)digitCount + exponent;
        if (magnitude > 39)
        {
            value = 0;
            return false;
        }

        if (magnitude < -46)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        float result;
        if (!TryFastPath(digits, digitCount, exponent, out result))
            result = ParseExact(digits, digitCount, exponent);

        if (float.IsInfinity(result))
        {
            value = 0;
            return false;
        }

        value = negative ? -result : result;
        return true;
    }

    private static int ParseExponent(string text, int i, int end)
    {
        bool negative = false;
        if (text[i] == '+' || text[i] == '-')
        {
            negative = text[i] == '-';
            i++;
        }

        long e = 0;
        for (; i < end; i++)
        {
            if (e < 100_000)
                e = e * 10 + (text[i] - '0');
        }

        return (int)(negative ? -e : e);
    }

    // Clinger's fast path in double: both operands are exact, so the quotient or product is the correctly
    // rounded double. Narrowing it to float rounds correctly unless that double sits exactly on a midpoint
    // between two floats, where the true value may lie on either side; those few go the exact way.
    private static bool TryFastPath(char[] digits, int digitCount, int exponent, out float value)
    {
        value = 0;
        if (digitCount > 15 || exponent > 22 || exponent < -22)
            return false;

        long mantissa = 0;
        for (int k = 0; k < digitCount; k++)
            mantissa = mantissa * 10 + (digits[k] - '0');

        double d = exponent >= 0 ? mantissa * s_exactPowersOfTen[exponent] : mantissa / s_exactPowersOfTen[-exponent];
        if (IsFloatMidpoint(d))
            return false;
        value = (float)d;
        return true;
    }

    private static bool IsFloatMidpoint(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        int binaryExponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (binaryExponent > 127)
            return false;

        // Half a float quantum at this magnitude; subnormal floats share the quantum of 2^-126.
        int halfQuantumExponent = Math.Max(binaryExponent, -126) - 24;
        double scaled = d * PowerOfTwo(-halfQuantumExponent);
        return scaled == Math.Floor(scaled) && Math.IEEERemainder(scaled, 2) != 0;
    }

    private static float ParseExact(char[] digits, int digitCount, int exponent)
    {
        var mantissa = BigInteger.Parse(new string(digits, 0, digitCount), System.Globalization.CultureInfo.InvariantCulture);
        BigInteger numerator = exponent >= 0 ? mantissa * BigInteger.Pow(10, exponent) : mantissa;
        BigInteger denominator = exponent >= 0 ? BigInteger.One : BigInteger.Pow(10, -exponent);

        // Find e with 2^e <= numerator/denominator < 2^(e+1).
        int e = BitLength(numerator) - BitLength(denominator);
        if (Compare(numerator, denominator, e) < 0)
            e--;
        if (e > 127)
            return float.PositiveInfinity;

        // Keep 24 significant bits (fewer for subnormals), rounding the rest half to even.
        int shift = Math.Max(e, -126) - 23;
        BigInteger dividend = shift < 0 ? numerator << -shift : numerator;
        BigInteger divisor = shift < 0 ? denominator : denominator << shift;
        BigInteger quotient = BigInteger.DivRem(dividend, divisor, out BigInteger remainder);
        int roundUp = (remainder << 1).CompareTo(divisor);
        if (roundUp > 0 || (roundUp == 0 && !quotient.IsEven))
            quotient += 1;

        return (float)((double)quotient * PowerOfTwo(shift));
    }

    // Sign of numerator/denominator - 2^e.
    private static int Compare(BigInteger numerator, BigInteger denominator, int e) =>
        e >= 0 ? numerator.CompareTo(denominator << e) : (numerator << -e).CompareTo(denominator);

    private static int BitLength(BigInteger value)
    {
        byte[] bytes = value.ToByteArray();
        int top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0)
            top--;
        int bits = 0;
        for (int b = bytes[top]; b != 0; b >>= 1)
            bits++;
        return top * 8 + bits;
    }

    private static double PowerOfTwo(int exponent) => BitConverter.Int64BitsToDouble((long)(exponent + 1023) << 52);
}
