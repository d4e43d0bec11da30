using System;
using System.Collections.Generic;

namespace Rnn.Generator.Emit;

/// <summary>
/// How a layer emitter writes one layer for a batch of streams (<see cref="BatchStepEmitter"/>) with the code
/// it writes for one stream. A product is written block by block as for one stream, each block inside a loop
/// over the streams (the block's weights come from L2 for the first stream and from L1 for the others); the
/// element-wise code between products is written once inside a loop over the streams. Each loop starts by
/// binding that stream's <c>s</c> (state), <c>t</c> (layer scratch) and <c>x</c> (layer input), then every
/// per-stream reference the layer declared so far (<see cref="Bind"/>), so the block and gate code read
/// exactly as in the single-stream method and each row's arithmetic is the same. A null loop means one
/// stream: <see cref="Bind"/> writes at once and <see cref="Each"/> writes nothing.
/// </summary>
internal sealed class StreamLoop
{
    private readonly List<string> _bindings = new();

    /// <param name="typeName">The model type.</param>
    /// <param name="scratchOffset">Where layer scratch starts in a stream's scratch buffer.</param>
    /// <param name="input">The layer input of stream <c>stream</c>, a <c>ref float</c> expression over <c>s</c>, <c>streamModel</c> and <c>batchInputs</c>.</param>
    public StreamLoop(string typeName, int scratchOffset, string input)
    {
        TypeName = typeName;
        ScratchOffset = scratchOffset;
        Input = input;
    }

    public string TypeName { get; }

    public int ScratchOffset { get; }

    public string Input { get; }

    /// <summary>The batched layer method's name for <see cref="LayerEmitter.MethodName"/>.</summary>
    public static string MethodName(string layerMethod) => layerMethod + "Batch";

    /// <summary>The parameters every batched method takes, and the arguments that pass them on.</summary>
    public const string Arguments = "streams, ref head, streamCount";

    /// <summary>The opening line of a batched method; <see cref="Constraint"/> follows it.</summary>
    public string Parameters => $"TStreams streams, ref {TypeName} head, int streamCount";

    /// <summary>The type parameter's constraint: a struct that finds stream k (specialised per caller, so the lookup inlines).</summary>
    public const string Constraint = "where TStreams : struct, IStreams";

    /// <summary>A per-stream <c>ref</c> local: written now for one stream; for a batch, at the top of every stream loop.</summary>
    public static void Bind(CodeWriter w, StreamLoop? streams, string line)
    {
        if (streams is null)
            w.Line(line);
        else
            streams._bindings.Add(line);
    }

    /// <summary>Opens a loop over the streams (closed on dispose) binding each stream's references; null for one stream.</summary>
    public static IDisposable? Each(CodeWriter w, StreamLoop? streams)
    {
        if (streams is null)
            return null;
        var loop = w.Block("for (int stream = 0; stream < streamCount; stream++)");
        w.Line($"ref {streams.TypeName} streamModel = ref streams.At(ref head, stream);");
        w.Line("ref float s = ref streamModel._state[0];");
        w.Line(streams.ScratchOffset == 0 ? "ref float t = ref streamModel._scratch[0];" : $"ref float t = ref Unsafe.Add(ref streamModel._scratch[0], {streams.ScratchOffset});");
        w.Line($"ref float x = ref {streams.Input};");
        foreach (string binding in streams._bindings)
            w.Line(binding);
        return loop;
    }
}
