using System;
using System.Globalization;
using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.StepTimer;

// One contender on one model; prints `<contender> <model> <ns per step> <checksum> <simd path>` (for the
// batch contenders, ns per stream-step: the time of a step of all --streams streams divided by their number).
// bench/side-by-side.sh runs it pinned to a core, interleaved with RTNeural's harness (bench/rtneural).
if (TimerOptions.Parse(args) is not { } options)
    return 2;
#if !ONNX_RUNTIME
if (options.Contender == "onnx")
{
    Console.Error.WriteLine("Rnn.StepTimer: the ONNX Runtime contender is only in the JIT build (dotnet build), not in NativeAOT ones.");
    return 2;
}
#endif

string descriptorPath = options.DescriptorPath;
int inputSize = DescriptorReader.ReadFile(descriptorPath).InputSize;
var input = new TimingInput(inputSize, options.StepsPerCall);

using Contender contender = options.Contender switch
{
    "generated" => RunnerContender.Generated(options.Model, options.Precision, input, sequence: false),
    "generated-run" => RunnerContender.Generated(options.Model, options.Precision, input, sequence: true),
    "interpreter" => RunnerContender.Interpreter(descriptorPath, input),
    "generated-batch" => BatchContender.Generated(options.Model, options.Streams, input),
    "interpreter-batch" => BatchContender.Interpreter(descriptorPath, options.Streams, input),
#if ONNX_RUNTIME
    "onnx" => new OnnxContender(options.OnnxPath ?? Path.Combine("artifacts", "onnx", options.Model + ".onnx"), input),
#endif
    _ => throw new ArgumentException($"unknown contender {options.Contender}"),
};

double checksum = contender.Checksum(InputSignal.Make(0, InputSignal.ChecksumSteps, inputSize), InputSignal.ChecksumSteps);
double nanoseconds = CallTimer.NanosecondsPerStep(contender, input, TimeSpan.FromSeconds(options.WarmUpSeconds), TimeSpan.FromSeconds(options.Seconds)) / contender.Streams;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Contender} {options.Model} {nanoseconds:F2} {checksum:G9} {contender.Path}"));
return 0;
