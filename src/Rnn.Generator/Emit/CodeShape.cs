using System;
using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Emit;

/// <summary>
/// The cost model that shapes generated code by layer size: how wide the weight panels are, how many
/// accumulators a block of rows keeps in flight, and what is written out versus looped over. Every
/// threshold lives here, named, with the reason for it; the emitters only ask.
/// </summary>
/// <remarks>
/// A step is bound by one of two things. Small layers are latency-bound: each step waits for the previous
/// step's h, so what counts is the length of the chain h → products → activations → h and keeping enough
/// independent FMAs in flight to cover their latency. Large layers are bandwidth-bound: every step reads
/// every weight, so what counts is streaming the weights with full-width aligned loads in a compact loop.
/// </remarks>
internal static class CodeShape
{
    /// <summary>
    /// Units from which a layer's weights are packed in 16-row panels (one Vector512, two Vector256):
    /// below it a 16-lane vector is half padding (RTNeural's AVX-512 build is slower than its AVX2 build
    /// at 8 units for that reason), so such layers keep 8-row panels and run Vector256 code on every path.
    /// </summary>
    public const int WidePanelFromUnits = 16;

    /// <summary>
    /// Independent multiply-add chains a block aims for: FMA latency (4 cycles on current x64 and ARM
    /// cores) × FMA pipes (2) — fewer leaves the pipes idle waiting on the previous FMA of each chain.
    /// </summary>
    public const int FmasInFlight = 8;

    /// <summary>
    /// The same with AVX-512's 32 vector registers: twice as many chains halve each chain's length, which
    /// is what bounds a block whose inputs are few (a step waits for the last FMA of the longest chain).
    /// </summary>
    public const int FmasInFlightWithAvx512 = 16;

    /// <summary>
    /// Accumulator vectors per block of rows. Eight plus a broadcast input fits the 16 vector registers
    /// of AVX2 without spills; each input broadcast is then shared by eight FMAs.
    /// </summary>
    public const int MaxBlockVectors = 8;

    /// <summary>
    /// The same for a layer that streams its weights (<see cref="IsStreaming"/>): a block reads one weight
    /// stream per panel, and four streams (each split into more chains) measured 3–6 % faster than eight
    /// once the weights come from L2 or beyond (LSTM 64→64, 1→256, 1→512, GRU 1→512), and slower on small
    /// layers that stay in L1 (LSTM 1→32).
    /// </summary>
    public const int MaxStreamingBlockVectors = 4;

    /// <summary>Most chains one accumulator is split into (even/odd inputs and so on).</summary>
    public const int MaxChains = 4;

    /// <summary>Inputs of one source (x or h) up to which the input loop is written out in full.</summary>
    public const int UnrollColumnsUpTo = 16;

    /// <summary>Row blocks up to which a product is written block by block; beyond, one loop over blocks with constant bounds.</summary>
    public const int UnrollBlocksUpTo = 4;

    /// <summary>Vectors of units up to which gate math is written out; beyond, a loop with constant bounds.</summary>
    public const int UnrollUnitVectorsUpTo = 4;

    /// <summary>Weight bytes above which a layer streams from L2 each step and alternates its traversal order.</summary>
    public const int StreamingBytes = 24 * 1024;

    /// <summary>
    /// Dense layers with at most this many units whose input is a padded state buffer are computed as dot
    /// products over row-major weights: a one-output head over 64 units is then four Vector512 FMAs and a
    /// horizontal sum instead of 64 chained FMAs into a mostly padded 8-row panel.
    /// </summary>
    public const int DotProductUpToUnits = 4;

    /// <summary>
    /// Inputs from which a recurrent layer's <c>Run</c> computes its input projections for a chunk of steps
    /// ahead of the recurrence (sequence mode). With fewer, W_x x is a handful of FMAs per step and the
    /// projection buffer's extra store and load would cost more than they save.
    /// </summary>
    public const int ProjectFromInputs = 8;

    /// <summary>Most steps per sequence-mode chunk.</summary>
    public const int MaxChunkSteps = 16;

    /// <summary>
    /// Floats of chunk buffer (projections and layer outputs) <c>Run</c> may put on the caller's stack:
    /// 32 KiB, small next to any thread's stack (C hosts call <c>run</c> from audio threads too); 16 steps of
    /// an LSTM with 64 units take 24 KiB, an LSTM with 512 units gets 4 steps per chunk.
    /// </summary>
    public const int ChunkFloats = 8 * 1024;

    /// <summary>Whether a layer takes the projection path in sequence mode (see <see cref="ProjectFromInputs"/>).</summary>
    /// <remarks>Reduced-precision layers step one at a time in Run: the projection kernel reads float32 panels only.</remarks>
    public static bool ProjectsInputs(LayerPlan layer) =>
        layer.Kind != LayerKind.Dense && layer.InputSize >= ProjectFromInputs && layer.Matrices[0].Precision == Rnn.Runtime.WeightPrecision.Float32;

    /// <summary>Rows per panel for a layer with <paramref name="units"/> outputs.</summary>
    public static int PanelWidth(int units) => units >= WidePanelFromUnits ? 16 : 8;

    /// <summary>Accumulator vectors per block for a product of <paramref name="vectors"/> output vectors of
    /// <paramref name="width"/> lanes over panels of <paramref name="panel"/> rows (blocks hold whole panels),
    /// in a layer that does or does not stream its weights.</summary>
    public static int BlockVectors(int vectors, int width, int panel, bool streaming)
    {
        int perPanel = Math.Max(1, panel / width);
        int most = streaming ? MaxStreamingBlockVectors : MaxBlockVectors;
        return Math.Min(vectors, Math.Max(most / perPanel, 1) * perPanel);
    }

    /// <summary>Chains per accumulator so a block keeps about <see cref="FmasInFlight"/> FMAs in flight
    /// (<see cref="FmasInFlightWithAvx512"/> on the Vector512 path).</summary>
    public static int Chains(int blockVectors, int columns, int width)
    {
        int inFlight = width == 16 ? FmasInFlightWithAvx512 : FmasInFlight;
        int chains = Math.Max(1, Math.Min(MaxChains, inFlight / blockVectors));
        // A chain needs a few inputs to pay for its zeroing and final add.
        while (chains > 1 && columns < 4 * chains)
            chains /= 2;
        return chains;
    }

    /// <summary>True when a layer's weights outgrow L1: it walks them both ways (see <see cref="LayerEmitter.Products"/>).</summary>
    public static bool IsStreaming(LayerPlan layer)
    {
        long bytes = 0;
        foreach (var matrix in layer.Matrices)
            bytes += WeightBytes(matrix);
        return bytes > StreamingBytes;
    }

    /// <summary>True when one matrix outgrows L1: its blocks take <see cref="MaxStreamingBlockVectors"/>.</summary>
    public static bool IsStreaming(MatrixPlan matrix) => WeightBytes(matrix) > StreamingBytes;

    /// <summary>Bytes a step reads: 4 per float32 weight, 4 per word of <see cref="MatrixPlan.Group"/> reduced weights.</summary>
    private static long WeightBytes(MatrixPlan matrix) => 4L * matrix.Weights.Count / matrix.Group;

    /// <summary>
    /// Chains per accumulator over reduced-precision words: a word's G inputs go to separate chains, so a
    /// load feeds independent FMAs. Two for float16/bfloat16; int8 takes four on Vector512 (32 registers) and
    /// two elsewhere, so the block's accumulators still fit 16 registers with the word and its decoded weight.
    /// </summary>
    public static int WordChains(int group, int width) => group == 4 && width == 16 ? 4 : 2;

    /// <summary>
    /// Accumulator vectors per block over words: the float32 choice, capped so block × chains accumulators
    /// stay within <see cref="FmasInFlight"/> (<see cref="FmasInFlightWithAvx512"/> on Vector512) registers.
    /// </summary>
    public static int WordBlockVectors(int vectors, int width, int panel, bool streaming, int group)
    {
        int perPanel = Math.Max(1, panel / width);
        int budget = (width == 16 ? FmasInFlightWithAvx512 : FmasInFlight) / WordChains(group, width);
        return Math.Min(BlockVectors(vectors, width, panel, streaming), Math.Max(budget / perPanel, 1) * perPanel);
    }

    /// <summary>Whether a dense layer takes the dot-product form (see <see cref="DotProductUpToUnits"/>).</summary>
    public static bool IsDotProduct(LayerKind kind, int units, bool inputIsState) =>
        kind == LayerKind.Dense && inputIsState && units <= DotProductUpToUnits;

    /// <summary>
    /// The widest vector a layer's code can use: its panel width, or for a dot-product layer the widest
    /// vector that divides its padded input. The Vector512 step runs a layer narrower than 16 on Vector256.
    /// </summary>
    public static int WidestVector(LayerPlan layer)
    {
        var matrix = layer.Matrices[0];
        if (matrix.RowMajor)
            return matrix.Columns % 16 == 0 ? 16 : 8;
        return matrix.PanelWidth;
    }
}
