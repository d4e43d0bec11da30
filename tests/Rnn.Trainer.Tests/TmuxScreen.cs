using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace Rnn.Trainer.Tests;

/// <summary>
/// A real pseudo-terminal of a given size, through tmux (installed by .ci/run): runs a command in it and reads
/// the screen as a user sees it. Each instance has its own tmux server (its own socket), started from this
/// process's environment, and kills it when disposed.
/// </summary>
internal sealed class TmuxScreen : IDisposable
{
    private readonly string _socket = "rnn-test-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts <paramref name="shellCommand"/> in a <paramref name="width"/> x <paramref name="height"/> terminal.</summary>
    public TmuxScreen(int width, int height, string shellCommand)
    {
        Tmux("new-session", "-d", "-s", "main", "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture), shellCommand);
    }

    /// <summary>The visible rows, trailing blanks trimmed, empty rows at the end dropped.</summary>
    public string[] Rows()
    {
        var rows = Tmux("capture-pane", "-p", "-t", "main").Split('\n').Select(r => r.TrimEnd()).ToList();
        while (rows.Count > 0 && rows[^1].Length == 0)
            rows.RemoveAt(rows.Count - 1);
        return rows.ToArray();
    }

    /// <summary>Polls the screen until <paramref name="done"/> holds; fails with the screen after <paramref name="limit"/> (a hang, not a slow machine).</summary>
    public string[] WaitFor(Func<string[], bool> done, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = Rows();
            if (done(rows))
                return rows;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"no {what} within {limit.TotalSeconds} s; the screen:\n" + string.Join("\n", rows));
            Thread.Sleep(100);
        }
    }

    /// <summary>Types keys, in tmux's names (C-c is Ctrl-C).</summary>
    public void SendKeys(string keys) => Tmux("send-keys", "-t", "main", keys);

    public void Dispose()
    {
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server already exited with its last session.
        }
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(" ", arguments)}: {error}");
        return output;
    }
}
