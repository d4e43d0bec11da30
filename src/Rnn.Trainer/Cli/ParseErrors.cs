using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Rnn.Trainer.Cli;

/// <summary>
/// Prints command-line mistakes the way every other rnn error reads: one <c>error:</c> line per problem naming
/// the option and what was expected, then a pointer to <c>--help</c>. System.CommandLine's own report names
/// .NET types ("System.Int32"), suggests options by edit distance over every alias (so "--epoch 3" got "-o"),
/// and prints the whole help text under it.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>Reports <paramref name="result"/>'s errors on <paramref name="stderr"/> and returns <see cref="CliErrors.Failure"/>.</summary>
    public static int Report(ParseResult result, TextWriter stderr)
    {
        var command = result.CommandResult.Command;
        string name = CommandPath(result.CommandResult);
        var lines = new List<string>();
        bool unknownOption = false;
        foreach (var error in result.Errors)
        {
            string message = error.Message;
            if (CannotParse().Match(message) is { Success: true } parse)
                lines.Add($"{parse.Groups["option"].Value}: expected {Expected(parse.Groups["type"].Value)}, found \"{parse.Groups["value"].Value}\"");
            else if (Unrecognized().Match(message) is { Success: true } unrecognized)
            {
                string token = unrecognized.Groups["token"].Value;
                if (token.StartsWith('-') && token.Length > 1)
                {
                    unknownOption = true;
                    string? closest = Closest(token, command);
                    lines.Add($"{name}: unknown option {token}" + (closest is null ? "" : $"; did you mean {closest}?"));
                }
                else if (!unknownOption) // a bare word after an unknown option is that option's value, not a second mistake
                    lines.Add($"{name}: unexpected argument \"{token}\"");
            }
            else if (RequiredOption().Match(message) is { Success: true } required)
                lines.Add($"{name}: {required.Groups["option"].Value} is required");
            else if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
                lines.Add($"{name}: expected {string.Join(" ", command.Arguments.Select(a => a.Name.ToUpperInvariant()))}");
            else if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
                lines.Add($"{name}: expected a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
            else
                lines.Add(message.TrimEnd('.'));
        }

        foreach (string line in lines.Distinct())
            stderr.WriteLine("error: " + line);
        stderr.WriteLine($"see {name} --help");
        return CliErrors.Failure;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = r.Parent)
            names.Insert(0, c.Parent is null ? "rnn" : c.Command.Name);
        return string.Join(" ", names);
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Single" => "a number",
        "System.Boolean" => "true or false",
        _ => "a value of another kind",
    };

    // The option whose long name is nearest to what was typed, if it is near enough to be a typo.
    private static string? Closest(string typed, Command command)
    {
        const int nearEnough = 2; // edits: covers a dropped, doubled or swapped letter
        string? best = null;
        int bestDistance = nearEnough + 1;
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            int d = Distance(typed, option.Name);
            if (d < bestDistance)
                (best, bestDistance) = (option.Name, d);
        }

        return best;
    }

    // Levenshtein distance, one row at a time.
    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'")]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Option '(?<option>[^']+)' is required")]
    private static partial Regex RequiredOption();
}
