using Rnn.Runtime.Kernels;

namespace Rnn.Runtime.Cells;

/// <summary>The GRU step for a batch of streams: <see cref="Step"/>'s phases, each over every stream.</summary>
internal sealed partial class GruCell
{
    public override void StepBatch(StreamSet x, StreamSet state, StreamSet scratch, SimdPath path, bool reverse)
    {
        int hp = _paddedHidden, rows = _inputWeights.Rows;
        StreamSet h = state.Slice(0, hp), gx = scratch.Slice(0, rows), gh = scratch.Slice(rows, rows);
        // The same walk as Step: backward means the hidden matrix first.
        if (reverse)
            MatVec.MultiplyBatch(_hiddenWeights, _hiddenBias, h.Slice(0, OutputSize), gh, path, reverse);
        MatVec.MultiplyBatch(_inputWeights, _inputBias, x, gx, path, reverse);
        if (!reverse)
            MatVec.MultiplyBatch(_hiddenWeights, _hiddenBias, h.Slice(0, OutputSize), gh, path);
        bool done = true;
        for (int k = 0; k < x.Count; k++)
            done = GatesBeforeCandidate(gx[k], gh[k], h[k], scratch[k], path);
        if (done)
            return;
        MatVec.MultiplyBatch(_candidateWeights!, _candidateBias!, scratch.Slice(2 * rows, OutputSize), gh.Slice(2 * hp, hp), path, reverse);
        for (int k = 0; k < x.Count; k++)
            GatesAfterCandidate(gx[k], gh[k], h[k], path);
    }
}
