using System;
using BenchmarkDotNet.Attributes;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Runtime.Kernels;

namespace Rnn.Benchmarks;

/// <summary>
/// How long one interpreter step of RNN(1→H) + Dense(H→1) takes, per cell kind and hidden size, against
/// the double-precision reference as the naive baseline. Weights are seeded, so runs compare.
/// </summary>
[MemoryDiagnoser]
public class InterpreterStepBenchmarks
{
    private ModelState _state = null!;
    private ReferenceModel _reference = null!;
    private readonly float[] _input = new float[1];
    private readonly float[] _output = new float[1];
    private int _t;

    [Params(LayerKind.Lstm, LayerKind.Gru, LayerKind.Rnn)]
    public LayerKind Cell { get; set; }

    [Params(8, 37, 64)]
    public int Hidden { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var descriptor = SeededModels.RecurrentWithHead(Cell, inputSize: 1, Hidden, seed: 1);
        _state = InterpretedModel.FromDescriptor(descriptor).CreateState();
        _reference = new ReferenceModel(descriptor);
        Console.WriteLine($"// SIMD path: {SimdCapabilities.Best}");
    }

    [Benchmark]
    public float Interpreter()
    {
        _input[0] = MathF.Sin(_t++ * 0.1f);
        _state.Step(_input, _output);
        return _output[0];
    }

    [Benchmark(Baseline = true)]
    public double ScalarReference()
    {
        _input[0] = MathF.Sin(_t++ * 0.1f);
        return _reference.Step(_input)[0];
    }
}
