using System;
using System.Collections.Generic;
using System.Globalization;

namespace Rnn.TrainTimer;

/// <summary>`subcommand --name value ...`: the few flags both timers take, with defaults.</summary>
internal sealed class Flags
{
    private readonly Dictionary<string, string> _values = [];

    private Flags(string command) => Command = command;

    public string Command { get; }

    /// <summary>Parses the arguments; null (after a message) when they are malformed.</summary>
    public static Flags? Parse(string[] args, string usage)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args.Length % 2 == 0)
        {
            Console.Error.WriteLine(usage);
            return null;
        }

        var flags = new Flags(args[0]);
        for (int k = 1; k < args.Length; k += 2)
        {
            if (!args[k].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"expected --name value, found {args[k]}\n{usage}");
                return null;
            }

            flags._values[args[k][2..]] = args[k + 1];
        }

        return flags;
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string Text(string name) => _values.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required");

    public int Integer(string name, int fallback) => _values.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) => _values.TryGetValue(name, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
