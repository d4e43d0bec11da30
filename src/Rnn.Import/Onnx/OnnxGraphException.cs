using System;

namespace Rnn.Import.Onnx;

/// <summary>A problem found while tracing the graph: the message says where (node, input, attribute) without the file name, which <see cref="OnnxImporter"/> adds.</summary>
internal sealed class OnnxGraphException : Exception
{
    public OnnxGraphException(string problem)
        : base(problem)
    {
    }
}
