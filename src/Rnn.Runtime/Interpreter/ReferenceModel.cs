using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// The plain oracle: the descriptor's equations (<see cref="ReferenceCells"/>) written out line by line in
/// double precision, reading the weights in PyTorch's own layout. Slow and allocation-happy on purpose;
/// every fast path (interpreter, generated code, trainer forward pass) is tested against it.
/// </summary>
public sealed class ReferenceModel
{
    private readonly ModelDescriptor _descriptor;
    private readonly double[][] _hidden;
    private readonly double[][] _cell;

    /// <summary>Creates the oracle for a descriptor, in its initial state (learned initial states, else zeros).</summary>
    public ReferenceModel(ModelDescriptor descriptor)
    {
        _descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        _hidden = new double[descriptor.Layers.Count][];
        _cell = new double[descriptor.Layers.Count][];
        Reset();
    }

    /// <summary>Returns every layer to its initial state: <c>initial_h</c>/<c>initial_c</c> where given, else zeros.</summary>
    public void Reset()
    {
        for (int l = 0; l < _descriptor.Layers.Count; l++)
        {
            if (_descriptor.Layers[l] is RecurrentLayerDescriptor layer)
            {
                _hidden[l] = ReferenceCells.InitialHidden(layer, layer.Weights);
                _cell[l] = ReferenceCells.InitialCell(layer, layer.Weights);
            }
        }
    }

    /// <summary>One time step; returns the model's outputs in double precision.</summary>
    /// <exception cref="InvalidOperationException">A layer is reverse or bidirectional: it needs the whole sequence (use <see cref="Run"/>).</exception>
    public double[] Step(ReadOnlySpan<float> input)
    {
        if (input.Length != _descriptor.InputSize)
            throw new ArgumentException($"Expected an input of {_descriptor.InputSize} values, found {input.Length}.", nameof(input));
        ThrowIfWholeSequence(_descriptor);
        var x = Normalize(input);
        for (int l = 0; l < _descriptor.Layers.Count; l++)
        {
            if (_descriptor.Layers[l] is RecurrentLayerDescriptor layer)
            {
                ReferenceCells.Step(layer, layer.Weights, x, _hidden[l], _cell[l]);
                x = (double[])_hidden[l].Clone();
            }
            else
            {
                x = ReferenceCells.Dense((DenseLayerDescriptor)_descriptor.Layers[l], x);
            }
        }

        return AddSkip(x, input);
    }

    /// <summary>
    /// Runs T steps as one whole sequence from the initial state, layer after layer (a reverse pass reads
    /// the sequence last step first; its output at step t is its state after steps T-1 down to t). Works
    /// for every model; neither reads nor changes the state <see cref="Step"/> keeps.
    /// </summary>
    /// <param name="inputs">T × InputSize values, step after step.</param>
    /// <returns>T × OutputSize values.</returns>
    public double[] Run(ReadOnlySpan<float> inputs)
    {
        int inputSize = _descriptor.InputSize, steps = inputs.Length / inputSize;
        if (inputs.Length % inputSize != 0)
            throw new ArgumentException($"Expected whole steps of {inputSize} values, found {inputs.Length} values.", nameof(inputs));
        var sequence = new double[steps][];
        for (int t = 0; t < steps; t++)
            sequence[t] = Normalize(inputs.Slice(t * inputSize, inputSize));
        foreach (var layer in _descriptor.Layers)
            sequence = RunLayer(layer, sequence);

        var outputs = new double[steps * _descriptor.OutputSize];
        for (int t = 0; t < steps; t++)
            AddSkip(sequence[t], inputs.Slice(t * inputSize, inputSize)).CopyTo(outputs, t * _descriptor.OutputSize);
        return outputs;
    }

    /// <summary>Throws when a layer walks the sequence backward (reverse or bidirectional).</summary>
    internal static void ThrowIfWholeSequence(ModelDescriptor descriptor)
    {
        for (int l = 0; l < descriptor.Layers.Count; l++)
        {
            if (descriptor.Layers[l] is RecurrentLayerDescriptor { NeedsWholeSequence: true } layer)
                throw new InvalidOperationException($"layers[{l}] is {DescriptorNames.Of(layer.Direction)}: it needs the whole sequence; call Run");
        }
    }

    private static double[][] RunLayer(LayerDescriptor descriptor, double[][] xs)
    {
        if (descriptor is DenseLayerDescriptor dense)
            return Array.ConvertAll(xs, x => ReferenceCells.Dense(dense, x));
        var layer = (RecurrentLayerDescriptor)descriptor;
        int steps = xs.Length, state = layer.StateSize;
        var ys = new double[steps][];
        for (int t = 0; t < steps; t++)
            ys[t] = new double[layer.OutputSize];
        if (layer.Direction != RecurrentDirection.Reverse)
            RunDirection(layer, layer.Weights, xs, ys, offset: 0, backward: false);
        if (layer.Direction == RecurrentDirection.Reverse)
            RunDirection(layer, layer.Weights, xs, ys, offset: 0, backward: true);
        if (layer.Direction == RecurrentDirection.Bidirectional)
            RunDirection(layer, layer.ReverseWeights!, xs, ys, offset: state, backward: true);
        return ys;
    }

    // One direction over the whole sequence, its h written to ys[t][offset..offset + S).
    private static void RunDirection(RecurrentLayerDescriptor layer, RecurrentWeights weights, double[][] xs, double[][] ys, int offset, bool backward)
    {
        var h = ReferenceCells.InitialHidden(layer, weights);
        var c = ReferenceCells.InitialCell(layer, weights);
        for (int s = 0; s < xs.Length; s++)
        {
            int t = backward ? xs.Length - 1 - s : s;
            ReferenceCells.Step(layer, weights, xs[t], h, c);
            h.CopyTo(ys[t], offset);
        }
    }

    private double[] Normalize(ReadOnlySpan<float> input)
    {
        var x = new double[input.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = input[i];
        if (_descriptor.InputNormalization is { } n)
        {
            for (int i = 0; i < x.Length; i++)
                x[i] = (x[i] - n.MeanArray[i]) / n.StdArray[i];
        }

        return x;
    }

    // Format v2's residual skip: y[j] += raw x[j] for j < skip (before normalisation).
    private double[] AddSkip(double[] y, ReadOnlySpan<float> rawInput)
    {
        for (int j = 0; j < _descriptor.Skip; j++)
            y[j] += rawInput[j];
        return y;
    }
}
