using System;
using System.Runtime.InteropServices;
using Rnn.Runtime;
using Xunit;

namespace Rnn.Generated.Tests;

/// <summary>A float16 model with C entry points: the library and its header say which precision it was built with.</summary>
[RnnModel("../Fixtures/golden/lstm_i16_h64.rnn.json", NativeExportPrefix = "lstmhalf", Precision = WeightPrecision.Float16)]
public partial struct LstmI16H64NativeF16;

/// <summary>The C ABI's weight precision: the query, the header's macros, and steps through the entry points.</summary>
public unsafe class NativePrecisionTests
{
    [Fact]
    public void TheQueryAndTheHeaderNameTheWeightPrecision()
    {
        delegate* unmanaged<int> half = &LstmI16H64NativeF16.NativeExports.GetWeightPrecision;
        delegate* unmanaged<int> single = &SineNative.NativeExports.GetWeightPrecision;
        Assert.Equal((int)WeightPrecision.Float16, half());
        Assert.Equal((int)WeightPrecision.Float32, single());
        Assert.Contains("#define LSTMHALF_WEIGHT_PRECISION 1\n#define LSTMHALF_WEIGHT_PRECISION_NAME \"float16\"\n", LstmI16H64NativeF16.NativeExports.Header);
        Assert.Contains("int32_t lstmhalf_weight_precision(void);\n", LstmI16H64NativeF16.NativeExports.Header);
        Assert.Contains("#define SINE_WEIGHT_PRECISION 0\n#define SINE_WEIGHT_PRECISION_NAME \"float32\"\n", SineNative.NativeExports.Header);
    }

    [Fact]
    public void StepsThroughTheEntryPointsEqualTheManagedFloat16Model()
    {
        delegate* unmanaged<void*, nuint, int> init = &LstmI16H64NativeF16.NativeExports.Init;
        delegate* unmanaged<void*, nuint, float*, nuint, float*, nuint, int> step = &LstmI16H64NativeF16.NativeExports.Step;
        nuint size = LstmI16H64NativeF16.NativeExports.StateSize;
        byte* state = (byte*)NativeMemory.AlignedAlloc(size, LstmI16H64NativeF16.NativeExports.StateAlignment);
        try
        {
            const int steps = 20, inputs = LstmI16H64F16.InputSize, outputs = LstmI16H64F16.OutputSize;
            var x = new float[steps * inputs];
            for (int i = 0; i < x.Length; i++)
                x[i] = MathF.Sin(i * 0.37f);
            var managed = new float[steps * outputs];
            var native = new float[steps * outputs];
            var model = new LstmI16H64F16();
            for (int t = 0; t < steps; t++)
                model.Step(x.AsSpan(t * inputs, inputs), managed.AsSpan(t * outputs, outputs));
            Assert.Equal(0, init(state, size));
            fixed (float* input = x, output = native)
            {
                for (int t = 0; t < steps; t++)
                    Assert.Equal(0, step(state, size, input + t * inputs, inputs, output + t * outputs, outputs));
            }

            Assert.Equal(managed, native);
        }
        finally
        {
            NativeMemory.AlignedFree(state);
        }
    }
}
