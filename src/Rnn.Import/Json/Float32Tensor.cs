using System.Collections.Generic;
using System.Text.Json;

namespace Rnn.Import.Json;

/// <summary>
/// A float32 tensor as Python writes one to JSON (<c>Tensor.tolist()</c>, Keras's <c>get_weights()</c>, a flat
/// list): nested arrays of numbers, outermost dimension first. The values are flattened row-major and each
/// number becomes the float32 nearest to its decimal (<see cref="JsonModelFile.Float32"/>). The shape is read
/// from the data first and compared with the expected one after, so nothing is allocated from sizes a file
/// merely claims.
/// </summary>
internal sealed class Float32Tensor
{
    private Float32Tensor(float[] values, int[] shape)
    {
        Values = values;
        Shape = shape;
    }

    /// <summary>The values, row-major.</summary>
    public float[] Values { get; }

    /// <summary>The size of each dimension, outermost first (empty for a scalar).</summary>
    public int[] Shape { get; }

    /// <summary>The shape as Python prints it, e.g. <c>[80, 20]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <summary>Reads the nested arrays at <paramref name="where"/>; throws naming the element that is not a finite number or breaks the rectangle.</summary>
    public static Float32Tensor Read(JsonModelFile file, JsonElement element, string where)
    {
        // The shape is the lengths along the first element of each level; Flatten checks that every other agrees.
        var shape = new List<int>();
        for (var e = element; e.ValueKind == JsonValueKind.Array; e = e[0])
        {
            shape.Add(e.GetArrayLength());
            if (e.GetArrayLength() == 0)
                break;
        }

        var values = new List<float>();
        Flatten(file, element, shape, 0, where, values);
        return new Float32Tensor(values.ToArray(), shape.ToArray());
    }

    /// <summary>Every field of the object <paramref name="obj"/> at <paramref name="where"/> (a PyTorch <c>state_dict</c>), read as a tensor, in file order.</summary>
    public static List<KeyValuePair<string, Float32Tensor>> ReadAll(JsonModelFile file, JsonElement obj, string where)
    {
        var tensors = new List<KeyValuePair<string, Float32Tensor>>();
        foreach (var field in obj.EnumerateObject())
            tensors.Add(new(field.Name, Read(file, field.Value, JsonModelFile.Join(where, field.Name))));
        return tensors;
    }

    /// <summary>Reads the tensor at <paramref name="where"/> and checks its shape (<see cref="Expect"/>).</summary>
    public static Float32Tensor Read(JsonModelFile file, JsonElement element, string where, string why, params long[] expected) =>
        Read(file, element, where).Expect(file, where, why, expected);

    /// <summary>
    /// Throws unless the tensor's shape is <paramref name="expected"/>; <paramref name="why"/> says where the sizes
    /// come from. A flat list is described by its count (<c>expected 16 numbers</c>), anything else by its shape.
    /// </summary>
    public Float32Tensor Expect(JsonModelFile file, string where, string why, params long[] expected)
    {
        bool same = expected.Length == Shape.Length;
        for (int d = 0; same && d < expected.Length; d++)
            same = expected[d] == Shape[d];
        if (same)
            return this;
        if (expected.Length == 1 && Shape.Length == 1)
            throw file.Error(where, $"expected {expected[0]} numbers ({why}), found {Shape[0]}");
        throw file.Error(where, $"expected shape [{string.Join(", ", expected)}] ({why}), found {ShapeText}");
    }

    private static void Flatten(JsonModelFile file, JsonElement element, List<int> shape, int depth, string where, List<float> values)
    {
        if (depth == shape.Count)
        {
            if (element.ValueKind != JsonValueKind.Number && shape.Count == 0)
                throw file.Error(where, $"expected a tensor (a number or nested arrays of numbers), found {JsonModelFile.Describe(element)}");
            if (element.ValueKind != JsonValueKind.Number)
                throw file.Error(where, $"expected a number (an element of a tensor of shape [{string.Join(", ", shape)}]), found {JsonModelFile.Describe(element)}");
            values.Add(file.Float32(element, where));
            return;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != shape[depth])
        {
            throw file.Error(where, $"expected an array of {shape[depth]} (a rectangular tensor of shape [{string.Join(", ", shape)}]), found {JsonModelFile.Describe(element)}");
        }

        int index = 0;
        bool innermost = depth + 1 == shape.Count;
        foreach (var item in element.EnumerateArray())
        {
            // The path of an element is built only when it is wrong: a weights array may hold millions.
            if (innermost && JsonModelFile.TryFloat32(item, out float value))
                values.Add(value);
            else
                Flatten(file, item, shape, depth + 1, $"{where}[{index}]", values);
            index++;
        }
    }
}
