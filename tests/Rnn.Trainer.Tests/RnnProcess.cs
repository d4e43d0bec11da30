using System;
using System.Diagnostics;
using System.IO;

namespace Rnn.Trainer.Tests;

/// <summary>Runs the real <c>rnn</c> tool (the build beside the tests) as a process, for what only the entry point does.</summary>
internal static class RnnProcess
{
    /// <summary>Exit code, standard output and standard error of <c>rnn</c> with <paramref name="arguments"/>.</summary>
    public static (int Code, string Out, string Error) Run(string workingDirectory, params string[] arguments) => RunWithInput(workingDirectory, "", arguments);

    /// <summary><see cref="Run"/> with <paramref name="input"/> on standard input.</summary>
    public static (int Code, string Out, string Error) RunWithInput(string workingDirectory, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rnn.dll"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result.Replace("\r\n", "\n"), error.Replace("\r\n", "\n"));
    }
}
