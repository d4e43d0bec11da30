using System;
using System.Linq;
using System.Runtime.InteropServices;
using Rnn.Runtime;
using Rnn.Runtime.Tests;
using Xunit;

namespace Rnn.Generated.Tests;

// Descriptor-v2 models with C entry points: a whole-sequence model (bidirectional layers) and a
// step-by-step one whose layers start from learned initial states.

[RnnModel("../Fixtures/golden/v2_init_bigru_proj_i2.rnn.json", NativeExportPrefix = "bigru")]
public partial struct BiGruNative;

[RnnModel("../Fixtures/golden/v2_init_stack_i3.rnn.json", NativeExportPrefix = "initstack")]
public partial struct InitialStateNative;

/// <summary>
/// The C entry points of descriptor-v2 models, called as C calls them: a whole-sequence model offers run
/// only (no step symbol, and its header says so), each run one complete sequence from the initial state;
/// a model with learned initial states starts there after init and returns there on reset.
/// </summary>
public unsafe class NativeExportsV2Tests : IDisposable
{
    private const int Ok = 0, WrongLength = -2, NotInitialized = -5;

    /// <summary>The product's promise against the fixture's float64 reference.</summary>
    private const double Tolerance = 1e-5;

    private readonly byte* _memory = (byte*)NativeMemory.AlignedAlloc(4096 + (nuint)Math.Max(BiGruNative.NativeExports.StateSize, InitialStateNative.NativeExports.StateSize), 16);

    public void Dispose() => NativeMemory.AlignedFree(_memory);

    [Fact]
    public void AWholeSequenceModelHasNoStepEntryPointAndItsHeaderSaysSo()
    {
        Assert.DoesNotContain(typeof(BiGruNative.NativeExports).GetMethods(), m => m.Name == "Step");
        string header = BiGruNative.NativeExports.Header;
        Assert.DoesNotContain("int32_t bigru_step(", header);
        Assert.Contains("there is no bigru_step. Each bigru_run is one complete sequence from the initial state", header);
        Assert.Contains("none allocates (but bigru_run: see below)", header);
        Assert.Contains("It allocates only to grow one buffer per thread to the longest", header);
        Assert.Contains("int32_t bigru_run(void* state, size_t state_size, const float* inputs, size_t input_count,", header);
        Assert.Contains("/* Sets up a caller-owned state buffer of state_size bytes: the model's learned initial state. */", header);
        delegate* unmanaged<nuint> stateSize = &BiGruNative.NativeExports.GetStateSize;
        Assert.Equal((nuint)BiGruNative.NativeExports.StateSize, stateSize());
        Assert.Contains("int32_t initstack_step(", InitialStateNative.NativeExports.Header);
    }

    [Fact]
    public void AWholeSequenceRunGivesTheReferenceOutputsEveryTimeAndAllocatesNothingAfterWarmUp()
    {
        var fixture = GoldenFixture.Load("v2_init_bigru_proj_i2");
        delegate* unmanaged<void*, nuint, int> init = &BiGruNative.NativeExports.Init;
        delegate* unmanaged<void*, nuint, int> reset = &BiGruNative.NativeExports.Reset;
        delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> run = &BiGruNative.NativeExports.Run;
        nuint size = BiGruNative.NativeExports.StateSize;
        var first = new float[fixture.Steps * fixture.OutputSize];
        var second = new float[first.Length];
        var managed = new float[first.Length];
        new BiGruNative().Run(fixture.Input, managed);
        new Span<byte>(_memory, (int)size).Fill(0xCD);
        Assert.Equal(NotInitialized, run(_memory, size, null, 0, null, 0));
        Assert.Equal(Ok, init(_memory, size));
        fixed (float* x = fixture.Input, y = first, z = second)
        {
            Assert.Equal(Ok, run(_memory, size, x, (nuint)fixture.Input.Length, y, (nuint)first.Length));
            // A shorter, different sequence in between must not change the next whole run.
            Assert.Equal(Ok, run(_memory, size, x + fixture.InputSize, 5 * (nuint)fixture.InputSize, z, 5 * (nuint)fixture.OutputSize));
            Assert.Equal(WrongLength, run(_memory, size, x, (nuint)fixture.InputSize + 1, z, (nuint)second.Length));
            Assert.Equal(Ok, reset(_memory, size));
            Assert.Equal(Ok, run(_memory, size, x, (nuint)fixture.Input.Length, z, (nuint)second.Length));
        }

        byte* memory = _memory;
        long allocated = Allocations.Measure(() =>
        {
            fixed (float* x = fixture.Input, z = second)
                run(memory, size, x, (nuint)fixture.Input.Length, z, (nuint)second.Length);
        });
        Assert.Equal(0, allocated);

        Assert.Equal(managed, first);
        Assert.Equal(first, second);
        for (int i = 0; i < first.Length; i++)
            Assert.True(Math.Abs(first[i] - fixture.Output[i]) <= Tolerance, $"value {i}: reference {fixture.Output[i]}, C run {first[i]}");
    }

    [Fact]
    public void InitAndResetStartFromTheLearnedInitialState()
    {
        var fixture = GoldenFixture.Load("v2_init_stack_i3");
        delegate* unmanaged<void*, nuint, int> init = &InitialStateNative.NativeExports.Init;
        delegate* unmanaged<void*, nuint, int> reset = &InitialStateNative.NativeExports.Reset;
        delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> step = &InitialStateNative.NativeExports.Step;
        delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> run = &InitialStateNative.NativeExports.Run;
        nuint size = InitialStateNative.NativeExports.StateSize;
        delegate* unmanaged<nuint> stateSize = &InitialStateNative.NativeExports.GetStateSize;
        Assert.Equal(size, stateSize());
        var stepped = new float[fixture.Steps * fixture.OutputSize];
        var afterReset = new float[stepped.Length];
        Assert.Equal(Ok, init(_memory, size));
        fixed (float* x = fixture.Input, y = stepped, z = afterReset)
        {
            for (int t = 0; t < fixture.Steps; t++)
                Assert.Equal(Ok, step(_memory, size, x + t * fixture.InputSize, (nuint)fixture.InputSize, y + t * fixture.OutputSize, (nuint)fixture.OutputSize));
            Assert.Equal(Ok, reset(_memory, size));
            Assert.Equal(Ok, run(_memory, size, x, (nuint)fixture.Input.Length, z, (nuint)afterReset.Length));
        }

        Assert.Equal(stepped, afterReset);
        for (int i = 0; i < stepped.Length; i++)
            Assert.True(Math.Abs(stepped[i] - fixture.Output[i]) <= Tolerance, $"value {i}: reference {fixture.Output[i]}, C step {stepped[i]}");
        Assert.Contains("/* Returns the recurrent state of a buffer set up by initstack_init to the model's learned initial state, as at the start of a new sequence. */",
            InitialStateNative.NativeExports.Header);
    }
}
