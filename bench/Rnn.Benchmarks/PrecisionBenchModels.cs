using System;
using Rnn.Runtime;

namespace Rnn.Benchmarks;

// The bench shapes from hidden 64 up, where a float32 step is bound by L2 bandwidth, in each reduced
// weight precision (issue 12: at most half of RTNeural's best float32 step).

[RnnModel("Models/lstm_1x64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Lstm1x64F16;

[RnnModel("Models/lstm_1x64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Lstm1x64Bf16;

[RnnModel("Models/lstm_1x64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Lstm1x64I8;

[RnnModel("Models/lstm_64x64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Lstm64x64F16;

[RnnModel("Models/lstm_64x64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Lstm64x64Bf16;

[RnnModel("Models/lstm_64x64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Lstm64x64I8;

[RnnModel("Models/lstm_1x128.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Lstm1x128F16;

[RnnModel("Models/lstm_1x128.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Lstm1x128Bf16;

[RnnModel("Models/lstm_1x128.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Lstm1x128I8;

[RnnModel("Models/large/lstm_1x256.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Lstm1x256F16;

[RnnModel("Models/large/lstm_1x256.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Lstm1x256Bf16;

[RnnModel("Models/large/lstm_1x256.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Lstm1x256I8;

[RnnModel("Models/gru_1x64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Gru1x64F16;

[RnnModel("Models/gru_1x64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Gru1x64Bf16;

[RnnModel("Models/gru_1x64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Gru1x64I8;

[RnnModel("Models/gru_64x64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Gru64x64F16;

[RnnModel("Models/gru_64x64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Gru64x64Bf16;

[RnnModel("Models/gru_64x64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Gru64x64I8;

[RnnModel("Models/gru_1x128.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Gru1x128F16;

[RnnModel("Models/gru_1x128.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Gru1x128Bf16;

[RnnModel("Models/gru_1x128.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Gru1x128I8;

/// <summary>The reduced-precision generated models by bench model name and precision name (float16, bfloat16, int8).</summary>
public static class PrecisionBenchModels
{
    /// <summary>Bench models that have reduced-precision variants.</summary>
    public static readonly string[] Names = { "lstm_1x64", "lstm_64x64", "lstm_1x128", "lstm_1x256", "gru_1x64", "gru_64x64", "gru_1x128" };

    /// <summary>The precisions each has, by the names the C header and the quantizer use.</summary>
    public static readonly string[] Precisions = { "float16", "bfloat16", "int8" };

    /// <summary>The generated model <paramref name="name"/> at <paramref name="precision"/>, stepped, or run a call at a time with <paramref name="sequence"/>.</summary>
    public static IStepRunner Generated(string name, string precision, bool sequence = false) => (name, precision) switch
    {
        ("lstm_1x64", "float16") => new GeneratedRunner<Lstm1x64F16>(sequence),
        ("lstm_1x64", "bfloat16") => new GeneratedRunner<Lstm1x64Bf16>(sequence),
        ("lstm_1x64", "int8") => new GeneratedRunner<Lstm1x64I8>(sequence),
        ("lstm_64x64", "float16") => new GeneratedRunner<Lstm64x64F16>(sequence),
        ("lstm_64x64", "bfloat16") => new GeneratedRunner<Lstm64x64Bf16>(sequence),
        ("lstm_64x64", "int8") => new GeneratedRunner<Lstm64x64I8>(sequence),
        ("lstm_1x128", "float16") => new GeneratedRunner<Lstm1x128F16>(sequence),
        ("lstm_1x128", "bfloat16") => new GeneratedRunner<Lstm1x128Bf16>(sequence),
        ("lstm_1x128", "int8") => new GeneratedRunner<Lstm1x128I8>(sequence),
        ("lstm_1x256", "float16") => new GeneratedRunner<Lstm1x256F16>(sequence),
        ("lstm_1x256", "bfloat16") => new GeneratedRunner<Lstm1x256Bf16>(sequence),
        ("lstm_1x256", "int8") => new GeneratedRunner<Lstm1x256I8>(sequence),
        ("gru_1x64", "float16") => new GeneratedRunner<Gru1x64F16>(sequence),
        ("gru_1x64", "bfloat16") => new GeneratedRunner<Gru1x64Bf16>(sequence),
        ("gru_1x64", "int8") => new GeneratedRunner<Gru1x64I8>(sequence),
        ("gru_64x64", "float16") => new GeneratedRunner<Gru64x64F16>(sequence),
        ("gru_64x64", "bfloat16") => new GeneratedRunner<Gru64x64Bf16>(sequence),
        ("gru_64x64", "int8") => new GeneratedRunner<Gru64x64I8>(sequence),
        ("gru_1x128", "float16") => new GeneratedRunner<Gru1x128F16>(sequence),
        ("gru_1x128", "bfloat16") => new GeneratedRunner<Gru1x128Bf16>(sequence),
        ("gru_1x128", "int8") => new GeneratedRunner<Gru1x128I8>(sequence),
        _ => throw new ArgumentException($"No {precision} generated model named {name}; reduced-precision models: {string.Join(", ", Names)} in {string.Join(", ", Precisions)}.", nameof(name)),
    };
}
