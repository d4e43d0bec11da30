using System;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Rnn.Import.Onnx.Protobuf;

namespace Rnn.Import.Tests.Onnx;

/// <summary>Builds small ONNX models in code with the schema's classes, for the refusal tests.</summary>
internal sealed class TestGraph
{
    private readonly ModelProto _model = new() { IrVersion = 8, ProducerName = "TestGraph", Graph = new GraphProto { Name = "test" } };

    public TestGraph(int opset = 14) => _model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });

    public GraphProto Graph => _model.Graph;

    /// <summary>A float32 graph input; each dimension a number or a name (dynamic).</summary>
    public TestGraph Input(string name, params object[] dims)
    {
        _model.Graph.Input.Add(ValueInfo(name, dims));
        return this;
    }

    public TestGraph Output(string name)
    {
        _model.Graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } } });
        return this;
    }

    public TestGraph Floats(string name, long[] shape, Func<int, float>? value = null)
    {
        long count = shape.Aggregate(1L, (p, d) => p * d);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.FloatData.AddRange(Enumerable.Range(0, (int)count).Select(i => value?.Invoke(i) ?? 0.01f * ((i * 37 % 19) - 9)));
        _model.Graph.Initializer.Add(tensor);
        return this;
    }

    public TestGraph Ints(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _model.Graph.Initializer.Add(tensor);
        return this;
    }

    public TestGraph Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _model.Graph.Node.Add(node);
        return this;
    }

    /// <summary>Drops the first graph output (to build on a graph whose output a later node replaces).</summary>
    public TestGraph RemoveFirstOutput()
    {
        _model.Graph.Output.RemoveAt(0);
        return this;
    }

    /// <summary>Writes the model to a fresh temporary file and returns its path.</summary>
    public string Save()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rnn-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, _model.ToByteArray());
        return path;
    }

    public static AttributeProto Attribute(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Attribute(string name, params float[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.AddRange(values);
        return a;
    }

    public static AttributeProto Attribute(string name, params string[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        a.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return a;
    }

    private static ValueInfoProto ValueInfo(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
