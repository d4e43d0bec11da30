using System;
using System.Collections.Generic;
using System.Globalization;
using Rnn.Runtime.Descriptors;

namespace Rnn.Runtime.Precision;

/// <summary>
/// Reduced precision at the descriptor's level: which weights are rounded, which of them share an int8
/// scale, and the check that a descriptor claiming a <c>weight_precision</c> holds exactly such values.
/// Shared by the validator, <c>rnn quantize</c> and the interpreter (which rounds a float32 model this way
/// before packing, so loading with a precision and loading the quantized file give the same words).
/// </summary>
/// <remarks>
/// Rounded: every weight matrix — <c>weight_ih</c>, <c>weight_hh</c>, <c>weight_hr</c> (and their
/// <c>_reverse</c>) and a dense layer's <c>weight</c>. Kept float32: biases, peepholes, initial states,
/// input normalisation. An int8 scale spans one output row as the kernels multiply it: for <c>rnn</c> and
/// <c>lstm</c> the gate row over [x; h] (row r of <c>weight_ih</c> followed by row r of <c>weight_hh</c>),
/// for <c>gru</c> (which keeps the two products apart) a row of each matrix alone, and a row of
/// <c>weight_hr</c> or of a dense <c>weight</c>.
/// </remarks>
internal static class DescriptorRounding
{
    /// <summary>A run of one tensor's values: Length values from Start.</summary>
    private readonly struct Segment
    {
        public Segment(string path, float[] values, int start, int length)
        {
            Path = path;
            Values = values;
            Start = start;
            Length = length;
        }

        public string Path { get; }

        public float[] Values { get; }

        public int Start { get; }

        public int Length { get; }
    }

    /// <summary>
    /// A copy of <paramref name="model"/> with every weight matrix rounded to <paramref name="precision"/> and
    /// <c>weight_precision</c> set (Float32: the weights unchanged). Rounding an already rounded model gives it back.
    /// </summary>
    /// <param name="model">The model to copy.</param>
    /// <param name="precision">The precision to round every weight matrix to.</param>
    /// <param name="metadata">The copy's metadata; null keeps the model's.</param>
    /// <exception cref="RnnDescriptorException">A weight is beyond float16's range (names the layer, tensor and index).</exception>
    public static ModelDescriptor Round(ModelDescriptor model, WeightPrecision precision, MetadataValue? metadata = null)
    {
        var layers = new LayerDescriptor[model.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = model.Layers[l] switch
            {
                RecurrentLayerDescriptor r => new RecurrentLayerDescriptor(r.Kind, r.InputSize, r.HiddenSize, r.Nonlinearity,
                    Copy(r.Weights), r.ReverseWeights is { } reverse ? Copy(reverse) : null, r.Options),
                DenseLayerDescriptor d => new DenseLayerDescriptor(d.InputSize, d.Units, d.Activation, d.WeightArray, d.BiasArray),
                _ => throw new ArgumentException($"Layer {l} has an unknown kind.", nameof(model)),
            };
        }

        var copy = new ModelDescriptor(model.Version, model.InputSize, layers, model.InputNormalization, metadata ?? model.Metadata, model.Skip, precision);
        foreach (var row in Rows(copy))
        {
            float scale = Scale(row, precision);
            foreach (var segment in row)
            {
                for (int k = segment.Start; k < segment.Start + segment.Length; k++)
                {
                    float w = segment.Values[k];
                    if (precision == WeightPrecision.Float16 && !InFloat16Range(w))
                        throw DescriptorLocator.None.Error($"{segment.Path}[{k}]",
                            $"the weight {Format(w)} is outside float16's range (±65504); use bfloat16 or int8 for this model");
                    segment.Values[k] = WeightQuantizer.Dequantize(w, precision, scale, segment.Path);
                }
            }
        }

        DescriptorValidator.Validate(copy, DescriptorLocator.None);
        return copy;
    }

    /// <summary>
    /// Throws, naming the layer, tensor and index, the value found and the nearest one the precision holds,
    /// unless every weight matrix of <paramref name="model"/> holds only values of its <c>weight_precision</c>.
    /// </summary>
    public static void Check(ModelDescriptor model, DescriptorLocator at)
    {
        var precision = model.WeightPrecision;
        if (precision == WeightPrecision.Float32)
            return;
        string name = WeightQuantizer.Name(precision);
        foreach (var row in Rows(model))
        {
            float scale = Scale(row, precision);
            foreach (var segment in row)
            {
                for (int k = segment.Start; k < segment.Start + segment.Length; k++)
                {
                    float w = segment.Values[k];
                    string path = $"{segment.Path}[{k}]";
                    if (precision == WeightPrecision.Float16 && !InFloat16Range(w))
                        throw at.Error(path, $"weight_precision is float16, whose range is ±65504, but the weight is {Format(w)}");
                    float nearest = WeightQuantizer.Dequantize(w, precision, scale, path);
                    if (WeightQuantizer.SingleBits(nearest) == WeightQuantizer.SingleBits(w))
                        continue;
                    string what = precision == WeightPrecision.Int8
                        ? $"an int8 multiple q·s of this row's scale s = {Format(scale)} (largest |w| / 127, q in [-127, 127])"
                        : $"a {name} value";
                    throw at.Error(path, $"weight_precision is {name}, so expected {what}; found {Format(w)}, the nearest is {Format(nearest)} (write the file with `rnn quantize`)");
                }
            }
        }
    }

    /// <summary>Whether float16 holds <paramref name="w"/> after rounding (|w| below 65520, where it rounds to ∞).</summary>
    public static bool InFloat16Range(float w) => Math.Abs(w) < 65520f;

    // The int8 scale of one output row (over all its segments); 0 for the other precisions, which round each weight alone.
    private static float Scale(Segment[] row, WeightPrecision precision)
    {
        if (precision != WeightPrecision.Int8)
            return 0;
        float max = 0;
        foreach (var segment in row)
        {
            for (int k = segment.Start; k < segment.Start + segment.Length; k++)
                max = Math.Max(max, Math.Abs(segment.Values[k]));
        }

        return WeightQuantizer.Int8Scale(max);
    }

    // Every output row of every weight matrix, as the segments that share its int8 scale (see the remarks).
    private static IEnumerable<Segment[]> Rows(ModelDescriptor model)
    {
        for (int l = 0; l < model.Layers.Count; l++)
        {
            string path = $"layers[{l}]";
            if (model.Layers[l] is DenseLayerDescriptor dense)
            {
                for (int r = 0; r < dense.Units; r++)
                    yield return new[] { new Segment(path + ".weight", dense.WeightArray, r * dense.InputSize, dense.InputSize) };
                continue;
            }

            var layer = (RecurrentLayerDescriptor)model.Layers[l];
            foreach (var row in DirectionRows(layer, layer.Weights, path, ""))
                yield return row;
            if (layer.ReverseWeights is { } reverse)
            {
                foreach (var row in DirectionRows(layer, reverse, path, "_reverse"))
                    yield return row;
            }
        }
    }

    private static IEnumerable<Segment[]> DirectionRows(RecurrentLayerDescriptor layer, RecurrentWeights w, string path, string suffix)
    {
        int rows = layer.GateCount * layer.HiddenSize, input = layer.InputSize, state = layer.StateSize;
        for (int r = 0; r < rows; r++)
        {
            var ih = new Segment($"{path}.weight_ih{suffix}", w.WeightIhArray, r * input, input);
            var hh = new Segment($"{path}.weight_hh{suffix}", w.WeightHhArray, r * state, state);
            if (layer.Kind == LayerKind.Gru)
            {
                yield return new[] { ih };
                yield return new[] { hh };
            }
            else
            {
                yield return new[] { ih, hh };
            }
        }

        if (w.WeightHrArray is { } projection)
        {
            for (int r = 0; r < state; r++)
                yield return new[] { new Segment($"{path}.weight_hr{suffix}", projection, r * layer.HiddenSize, layer.HiddenSize) };
        }
    }

    private static RecurrentWeights Copy(RecurrentWeights w) =>
        new(w.WeightIhArray, w.WeightHhArray, w.BiasIhArray, w.BiasHhArray, w.PeepholeArray, w.WeightHrArray, w.InitialHArray, w.InitialCArray);

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
