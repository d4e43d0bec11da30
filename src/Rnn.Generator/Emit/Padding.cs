namespace Rnn.Generator.Emit;

internal static class Padding
{
    /// <summary>Rounds up to the panel width, so every buffer region starts on a vector boundary.</summary>
    public static int Round(int count) => Rnn.Runtime.Kernels.PackedMatrix.Pad(count);
}
