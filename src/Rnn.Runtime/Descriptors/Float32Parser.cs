using System;
using System.Numerics;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Turns JSON number text into the nearest float32 (round half to even), the same on every runtime the
/// reader is compiled for, so a weight written as its shortest round-trip decimal reads back bit-exactly
/// in the generator (netstandard2.0, possibly .NET Framework) and in the runtime alike. Exact for any
/// length: the work is bounded by <see cref="MaxSignificantDigits"/>, whatever the number of digits.
/// </summary>
internal static class Float32Parser
{
    /// <summary>
    /// Significant digits kept for the exact conversion. A midpoint between two adjacent float32s has at most
    /// 112 significant decimal digits (2^-150 has 105 after its leading zeros, and a larger midpoint is an odd
    /// multiple of a larger power of two with fewer), so when 800 digits are kept and a non-zero digit follows,
    /// the value cannot equal a midpoint and the dropped digits act only as a sticky bit: keep a 1 in their place.
    /// </summary>
    internal const int MaxSignificantDigits = 800;

    // Exponents beyond this saturate: any number with that many zeros is already beyond the length of any
    // string, so its value is certainly zero or beyond float32, and the sum with the digit count cannot overflow.
    private const long ExponentSaturation = 1_000_000_000_000_000;

    private static readonly double[] s_exactPowersOfTen =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>
    /// Parses text that already matches the JSON number grammar. Returns false when the value's magnitude
    /// is beyond float32 (it would become infinity); values below half the smallest subnormal round to zero.
    /// </summary>
    public static bool TryParse(string text, int start, int length, out float value)
    {
        bool negative = text[start] == '-';
        var scan = Scan(text, start, length, null);
        float result;
        if (scan.DigitCount == 0)
        {
            result = 0f;
        }
        else if (scan.DigitCount + scan.Exponent > 39)
        {
            // The value is at least 10^39, beyond float32's 3.4e38.
            value = 0;
            return false;
        }
        else if (scan.DigitCount + scan.Exponent < -46)
        {
            // The value is below 10^-46, less than half the smallest subnormal (1.4e-45).
            result = 0f;
        }
        else if (!TryFastPath(scan, out result))
        {
            var digits = new char[MaxSignificantDigits + 1];
            scan = Scan(text, start, length, digits);
            result = ParseExact(digits, scan);
        }

        if (float.IsInfinity(result))
        {
            value = 0;
            return false;
        }

        value = negative ? -result : result;
        return true;
    }

    /// <summary>
    /// The significant digits of a number (without leading or trailing zeros) and the decimal exponent of the
    /// last one: the value is digits × 10^Exponent, plus a little more when <see cref="Sticky"/>.
    /// </summary>
    private struct DecimalScan
    {
        public int DigitCount;
        public long Exponent;
        public bool Sticky;

        // The first 19 significant digits as an integer (exact while DigitCount <= 19).
        public ulong Leading;
    }

    /// <summary>
    /// Reads the number once, in bounded memory: at most <see cref="MaxSignificantDigits"/> digits are kept (in
    /// <paramref name="digits"/> when given), later non-zero digits set the sticky flag.
    /// </summary>
    private static DecimalScan Scan(string text, int start, int length, char[]? digits)
    {
        int i = start, end = start + length;
        if (text[i] == '-')
            i++;
        var scan = default(DecimalScan);
        // Zeros seen after the last non-zero digit, not yet known to be significant.
        long pendingZeros = 0;
        bool fraction = false;
        for (; i < end && text[i] != 'e' && text[i] != 'E'; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                fraction = true;
                continue;
            }

            if (fraction)
                scan.Exponent--;
            if (c == '0')
            {
                if (scan.DigitCount > 0)
                    pendingZeros++;
                continue;
            }

            // A non-zero digit: the pending zeros before it are significant too.
            for (; pendingZeros > 0; pendingZeros--)
                Keep(ref scan, '0', digits);
            Keep(ref scan, c, digits);
        }

        // Trailing zeros are not digits of the mantissa but powers of ten.
        scan.Exponent += pendingZeros;
        if (i < end)
            scan.Exponent = Saturate(scan.Exponent + ParseExponent(text, i + 1, end));
        return scan;
    }

    private static void Keep(ref DecimalScan scan, char digit, char[]? digits)
    {
        if (scan.DigitCount == MaxSignificantDigits)
        {
            // Beyond the kept digits: a non-zero one only makes the value a little larger, and shifts nothing.
            scan.Exponent++;
            scan.Sticky |= digit != '0';
            return;
        }

        if (scan.DigitCount < 19)
            scan.Leading = scan.Leading * 10 + (ulong)(digit - '0');
        if (digits is not null)
            digits[scan.DigitCount] = digit;
        scan.DigitCount++;
    }

    private static long ParseExponent(string text, int i, int end)
    {
        bool negative = false;
        if (text[i] == '+' || text[i] == '-')
        {
            negative = text[i] == '-';
            i++;
        }

        long e = 0;
        for (; i < end; i++)
            e = Saturate(e * 10 + (text[i] - '0'));
        return negative ? -e : e;
    }

    private static long Saturate(long e) => Math.Max(-ExponentSaturation, Math.Min(ExponentSaturation, e));

    // Clinger's fast path in double: both operands are exact, so the quotient or product is the correctly
    // rounded double. Narrowing it to float rounds correctly unless that double sits exactly on a midpoint
    // between two floats, where the true value may lie on either side; those few go the exact way.
    private static bool TryFastPath(DecimalScan scan, out float value)
    {
        value = 0;
        if (scan.DigitCount > 15 || scan.Exponent > 22 || scan.Exponent < -22)
            return false;

        double mantissa = scan.Leading;
        double d = scan.Exponent >= 0 ? mantissa * s_exactPowersOfTen[scan.Exponent] : mantissa / s_exactPowersOfTen[-scan.Exponent];
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

    private static float ParseExact(char[] digits, DecimalScan scan)
    {
        int count = scan.DigitCount;
        int exponent = (int)scan.Exponent; // within [-46 - 800, 39] here: the caller ruled out the rest
        if (scan.Sticky)
        {
            digits[count++] = '1';
            exponent--;
        }

        var mantissa = BigInteger.Parse(new string(digits, 0, count), System.Globalization.CultureInfo.InvariantCulture);
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
