using System;
using System.CommandLine;
using Rnn.Trainer.Cli;

var root = new RootCommand("rnn: train, run, inspect and benchmark recurrent models described by *.rnn.json descriptors.")
{
    RunCommand.Create(),
    InfoCommand.Create(),
    ImportCommand.Create(),
    BenchCommand.Create(),
    HeaderCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    SampleCommand.Create(),
    QuantizeCommand.Create(),
};
var parsed = root.Parse(args);
return parsed.Errors.Count > 0 ? ParseErrors.Report(parsed, Console.Error) : parsed.Invoke();
