using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>The dense layer for a batch of streams: one batched product, then each stream's activation.</summary>
internal sealed partial class DenseCell
{
    public override void StepBatch(StreamSet x, StreamSet state, StreamSet scratch, SimdPath path, bool reverse)
    {
        StreamSet y = state.Slice(0, _weights.Rows);
        MatVec.MultiplyBatch(_weights, _bias, x, y, path, reverse);
        for (int k = 0; k < x.Count; k++)
            Activate(y[k], path);
    }
}
