using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Rnn.Generator.Tests")]
