using System;
using System.Globalization;
using Rnn.Runtime;

// sine-minimal: one value per stdin line in, the model's forecast per line out (stops at the first
// line that is not a number, with exit code 1).
var model = new SineForecaster();
Span<float> output = stackalloc float[SineForecaster.OutputSize];
Span<float> input = stackalloc float[1];
var stdout = Console.Out;
for (string? line; (line = Console.In.ReadLine()) is not null;)
{
    if (!float.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out input[0]))
    {
        Console.Error.WriteLine($"error: stdin: expected a number, found \"{line}\"");
        return 1;
    }

    model.Step(input, output);
    stdout.WriteLine(output[0].ToString("R", CultureInfo.InvariantCulture));
}

return 0;

/// <summary>The bundled example model.</summary>
[RnnModel("../../examples/sine-forecaster.rnn.json")]
internal partial struct SineForecaster;
