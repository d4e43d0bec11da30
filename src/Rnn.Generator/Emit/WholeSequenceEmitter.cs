using System;
using System.Linq;
using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>
/// Models with a reverse or bidirectional layer (descriptor v2) run whole sequences only: a reverse pass
/// needs the last step before its first output. <c>Run</c> takes its input as one complete sequence from
/// the initial state, layer by layer, each pass over every step (a reverse pass from the last step to the
/// first; layers with 8+ inputs project them ahead in chunks, as sequence mode does), through per-thread
/// sequence buffers grown once. <c>Step</c> is a compile-time error for callers
/// (<c>[Obsolete(error: true)]</c>); through the interfaces it throws <see cref="InvalidOperationException"/>.
/// </summary>
internal static class WholeSequenceEmitter
{
    private const string WholeSequenceOnly =
        "This model has a reverse or bidirectional layer, so it needs the whole sequence before its first output: call Run with the complete sequence instead of Step.";

    /// <summary>The public API in place of Step: Step refused, Run on the best or a chosen path.</summary>
    public static void EmitApi(CodeWriter w)
    {
        w.Lines($$"""

            /// <summary>Not available: this model needs the whole sequence; call <see cref="Run(global::System.ReadOnlySpan{float}, global::System.Span{float})"/>.</summary>
            /// <exception cref="global::System.InvalidOperationException">Always.</exception>
            [global::System.Obsolete("{{WholeSequenceOnly}}", error: true)]
            public void Step(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) => throw StepUnavailable();

            /// <summary>Not available: this model needs the whole sequence; call <see cref="Run(global::System.ReadOnlySpan{float}, global::System.Span{float}, SimdPath)"/>.</summary>
            /// <exception cref="global::System.InvalidOperationException">Always.</exception>
            [global::System.Obsolete("{{WholeSequenceOnly}}", error: true)]
            public void Step(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, SimdPath path) => throw StepUnavailable();

            void global::Rnn.Runtime.IRnnModel.Step(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) => throw StepUnavailable();

            void global::Rnn.Runtime.IGeneratedRnnModel.Step(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, SimdPath path) => throw StepUnavailable();

            private static global::System.InvalidOperationException StepUnavailable() => new("{{WholeSequenceOnly}}");

            """);
        w.Line();
        ModelEmitter.WriteRuns(w, "Runs one complete sequence from the model's initial state (no state carries over between calls)",
            "Runs one complete sequence on the chosen SIMD path");
    }

    /// <summary><c>Run{flavor}</c>: every layer (pass) over the whole sequence in turn.</summary>
    public static void EmitRun(CodeWriter w, NetworkPlan plan, SimdFlavor flavor)
    {
        int width = SequenceWidth(plan), lastSource = plan.Layers[plan.Layers.Count - 1].Source;
        string scratch = plan.LayerScratchOffset == 0 ? "t" : $"Unsafe.Add(ref t, {plan.LayerScratchOffset})";
        w.Line();
        using var method = w.Block($"private void Run{flavor.Name}(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int steps)");
        w.Line(plan.HasInitialState ? "Start();" : "_state = default;");
        w.Line("ref float s = ref _state[0];");
        w.Line("ref float t = ref _scratch[0];");
        w.Line("ref float image = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(WeightImage.Data), WeightImage.Start);");
        w.Line("ref float y = ref MemoryMarshal.GetReference(outputs);");
        w.Line($"// Two sequence buffers of steps × {width}: each layer reads one and writes the other.");
        w.Line($"ref float sequenceA = ref MemoryMarshal.GetArrayDataReference(SequenceBuffer.AtLeast(steps * {2 * width}));");
        w.Line($"ref float sequenceB = ref Unsafe.Add(ref sequenceA, steps * {width});");
        int projectionRows = plan.Layers.Where(l => Projects(l, flavor)).Select(l => l.Matrices[0].Rows).DefaultIfEmpty(0).Max();
        int chunk = projectionRows == 0 ? 0 : Math.Max(1, Math.Min(CodeShape.MaxChunkSteps, CodeShape.ChunkFloats / projectionRows));
        if (chunk > 0)
        {
            w.Line($"// Input projections of up to {chunk} steps at a time (sequence mode), on the caller's stack.");
            w.Line($"global::System.Span<float> projections = stackalloc float[{chunk * projectionRows}];");
            w.Line("ref float projection = ref MemoryMarshal.GetReference(projections);");
        }
        string input = "MemoryMarshal.GetReference(inputs)", stride = "InputSize", free = "sequenceA";
        if (plan.Mean.Count > 0)
        {
            SequenceEmitter.EmitNormalization(w, input, "steps", width, "every step");
            input = "sequenceA";
            stride = width.ToString();
            free = "sequenceB";
        }

        foreach (var group in plan.Layers.Select((layer, index) => (layer, index)).GroupBy(p => p.layer.Source))
        {
            bool isLast = group.Key == lastSource, bidirectional = group.Count() == 2;
            string output = isLast ? "y" : free, outputStride = isLast ? "OutputSize" : width.ToString();
            foreach (var (layer, index) in group)
            {
                var layerFlavor = flavor.For(layer);
                bool reverse = layer.Cell is { Direction: RecurrentDirection.Reverse };
                // The last layer writes exactly its outputs; others their padded row (zeros past the values) for the next layer.
                int count = isLast || bidirectional ? layer.OutputSize : layer.PaddedOutput;
                string what = layer.Cell is null ? "" : reverse ? " (reverse pass: last step to first)" : " (forward pass)";
                using (w.Block($"// {LayerEmitter.Label(layer)}: {DescriptorNames.Of(layer.Kind)} {layer.InputSize}→{layer.OutputSize}{what}"))
                {
                    w.Line($"ref float input = ref {input};");
                    w.Line($"ref float output = ref {output};");
                    w.Line("bool walk = false;");
                    // The step's call (whole, or the recurrence over the chunk's projection at row c) and its output copy.
                    void Body(string call)
                    {
                        w.Line("walk = !walk;");
                        w.Line(call);
                        string row = $"step * {outputStride}" + (layer.OutputColumn == 0 ? "" : $" + {layer.OutputColumn}");
                        w.Line($"MemoryMarshal.CreateReadOnlySpan(ref {LayerEmitter.At("s", layer.StateOffset)}, {count}).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, {row}), {count}));");
                        int end = layer.OutputColumn + layer.OutputSize, rowWidth = layer.Cell?.RowWidth ?? 0;
                        if (!isLast && bidirectional && layer.OutputColumn > 0 && rowWidth > end)
                            w.Line($"MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, step * {outputStride} + {end}), {rowWidth - end}).Clear();");
                    }

                    if (Projects(layer, flavor))
                    {
                        EmitProjectedPass(w, layer, index, layerFlavor, reverse, stride, chunk, Body, scratch);
                        continue;
                    }

                    using (w.Block(reverse ? "for (int step = steps - 1; step >= 0; step--)" : "for (int step = 0; step < steps; step++)"))
                        Body($"{LayerEmitter.MethodName(index, layerFlavor)}(ref Unsafe.Add(ref input, step * {stride}), ref s, ref {scratch}, ref image, walk);");
                }
            }

            input = free;
            stride = width.ToString();
            free = free == "sequenceA" ? "sequenceB" : "sequenceA";
        }

        if (plan.Skip > 0)
            SkipEmitter.Emit(w, plan, "MemoryMarshal.GetReference(inputs)", "y", "steps");
    }

    /// <summary>Whether a pass computes its input projections ahead in chunks (as sequence mode does; the scalar path steps).</summary>
    private static bool Projects(LayerPlan layer, SimdFlavor flavor) => !flavor.IsScalar && CodeShape.ProjectsInputs(layer);

    /// <summary>
    /// A pass in chunks of steps: the chunk's input projections W_x x_t + b first, then the recurrence over
    /// them, chunks and steps in the pass's direction (a reverse pass takes the last chunk first).
    /// </summary>
    private static void EmitProjectedPass(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor, bool reverse, string stride, int chunk,
        Action<string> body, string scratch)
    {
        int rows = layer.Matrices[0].Rows;
        string recurrence = $"{LayerEmitter.RecurrenceName(index, flavor)}(ref Unsafe.Add(ref projection, c * {rows}), ref s, ref {scratch}, ref image, walk);";
        using (w.Block(reverse ? $"for (int last = steps; last > 0; last -= {chunk})" : $"for (int first = 0; first < steps; first += {chunk})"))
        {
            w.Line(reverse ? $"int first = global::System.Math.Max(0, last - {chunk});" : $"int count = global::System.Math.Min({chunk}, steps - first);");
            if (reverse)
                w.Line("int count = last - first;");
            w.Line($"{LayerEmitter.ProjectionName(index, flavor)}(ref Unsafe.Add(ref input, first * {stride}), {stride}, count, ref projection, ref image);");
            using (w.Block(reverse ? "for (int c = count - 1; c >= 0; c--)" : "for (int c = 0; c < count; c++)"))
            {
                w.Line("int step = first + c;");
                body(recurrence);
            }
        }
    }

    /// <summary>The grow-once per-thread buffer behind the sequence buffers (a nested class: the model struct holds no reference).</summary>
    public static void EmitBuffers(CodeWriter w) => w.Lines("""

        /// <summary>Per-thread sequence buffers for Run: grown to the longest sequence seen, then reused (nothing allocated per call after that).</summary>
        private static class SequenceBuffer
        {
            [global::System.ThreadStatic]
            private static float[]? t_floats;

            public static float[] AtLeast(int length)
            {
                var floats = t_floats;
                if (floats is null || floats.Length < length)
                    t_floats = floats = new float[length];
                return floats;
            }
        }
        """);

    /// <summary>The widest row a sequence buffer holds: a non-last layer's output row, or the normalised input.</summary>
    private static int SequenceWidth(NetworkPlan plan)
    {
        int lastSource = plan.Layers[plan.Layers.Count - 1].Source;
        int width = plan.Mean.Count > 0 ? plan.InputSize : 0;
        foreach (var layer in plan.Layers)
        {
            if (layer.Source != lastSource)
                width = Math.Max(width, Math.Max(layer.PaddedOutput, layer.Cell?.RowWidth ?? 0));
        }

        return Math.Max(width, 1);
    }
}
