using System;
using System.Collections.Generic;
using System.Numerics;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Layers;

namespace Rnn.Trainer.Training;

/// <summary>
/// A stack of layers with every parameter in one buffer and every gradient in another (PyTorch's layout,
/// layer after layer). Forward carries each recurrent layer's state from call to call, which is what
/// truncated BPTT needs; <see cref="ResetState"/> starts new sequences.
/// </summary>
internal sealed class Network<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Layer<T>[] _layers;
    private readonly int[] _offsets;
    private T[][] _outputs = [], _states = [], _stateGradients = [];
    private T[] _gradientA = [], _gradientB = [];
    private int _batch = -1;
    private ReadOnlyMemory<T> _input;

    /// <param name="inputSize">Values per step in.</param>
    /// <param name="specs">The layers, input side first.</param>
    /// <param name="sharedParameters">Another network's parameter buffer to share (a replica for another thread), or null.</param>
    public Network(int inputSize, IReadOnlyList<LayerSpec> specs, T[]? sharedParameters = null)
    {
        InputSize = inputSize;
        Specs = specs;
        _layers = new Layer<T>[specs.Count];
        _offsets = new int[specs.Count + 1];
        int width = inputSize;
        for (int l = 0; l < specs.Count; l++)
        {
            var s = specs[l];
            _layers[l] = s.Kind switch
            {
                LayerKind.Lstm => new LstmLayer<T>(width, s.Size),
                LayerKind.Gru => new GruLayer<T>(width, s.Size),
                LayerKind.Rnn => new ElmanLayer<T>(width, s.Size, s.Activation),
                _ => new DenseLayer<T>(width, s.Size, s.Activation),
            };
            _offsets[l + 1] = _offsets[l] + _layers[l].ParameterCount;
            width = s.Size;
        }

        if (sharedParameters is not null && sharedParameters.Length != _offsets[^1])
            throw new ArgumentException($"A shared parameter buffer for these layers holds {_offsets[^1]} values, not {sharedParameters.Length}.", nameof(sharedParameters));
        Parameters = sharedParameters ?? new T[_offsets[^1]];
        Gradients = new T[_offsets[^1]];
    }

    public int InputSize { get; }

    public int OutputSize => _layers[^1].OutputSize;

    public IReadOnlyList<LayerSpec> Specs { get; }

    public int LayerCount => _layers.Length;

    public T[] Parameters { get; }

    public T[] Gradients { get; }

    public Span<T> LayerParameters(int layer) => Parameters.AsSpan(_offsets[layer], _layers[layer].ParameterCount);

    public Layer<T> LayerAt(int layer) => _layers[layer];

    /// <summary>PyTorch's default initialisation, layer by layer from one seeded generator.</summary>
    public void Initialize(int seed)
    {
        var random = new Random(seed);
        for (int l = 0; l < _layers.Length; l++)
            _layers[l].Initialize(LayerParameters(l), random);
    }

    /// <summary>Layer <paramref name="layer"/>'s carried state [B, StateSize] (set it to start from a given state).</summary>
    public Span<T> State(int layer) => _states[layer];

    /// <summary>∂L/∂(initial state of layer <paramref name="layer"/>) after the last <see cref="Backward"/>.</summary>
    public ReadOnlySpan<T> StateGradient(int layer) => _stateGradients[layer];

    /// <summary>Zero state for <paramref name="batch"/> new sequences.</summary>
    public void ResetState(int batch)
    {
        if (batch != _batch)
        {
            _batch = batch;
            _states = new T[_layers.Length][];
            _stateGradients = new T[_layers.Length][];
            for (int l = 0; l < _layers.Length; l++)
            {
                _states[l] = new T[batch * _layers[l].StateSize];
                _stateGradients[l] = new T[batch * _layers[l].StateSize];
            }
        }

        foreach (var state in _states)
            Array.Clear(state);
    }

    /// <summary>x: [T, B, I] → the last layer's output [T, B, O], from the carried state.</summary>
    public ReadOnlySpan<T> Forward(ReadOnlyMemory<T> x, int steps, int batch)
    {
        if (batch != _batch)
            throw new InvalidOperationException($"The carried state is for {_batch} sequences, not {batch}; call ResetState first.");
        Reserve(steps, batch);
        _input = x;
        ReadOnlySpan<T> input = x.Span;
        for (int l = 0; l < _layers.Length; l++)
        {
            var output = _outputs[l].AsSpan(0, steps * batch * _layers[l].OutputSize);
            _layers[l].Forward(LayerParameters(l), input, output, _states[l], steps, batch);
            input = output;
        }

        return input;
    }

    /// <summary>
    /// Backpropagates ∂L/∂output [T, B, O] through the last <see cref="Forward"/>, adding to <see cref="Gradients"/>.
    /// The final states get zero gradient: the chunk ends here (truncated BPTT) or the sequence does.
    /// </summary>
    public void Backward(Span<T> outputGradient, int steps, int batch)
    {
        Span<T> dy = outputGradient;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            ReadOnlySpan<T> x = l == 0 ? _input.Span : _outputs[l - 1].AsSpan(0, steps * batch * _layers[l].InputSize);
            // Nothing needs ∂L/∂(network input): the first layer skips that product.
            var dx = l == 0 ? Span<T>.Empty : (l % 2 == 0 ? _gradientA : _gradientB).AsSpan(0, steps * batch * _layers[l].InputSize);
            var dState = _stateGradients[l].AsSpan();
            dState.Clear();
            _layers[l].Backward(LayerParameters(l), Gradients.AsSpan(_offsets[l], _layers[l].ParameterCount), x, dy, dx, dState, steps, batch);
            dy = dx;
        }
    }

    private void Reserve(int steps, int batch)
    {
        if (_outputs.Length != _layers.Length)
            _outputs = new T[_layers.Length][];
        int widest = InputSize;
        for (int l = 0; l < _layers.Length; l++)
        {
            int length = steps * batch * _layers[l].OutputSize;
            if (_outputs[l] is null || _outputs[l].Length < length)
                _outputs[l] = new T[length];
            _layers[l].Reserve(steps, batch);
            widest = Math.Max(widest, _layers[l].OutputSize);
        }

        if (_gradientA.Length < steps * batch * widest)
        {
            _gradientA = new T[steps * batch * widest];
            _gradientB = new T[steps * batch * widest];
        }
    }
}
