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
/// A packed matrix: <see cref="Rows"/> (padded) panels-of-8 rows over <see cref="Columns"/> inputs, and its bias.
/// Cache boundary type: keep value equality.
/// </summary>
internal sealed record MatrixPlan(int Rows, int Columns, EquatableArray<float> Weights, EquatableArray<float> Bias);

/// <summary>A descriptor file read once per content: its plan, or the reader's diagnostic. Cache boundary type: keep value equality.</summary>
internal sealed record LoadedDescriptor(string Path, NetworkPlan? Plan, DiagnosticInfo? Error);

/// <summary>What the output step gets: a request bound to its plan, or diagnostics. Cache boundary type: keep value equality.</summary>
internal sealed record ModelResult(ModelRequest? Request, NetworkPlan? Plan, string? DescriptorPath, EquatableArray<DiagnosticInfo> Diagnostics);
