using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rnn.Import.Onnx.Protobuf;

namespace Rnn.Import.Onnx;

/// <summary>A node being traced: its input values, its attributes, and the words errors use to name it.</summary>
internal sealed class OnnxNode
{
    private readonly Dictionary<string, AttributeProto> _attributes = new();

    public OnnxNode(NodeProto node, GraphValue?[] inputs, int opset)
    {
        Proto = node;
        Inputs = inputs;
        Opset = opset;
        foreach (var attribute in node.Attribute)
        {
            if (!_attributes.TryAdd(attribute.Name, attribute))
                throw Error($"attribute {attribute.Name} appears twice");
        }
    }

    public NodeProto Proto { get; }

    public string OpType => Proto.OpType;

    /// <summary>The traced value of each input; null where the input is omitted (an empty name).</summary>
    public GraphValue?[] Inputs { get; }

    /// <summary>The default-domain opset the model imports (attribute defaults and input forms change with it).</summary>
    public int Opset { get; }

    /// <summary>How messages name the node: <c>node "lstm_1" (LSTM)</c>.</summary>
    public string Where => $"node \"{(Proto.Name.Length > 0 ? Proto.Name : Proto.Output.FirstOrDefault() ?? "")}\" ({Proto.OpType})";

    public IEnumerable<string> AttributeNames => _attributes.Keys;

    public OnnxGraphException Error(string problem) => new($"{Where}: {problem}");

    public OnnxGraphException Unsupported(string attribute, string value) => Error($"attribute {attribute}={value} is not supported");

    /// <summary>Refuses any attribute not in <paramref name="known"/>: an attribute the importer does not read would be silently dropped.</summary>
    public void OnlyAttributes(params string[] known)
    {
        foreach (var name in _attributes.Keys)
        {
            if (!known.Contains(name))
                throw Error($"attribute {name} is not supported (this importer reads {(known.Length == 0 ? "none" : string.Join(", ", known))})");
        }
    }

    public bool Has(string name) => _attributes.ContainsKey(name);

    public long Int(string name, long fallback) => Get(name, AttributeProto.Types.AttributeType.Int) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Get(name, AttributeProto.Types.AttributeType.Float) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Get(name, AttributeProto.Types.AttributeType.String) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Get(name, AttributeProto.Types.AttributeType.Ints)?.Ints.ToArray();

    public float[]? Floats(string name) => Get(name, AttributeProto.Types.AttributeType.Floats)?.Floats.ToArray();

    public string[]? Strings(string name) => Get(name, AttributeProto.Types.AttributeType.Strings)?.Strings.Select(s => s.ToStringUtf8()).ToArray();

    public TensorProto? Tensor(string name) => Get(name, AttributeProto.Types.AttributeType.Tensor)?.T;

    /// <summary>The attribute, checked to be of <paramref name="type"/> (a FLOAT where FLOATS belongs would otherwise read as empty); null when absent.</summary>
    private AttributeProto? Get(string name, AttributeProto.Types.AttributeType type)
    {
        if (!_attributes.TryGetValue(name, out var attribute))
            return null;
        if (attribute.Type != type)
            throw Error($"attribute {name} must be of type {Upper(type)}, found {Upper(attribute.Type)}");
        return attribute;
    }

    private static string Upper(AttributeProto.Types.AttributeType type) => type.ToString().ToUpperInvariant();

    /// <summary>Input <paramref name="index"/>, or null when omitted.</summary>
    public GraphValue? Input(int index) => index < Inputs.Length ? Inputs[index] : null;

    public string InputName(int index) => index < Proto.Input.Count ? Proto.Input[index] : "";

    public T Required<T>(int index, string role)
        where T : GraphValue
    {
        var value = Input(index);
        return value switch
        {
            T typed => typed,
            null => throw Error($"input {index} ({role}) is missing"),
            _ => throw Error($"input {index} ({role}, \"{InputName(index)}\") must be {Kind<T>()}, found {Describe(value)}"),
        };
    }

    public static string Describe(GraphValue value) => value switch
    {
        SequenceValue s => $"the run-time data {s.Describe()}",
        FloatConstant c => $"a constant float tensor [{string.Join(", ", c.Shape)}]",
        IntVector v => $"constant integers [{string.Join(", ", v.Items)}]",
        FilledValue f => $"a tensor filled with {f.Fill.ToString("R", CultureInfo.InvariantCulture)}",
        BroadcastConstant b => $"a constant float tensor [{string.Join(", ", b.Shape)}]",
        _ => value.GetType().Name,
    };

    private static string Kind<T>() =>
        typeof(T) == typeof(SequenceValue) ? "the run-time data (the model input or computed from it)"
        : typeof(T) == typeof(FloatConstant) ? "a constant float tensor (an initializer)"
        : typeof(T) == typeof(IntVector) ? "constant integers"
        : typeof(T).Name;
}
