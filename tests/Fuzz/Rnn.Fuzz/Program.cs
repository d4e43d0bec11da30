using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace Rnn.Fuzz;

/// <summary>
/// <c>Rnn.Fuzz TARGET</c> runs under afl-fuzz (SharpFuzz's fork server); <c>Rnn.Fuzz TARGET FILE…</c> runs
/// each file once, to replay a crash outside AFL++
/// (with an uninstrumented build: <c>dotnet run --project tests/Fuzz/Rnn.Fuzz -- TARGET FILE</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTargets.ByName.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Rnn.Fuzz {{{string.Join("|", FuzzTargets.ByName.Keys)}}} [FILE…]");
            return 2;
        }

        if (args.Length > 1)
        {
            foreach (string file in args.Skip(1))
                Console.WriteLine(file + ": " + (target(File.ReadAllBytes(file)) is string error ? "refused: " + error : "accepted"));
            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            _ = target(copy.ToArray());
        });
        return 0;
    }
}
