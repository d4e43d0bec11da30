using System;
using System.IO;
using System.Runtime.InteropServices;
using Rnn.Runtime.Tests;
using Xunit;
using Rnn.Tests.Shared;

namespace Rnn.Generated.Tests;

/// <summary>
/// The generated C entry points, called the way C calls them (unmanaged function pointers) on buffers the
/// caller owns; and the committed C header of samples/c-host is exactly the generator's.
/// </summary>
public unsafe class NativeExportsTests : IDisposable
{
    private const int Ok = 0, NullPointer = -1, WrongLength = -2, Misaligned = -3, TooSmall = -4, NotInitialized = -5;

    // Native memory, aligned as the header asks, with room to misalign on purpose.
    private readonly byte* _memory = (byte*)NativeMemory.AlignedAlloc(SineNative.NativeExports.StateSize + 64, SineNative.NativeExports.StateAlignment);

    private static readonly delegate* unmanaged<void*, nuint, int> Init = &SineNative.NativeExports.Init;
    private static readonly delegate* unmanaged<void*, nuint, int> Reset = &SineNative.NativeExports.Reset;
    private static readonly delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> Step = &SineNative.NativeExports.Step;
    private static readonly delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> Run = &SineNative.NativeExports.Run;

    private static nuint Size => SineNative.NativeExports.StateSize;

    public void Dispose() => NativeMemory.AlignedFree(_memory);

    [Fact]
    public void TheCommittedHeaderIsTheGeneratorsHeader()
    {
        string committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "c-host", "sine.h"));
        Assert.Equal(SineNative.NativeExports.Header + "\n", committed);
    }

    [Fact]
    public void QueriesAgreeWithTheHeadersMacros()
    {
        delegate* unmanaged<nuint> stateSize = &SineNative.NativeExports.GetStateSize;
        delegate* unmanaged<nuint> stateAlignment = &SineNative.NativeExports.GetStateAlignment;
        delegate* unmanaged<uint> abiVersion = &SineNative.NativeExports.GetAbiVersion;
        delegate* unmanaged<int> inputSize = &SineNative.NativeExports.GetInputSize;
        delegate* unmanaged<int> outputSize = &SineNative.NativeExports.GetOutputSize;

        // SINE_STATE_SIZE is computed at generation time; the entry point reports the real sizeof.
        Assert.Equal((nuint)SineNative.NativeExports.StateSize, stateSize());
        Assert.Contains($"#define SINE_STATE_SIZE {stateSize()}\n", SineNative.NativeExports.Header);
        Assert.Equal((nuint)16, stateAlignment());
        Assert.Equal(1u, abiVersion());
        Assert.Equal((1, 1), (inputSize(), outputSize()));
    }

    [Fact]
    public void StepAndRunGiveTheManagedModelsOutputsBitForBit()
    {
        var inputs = new float[200];
        for (int t = 0; t < inputs.Length; t++)
            inputs[t] = MathF.Sin(t * 0.31f) + 0.1f * MathF.Cos(t * 1.7f);
        var managed = new float[inputs.Length];
        new SineForecaster().Run(inputs, managed);

        var stepped = new float[inputs.Length];
        var run = new float[inputs.Length];
        Assert.Equal(Ok, Init(_memory, Size));
        fixed (float* x = inputs, y = stepped, z = run)
        {
            for (int t = 0; t < inputs.Length; t++)
                Assert.Equal(Ok, Step(_memory, Size, x + t, 1, y + t, 1));
            Assert.Equal(Ok, Reset(_memory, Size));
            Assert.Equal(Ok, Run(_memory, Size, x, (nuint)inputs.Length, z, (nuint)run.Length));
        }

        Assert.Equal(managed, stepped);
        Assert.Equal(managed, run);
    }

    [Fact]
    public void EveryMisuseIsAStatusCode()
    {
        float input = 0.5f;
        var outputs = new float[4];
        fixed (float* y = outputs)
        {
            float* x = &input;
            new Span<byte>(_memory, (int)Size).Fill(0xCD);
            Assert.Equal(NotInitialized, Step(_memory, Size, x, 1, y, 1)); // never set up
            Assert.Equal(NullPointer, Init(null, Size));
            Assert.Equal(Misaligned, Init(_memory + 4, Size));
            Assert.Equal(TooSmall, Init(_memory, Size - 1));
            Assert.Equal(Ok, Init(_memory, Size));
            Assert.Equal(NullPointer, Step(_memory, Size, null, 1, y, 1));
            Assert.Equal(NullPointer, Step(_memory, Size, x, 1, null, 1));
            Assert.Equal(WrongLength, Step(_memory, Size, x, 2, y, 1));
            Assert.Equal(WrongLength, Step(_memory, Size, x, 0, y, 1));
            Assert.Equal(TooSmall, Step(_memory, Size, x, 1, y, 0));
            Assert.Equal(TooSmall, Step(_memory, Size - 8, x, 1, y, 1));
            Assert.Equal(TooSmall, Run(_memory, Size, x, 1, y, 0));
            Assert.Equal(Ok, Run(_memory, Size, x, 0, y, 0)); // zero steps is a valid (empty) run
            Assert.Equal(Ok, Step(_memory, Size, x, 1, y, 1));

            // A buffer stamped by init and then overwritten is refused, not run.
            new Span<byte>(_memory, 4).Clear();
            Assert.Equal(NotInitialized, Step(_memory, Size, x, 1, y, 1));
            Assert.Equal(NotInitialized, Reset(_memory, Size));
        }
    }

    [Fact]
    public void SteppingThroughTheCEntryPointsAllocatesNothing()
    {
        var outputs = new float[64];
        var inputs = new float[64];
        Assert.Equal(Ok, Init(_memory, Size));
        long allocated = Allocations.Measure(() =>
        {
            fixed (float* x = inputs, y = outputs)
            {
                for (int t = 0; t < 64; t++)
                    Step(_memory, Size, x + t, 1, y + t, 1);
                Run(_memory, Size, x, 64, y, 64);
            }
        });
        Assert.Equal(0, allocated);
    }
}
