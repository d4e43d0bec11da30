using System;
using System.IO;
using Google.Protobuf;
using Rnn.Import.Onnx.Protobuf;

namespace Rnn.Import.Onnx;

/// <summary>Reads an ONNX file into the schema's classes, with bounds, and recognises one from its first bytes.</summary>
internal static class OnnxModelFile
{
    /// <summary>Larger files are refused before reading: a recurrent model that runs on a small device is far smaller, and protobuf itself stops at 2 GiB.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    /// <summary>Nesting of protobuf messages (graphs inside attributes inside nodes …) beyond this is refused.</summary>
    private const int RecursionLimit = 64;

    /// <summary>ModelProto's field numbers (onnx.proto), to tell an ONNX model from other protobuf or binary files.</summary>
    private static readonly int[] s_modelFields = [1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25];

    public static ModelProto Read(string path)
    {
        long length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
            throw new ModelImportException(path, $"the file is {length} bytes; ONNX models of more than {MaxFileBytes} bytes are refused");
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            var input = CodedInputStream.CreateWithLimits(new MemoryStream(bytes, writable: false), bytes.Length, RecursionLimit);
            var model = ModelProto.Parser.ParseFrom(input);
            if (model.Graph is null)
                throw new ModelImportException(path, "not an ONNX model: there is no graph");
            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelImportException(path, $"not a valid ONNX model (is the file truncated or corrupt?): {e.Message}", e);
        }
    }

    /// <summary>
    /// Whether <paramref name="head"/> starts like a serialised ModelProto: field 1 (ir_version, a small
    /// varint) first, as every writer puts it, then another ModelProto field with its wire type.
    /// </summary>
    public static bool Recognizes(ReadOnlySpan<byte> head)
    {
        int at = 0;
        if (!TryReadVarint(head, ref at, out ulong tag) || tag != (1 << 3) || !TryReadVarint(head, ref at, out ulong ir) || ir is 0 or > 100)
            return false;
        if (!TryReadVarint(head, ref at, out tag))
            return at >= head.Length;
        int field = (int)(tag >> 3), wire = (int)(tag & 7);
        if (field == 1 || Array.IndexOf(s_modelFields, field) < 0)
            return false;
        bool varintField = field is 1 or 5;
        return varintField ? wire == 0 : wire == 2;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int at, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && at < bytes.Length; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return true;
        }

        return false;
    }
}
