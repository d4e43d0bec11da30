using Rnn.Runtime;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Model;

/// <summary>
/// A descriptor turned into what the emitter writes: sizes, buffer offsets and weights already packed in
/// the kernels' panel layout (by the runtime's own packing code). <see cref="Precision"/> is the descriptor's
/// weight_precision as planned, and the precision the code is built with once <c>PrecisionPlanner</c> has
/// applied the attribute's. Cache boundary type: keep value equality.
/// </summary>
internal sealed record NetworkPlan(
    int InputSize,
    int OutputSize,
    EquatableArray<float> Mean,
    EquatableArray<float> InverseStd,
    EquatableArray<LayerPlan> Layers,
    int StateLength,
    int ScratchLength,
    int LayerScratchOffset,
    string Summary,
    int Skip = 0,
    bool WholeSequence = false,
    WeightPrecision Precision = WeightPrecision.Float32)
{
    /// <summary>Whether the model keeps a flag telling whether its state was loaded (step-by-step models with an initial state; whole-sequence models load it on every Run).</summary>
    public bool TracksStart => HasInitialState && !WholeSequence;

    /// <summary>Whether some layer starts from a learned state (so Reset and a default model load it instead of zeros).</summary>
    public bool HasInitialState
    {
        get
        {
            foreach (var layer in Layers)
            {
                if (layer.Cell is { InitialState.Count: > 0 })
                    return true;
            }

            return false;
        }
    }

    /// <summary>Floats of packed weights and biases the generated file embeds.</summary>
    public long PackedWeightCount
    {
        get
        {
            long count = Mean.Count + InverseStd.Count;
            foreach (var layer in Layers)
            {
                if (layer.Cell is { } cell)
                    count += cell.Peephole.Count + cell.InitialState.Count;
                foreach (var matrix in layer.Matrices)
                    count += matrix.Weights.Count + matrix.Bias.Count;
            }

            return count;
        }
    }
}

/// <summary>
/// One layer, or one direction's pass of a bidirectional layer: its kind, sizes (output padded to the panel
/// width), where its state lives in the model's state buffer, and its packed matrices; for recurrent layers
/// the cell's settings (<see cref="Cell"/>). <see cref="Source"/> is the descriptor's layer index and
/// <see cref="OutputColumn"/> where this pass's values start in that layer's output (S for the reverse
/// pass of a bidirectional layer, else 0). Cache boundary type: keep value equality.
/// </summary>
internal sealed record LayerPlan(
    LayerKind Kind,
    Activation Activation,
    int InputSize,
    int OutputSize,
    int PaddedOutput,
    int StateOffset,
    EquatableArray<MatrixPlan> Matrices,
    CellPlan? Cell = null,
    int Source = 0,
    int OutputColumn = 0);

/// <summary>
/// A recurrent pass's cell: H (<see cref="HiddenSize"/>) and its padded gate stride, the direction it walks,
/// descriptor v2's settings, and the peephole and initial-state values as the code reads them (peepholes
/// i, f, o each padded to <see cref="PaddedHidden"/>; the initial state laid out as the pass's state region:
/// h padded, then for LSTM c padded). Matrices by kind: LSTM [W over [x; h]] plus W_hr with a projection;
/// GRU [W_ih, W_hh] with <see cref="ResetAfter"/>, else [W_ih, W_hh rows r and z, W_hn]; RNN [W over [x; h]].
/// <see cref="RowWidth"/> is the padded width of the layer's whole output row (both directions) that the
/// next layer reads. Cache boundary type: keep value equality.
/// </summary>
internal sealed record CellPlan(
    int HiddenSize,
    int PaddedHidden,
    RecurrentDirection Direction,
    bool ResetAfter,
    int ProjectionSize,
    float Clip,
    Activation GateActivation,
    float HardSigmoidAlpha,
    float HardSigmoidBeta,
    EquatableArray<float> Peephole,
    EquatableArray<float> InitialState,
    int RowWidth)
{
    /// <summary>Whether gate pre-activations are clamped to [-Clip, Clip].</summary>
    public bool Clips => Clip > 0;
}

/// <summary>
/// A packed matrix and its bias: <see cref="Rows"/> (padded) rows in panels of <see cref="PanelWidth"/> rows
/// over <see cref="Columns"/> inputs; or, when <see cref="RowMajor"/>, <see cref="Rows"/> unpadded rows of
/// <see cref="Columns"/> weights each (the padded input length, zeros past the real inputs) for the dot-product
/// form of a narrow dense layer. Cache boundary type: keep value equality.
/// </summary>
/// <see cref="Precision"/> says how the code stores and reads the weights (float32 values here, quantized
/// into words by the weight image); a row-major matrix stays float32, holding the rounded values.
internal sealed record MatrixPlan(int Rows, int Columns, int PanelWidth, bool RowMajor, EquatableArray<float> Weights, EquatableArray<float> Bias,
    WeightPrecision Precision = WeightPrecision.Float32)
{
    /// <summary>Inputs per 32-bit word of the weight image: 1 for float32, 2 for float16/bfloat16, 4 for int8.</summary>
    public int Group => global::Rnn.Runtime.Precision.WeightQuantizer.GroupSize(Precision);

    /// <summary>Word groups per panel row: ⌈Columns / Group⌉ (Columns for float32).</summary>
    public int Groups => (Columns + Group - 1) / Group;
}

/// <summary>A descriptor file read once per content: its plan, or the reader's diagnostic. Cache boundary type: keep value equality.</summary>
internal sealed record LoadedDescriptor(string Path, NetworkPlan? Plan, DiagnosticInfo? Error);

/// <summary>What the output step gets: a request bound to its plan, or diagnostics. Cache boundary type: keep value equality.</summary>
internal sealed record ModelResult(ModelRequest? Request, NetworkPlan? Plan, string? DescriptorPath, EquatableArray<DiagnosticInfo> Diagnostics);
