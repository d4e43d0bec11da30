using System;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Data;

namespace Rnn.Trainer.Cli;

/// <summary>Turns the errors a user can cause into one clear line on stderr and exit code 1, never a stack trace.</summary>
internal static class CliErrors
{
    public const int Failure = 1;

    /// <summary>Prints <c>error: message</c> and returns <see cref="Failure"/>.</summary>
    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return Failure;
    }

    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RnnDescriptorException e)
        {
            error.WriteLine("error: " + e.Message);
        }
        catch (DataFileException e)
        {
            error.WriteLine("error: " + e.Message);
        }
        catch (Native.NativeHeaderException e)
        {
            error.WriteLine("error: " + e.Message);
        }
        catch (InvalidDataException e)
        {
            error.WriteLine("error: " + e.Message);
        }
        catch (IOException e)
        {
            error.WriteLine("error: " + e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine("error: " + e.Message);
        }

        return Failure;
    }
}
