namespace Rnn.Runtime.Descriptors;

/// <summary>Which way a recurrent layer walks the sequence (descriptor field <c>direction</c>, format v2).</summary>
public enum RecurrentDirection
{
    /// <summary>First step to last: the only direction that can run step by step.</summary>
    Forward,

    /// <summary>Last step to first (ONNX <c>direction="reverse"</c>); needs the whole sequence.</summary>
    Reverse,

    /// <summary>
    /// A forward and a reverse pass with their own weights; each step's output is
    /// [h_forward; h_reverse]. Needs the whole sequence.
    /// </summary>
    Bidirectional,
}
