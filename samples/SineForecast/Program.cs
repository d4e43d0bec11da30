using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text;
using SineForecast;

// Usage: SineForecast INPUT.csv
// Prints "step,y0" and one row per input row, exactly like `rnn run` does with the interpreter, then
// reports on stderr which SIMD path ran and how many bytes the steps allocated (exit code 2 if any).
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: SineForecast INPUT.csv");
    return 1;
}

float[] inputs;
try
{
    inputs = ReadColumn(args[0]);
}
catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {args[0]}: {e.Message}");
    return 1;
}

var outputs = new float[inputs.Length * SineForecaster.OutputSize];
var model = new SineForecaster(); // lives on the stack: no heap, no start-up work
model.Run(inputs, outputs);       // warm-up

model.Reset();
long before = GC.GetAllocatedBytesForCurrentThread();
for (int t = 0; t < inputs.Length; t++)
    model.Step(inputs.AsSpan(t, 1), outputs.AsSpan(t * SineForecaster.OutputSize, SineForecaster.OutputSize));
long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

var text = new StringBuilder("step,y0\n");
for (int t = 0; t < inputs.Length; t++)
    text.Append(t).Append(',').Append(outputs[t].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
Console.Out.Write(text.ToString());
Console.Error.WriteLine($"SIMD path: {SineForecaster.ActivePath}; {inputs.Length} steps allocated {allocated} bytes");
// The instructions behind that path: CI asserts AdvSimd (NEON) on linux-arm64, run under qemu.
Console.Error.WriteLine($"CPU: {RuntimeInformation.ProcessArchitecture}" + (AdvSimd.IsSupported ? ", AdvSimd (NEON)" : "")
    + (Sse41.IsSupported ? ", SSE4.1" : "") + (Avx2.IsSupported ? ", AVX2" : "") + (Avx512F.IsSupported ? ", AVX-512F" : ""));
return allocated == 0 ? 0 : 2;

static float[] ReadColumn(string path)
{
    var lines = File.ReadAllLines(path);
    var values = new System.Collections.Generic.List<float>();
    for (int i = 0; i < lines.Length; i++)
    {
        string line = lines[i].Trim();
        if (line.Length == 0 || (i == 0 && !char.IsDigit(line[0]) && line[0] != '-'))
            continue;
        if (!float.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            throw new FormatException($"line {i + 1}: expected a number, found \"{line}\"");
        values.Add(value);
    }

    return values.ToArray();
}
