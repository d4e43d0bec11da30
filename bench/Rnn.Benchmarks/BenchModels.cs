using System;
using System.Collections.Generic;
using Rnn.Runtime;

namespace Rnn.Benchmarks;

// One generated model per benchmark shape: RNN(I→H) + Dense(H→1), from Models/ (tools/make_bench_models.py).

[RnnModel("Models/rnn_1x8.rnn.json")]
public partial struct Rnn1x8;

[RnnModel("Models/rnn_1x16.rnn.json")]
public partial struct Rnn1x16;

[RnnModel("Models/rnn_1x32.rnn.json")]
public partial struct Rnn1x32;

[RnnModel("Models/rnn_1x37.rnn.json")]
public partial struct Rnn1x37;

[RnnModel("Models/rnn_1x64.rnn.json")]
public partial struct Rnn1x64;

[RnnModel("Models/rnn_1x128.rnn.json")]
public partial struct Rnn1x128;

[RnnModel("Models/rnn_64x64.rnn.json")]
public partial struct Rnn64x64;

[RnnModel("Models/lstm_1x8.rnn.json")]
public partial struct Lstm1x8;

[RnnModel("Models/lstm_1x16.rnn.json")]
public partial struct Lstm1x16;

[RnnModel("Models/lstm_1x32.rnn.json")]
public partial struct Lstm1x32;

[RnnModel("Models/lstm_1x37.rnn.json")]
public partial struct Lstm1x37;

[RnnModel("Models/lstm_1x64.rnn.json")]
public partial struct Lstm1x64;

[RnnModel("Models/lstm_1x128.rnn.json")]
public partial struct Lstm1x128;

[RnnModel("Models/lstm_64x64.rnn.json")]
public partial struct Lstm64x64;

[RnnModel("Models/gru_1x8.rnn.json")]
public partial struct Gru1x8;

[RnnModel("Models/gru_1x16.rnn.json")]
public partial struct Gru1x16;

[RnnModel("Models/gru_1x32.rnn.json")]
public partial struct Gru1x32;

[RnnModel("Models/gru_1x37.rnn.json")]
public partial struct Gru1x37;

[RnnModel("Models/gru_1x64.rnn.json")]
public partial struct Gru1x64;

[RnnModel("Models/gru_1x128.rnn.json")]
public partial struct Gru1x128;

[RnnModel("Models/gru_64x64.rnn.json")]
public partial struct Gru64x64;

// Written at build time (bench/Directory.Build.targets): too large to commit.
[RnnModel("Models/large/lstm_1x256.rnn.json")]
public partial struct Lstm1x256;

[RnnModel("Models/large/lstm_1x512.rnn.json")]
public partial struct Lstm1x512;

[RnnModel("Models/large/gru_1x256.rnn.json")]
public partial struct Gru1x256;

[RnnModel("Models/large/gru_1x512.rnn.json")]
public partial struct Gru1x512;

/// <summary>The benchmark models by name, with a runner for each one's generated code.</summary>
public static class BenchModels
{
    /// <summary>Names in the order the result table lists them.</summary>
    public static readonly string[] Names =
    {
        "lstm_1x8", "lstm_1x16", "lstm_1x32", "lstm_1x37", "lstm_1x64", "lstm_1x128", "lstm_64x64", "lstm_1x256", "lstm_1x512",
        "gru_1x8", "gru_1x16", "gru_1x32", "gru_1x37", "gru_1x64", "gru_1x128", "gru_64x64", "gru_1x256", "gru_1x512",
        "rnn_1x8", "rnn_1x16", "rnn_1x32", "rnn_1x37", "rnn_1x64", "rnn_1x128", "rnn_64x64",
    };

    /// <summary>The generated model <paramref name="name"/>, stepped one sample at a time, or with <paramref name="sequence"/> run a call at a time.</summary>
    public static IStepRunner Generated(string name, bool sequence = false) => name switch
    {
        "rnn_1x8" => new GeneratedRunner<Rnn1x8>(sequence),
        "rnn_1x16" => new GeneratedRunner<Rnn1x16>(sequence),
        "rnn_1x32" => new GeneratedRunner<Rnn1x32>(sequence),
        "rnn_1x37" => new GeneratedRunner<Rnn1x37>(sequence),
        "rnn_1x64" => new GeneratedRunner<Rnn1x64>(sequence),
        "rnn_1x128" => new GeneratedRunner<Rnn1x128>(sequence),
        "rnn_64x64" => new GeneratedRunner<Rnn64x64>(sequence),
        "lstm_1x8" => new GeneratedRunner<Lstm1x8>(sequence),
        "lstm_1x16" => new GeneratedRunner<Lstm1x16>(sequence),
        "lstm_1x32" => new GeneratedRunner<Lstm1x32>(sequence),
        "lstm_1x37" => new GeneratedRunner<Lstm1x37>(sequence),
        "lstm_1x64" => new GeneratedRunner<Lstm1x64>(sequence),
        "lstm_1x128" => new GeneratedRunner<Lstm1x128>(sequence),
        "lstm_64x64" => new GeneratedRunner<Lstm64x64>(sequence),
        "gru_1x8" => new GeneratedRunner<Gru1x8>(sequence),
        "gru_1x16" => new GeneratedRunner<Gru1x16>(sequence),
        "gru_1x32" => new GeneratedRunner<Gru1x32>(sequence),
        "gru_1x37" => new GeneratedRunner<Gru1x37>(sequence),
        "gru_1x64" => new GeneratedRunner<Gru1x64>(sequence),
        "gru_1x128" => new GeneratedRunner<Gru1x128>(sequence),
        "gru_64x64" => new GeneratedRunner<Gru64x64>(sequence),
        "lstm_1x256" => new GeneratedRunner<Lstm1x256>(sequence),
        "lstm_1x512" => new GeneratedRunner<Lstm1x512>(sequence),
        "gru_1x256" => new GeneratedRunner<Gru1x256>(sequence),
        "gru_1x512" => new GeneratedRunner<Gru1x512>(sequence),
        _ => throw new ArgumentException($"No generated model named {name}.", nameof(name)),
    };
}
