using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rnn.Runtime;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Tests;
using Xunit;

namespace Rnn.Generated.Tests;

/// <summary>
/// The generated models against PyTorch's outputs on every SIMD path this machine runs (Vector128 is the
/// code that runs as NEON on ARM64), against the interpreter, and against their API promises. Models with
/// a reverse or bidirectional layer run whole sequences only: they are checked through Run.
/// </summary>
public class GeneratedModelTests
{
    /// <summary>The product's promise: float32 kernels within this of PyTorch's float64 outputs, and of the interpreter.</summary>
    private const double Tolerance = 1e-5;

    /// <summary>Every golden model (<see cref="GoldenModelTypes"/>), by its fixture's name.</summary>
    private static readonly Dictionary<string, IModelCheck> Models = GoldenModelTypes.ByFixture.ToDictionary(
        pair => pair.Key, pair => (IModelCheck)Activator.CreateInstance(typeof(ModelCheck<>).MakeGenericType(pair.Value))!);

    public static TheoryData<string> Fixtures() => GoldenFixture.All();

    public static TheoryData<string, SimdPath> FixturesOnEveryPath() => GoldenFixture.AllOnEveryPath();

    [Fact]
    public void EveryFixtureHasAGeneratedModel()
    {
        var missing = GoldenFixture.Names().Except(Models.Keys).Order().ToArray();
        Assert.True(missing.Length == 0, $"fixtures without an [RnnModel] struct: {string.Join(", ", missing)}");
        Assert.Equal(GoldenFixture.Names().Order(), Models.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void GeneratedCodeMatchesPyTorchAtEveryStep(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var outputs = Models[name].Run(fixture, path);
        for (int i = 0; i < outputs.Length; i++)
        {
            double error = Math.Abs(outputs[i] - fixture.Output[i]);
            Assert.True(error <= Tolerance, $"{name} on {path}, step {i / fixture.OutputSize}, output {i % fixture.OutputSize}: expected {fixture.Output[i]}, found {outputs[i]} (error {error:E2})");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void GeneratedCodeMatchesTheInterpreter(string name)
    {
        var fixture = GoldenFixture.Load(name);
        var expected = new float[fixture.Steps * fixture.OutputSize];
        InterpretedModel.Load(fixture.DescriptorPath).CreateState().Run(fixture.Input, expected);
        var outputs = Models[name].Run(fixture, SimdCapabilities.Best);
        for (int i = 0; i < outputs.Length; i++)
            Assert.True(Math.Abs(outputs[i] - expected[i]) <= Tolerance, $"{name}, value {i}: interpreter {expected[i]}, generated {outputs[i]}");
    }

    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void StepAndRunAllocateNothingAfterWarmUp(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        Assert.Equal(0, Models[name].AllocatedBytes(fixture, path));
    }

    /// <summary>Run's sequence mode sums in another order than Step (projection first): within this of Step.</summary>
    private const double RunTolerance = 1e-6;

    /// <summary>
    /// Run against the reference, and against Step (a whole-sequence model has no Step: against a second
    /// Run of the same model value, which must start over from the initial state).
    /// </summary>
    [Theory]
    [MemberData(nameof(FixturesOnEveryPath))]
    public void RunMatchesPyTorchAndStepOnEveryPath(string name, SimdPath path)
    {
        var fixture = GoldenFixture.Load(name);
        var (run, stepped) = Models[name].RunAndStep(fixture, path);
        for (int i = 0; i < run.Length; i++)
        {
            Assert.True(Math.Abs(run[i] - fixture.Output[i]) <= Tolerance, $"{name} Run on {path}, value {i}: PyTorch {fixture.Output[i]}, Run {run[i]}");
            Assert.True(Math.Abs(run[i] - stepped[i]) <= RunTolerance, $"{name} on {path}, value {i}: Step {stepped[i]}, Run {run[i]} (difference {Math.Abs(run[i] - stepped[i]):E2})");
        }
    }

    public static TheoryData<string> WholeSequenceFixtures() => new(GoldenFixture.Names().Where(NeedsWholeSequence));

    [Theory]
    [MemberData(nameof(WholeSequenceFixtures))]
    public void StepThroughTheInterfacesOfAWholeSequenceModelThrows(string name) =>
        Models[name].CheckStepThrows(GoldenFixture.Load(name));

    private static bool NeedsWholeSequence(string name) =>
        Rnn.Runtime.Descriptors.DescriptorReader.ReadFile(GoldenFixture.Load(name).DescriptorPath).NeedsWholeSequence;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RunInPiecesEqualsOneRunAndResetStartsOver(string name)
    {
        var fixture = GoldenFixture.Load(name);
        Models[name].CheckPiecesAndReset(fixture);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheModelIsAPlainValueWithWeightsInTheImage(string name)
    {
        var type = Models[name].ModelType;
        // No references inside: the model can live on the stack or inside another struct, with no heap.
        Assert.False((bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!.MakeGenericMethod(type).Invoke(null, null)!);
        // No static constructor and no static fields on the model itself: only constants.
        Assert.Null(type.TypeInitializer);
        Assert.All(type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic), f => Assert.True(f.IsLiteral, $"{f.Name} is a static field"));
        // The weights: decoded once from the image into a pinned array, read from a 64-byte boundary.
        var image = type.GetNestedType("WeightImage", BindingFlags.NonPublic)!;
        var data = (float[])image.GetField("Data")!.GetValue(null)!;
        int start = (int)image.GetField("Start")!.GetValue(null)!;
        Assert.Equal(0, (long)(Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref data[start])) % 64);
        Assert.Contains(data, value => value != 0f);
    }

    [Fact]
    public void WeightsAreStoredAsDataInTheAssemblyImage()
    {
        // The compiler puts constant arrays behind ReadOnlySpan properties into <PrivateImplementationDetails>
        // as fields with an RVA: bytes in the image that the span points at.
        var details = typeof(LstmI16H64).Assembly.GetTypes().Single(t => t.Name == "<PrivateImplementationDetails>");
        long imageBytes = details.GetFields(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(f => f.Attributes.HasFlag(FieldAttributes.HasFieldRVA))
            .Sum(f => (long)Marshal.SizeOf(f.FieldType));
        // The largest fixture alone packs 4 gates × 64 units × 80 inputs of float32.
        Assert.True(imageBytes >= 4L * 64 * 80 * sizeof(float), $"only {imageBytes} bytes of RVA data");
    }

    [Fact]
    public void WrongSpanLengthsSayWhatWasExpected()
    {
        var model = new LstmI5H37();
        var e = Assert.Throws<ArgumentException>(() => model.Step(new float[4], new float[3]));
        Assert.StartsWith("Expected an input of 5 values, found 4.", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Step(new float[5], new float[2], SimdPath.Scalar));
        Assert.StartsWith("Expected an output of 3 values, found 2.", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Run(new float[12], new float[6]));
        Assert.StartsWith("Expected a whole number of steps of 5 input values, found 12 values.", e.Message);
    }

    [Fact]
    public void SizesAreCompileTimeConstants()
    {
        const int input = MixedNormI6.InputSize, output = MixedNormI6.OutputSize;
        Assert.Equal((6, 3), (input, output));
        Assert.Equal(SimdCapabilities.Best, LstmI1H8.ActivePath);
    }

    private interface IModelCheck
    {
        Type ModelType { get; }

        float[] Run(GoldenFixture fixture, SimdPath path);

        long AllocatedBytes(GoldenFixture fixture, SimdPath path);

        (float[] Run, float[] Stepped) RunAndStep(GoldenFixture fixture, SimdPath path);

        void CheckPiecesAndReset(GoldenFixture fixture);

        void CheckStepThrows(GoldenFixture fixture);
    }

    /// <summary>Calls a generated model through its struct type: no boxing, the code a user would run.</summary>
    private sealed class ModelCheck<TModel> : IModelCheck
        where TModel : struct, IGeneratedRnnModel
    {
        public Type ModelType => typeof(TModel);

        /// <summary>Whether the model has a reverse or bidirectional layer (Run only).</summary>
        private bool _wholeSequence;

        public ModelCheck()
        {
            string path = typeof(TModel).GetCustomAttribute<RnnModelAttribute>()!.DescriptorPath;
            _wholeSequence = NeedsWholeSequence(System.IO.Path.GetFileName(path)[..^".rnn.json".Length]);
        }

        /// <summary>Step by step from a default model; a whole-sequence model in one Run.</summary>
        public float[] Run(GoldenFixture fixture, SimdPath path)
        {
            TModel model = default;
            Assert.Equal((fixture.InputSize, fixture.OutputSize), (model.InputSize, model.OutputSize));
            var outputs = new float[fixture.Steps * fixture.OutputSize];
            if (_wholeSequence)
            {
                model.Run(fixture.Input, outputs, path);
                return outputs;
            }

            for (int t = 0; t < fixture.Steps; t++)
                model.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), outputs.AsSpan(t * fixture.OutputSize, fixture.OutputSize), path);
            return outputs;
        }

        public long AllocatedBytes(GoldenFixture fixture, SimdPath path)
        {
            TModel model = default;
            var outputs = new float[fixture.Steps * fixture.OutputSize];
            var output = new float[fixture.OutputSize];
            model.Run(fixture.Input, outputs); // warm-up
            model.Run(fixture.Input, outputs, path);
            return Allocations.Measure(() =>
            {
                for (int repeat = 0; repeat < 10; repeat++)
                {
                    model.Reset();
                    model.Run(fixture.Input, outputs);
                    model.Run(fixture.Input, outputs, path);
                    for (int t = 0; t < fixture.Steps && !_wholeSequence; t++)
                        model.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), output, path);
                }
            });
        }

        public (float[] Run, float[] Stepped) RunAndStep(GoldenFixture fixture, SimdPath path)
        {
            TModel model = default;
            var run = new float[fixture.Steps * fixture.OutputSize];
            model.Run(fixture.Input, run, path);
            if (_wholeSequence)
            {
                var again = new float[run.Length];
                model.Run(fixture.Input, again, path);
                return (run, again);
            }

            model.Reset();
            var stepped = Run(fixture, path);
            return (run, stepped);
        }

        public void CheckStepThrows(GoldenFixture fixture)
        {
            TModel model = default;
            var e = Assert.Throws<InvalidOperationException>(() => model.Step(fixture.Input.AsSpan(0, fixture.InputSize), new float[fixture.OutputSize]));
            Assert.Contains("call Run with the complete sequence", e.Message);
            Assert.Throws<InvalidOperationException>(() => model.Step(fixture.Input.AsSpan(0, fixture.InputSize), new float[fixture.OutputSize], SimdPath.Scalar));
        }

        public void CheckPiecesAndReset(GoldenFixture fixture)
        {
            TModel model = default;
            var whole = new float[fixture.Steps * fixture.OutputSize];
            model.Run(fixture.Input, whole);
            if (_wholeSequence)
            {
                // Pieces are other sequences here: a Run of a piece must leave the next whole Run unchanged.
                var piece = new float[17 * fixture.OutputSize];
                model.Run(fixture.Input.AsSpan(0, 17 * fixture.InputSize), piece);
                var after = new float[whole.Length];
                model.Run(fixture.Input, after);
                Assert.Equal(whole, after);
                model.Reset();
                model.Run(fixture.Input, after);
                Assert.Equal(whole, after);
                return;
            }

            model.Reset();
            // Pieces of 1, 3, 17 (past a chunk of 16) and the rest: the state and the weight walk carry over.
            var pieces = new float[whole.Length];
            int start = 0;
            foreach (int length in new[] { 1, 3, 17, fixture.Steps - 21 })
            {
                model.Run(fixture.Input.AsSpan(start * fixture.InputSize, length * fixture.InputSize), pieces.AsSpan(start * fixture.OutputSize, length * fixture.OutputSize));
                start += length;
            }

            for (int i = 0; i < whole.Length; i++)
                Assert.True(Math.Abs(pieces[i] - whole[i]) <= RunTolerance, $"value {i}: one Run {whole[i]}, in pieces {pieces[i]}");
            model.Reset();
            var again = new float[whole.Length];
            model.Run(fixture.Input, again);
            Assert.Equal(whole, again);
        }
    }
}
