using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchTrain;

/// <summary>
/// nn.LSTM or nn.GRU (one layer, time-major) + nn.Linear(H, O): the model our trainer builds for `--layers lstm:H`,
/// with its parameters in our flat buffer's order (PyTorch's): weight_ih, weight_hh, bias_ih, bias_hh, then the
/// head's weight and bias.
/// </summary>
internal sealed class TorchModel : IDisposable
{
    private readonly LSTM? _lstm;
    private readonly GRU? _gru;
    private readonly Linear _head;

    public TorchModel(string cell, int inputSize, int hiddenSize, int outputSize)
    {
        if (cell == "lstm")
            _lstm = nn.LSTM(inputSize, hiddenSize);
        else if (cell == "gru")
            _gru = nn.GRU(inputSize, hiddenSize);
        else
            throw new ArgumentException($"unknown cell {cell}; expected lstm or gru");
        _head = nn.Linear(hiddenSize, outputSize);
        nn.Module recurrent = (nn.Module?)_lstm ?? _gru!;
        Parameters = [.. new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0" }.Select(n => recurrent.get_parameter(n)!),
            _head.weight!, _head.bias!];
    }

    /// <summary>In our flat buffer's order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>x: [T, B, I] → [T, B, O], from zero state.</summary>
    public Tensor Forward(Tensor x)
    {
        var hidden = _lstm is not null ? _lstm.forward(x).Item1 : _gru!.forward(x).Item1;
        return _head.forward(hidden);
    }

    /// <summary>Copies our flat parameter buffer in, refusing one of another size.</summary>
    public void Load(float[] flat)
    {
        long total = Parameters.Sum(p => p.numel());
        if (total != flat.Length)
            throw new ArgumentException($"the model has {total} parameters, params.bin holds {flat.Length}");
        using var _ = no_grad();
        int at = 0;
        foreach (var p in Parameters)
        {
            using var values = tensor(flat.AsSpan(at, (int)p.numel()).ToArray(), p.shape);
            p.copy_(values);
            at += (int)p.numel();
        }
    }

    public void Dispose()
    {
        _lstm?.Dispose();
        _gru?.Dispose();
        _head.Dispose();
    }
}
