#if ONNX_RUNTIME
using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Rnn.StepTimer;

/// <summary>
/// ONNX Runtime on one thread, a whole call (<c>steps-per-call</c> steps, input [T, 1, I]) per inference from
/// zero state, as a batch-style user would run it. Zero-copy: each call's input tensor and the output
/// tensor are views of pinned arrays, bound once.
/// </summary>
internal sealed class OnnxContender : Contender
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly OrtValue[] _callInputs;
    private readonly OrtValue _callOutput;
    private readonly OrtIoBinding[] _bindings;

    public OnnxContender(string onnxPath, TimingInput input)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(onnxPath, options);
        _inputName = _session.InputMetadata.Keys.Single();
        _outputName = _session.OutputMetadata.Keys.Single();

        long[] inputShape = [input.StepsPerCall, 1, input.InputSize];
        _callInputs = Enumerable.Range(0, input.Calls)
            .Select(call => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.CallMemory(call), inputShape))
            .ToArray();
        _callOutput = OrtValue.CreateTensorValueFromMemory(GC.AllocateArray<float>(input.StepsPerCall, pinned: true), [input.StepsPerCall, 1, 1]);
        _bindings = _callInputs.Select(callInput =>
        {
            var binding = _session.CreateIoBinding();
            binding.BindInput(_inputName, callInput);
            binding.BindOutput(_outputName, _callOutput);
            return binding;
        }).ToArray();
    }

    public override string Path => $"onnxruntime-{OrtEnv.Instance().GetVersionString()}-cpu";

    public override double Checksum(float[] inputs, int steps)
    {
        int inputSize = inputs.Length / steps;
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, [steps, 1, inputSize]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [_outputName]);
        double sum = 0;
        foreach (float y in outputs[0].GetTensorDataAsSpan<float>())
            sum += y;
        return sum;
    }

    public override float RunCall(int call)
    {
        _session.RunWithBinding(_runOptions, _bindings[call]);
        return _callOutput.GetTensorDataAsSpan<float>()[^1];
    }

    public override void Dispose()
    {
        foreach (var binding in _bindings)
            binding.Dispose();
        foreach (var value in _callInputs)
            value.Dispose();
        _callOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
#endif
