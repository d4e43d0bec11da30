using System;
using System.Linq;
using Rnn.Runtime.Kernels;
using Xunit;

namespace Rnn.Runtime.Tests;

/// <summary>Steps one stream (or every stream of a batch) once: inputs in, outputs out.</summary>
public delegate void StepFunction(ReadOnlySpan<float> inputs, Span<float> outputs);

/// <summary>
/// What each stream of a batched-step test is fed, shared by the interpreter's and the generated code's tests.
/// Stream k starts k steps late: until step k it gets another input (the fixture's, reversed in time and
/// negated), then it is reset — mid-sequence, while the other streams go on — and gets the fixture's input
/// sequence scaled by <see cref="Scale"/>(k). Stream 0 is never reset and gets the fixture's input as is, so
/// its outputs are the fixture's. Every stream gets different values at every step.
/// </summary>
public sealed class BatchScript
{
    /// <summary>Batch sizes every batched-step test runs: one stream, a few, a vector's worth, and more than 16.</summary>
    public static readonly int[] StreamCounts = [1, 3, 8, 17];

    private readonly GoldenFixture _fixture;
    private readonly float[] _inputs;

    public BatchScript(GoldenFixture fixture, int streams)
    {
        _fixture = fixture;
        Streams = streams;
        int size = fixture.InputSize;
        _inputs = new float[fixture.Steps * streams * size];
        for (int t = 0; t < fixture.Steps; t++)
        {
            for (int k = 0; k < streams; k++)
            {
                Span<float> input = _inputs.AsSpan((t * streams + k) * size, size);
                if (t < k)
                {
                    ReadOnlySpan<float> other = fixture.Input.AsSpan((fixture.Steps - 1 - t) * size, size);
                    for (int i = 0; i < size; i++)
                        input[i] = -other[i];
                }
                else
                {
                    ReadOnlySpan<float> own = fixture.Input.AsSpan((t - k) * size, size);
                    for (int i = 0; i < size; i++)
                        input[i] = own[i] * Scale(k);
                }
            }
        }
    }

    public int Streams { get; }

    /// <summary>Every fixture whose model can step (no reverse or bidirectional layer), on every SIMD path this machine runs.</summary>
    public static TheoryData<string, SimdPath> StepByStepFixturesOnEveryPath()
    {
        var data = new TheoryData<string, SimdPath>();
        foreach (var (name, path) in GoldenFixture.AllOnEveryPath().Select(row => ((string)row[0], (SimdPath)row[1])))
        {
            if (!NeedsWholeSequence(name))
                data.Add(name, path);
        }

        return data;
    }

    /// <summary>Every fixture whose model needs whole sequences, so it has no batched step.</summary>
    public static TheoryData<string> WholeSequenceFixtures() => new(GoldenFixture.Names().Where(NeedsWholeSequence));

    private static bool NeedsWholeSequence(string name) =>
        Rnn.Runtime.Descriptors.DescriptorReader.ReadFile(GoldenFixture.Load(name).DescriptorPath).NeedsWholeSequence;

    public int Steps => _fixture.Steps;

    /// <summary>Stream k's input scale: 1 for stream 0, then 0.5, 0.75, 1.25, 1.5, … (exact in float32).</summary>
    public static float Scale(int stream) => stream == 0 ? 1f : 0.25f * (1 + stream % 6);

    /// <summary>Whether stream <paramref name="stream"/> is reset just before step <paramref name="step"/>.</summary>
    public static bool ResetsBefore(int stream, int step) => stream > 0 && step == stream;

    /// <summary>Every stream's input at <paramref name="step"/>, stream after stream.</summary>
    public ReadOnlySpan<float> Inputs(int step) => _inputs.AsSpan(step * Streams * _fixture.InputSize, Streams * _fixture.InputSize);

    /// <summary>Stream <paramref name="stream"/>'s input at <paramref name="step"/>.</summary>
    public ReadOnlySpan<float> Input(int stream, int step) => _inputs.AsSpan((step * Streams + stream) * _fixture.InputSize, _fixture.InputSize);

    /// <summary>Runs the script through a batch: Steps × B × OutputSize values, step after step.</summary>
    public float[] RunBatch(Action<int> reset, StepFunction step)
    {
        int size = Streams * _fixture.OutputSize;
        var outputs = new float[Steps * size];
        for (int t = 0; t < Steps; t++)
        {
            for (int k = 0; k < Streams; k++)
            {
                if (ResetsBefore(k, t))
                    reset(k);
            }

            step(Inputs(t), outputs.AsSpan(t * size, size));
        }

        return outputs;
    }

    /// <summary>
    /// Checks every stream of <paramref name="batchOutputs"/> bit for bit against stream k stepped alone (a fresh
    /// stream from <paramref name="createStream"/> given the same inputs and reset), and from its reset on against
    /// a fresh stream given only the sequence; and stream 0 against the fixture's float64 outputs.
    /// </summary>
    public void AssertEveryStreamIsItsSoloRun(float[] batchOutputs, Func<(Action Reset, StepFunction Step)> createStream, double fixtureTolerance, string label)
    {
        int outputSize = _fixture.OutputSize;
        var output = new float[outputSize];
        for (int k = 0; k < Streams; k++)
        {
            var solo = createStream();
            var fresh = createStream();
            for (int t = 0; t < Steps; t++)
            {
                ReadOnlySpan<float> batched = batchOutputs.AsSpan((t * Streams + k) * outputSize, outputSize);
                if (ResetsBefore(k, t))
                    solo.Reset();
                solo.Step(Input(k, t), output);
                AssertBits(output, batched, $"{label}, B = {Streams}, stream {k}, step {t}: batched vs stepped alone");
                if (t >= k)
                {
                    fresh.Step(Input(k, t), output);
                    AssertBits(output, batched, $"{label}, B = {Streams}, stream {k}, step {t}: after its reset vs a fresh stream");
                }
            }
        }

        for (int t = 0; t < Steps; t++)
        {
            for (int j = 0; j < outputSize; j++)
            {
                double expected = _fixture.Output[t * outputSize + j], found = batchOutputs[t * Streams * outputSize + j];
                Assert.True(Math.Abs(found - expected) <= fixtureTolerance, $"{label}, B = {Streams}, stream 0, step {t}, output {j}: fixture {expected}, batched {found}");
            }
        }
    }

    private static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> found, string where)
    {
        for (int j = 0; j < expected.Length; j++)
        {
            if (BitConverter.SingleToInt32Bits(expected[j]) != BitConverter.SingleToInt32Bits(found[j]))
                Assert.Fail($"{where}, output {j}: expected {expected[j]:R} (0x{BitConverter.SingleToInt32Bits(expected[j]):X8}), found {found[j]:R} (0x{BitConverter.SingleToInt32Bits(found[j]):X8})");
        }
    }
}
