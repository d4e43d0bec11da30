using Rnn.Runtime.Cells;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// One descriptor layer as the interpreter runs it: its cell, walked last step first when the layer is
/// <c>reverse</c>, and for a <c>bidirectional</c> layer the reverse direction's cell, whose S outputs
/// follow the forward cell's in the layer's output.
/// </summary>
internal sealed class InterpretedLayer(Cell cell, Cell? reverseCell, bool backward)
{
    /// <summary>The layer's cell (the forward direction's for a bidirectional layer).</summary>
    public Cell Cell { get; } = cell;

    /// <summary>A bidirectional layer's reverse-direction cell; null otherwise.</summary>
    public Cell? ReverseCell { get; } = reverseCell;

    /// <summary>Whether <see cref="Cell"/> walks the sequence last step first (direction reverse).</summary>
    public bool Backward { get; } = backward;

    /// <summary>Values per step out: S, or 2S when bidirectional.</summary>
    public int OutputSize => Cell.OutputSize + (ReverseCell?.OutputSize ?? 0);

    /// <summary>Whether the layer needs the whole sequence before its first output.</summary>
    public bool NeedsWholeSequence => Backward || ReverseCell is not null;
}
