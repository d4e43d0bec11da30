using System;
using System.Collections.Generic;
using System.Linq;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// ONNX models (torch.onnx.export, tf2onnx, onnx.helper): LSTM, GRU and RNN nodes, stacked through the
/// relayouts exporters write between them, and a MatMul/Gemm/Add/activation head. The output must be every
/// step's output (built on Y, not Y_h). Refuses, naming the node and attribute, what a descriptor cannot
/// express.
/// </summary>
public sealed class OnnxImporter : IModelImporter
{
    /// <inheritdoc />
    public string Format => "onnx";

    /// <inheritdoc />
    public string Description => "ONNX model (LSTM, GRU, RNN nodes with a MatMul/Gemm head)";

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) => OnnxModelFile.Recognizes(head);

    /// <inheritdoc />
    public ModelDescriptor Import(string path)
    {
        var model = OnnxModelFile.Read(path);
        var opsets = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).ToList();
        if (opsets.Count == 0)
            throw new ModelImportException(path, "the model imports no opset of the default ONNX domain");
        int opset = checked((int)opsets.Max());
        try
        {
            var (inputSize, normalization, layers) = OnnxGraphTracer.Trace(model.Graph, opset);
            var extra = new List<KeyValuePair<string, MetadataValue>> { new("onnx_opset", MetadataValue.FromNumber(opset)) };
            if (model.ProducerName.Length > 0)
                extra.Add(new("producer_name", MetadataValue.FromString(model.ProducerName)));
            if (model.ProducerVersion.Length > 0)
                extra.Add(new("producer_version", MetadataValue.FromString(model.ProducerVersion)));
            return new ModelDescriptor(inputSize, layers, normalization, ModelImport.SourceMetadata(Format, path, extra));
        }
        catch (OnnxGraphException e)
        {
            throw new ModelImportException(path, e.Message, e);
        }
        catch (RnnDescriptorException e)
        {
            throw new ModelImportException(path, $"the imported layers are not a valid descriptor: {e.Message}", e);
        }
    }
}
