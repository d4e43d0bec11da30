using System;
using System.Linq;
using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>
/// Sequence mode: <c>Run</c> over T steps takes the network layer by layer over chunks of steps, and a
/// recurrent layer with many inputs first computes its input projections P[t] = W_x x_t + b for the whole
/// chunk as one matrix product (as ONNX Runtime and cuDNN do), each weight read once per few steps instead
/// of once per step; only h → W_h h + P[t] → gates remains inside the recurrence. Results equal
/// <c>Step</c>'s up to summation order.
/// </summary>
internal static class SequenceEmitter
{
    /// <summary>Steps whose projections one pass over a weight vector computes together (accumulators per weight load).</summary>
    private const int StepsPerTile = 4;

    /// <summary>True when some layer of the plan takes the projection path (otherwise Run steps one at a time).</summary>
    public static bool Applies(NetworkPlan plan) => plan.Layers.Any(CodeShape.ProjectsInputs);

    /// <summary>Steps per chunk: as many as fit the stack budget, at most <see cref="CodeShape.MaxChunkSteps"/>.</summary>
    public static int ChunkSteps(NetworkPlan plan) =>
        Math.Max(1, Math.Min(CodeShape.MaxChunkSteps, CodeShape.ChunkFloats / PerStepFloats(plan)));

    /// <summary>Floats of chunk buffer per step: the widest projection and two sequence buffers (ping-pong between layers).</summary>
    private static int PerStepFloats(NetworkPlan plan) => ProjectionRows(plan) + 2 * SequenceWidth(plan);

    private static int ProjectionRows(NetworkPlan plan) =>
        plan.Layers.Where(CodeShape.ProjectsInputs).Select(l => l.Matrices[0].Rows).DefaultIfEmpty(0).Max();

    /// <summary>The widest per-step value a sequence buffer holds: a non-last layer's padded output, or the normalised input.</summary>
    private static int SequenceWidth(NetworkPlan plan)
    {
        int width = plan.Mean.Count > 0 ? plan.InputSize : 0;
        for (int l = 0; l < plan.Layers.Count - 1; l++)
            width = Math.Max(width, plan.Layers[l].PaddedOutput);
        return Math.Max(width, 1);
    }

    /// <summary>
    /// P[t, r] = b[r] + Σ_{j &lt; I} W[r, j] x[t, j] for the first I columns of the layer's first packed
    /// matrix (W_ih for GRU, the x part of [x; h] otherwise). A tile of a few weight vectors × 
    /// <see cref="StepsPerTile"/> steps keeps its sums in registers: each weight vector is loaded once per
    /// four steps, each broadcast input serves every vector of the tile, and the tile's independent sums
    /// (16 with Vector512, 8 otherwise: <see cref="CodeShape.FmasInFlight"/>) keep the FMA pipes busy; the
    /// panels a tile reads stay in L1 across the chunk.
    /// </summary>
    public static void EmitProjection(CodeWriter w, LayerPlan layer, int index, SimdFlavor flavor)
    {
        var matrix = layer.Matrices[0];
        int rows = matrix.Rows, inputs = layer.InputSize, width = flavor.Width, vectors = rows / width;
        int inFlight = width == 16 ? CodeShape.FmasInFlightWithAvx512 : CodeShape.FmasInFlight;
        int tile = Math.Max(1, Math.Min(inFlight / StepsPerTile, vectors));
        using var method = w.Block($"private static void {LayerEmitter.ProjectionName(index, flavor)}(ref float x, int stride, int steps, ref float p, ref float image)");
        LayerEmitter.BindWeights(w, index, 0);
        w.Line($"// p[t * {rows} + r] = b[r] + W[r, 0..{inputs}) · x[t * stride ..], {tile} vector(s) × {StepsPerTile} steps at a time");
        w.Line("int v = 0;");
        EmitProjectionTiles(w, flavor, matrix, inputs, tile, vectors / tile * tile);
        if (vectors % tile != 0)
            EmitProjectionTiles(w, flavor, matrix, inputs, 1, vectors);
    }

    /// <summary>Vectors v (continuing from the current v) up to <paramref name="end"/>, <paramref name="tile"/> at a time.</summary>
    private static void EmitProjectionTiles(CodeWriter w, SimdFlavor flavor, MatrixPlan matrix, int inputs, int tile, int end)
    {
        int rows = matrix.Rows, panel = matrix.PanelWidth, columns = matrix.Columns, width = flavor.Width;
        string name = flavor.Name;
        using var loop = w.Block($"for (; v < {end}; v += {tile})");
        for (int i = 0; i < tile; i++)
        {
            string vi = i == 0 ? "v" : $"(v + {i})";
            w.Line($"ref float weights{i} = ref Unsafe.Add(ref w, {vi} * {width} / {panel} * {panel * columns} + {vi} * {width} % {panel});");
            w.Line($"var bias{i} = {name}.LoadUnsafe(ref b, (nuint)({vi} * {width}));");
        }

        w.Line("int t = 0;");
        using (w.Block($"for (; t + {StepsPerTile} <= steps; t += {StepsPerTile})"))
        {
            w.Line("ref float x0 = ref Unsafe.Add(ref x, t * stride);");
            for (int k = 1; k < StepsPerTile; k++)
                w.Line($"ref float x{k} = ref Unsafe.Add(ref x{k - 1}, stride);");
            for (int i = 0; i < tile; i++)
            {
                for (int k = 0; k < StepsPerTile; k++)
                    w.Line($"var a{i}_{k} = bias{i};");
            }

            using (w.Block($"for (int j = 0; j < {inputs}; j++)"))
            {
                w.Line($"nuint column = (nuint)(j * {panel});");
                for (int i = 0; i < tile; i++)
                    w.Line($"var weight{i} = {name}.LoadUnsafe(ref weights{i}, column);");
                for (int k = 0; k < StepsPerTile; k++)
                {
                    w.Line($"var input{k} = {name}.Create(Unsafe.Add(ref x{k}, j));");
                    for (int i = 0; i < tile; i++)
                        w.Line($"a{i}_{k} = {name}.MultiplyAddEstimate(weight{i}, input{k}, a{i}_{k});");
                }
            }

            for (int i = 0; i < tile; i++)
            {
                for (int k = 0; k < StepsPerTile; k++)
                    w.Line(flavor.Store($"a{i}_{k}", "p", $"(nuint)((t + {k}) * {rows} + (v + {i}) * {width})"));
            }
        }

        using (w.Block("for (; t < steps; t++)"))
        {
            w.Line("ref float xt = ref Unsafe.Add(ref x, t * stride);");
            for (int i = 0; i < tile; i++)
                w.Line($"var a{i} = bias{i};");
            using (w.Block($"for (int j = 0; j < {inputs}; j++)"))
            {
                w.Line($"var input = {name}.Create(Unsafe.Add(ref xt, j));");
                for (int i = 0; i < tile; i++)
                    w.Line($"a{i} = {name}.MultiplyAddEstimate({name}.LoadUnsafe(ref weights{i}, (nuint)(j * {panel})), input, a{i});");
            }

            for (int i = 0; i < tile; i++)
                w.Line(flavor.Store($"a{i}", "p", $"(nuint)(t * {rows} + (v + {i}) * {width})"));
        }
    }

    /// <summary>x' = (x - mean) * (1 / std) for <paramref name="count"/> steps from <paramref name="input"/> into sequence buffer A (rows of <paramref name="width"/>).</summary>
    public static void EmitNormalization(CodeWriter w, string input, string count, int width, string what)
    {
        w.Line($"// x' = (x - mean) * (1 / std) for {what}, into sequence buffer A");
        w.Line($"ref float mean = ref Unsafe.Add(ref image, {WeightsEmitter.WeightLayout.InputMean});");
        w.Line($"ref float inverseStd = ref Unsafe.Add(ref image, {WeightsEmitter.WeightLayout.InputInverseStd});");
        w.Line($"ref float raw = ref {input};");
        w.Line($"for (int c = 0; c < {count}; c++)");
        w.Line("    for (int i = 0; i < InputSize; i++)");
        w.Line($"        Unsafe.Add(ref sequenceA, c * {width} + i) = {NormalizationMath.Normalized("Unsafe.Add(ref raw, c * InputSize + i)", "Unsafe.Add(ref mean, i)", "Unsafe.Add(ref inverseStd, i)")};");
    }

    /// <summary>
    /// <c>Run{flavor}</c>: chunks of steps, each taken layer by layer. A projecting layer computes its chunk's
    /// input projections first and then steps its recurrence; any other layer steps as in <c>Step</c>. Each
    /// layer's outputs go to a sequence buffer the next layer reads (the last layer's to the caller's span).
    /// </summary>
    public static void EmitRun(CodeWriter w, NetworkPlan plan, SimdFlavor flavor)
    {
        int chunk = ChunkSteps(plan), projectionRows = ProjectionRows(plan), width = SequenceWidth(plan);
        var last = plan.Layers[plan.Layers.Count - 1];
        string scratch = plan.LayerScratchOffset == 0 ? "t" : $"Unsafe.Add(ref t, {plan.LayerScratchOffset})";
        w.Line();
        using var method = w.Block($"private void Run{flavor.Name}(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int steps)");
        if (plan.TracksStart)
            InitialStateEmitter.EmitCheck(w);
        w.Line("ref float s = ref _state[0];");
        w.Line("ref float t = ref _scratch[0];");
        w.Line("ref float image = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(WeightImage.Data), WeightImage.Start);");
        w.Line($"int chunk = global::System.Math.Min(steps, {chunk});");
        w.Line($"// Per chunk step: {projectionRows} projection rows, then two sequence buffers of {width}.");
        w.Line($"global::System.Span<float> buffer = stackalloc float[chunk * {projectionRows + 2 * width}];");
        w.Line("ref float projection = ref MemoryMarshal.GetReference(buffer);");
        w.Line($"ref float sequenceA = ref Unsafe.Add(ref projection, chunk * {projectionRows});");
        w.Line($"ref float sequenceB = ref Unsafe.Add(ref sequenceA, chunk * {width});");
        w.Line("bool reverse = _reverse;");
        using (w.Block("for (int first = 0; first < steps; first += chunk)"))
        {
            w.Line("int count = global::System.Math.Min(chunk, steps - first);");
            w.Line("ref float y = ref Unsafe.Add(ref MemoryMarshal.GetReference(outputs), first * OutputSize);");
            string input = "Unsafe.Add(ref MemoryMarshal.GetReference(inputs), first * InputSize)";
            string stride = "InputSize";
            string free = "sequenceA";
            if (plan.Mean.Count > 0)
            {
                EmitNormalization(w, input, "count", width, "the chunk");
                input = "sequenceA";
                stride = width.ToString();
                free = "sequenceB";
            }

            for (int l = 0; l < plan.Layers.Count; l++)
            {
                var layer = plan.Layers[l];
                var layerFlavor = flavor.For(layer);
                bool isLast = l == plan.Layers.Count - 1;
                using (w.Block($"// layers[{l}]: {DescriptorNames.Of(layer.Kind)} {layer.InputSize}→{layer.OutputSize}"))
                {
                    w.Line($"ref float input = ref {input};");
                    bool projects = CodeShape.ProjectsInputs(layer);
                    if (projects)
                        w.Line($"{LayerEmitter.ProjectionName(l, layerFlavor)}(ref input, {stride}, count, ref projection, ref image);");
                    w.Line("bool walk = reverse;");
                    using (w.Block("for (int c = 0; c < count; c++)"))
                    {
                        w.Line("walk = !walk;");
                        if (projects)
                            w.Line($"{LayerEmitter.RecurrenceName(l, layerFlavor)}(ref Unsafe.Add(ref projection, c * {layer.Matrices[0].Rows}), ref s, ref {scratch}, ref image, walk);");
                        else
                            w.Line($"{LayerEmitter.MethodName(l, layerFlavor)}(ref Unsafe.Add(ref input, c * {stride}), ref s, ref {scratch}, ref image, walk);");
                        string output = LayerEmitter.At("s", layer.StateOffset);
                        if (isLast)
                            w.Line($"MemoryMarshal.CreateReadOnlySpan(ref {output}, OutputSize).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref y, c * OutputSize), OutputSize));");
                        else
                            w.Line($"MemoryMarshal.CreateReadOnlySpan(ref {output}, {layer.PaddedOutput}).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref {free}, c * {width}), {layer.PaddedOutput}));");
                    }
                }

                input = free;
                stride = width.ToString();
                free = free == "sequenceA" ? "sequenceB" : "sequenceA";
            }

            if (plan.Skip > 0)
                SkipEmitter.Emit(w, plan, "Unsafe.Add(ref MemoryMarshal.GetReference(inputs), first * InputSize)", "y", "count");
            w.Line("// Every layer walked count steps; the next chunk continues the alternation.");
            w.Line("if ((count & 1) == 1)");
            w.Line("    reverse = !reverse;");
        }

        w.Line("_reverse = reverse;");
    }
}
