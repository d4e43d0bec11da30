using System;
using System.Runtime.InteropServices;
using Rnn.Runtime.Tests;
using Xunit;

namespace Rnn.Generated.Tests;

/// <summary>
/// The generated <c>prefix_step_batch</c>, called the way C calls it (an unmanaged function pointer) on state
/// buffers the caller owns: every stream bit-identical to <c>prefix_step</c> on its state alone, and every
/// refused call (a bad state in any position, a wrong length) a status that leaves every buffer untouched.
/// </summary>
public unsafe class NativeBatchTests : IDisposable
{
    private const int Ok = 0, NullPointer = -1, WrongLength = -2, Misaligned = -3, TooSmall = -4, NotInitialized = -5, DuplicateState = -7;

    /// <summary>The product's promise against the fixture's float64 reference.</summary>
    private const double FixtureTolerance = 1e-5;

    private const int MaxStreams = 17;

    // One aligned slot per stream, each with room to misalign on purpose, plus two for streams stepped alone.
    private static readonly nuint Slot = (nuint)((Math.Max(InitialStateNative.NativeExports.StateSize, SineNative.NativeExports.StateSize) + 64 + 63) / 64 * 64);
    private readonly byte* _memory = (byte*)NativeMemory.AlignedAlloc(Slot * (MaxStreams + 2), 64);

    public void Dispose() => NativeMemory.AlignedFree(_memory);

    private byte* State(int slot) => _memory + (nuint)slot * Slot;

    [Fact]
    public void EveryStreamIsBitIdenticalToItsOwnStepIncludingLearnedInitialStatesAndResets()
    {
        delegate* unmanaged<void*, nuint, int> init = &InitialStateNative.NativeExports.Init;
        delegate* unmanaged<void*, nuint, int> reset = &InitialStateNative.NativeExports.Reset;
        delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> step = &InitialStateNative.NativeExports.Step;
        delegate* unmanaged<void**, nuint, nuint, float*, nuint, float*, nuint, int> stepBatch = &InitialStateNative.NativeExports.StepBatch;
        nuint size = InitialStateNative.NativeExports.StateSize;
        var fixture = GoldenFixture.Load("v2_init_stack_i3");
        foreach (int count in BatchScript.StreamCounts)
        {
            var states = new IntPtr[count];
            for (int k = 0; k < count; k++)
            {
                states[k] = (IntPtr)State(k);
                Assert.Equal(Ok, init(State(k), size));
            }

            var script = new BatchScript(fixture, count);
            float[] outputs = script.RunBatch(k => Assert.Equal(Ok, reset(State(k), size)), (inputs, outputs) =>
            {
                fixed (IntPtr* table = states)
                fixed (float* x = inputs, y = outputs)
                    Assert.Equal(Ok, stepBatch((void**)table, (nuint)count, size, x, (nuint)inputs.Length, y, (nuint)outputs.Length));
            });
            // The check asks for two lone streams at a time (one replaying the stream, one fresh): two spare slots.
            int spare = 0;
            script.AssertEveryStreamIsItsSoloRun(outputs, () =>
            {
                byte* solo = State(MaxStreams + spare++ % 2);
                Assert.Equal(Ok, init(solo, size));
                return (() => Assert.Equal(Ok, reset(solo, size)), (input, output) =>
                {
                    fixed (float* x = input, y = output)
                        Assert.Equal(Ok, step(solo, size, x, (nuint)input.Length, y, (nuint)output.Length));
                });
            }, FixtureTolerance, "initstack_step_batch");
        }
    }

    [Fact]
    public void ABadStateInAnyPositionIsItsStatusAndChangesNothing()
    {
        delegate* unmanaged<void*, nuint, int> init = &SineNative.NativeExports.Init;
        delegate* unmanaged<void**, nuint, nuint, float*, nuint, float*, nuint, int> stepBatch = &SineNative.NativeExports.StepBatch;
        nuint size = SineNative.NativeExports.StateSize;
        const int count = 4;
        var inputs = new float[count] { 0.5f, -0.25f, 0.75f, 1f };
        var outputs = new float[count];
        var table = new IntPtr[count];
        for (int k = 0; k < count; k++)
        {
            table[k] = (IntPtr)State(k);
            Assert.Equal(Ok, init(State(k), size));
        }

        byte* never = State(count); // never set up
        new Span<byte>(never, (int)size).Fill(0xCD);
        fixed (IntPtr* states = table)
        fixed (float* x = inputs, y = outputs)
        {
            // A few steps first, so the states hold more than their initial values.
            for (int t = 0; t < 3; t++)
                Assert.Equal(Ok, stepBatch((void**)states, count, size, x, count, y, count));
            var before = Snapshot(count);
            var bad = new (string What, IntPtr State, int Status)[]
            {
                ("null", IntPtr.Zero, NullPointer),
                ("never initialised", (IntPtr)never, NotInitialized),
                ("misaligned", (IntPtr)(State(1) + 4), Misaligned),
            };
            for (int position = 0; position < count; position++)
            {
                foreach (var (what, state, status) in bad)
                {
                    IntPtr good = table[position];
                    table[position] = state;
                    outputs.AsSpan().Fill(42f);
                    Assert.True(status == stepBatch((void**)states, count, size, x, count, y, count), $"{what} state at {position}");
                    table[position] = good;
                    AssertUnchanged(before, outputs, $"{what} state at {position}");
                }

                if (position > 0)
                {
                    // The same buffer twice: refused, and the mark that found it cleared from every buffer.
                    IntPtr good = table[position];
                    table[position] = table[position - 1];
                    Assert.Equal(DuplicateState, stepBatch((void**)states, count, size, x, count, y, count));
                    table[position] = good;
                    AssertUnchanged(before, outputs, $"duplicate state at {position}");
                }
            }

            Assert.Equal(TooSmall, stepBatch((void**)states, count, size - 8, x, count, y, count));
            Assert.Equal(NullPointer, stepBatch(null, count, size, x, count, y, count));
            Assert.Equal(NullPointer, stepBatch((void**)states, count, size, null, count, y, count));
            Assert.Equal(NullPointer, stepBatch((void**)states, count, size, x, count, null, count));
            Assert.Equal(WrongLength, stepBatch((void**)states, count, size, x, count - 1, y, count));
            Assert.Equal(TooSmall, stepBatch((void**)states, count, size, x, count, y, count - 1));
            AssertUnchanged(before, outputs, "length errors");
            Assert.Equal(Ok, stepBatch((void**)states, 0, size, x, 0, y, 0)); // no streams: nothing to do
            Assert.Equal(Ok, stepBatch((void**)states, count, size, x, count, y, count));
        }
    }

    [Fact]
    public void SteppingABatchThroughTheCEntryPointAllocatesNothing()
    {
        delegate* unmanaged<void*, nuint, int> init = &SineNative.NativeExports.Init;
        delegate* unmanaged<void**, nuint, nuint, float*, nuint, float*, nuint, int> stepBatch = &SineNative.NativeExports.StepBatch;
        nuint size = SineNative.NativeExports.StateSize;
        var table = new IntPtr[8];
        for (int k = 0; k < table.Length; k++)
        {
            table[k] = (IntPtr)State(k);
            Assert.Equal(Ok, init(State(k), size));
        }

        var inputs = new float[8];
        var outputs = new float[8];
        long allocated = Allocations.Measure(() =>
        {
            fixed (IntPtr* states = table)
            fixed (float* x = inputs, y = outputs)
            {
                for (int t = 0; t < 64; t++)
                    stepBatch((void**)states, 8, size, x, 8, y, 8);
            }
        });
        Assert.Equal(0, allocated);
    }

    private byte[][] Snapshot(int count)
    {
        var bytes = new byte[count][];
        for (int k = 0; k < count; k++)
            bytes[k] = new ReadOnlySpan<byte>(State(k), (int)SineNative.NativeExports.StateSize).ToArray();
        return bytes;
    }

    private void AssertUnchanged(byte[][] before, float[] outputs, string call)
    {
        for (int k = 0; k < before.Length; k++)
            Assert.True(before[k].AsSpan().SequenceEqual(new ReadOnlySpan<byte>(State(k), before[k].Length)), $"{call}: state {k} changed");
        Assert.All(outputs, y => Assert.Equal(42f, y));
    }
}
