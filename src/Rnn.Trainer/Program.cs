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
    SampleCommand.Create(),
    QuantizeCommand.Create(),
};
return root.Parse(args).Invoke();
