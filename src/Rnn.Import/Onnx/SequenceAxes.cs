namespace Rnn.Import.Onnx;

/// <summary>
/// The model input's two sequence axes (input axes 0 and 1): which is time is learnt from the first
/// recurrent node that reads them (its <c>layout</c>), and every later node must agree.
/// </summary>
internal sealed class SequenceAxes
{
    private readonly long?[] _declaredSizes;

    /// <param name="declaredSizes">The input's declared size of axes 0 and 1, null where dynamic.</param>
    public SequenceAxes(long?[] declaredSizes) => _declaredSizes = declaredSizes;

    /// <summary>The input axis that is time, once a recurrent node has said so.</summary>
    public int? TimeSymbol { get; private set; }

    public long? DeclaredSize(int symbol) => _declaredSizes[symbol];

    /// <summary>The declared sequence length, when the input fixes it.</summary>
    public long? FixedSteps => TimeSymbol is int t ? _declaredSizes[t] : null;

    /// <summary>Only a batch axis declared as 1 can be squeezed away (the per-step vector does not change).</summary>
    public bool CanSqueeze(int symbol) => _declaredSizes[symbol] == 1 && TimeSymbol != symbol;

    public void BindTime(int time, int batch, OnnxNode node)
    {
        if (time == batch)
            throw node.Error("input X must have a time and a batch axis from the model input");
        if (TimeSymbol is int known && known != time)
            throw node.Error($"its time axis is the model input's axis {time}, but an earlier recurrent node's time axis is axis {known}");
        TimeSymbol = time;
    }
}
