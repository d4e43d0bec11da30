using System;
using System.Buffers.Binary;
using System.Linq;
using Rnn.Import.Onnx.Protobuf;

namespace Rnn.Import.Onnx;

/// <summary>Turns a TensorProto (an initializer or a Constant's value) into a float or integer constant.</summary>
internal static class OnnxTensors
{
    /// <summary>More elements than this in one tensor are refused (a 2^26-weight layer is already far beyond what the runtime targets).</summary>
    public const long MaxElements = 1L << 26;

    public static GraphValue ToValue(TensorProto tensor, string where)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new OnnxGraphException($"{where}: tensor \"{tensor.Name}\" keeps its data in an external file, which is not supported; save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))");
        long[] shape = tensor.Dims.ToArray();
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0 || d > MaxElements || (count *= d) > MaxElements)
                throw new OnnxGraphException($"{where}: tensor \"{tensor.Name}\" has shape [{string.Join(", ", shape)}]; at most {MaxElements} elements are supported");
        }

        var type = (TensorProto.Types.DataType)tensor.DataType;
        switch (type)
        {
            case TensorProto.Types.DataType.Float:
                return new FloatConstant(shape, Floats(tensor, (int)count, where));
            case TensorProto.Types.DataType.Int64:
            case TensorProto.Types.DataType.Int32:
                if (shape.Length > 1)
                    throw new OnnxGraphException($"{where}: integer tensor \"{tensor.Name}\" has rank {shape.Length}; only scalars and vectors (shapes, axes, indices) are supported");
                long[] values = Integers(tensor, (int)count, type == TensorProto.Types.DataType.Int64, where);
                return new IntVector(values.Select(Dim.Known).ToArray(), isScalar: shape.Length == 0);
            default:
                throw new OnnxGraphException($"{where}: tensor \"{tensor.Name}\" has element type {type}; expected FLOAT (or INT64/INT32 for shapes)");
        }
    }

    private static float[] Floats(TensorProto tensor, int count, string where)
    {
        if (tensor.HasRawData)
        {
            var raw = tensor.RawData.Span;
            Check(raw.Length, count * 4L, tensor, where, "bytes of raw_data");
            var values = new float[count];
            for (int i = 0; i < count; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * i, 4));
            return values;
        }

        Check(tensor.FloatData.Count, count, tensor, where, "values in float_data");
        return tensor.FloatData.ToArray();
    }

    private static long[] Integers(TensorProto tensor, int count, bool int64, string where)
    {
        if (tensor.HasRawData)
        {
            var raw = tensor.RawData.Span;
            int width = int64 ? 8 : 4;
            Check(raw.Length, (long)count * width, tensor, where, "bytes of raw_data");
            var values = new long[count];
            for (int i = 0; i < count; i++)
                values[i] = int64 ? BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(8 * i, 8)) : BinaryPrimitives.ReadInt32LittleEndian(raw.Slice(4 * i, 4));
            return values;
        }

        if (int64)
        {
            Check(tensor.Int64Data.Count, count, tensor, where, "values in int64_data");
            return tensor.Int64Data.ToArray();
        }

        Check(tensor.Int32Data.Count, count, tensor, where, "values in int32_data");
        return tensor.Int32Data.Select(v => (long)v).ToArray();
    }

    private static void Check(long found, long expected, TensorProto tensor, string where, string what)
    {
        if (found != expected)
            throw new OnnxGraphException($"{where}: tensor \"{tensor.Name}\" of shape [{string.Join(", ", tensor.Dims)}] needs {expected} {what}, found {found}");
    }
}
