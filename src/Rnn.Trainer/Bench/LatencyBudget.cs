using System;
using System.Globalization;

namespace Rnn.Trainer.Bench;

/// <summary>A per-step latency budget such as <c>20us</c>, <c>500ns</c> or <c>1.5ms</c>.</summary>
public static class LatencyBudget
{
    /// <summary>Parses a budget into nanoseconds; false with a message naming what was wrong otherwise.</summary>
    public static bool TryParse(string text, out double nanoseconds, out string error)
    {
        nanoseconds = 0;
        error = "";
        string trimmed = (text ?? "").Trim();
        (string Suffix, double Scale)[] units = { ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9) };
        foreach (var (suffix, scale) in units)
        {
            if (!trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                continue;
            string number = trimmed[..^suffix.Length];
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value))
            {
                nanoseconds = value * scale;
                return true;
            }

            break;
        }

        error = $"expected a positive duration with a unit (ns, us, µs, ms or s), e.g. 20us; found \"{text}\"";
        return false;
    }
}
