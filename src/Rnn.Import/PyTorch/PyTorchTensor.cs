using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Rnn.Import.PyTorch;

/// <summary>
/// A PyTorch tensor as <c>Tensor.tolist()</c> writes it to JSON: nested arrays of numbers, outermost
/// dimension first. Its values are flattened row-major, which is the descriptor's layout for every
/// PyTorch weight (no transposing), and each number becomes the float32 nearest to its decimal
/// (float32 shortest round-trip text and the float64 text of a float32 both read back exactly).
/// </summary>
internal sealed class PyTorchTensor
{
    private PyTorchTensor(float[] values, int[] shape)
    {
        Values = values;
        Shape = shape;
    }

    /// <summary>The values, row-major.</summary>
    public float[] Values { get; }

    /// <summary>The size of each dimension, outermost first (empty for a scalar).</summary>
    public int[] Shape { get; }

    /// <summary>The shape as PyTorch prints it, e.g. <c>[80, 20]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <summary>Reads the nested arrays at <paramref name="path"/>; throws naming the element that is not a finite number or breaks the rectangle.</summary>
    public static PyTorchTensor Read(JsonElement element, TorchJsonFile json, string path)
    {
        var shape = new List<int>();
        for (var e = element; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
        {
            shape.Add(e.GetArrayLength());
            if (e.GetArrayLength() == 0)
                break;
        }

        var values = new List<float>();
        Flatten(element, shape, 0, path, json, values);
        return new PyTorchTensor(values.ToArray(), shape.ToArray());
    }

    /// <summary>Throws unless the tensor has exactly <paramref name="expected"/> as its shape; <paramref name="why"/> says where the sizes come from.</summary>
    public PyTorchTensor Expect(TorchJsonFile json, string path, string why, params int[] expected)
    {
        bool same = expected.Length == Shape.Length;
        for (int d = 0; same && d < expected.Length; d++)
            same = expected[d] == Shape[d];
        if (!same)
            throw json.Error(path, $"expected shape [{string.Join(", ", expected)}] ({why}), found {ShapeText}");
        return this;
    }

    private static void Flatten(JsonElement element, List<int> shape, int depth, string path, TorchJsonFile json, List<float> values)
    {
        if (depth == shape.Count)
        {
            if (element.ValueKind != JsonValueKind.Number)
                throw json.Error(path, $"expected a number at depth {depth} of a tensor of shape [{string.Join(", ", shape)}], found {TorchJsonFile.Describe(element)}");
            string text = element.GetRawText();
            float value = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!float.IsFinite(value))
                throw json.Error(path, $"expected a finite float32, found {text}");
            values.Add(value);
            return;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != shape[depth])
        {
            string found = element.ValueKind == JsonValueKind.Array ? $"{element.GetArrayLength()} elements" : TorchJsonFile.Describe(element);
            throw json.Error(path, $"expected {shape[depth]} elements (a rectangular tensor of shape [{string.Join(", ", shape)}]), found {found}");
        }

        int index = 0;
        foreach (var item in element.EnumerateArray())
            Flatten(item, shape, depth + 1, $"{path}[{index++}]", json, values);
    }
}
