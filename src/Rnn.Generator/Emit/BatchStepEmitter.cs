using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// Writes a model's batched step: <c>StepBatch(Span&lt;TModel&gt; streams, inputs, outputs)</c> advances B
/// independent streams, each an ordinary instance of the model, one time step, with one method per layer
/// and SIMD path that walks the layer's products block by block and each block over every stream (see
/// <see cref="StreamLoop"/>): a block's weights come from L2 for the first stream and from L1 for the
/// others, where B calls of Step would read every weight from L2 B times. Each row of each product and
/// all element-wise code are the single-stream code, so every stream's outputs are bit-identical to its Step.
/// </summary>
internal static class BatchStepEmitter
{
    private const string WholeSequenceOnly =
        "This model has a reverse or bidirectional layer, so it needs the whole sequence before its first output: its streams cannot be stepped; call Run on each stream with its complete sequence.";

    /// <summary>Whether the model type can be a span element: a struct or record struct can, a <c>ref struct</c> cannot.</summary>
    public static bool Applies(ModelRequest request) => request.TypeKeyword != "ref struct";

    /// <summary>The public StepBatch methods, the stream lookup types, and the per-path batched steps and layers.</summary>
    public static void Emit(CodeWriter w, ModelRequest request, NetworkPlan plan)
    {
        string type = request.TypeName;
        WriteApi(w, type);
        foreach (var flavor in SimdFlavor.All)
            WriteStep(w, plan, type, flavor);
        for (int l = 0; l < plan.Layers.Count; l++)
        {
            string input = l > 0 ? LayerEmitter.At("s", plan.Layers[l - 1].StateOffset)
                : plan.Mean.Count > 0 ? "streamModel._scratch[0]"
                : "Unsafe.Add(ref batchInputs, stream * InputSize)";
            foreach (var flavor in SimdFlavor.All)
            {
                // As for Step: a layer narrower than 16 lanes runs its Vector256 method inside the Vector512 step.
                if (flavor.For(plan.Layers[l]) != flavor)
                    continue;
                w.Line();
                LayerEmitter.Emit(w, plan.Layers[l], l, flavor, streams: new StreamLoop(type, plan.LayerScratchOffset, input));
            }
        }
    }

    /// <summary>For a whole-sequence model: StepBatch refused at compile time (CS0619), as Step is.</summary>
    public static void EmitUnavailable(CodeWriter w, ModelRequest request) => w.Lines($$"""

        /// <summary>Not available: this model needs the whole sequence; call Run on each stream.</summary>
        /// <exception cref="global::System.InvalidOperationException">Always.</exception>
        [global::System.Obsolete("{{WholeSequenceOnly}}", error: true)]
        public static void StepBatch(global::System.Span<{{request.TypeName}}> streams, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs) =>
            throw new global::System.InvalidOperationException("{{WholeSequenceOnly}}");

        /// <summary>Not available: this model needs the whole sequence; call Run on each stream.</summary>
        /// <exception cref="global::System.InvalidOperationException">Always.</exception>
        [global::System.Obsolete("{{WholeSequenceOnly}}", error: true)]
        public static void StepBatch(global::System.Span<{{request.TypeName}}> streams, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, SimdPath path) =>
            throw new global::System.InvalidOperationException("{{WholeSequenceOnly}}");
        """);

    private static void WriteApi(CodeWriter w, string type)
    {
        const string Arguments = "default(SpanStreams), ref MemoryMarshal.GetReference(streams), streams.Length, inputs, outputs";
        const string Check = "StepArguments.CheckBatch(streams.Length, inputs.Length, outputs.Length, InputSize, OutputSize);";
        string parameters = $"global::System.Span<{type}> streams, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs";
        w.Lines("""

            /// <summary>
            /// Advances every stream one time step on the widest SIMD path this machine accelerates, reading each
            /// weight from memory once for all of them instead of once per stream. Stream k is an ordinary
            /// instance of this model (<c>streams[k].Reset()</c> starts it over, <c>streams[k].Step</c> steps it
            /// alone); it reads <c>inputs[k × InputSize, (k + 1) × InputSize)</c> and writes
            /// <c>outputs[k × OutputSize, (k + 1) × OutputSize)</c>, bit-identical to what its own Step would write.
            /// </summary>
            /// <exception cref="global::System.ArgumentException">A span's length is not streams.Length × the model's size.</exception>
            """);
        using (w.Block($"public static void StepBatch({parameters})"))
        {
            w.Line(Check);
            w.Line($"StepBatchBest({Arguments});");
        }

        w.Line();
        w.Line("/// <summary>Advances every stream one time step on the chosen SIMD path (tests use it to run every path on one machine).</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not streams.Length × the model's size, or <paramref name=\"path\"/> is not accelerated here.</exception>");
        using (w.Block($"public static void StepBatch({parameters}, SimdPath path)"))
        {
            w.Line(Check);
            ModelEmitter.WriteSwitchOnPath(w, "StepBatch", Arguments);
        }

        w.Line();
        w.Line("// The JIT and NativeAOT fold IsHardwareAccelerated to a constant: only one path remains.");
        w.Line($"private static void StepBatchBest<TStreams>({new StreamLoop(type, 0, "").Parameters}, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs)");
        w.Open($"    {StreamLoop.Constraint}");
        ModelEmitter.WriteBestPath(w, "StepBatch", $"{StreamLoop.Arguments}, inputs, outputs");
        w.Close();
        w.Lines($$"""

            /// <summary>Finds stream k of a batch from the first: in a span of models, or behind the C entry points' table of state buffers.</summary>
            private interface IStreams
            {
                ref {{type}} At(ref {{type}} head, int index);
            }

            /// <summary>Stream k of a span of models: the k-th element.</summary>
            private readonly struct SpanStreams : IStreams
            {
                public ref {{type}} At(ref {{type}} head, int index) => ref Unsafe.Add(ref head, index);
            }
            """);
    }

    /// <summary><c>StepBatch{Flavor}</c>: per stream, the start-of-sequence and direction bookkeeping of Step and the normalised input; then each layer's batched method; then each stream's outputs.</summary>
    private static void WriteStep(CodeWriter w, NetworkPlan plan, string type, SimdFlavor flavor)
    {
        var last = plan.Layers[plan.Layers.Count - 1];
        w.Line();
        w.Line($"private static void StepBatch{flavor.Name}<TStreams>({new StreamLoop(type, 0, "").Parameters}, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs)");
        w.Open($"    {StreamLoop.Constraint}");
        w.Line("if (streamCount == 0)");
        w.Line("    return;");
        w.Line("ref float image = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(WeightImage.Data), WeightImage.Start);");
        w.Line("ref float batchInputs = ref MemoryMarshal.GetReference(inputs);");
        w.Line("ref float batchOutputs = ref MemoryMarshal.GetReference(outputs);");
        using (w.Block("for (int stream = 0; stream < streamCount; stream++)"))
        {
            w.Line($"ref {type} streamModel = ref streams.At(ref head, stream);");
            if (plan.TracksStart)
            {
                w.Line("if (!streamModel._started)");
                w.Line("    streamModel.Start();");
            }

            // Each stream flips its direction as its own Step would, so a stream stepped alone afterwards carries on the same.
            w.Line("streamModel._reverse = !streamModel._reverse;");
            if (plan.Mean.Count > 0)
            {
                w.Line("// x' = (x - mean) * (1 / std), into the front of the stream's scratch, as Step does");
                w.Line("ref float x = ref Unsafe.Add(ref batchInputs, stream * InputSize);");
                w.Line("ref float t = ref streamModel._scratch[0];");
                w.Line($"ref float mean = ref Unsafe.Add(ref image, {WeightsEmitter.WeightLayout.InputMean});");
                w.Line($"ref float inverseStd = ref Unsafe.Add(ref image, {WeightsEmitter.WeightLayout.InputInverseStd});");
                w.Line("for (int i = 0; i < InputSize; i++)");
                w.Line($"    Unsafe.Add(ref t, i) = {NormalizationMath.Normalized("Unsafe.Add(ref x, i)", "Unsafe.Add(ref mean, i)", "Unsafe.Add(ref inverseStd, i)")};");
            }
        }

        w.Line("// The batch walks large layers the way stream 0 does this step; rows are independent, so the direction changes no result.");
        w.Line("bool reverse = head._reverse;");
        for (int l = 0; l < plan.Layers.Count; l++)
            w.Line($"{StreamLoop.MethodName(LayerEmitter.MethodName(l, flavor.For(plan.Layers[l])))}({StreamLoop.Arguments}, ref batchInputs, ref image, reverse);");
        using (w.Block("for (int stream = 0; stream < streamCount; stream++)"))
        {
            w.Line($"ref float s = ref streams.At(ref head, stream)._state[0];");
            w.Line($"MemoryMarshal.CreateReadOnlySpan(ref {LayerEmitter.At("s", last.StateOffset)}, OutputSize).CopyTo(outputs.Slice(stream * OutputSize, OutputSize));");
            if (plan.Skip > 0)
                SkipEmitter.Emit(w, plan, "Unsafe.Add(ref batchInputs, stream * InputSize)", "Unsafe.Add(ref batchOutputs, stream * OutputSize)", "1");
        }

        w.Close();
    }
}
