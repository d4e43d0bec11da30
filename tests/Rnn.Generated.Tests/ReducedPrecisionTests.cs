using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Rnn.Runtime;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;
using Rnn.Runtime.Tests;
using Xunit;

namespace Rnn.Generated.Tests;

/// <summary>
/// The reduced-precision models (<see cref="ReducedPrecisionModels"/>' file) checked for exactness of their
/// kernels, apart from the rounding itself: on every SIMD path, against the float64 reference of the same
/// descriptor with every weight matrix rounded the way the generator rounds it
/// (<see cref="ModelDescriptor.WithWeightPrecision"/>, the one quantizer). How far rounding moves a model from
/// its float32 outputs is the interpreter's error-bound tests' subject, not this one's.
/// </summary>
public class ReducedPrecisionTests
{
    /// <summary>Float32 kernels against a float64 reference of the same (rounded) weights: the golden models' tolerance.</summary>
    private const double Tolerance = 1e-5;

    /// <summary>Every [RnnModel] type of this assembly with a Precision set, by "fixture/precision".</summary>
    private static readonly Dictionary<string, (Type Type, string Fixture, WeightPrecision Precision)> Models = typeof(ReducedPrecisionTests).Assembly.GetTypes()
        .Select(type => (Type: type, Attribute: type.GetCustomAttribute<RnnModelAttribute>()))
        .Where(m => m.Attribute is { NativeExportPrefix: null, Precision: not WeightPrecision.Float32 } && m.Attribute.DescriptorPath.Contains("Fixtures/golden/", StringComparison.Ordinal))
        .ToDictionary(
            m => $"{System.IO.Path.GetFileName(m.Attribute!.DescriptorPath)[..^".rnn.json".Length]}/{m.Attribute.Precision}",
            m => (m.Type, System.IO.Path.GetFileName(m.Attribute!.DescriptorPath)[..^".rnn.json".Length], m.Attribute.Precision));

    public static TheoryData<string, SimdPath> ModelsOnEveryPath()
    {
        var data = new TheoryData<string, SimdPath>();
        foreach (var key in Models.Keys.Order())
        {
            foreach (var path in Enum.GetValues<SimdPath>().Where(SimdCapabilities.IsSupported))
                data.Add(key, path);
        }

        return data;
    }

    public static TheoryData<string> AllModels() => new(Models.Keys.Order());

    [Fact]
    public void EveryPrecisionHasItsModels()
    {
        foreach (var precision in new[] { WeightPrecision.Float16, WeightPrecision.BFloat16, WeightPrecision.Int8 })
            Assert.True(Models.Values.Count(m => m.Precision == precision) >= 25, $"{precision}: {Models.Values.Count(m => m.Precision == precision)} models");
    }

    [Theory]
    [MemberData(nameof(ModelsOnEveryPath))]
    public void StepAndRunMatchTheRoundedModelsReference(string key, SimdPath path)
    {
        var (type, name, precision) = Models[key];
        var fixture = GoldenFixture.Load(name);
        var rounded = DescriptorReader.ReadFile(fixture.DescriptorPath).WithWeightPrecision(precision);
        double[] expected = new ReferenceModel(rounded).Run(fixture.Input);
        var check = Check(type);
        var (run, stepped) = check.Run(fixture, path);
        for (int i = 0; i < run.Length; i++)
        {
            Assert.True(Math.Abs(run[i] - expected[i]) <= Tolerance, $"{key} Run on {path}, step {i / fixture.OutputSize}, output {i % fixture.OutputSize}: reference {expected[i]}, found {run[i]}");
            if (stepped is not null)
                Assert.True(Math.Abs(stepped[i] - expected[i]) <= Tolerance, $"{key} Step on {path}, step {i / fixture.OutputSize}, output {i % fixture.OutputSize}: reference {expected[i]}, found {stepped[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(ModelsOnEveryPath))]
    public void VectorPathsAgreeWithTheScalarPath(string key, SimdPath path)
    {
        var (type, name, _) = Models[key];
        var fixture = GoldenFixture.Load(name);
        var check = Check(type);
        var scalar = check.Run(fixture, SimdPath.Scalar).Run;
        var vector = check.Run(fixture, path).Run;
        for (int i = 0; i < scalar.Length; i++)
            Assert.True(Math.Abs(vector[i] - scalar[i]) <= Tolerance, $"{key} on {path}, value {i}: scalar {scalar[i]}, {path} {vector[i]}");
    }

    [Theory]
    [MemberData(nameof(ModelsOnEveryPath))]
    public void StepsAllocateNothingAfterWarmUp(string key, SimdPath path)
    {
        var (type, name, _) = Models[key];
        Assert.Equal(0, Check(type).AllocatedBytes(GoldenFixture.Load(name), path));
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void TheModelSaysItsPrecision(string key)
    {
        var (type, _, precision) = Models[key];
        var constant = type.GetField("WeightPrecision", BindingFlags.Public | BindingFlags.Static);
        Assert.NotNull(constant);
        Assert.True(constant!.IsLiteral);
        Assert.Equal(precision, (WeightPrecision)constant.GetValue(null)!);
    }

    [Fact]
    public void AFloat32ModelHasNoPrecisionConstant() =>
        Assert.Null(typeof(LstmI16H64).GetField("WeightPrecision", BindingFlags.Public | BindingFlags.Static));

    private static IRun Check(Type type) => (IRun)Activator.CreateInstance(typeof(Runner<>).MakeGenericType(type))!;

    private interface IRun
    {
        (float[] Run, float[]? Stepped) Run(GoldenFixture fixture, SimdPath path);

        long AllocatedBytes(GoldenFixture fixture, SimdPath path);
    }

    /// <summary>Calls a generated model through its struct type, as a user would.</summary>
    private sealed class Runner<TModel> : IRun
        where TModel : struct, IGeneratedRnnModel
    {
        private static bool WholeSequence(GoldenFixture fixture) => DescriptorReader.ReadFile(fixture.DescriptorPath).NeedsWholeSequence;

        /// <summary>One Run over the whole sequence, and (step-by-step models) Step after Step from a fresh model.</summary>
        public (float[] Run, float[]? Stepped) Run(GoldenFixture fixture, SimdPath path)
        {
            TModel model = default;
            var run = new float[fixture.Steps * fixture.OutputSize];
            model.Run(fixture.Input, run, path);
            if (WholeSequence(fixture))
                return (run, null);
            TModel stepper = default;
            var stepped = new float[run.Length];
            for (int t = 0; t < fixture.Steps; t++)
                stepper.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), stepped.AsSpan(t * fixture.OutputSize, fixture.OutputSize), path);
            return (run, stepped);
        }

        public long AllocatedBytes(GoldenFixture fixture, SimdPath path)
        {
            TModel model = default;
            var outputs = new float[fixture.Steps * fixture.OutputSize];
            bool whole = WholeSequence(fixture);
            void Work()
            {
                if (whole)
                {
                    model.Run(fixture.Input, outputs, path);
                    return;
                }

                for (int t = 0; t < fixture.Steps; t++)
                    model.Step(fixture.Input.AsSpan(t * fixture.InputSize, fixture.InputSize), outputs.AsSpan(t * fixture.OutputSize, fixture.OutputSize), path);
            }

            Work();
            return Allocations.Measure(Work);
        }
    }
}
