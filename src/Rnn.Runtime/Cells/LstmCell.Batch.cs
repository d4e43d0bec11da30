using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>The LSTM step for a batch of streams: <see cref="Step"/>'s phases, each over every stream.</summary>
internal sealed partial class LstmCell
{
    public override void StepBatch(StreamSet x, StreamSet state, StreamSet scratch, SimdPath path, bool reverse)
    {
        int xhLength = InputSize + OutputSize;
        StreamSet xh = GatherInputAndHidden(x, state, scratch), gates = scratch.Slice(xhLength, _weights.Rows);
        // With a projection, o ⊙ tanh(c') goes to scratch and h' = W_hr of it; without, straight to h.
        StreamSet gated = _projection is null ? state.Slice(0, _paddedState) : scratch.Slice(xhLength + _weights.Rows, _paddedHidden);
        MatVec.MultiplyBatch(_weights, _bias, xh, gates, path, reverse);
        for (int k = 0; k < x.Count; k++)
            ApplyGates(gates[k], gated[k], state[k].Slice(_paddedState, _paddedHidden), path);
        if (_projection is not null)
            MatVec.MultiplyBatch(_projection, _projectionBias, gated.Slice(0, HiddenSize), state.Slice(0, _paddedState), path, reverse);
    }
}
