using System.CommandLine;
using Rnn.Trainer.Cli;

var root = new RootCommand("rnn: run and inspect recurrent models described by *.rnn.json descriptors.")
{
    RunCommand.Create(),
    InfoCommand.Create(),
    BenchCommand.Create(),
    HeaderCommand.Create(),
};
return root.Parse(args).Invoke();
