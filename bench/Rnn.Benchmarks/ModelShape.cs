using System;
using System.Globalization;

namespace Rnn.Benchmarks;

/// <summary>What a benchmark model costs per step: multiply-adds and bytes of fp32 weights, from its name.</summary>
public readonly record struct ModelShape(string Kind, int InputSize, int HiddenSize)
{
    public int Gates => Kind switch { "lstm" => 4, "gru" => 3, _ => 1 };

    /// <summary>G·H·(I+H) for the cell plus H for the dense head.</summary>
    public long MultiplyAdds => (long)Gates * HiddenSize * (InputSize + HiddenSize) + HiddenSize;

    /// <summary>4 bytes per weight and bias.</summary>
    public long WeightBytes => 4 * (MultiplyAdds + 2L * Gates * HiddenSize + 1);

    /// <summary>Parses names like <c>lstm_1x64</c>.</summary>
    public static ModelShape Parse(string name)
    {
        int underscore = name.IndexOf('_'), x = name.IndexOf('x', underscore);
        return new ModelShape(name[..underscore],
            int.Parse(name[(underscore + 1)..x], CultureInfo.InvariantCulture),
            int.Parse(name[(x + 1)..], CultureInfo.InvariantCulture));
    }
}
