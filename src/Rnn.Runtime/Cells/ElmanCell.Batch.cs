using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>The Elman step for a batch of streams: <see cref="Step"/>'s phases, each over every stream.</summary>
internal sealed partial class ElmanCell
{
    public override void StepBatch(StreamSet x, StreamSet state, StreamSet scratch, SimdPath path, bool reverse)
    {
        int xhLength = InputSize + OutputSize;
        StreamSet xh = GatherInputAndHidden(x, state, scratch), preActivation = scratch.Slice(xhLength, _weights.Rows);
        MatVec.MultiplyBatch(_weights, _bias, xh, preActivation, path, reverse);
        for (int k = 0; k < x.Count; k++)
            Activate(preActivation[k], state[k].Slice(0, _weights.Rows), path);
    }
}
