using System.Numerics;
using System.Runtime.Intrinsics;

namespace Rnn.Trainer.Numerics;

/// <summary>
/// An element-wise kernel written once for any lanes: it runs columns [from, returned) of every one of
/// <c>rows</c> rows, <c>TL.Count</c> at a time, and returns where it stopped.
/// </summary>
internal interface ILaneKernel<TArgs, T>
    where TArgs : allows ref struct
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static abstract int Run<TV, TL>(scoped in TArgs args, int rows, int from)
        where TV : struct
        where TL : ISimdLanes<TV, T>;
}

/// <summary>Runs an <see cref="ILaneKernel{TArgs, T}"/> on 16 lanes, then 8, then one value at a time for the tail.</summary>
internal static class LaneKernel
{
    /// <summary>Every column of <paramref name="width"/> in every row.</summary>
    public static void Run<TKernel, TArgs, T>(scoped in TArgs args, int rows, int width)
        where TKernel : ILaneKernel<TArgs, T>
        where TArgs : allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated && width >= Vector512<T>.Count)
            j = TKernel.Run<Vector512<T>, Lanes512<T>>(args, rows, 0);
        if (Vector256.IsHardwareAccelerated && width - j >= Vector256<T>.Count)
            j = TKernel.Run<Vector256<T>, Lanes256<T>>(args, rows, j);
        TKernel.Run<T, Lanes1<T>>(args, rows, j);
    }
}
