using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Model;

/// <summary>
/// A descriptor turned into what the emitter writes: sizes, buffer offsets and weights already packed in
/// the kernels' panel layout (by the runtime's own packing code). Cache boundary type: keep value equality.
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
    string Summary)
{
    /// <summary>Floats of packed weights and biases the generated file embeds.</summary>
    public long PackedWeightCount
    {
        get
        {
            long count = Mean.Count + InverseStd.Count;
            foreach (var layer in Layers)
            {
                foreach (var matrix in layer.Matrices)
                    count += matrix.Weights.Count + matrix.Bias.Count;
            }

            return count;
        }
    }
}

/// <summary>
/// One layer: its kind, sizes (output padded to the panel width), where its state lives in the model's
/// state buffer, and its packed matrices. Cache boundary type: keep value equality.
/// </summary>
internal sealed record LayerPlan(
    LayerKind Kind,
    Activation Activation,
    int InputSize,
    int OutputSize,
    int PaddedOutput,
    int StateOffset,
    EquatableArray<MatrixPlan> Matrices);

/// <summary>
/// A packed matrix and its bias: <see cref="Rows"/> (padded) rows in panels of <see cref="PanelWidth"/> rows
/// over <see cref="Columns"/> inputs; or, when <see cref="RowMajor"/>, <see cref="Rows"/> unpadded rows of
/// <see cref="Columns"/> weights each (the padded input length, zeros past the real inputs) for the dot-product
/// form of a narrow dense layer. Cache boundary type: keep value equality.
/// </summary>
internal sealed record MatrixPlan(int Rows, int Columns, int PanelWidth, bool RowMajor, EquatableArray<float> Weights, EquatableArray<float> Bias);

/// <summary>A descriptor file read once per content: its plan, or the reader's diagnostic. Cache boundary type: keep value equality.</summary>
internal sealed record LoadedDescriptor(string Path, NetworkPlan? Plan, DiagnosticInfo? Error);

/// <summary>What the output step gets: a request bound to its plan, or diagnostics. Cache boundary type: keep value equality.</summary>
internal sealed record ModelResult(ModelRequest? Request, NetworkPlan? Plan, string? DescriptorPath, EquatableArray<DiagnosticInfo> Diagnostics);
