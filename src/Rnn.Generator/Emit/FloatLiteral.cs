using System.Globalization;

namespace Rnn.Generator.Emit;

/// <summary>float32 values as C# literals that the compiler reads back bit-exactly.</summary>
internal static class FloatLiteral
{
    public static string Format(float value)
    {
        // "R" is the shortest round-trip text on .NET Core; older hosts may not guarantee that, and
        // 9 significant digits always identify a float32, so fall back to G9 when R does not read back.
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (float.Parse(text, CultureInfo.InvariantCulture) != value || (value == 0 && text != (IsNegativeZero(value) ? "-0" : "0")))
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        return text + "f";
    }

    private static bool IsNegativeZero(float value) => value == 0 && float.IsNegativeInfinity(1f / value);
}
