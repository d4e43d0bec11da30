using System;
using Rnn.Runtime.Cells;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Precision;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// A descriptor loaded at run time, with its weights packed for the kernels. Immutable and safe to share
/// across threads; each stream of input gets its own <see cref="ModelState"/> from <see cref="CreateState"/>.
/// Runs every format-v2 feature; a model with a reverse or bidirectional layer runs whole sequences only
/// (<see cref="ModelState.Run"/>; <see cref="ModelState.Step"/> throws).
/// </summary>
/// <example>
/// <code>
/// var model = InterpretedModel.Load("kws.rnn.json");
/// var state = model.CreateState();
/// state.Step(features, scores);
/// </code>
/// </example>
public sealed class InterpretedModel
{
    private InterpretedModel(ModelDescriptor descriptor, SimdPath path, WeightPrecision precision)
    {
        Descriptor = descriptor;
        Path = path;
        Precision = precision;
        // Round first, as rnn quantize does, so each int8 row gets its scale from the whole row the
        // descriptor defines; quantizing the packed panels of the rounded weights then changes nothing.
        var weights = precision == descriptor.WeightPrecision ? descriptor : DescriptorRounding.Round(descriptor, precision);
        if (descriptor.InputNormalization is { } normalization)
        {
            Mean = normalization.MeanArray;
            InverseStd = Array.ConvertAll(normalization.StdArray, s => 1f / s);
        }

        Layers = new InterpretedLayer[descriptor.Layers.Count];
        for (int l = 0; l < Layers.Length; l++)
        {
            // On the Vector512 path, layers of 16 units or more pack 16-row panels (one Vector512 each);
            // narrower ones keep 8-row panels and run the Vector256 kernels.
            var layer = weights.Layers[l];
            int units = layer is RecurrentLayerDescriptor r ? r.HiddenSize : layer.OutputSize;
            int panel = path == SimdPath.Vector512 && units >= 16 ? 16 : PackedMatrix.DefaultPanelWidth;
            Layers[l] = layer switch
            {
                RecurrentLayerDescriptor recurrent => new InterpretedLayer(
                    CellOf(recurrent, recurrent.Weights, panel, precision),
                    recurrent.ReverseWeights is { } reverse ? CellOf(recurrent, reverse, panel, precision) : null,
                    backward: recurrent.Direction == RecurrentDirection.Reverse),
                DenseLayerDescriptor dense => new InterpretedLayer(new DenseCell(dense, panel, precision), null, backward: false),
                _ => throw new ArgumentException($"Layer {l} has an unknown kind.", nameof(descriptor)),
            };
            if (Layers[l].NeedsWholeSequence)
                WholeSequenceLayer ??= l;
        }
    }

    /// <summary>The descriptor this model runs.</summary>
    public ModelDescriptor Descriptor { get; }

    /// <summary>The instruction-set path every step of this model takes.</summary>
    public SimdPath Path { get; }

    /// <summary>
    /// The precision the weight matrices are stored and read in (activations, state, biases and the
    /// arithmetic stay float32): the load option's, else the descriptor's <c>weight_precision</c>.
    /// </summary>
    public WeightPrecision Precision { get; }

    /// <summary>Values per time step in.</summary>
    public int InputSize => Descriptor.InputSize;

    /// <summary>Values per time step out.</summary>
    public int OutputSize => Descriptor.OutputSize;

    internal InterpretedLayer[] Layers { get; }

    /// <summary>The first reverse or bidirectional layer; null when the model can run step by step.</summary>
    internal int? WholeSequenceLayer { get; }

    internal float[]? Mean { get; }

    internal float[]? InverseStd { get; }

    /// <summary>Reads a descriptor file and prepares it to run.</summary>
    /// <exception cref="RnnDescriptorException">The file cannot be read or is not a valid descriptor.</exception>
    public static InterpretedModel Load(string path, SimdPath? simdPath = null) =>
        FromDescriptor(DescriptorReader.ReadFile(path), simdPath);

    /// <summary>Reads a descriptor file and prepares it to run with <paramref name="options"/>.</summary>
    /// <exception cref="RnnDescriptorException">The file cannot be read or is not a valid descriptor, or a weight is beyond float16's range when float16 is asked for.</exception>
    /// <exception cref="ArgumentException">The SIMD path is not accelerated here.</exception>
    public static InterpretedModel Load(string path, ModelLoadOptions options) =>
        FromDescriptor(DescriptorReader.ReadFile(path), options);

    /// <summary>Prepares a descriptor to run with <paramref name="options"/> (precision, SIMD path).</summary>
    /// <exception cref="RnnDescriptorException">A weight is beyond float16's range when float16 is asked for (names the layer, tensor and index).</exception>
    /// <exception cref="ArgumentException">The SIMD path is not accelerated here.</exception>
    public static InterpretedModel FromDescriptor(ModelDescriptor descriptor, ModelLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(options);
        var path = PathOrBest(options.SimdPath);
        var precision = options.Precision ?? descriptor.WeightPrecision;
        if (precision < WeightPrecision.Float32 || precision > WeightPrecision.Int8)
            throw new ArgumentOutOfRangeException(nameof(options), precision, "Not a weight precision.");
        return new InterpretedModel(descriptor, path, precision);
    }

    /// <summary>Prepares a descriptor to run.</summary>
    /// <param name="descriptor">A validated descriptor.</param>
    /// <param name="simdPath">Force an instruction-set path (tests do, to run the ARM64 NEON path's Vector128 code on x64); by default the widest this machine accelerates.</param>
    /// <exception cref="ArgumentException"><paramref name="simdPath"/> is not accelerated on this machine.</exception>
    public static InterpretedModel FromDescriptor(ModelDescriptor descriptor, SimdPath? simdPath = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new InterpretedModel(descriptor, PathOrBest(simdPath), descriptor.WeightPrecision);
    }

    private static SimdPath PathOrBest(SimdPath? simdPath)
    {
        var path = simdPath ?? SimdCapabilities.Best;
        if (!SimdCapabilities.IsSupported(path))
            throw new ArgumentException($"The {path} path is not hardware-accelerated on this machine; the best here is {SimdCapabilities.Best}.", nameof(simdPath));
        return path;
    }

    /// <summary>
    /// A fresh stream state, in the model's initial state (learned <c>initial_h</c>/<c>initial_c</c>, else
    /// zeros). This and the whole-sequence buffers of <see cref="ModelState.Run"/> (grown once) are the only
    /// allocations; steps allocate nothing.
    /// </summary>
    public ModelState CreateState() => new(this);

    /// <summary>
    /// State for <paramref name="streams"/> independent streams stepped together, each weight read once per
    /// step for all of them (see <see cref="StreamBatch"/>); every stream starts in the initial state.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="streams"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">A layer is reverse or bidirectional: the model needs whole sequences.</exception>
    public StreamBatch CreateBatch(int streams) => new(this, streams);

    private static Cell CellOf(RecurrentLayerDescriptor layer, RecurrentWeights weights, int panel, WeightPrecision precision) => layer.Kind switch
    {
        LayerKind.Lstm => new LstmCell(layer, weights, panel, precision),
        LayerKind.Gru => new GruCell(layer, weights, panel, precision),
        _ => new ElmanCell(layer, weights, panel, precision),
    };
}
