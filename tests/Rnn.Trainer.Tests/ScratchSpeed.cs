using System;
using System.Diagnostics;
using System.Linq;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;
using Xunit;
using Xunit.Abstractions;

namespace Rnn.Trainer.Tests;

public class ScratchSpeed(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lstm:32")]
    [InlineData("lstm:64")]
    [InlineData("gru:32")]
    [InlineData("gru:64")]
    public void Speed(string stack)
    {
        const int n = 256, steps = 64, inputs = 8;
        var random = new Random(1);
        var x = Enumerable.Range(0, n * steps * inputs).Select(_ => (float)random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, n * steps).Select(_ => (float)random.NextDouble()).ToArray();
        var data = new SequenceDataset(n, steps, inputs, 1, TargetKind.Regression, LossScope.EveryStep, x, y, null);
        var session = new TrainingSession(new TrainingOptions(LayerSpec.ParseStack(stack), BatchSize: 32, ClipNorm: 0), data, data);
        var order = Enumerable.Range(0, n).ToArray();
        for (int w = 0; w < 3; w++) session.TrainBatch(order, 0, 32);
        var clock = Stopwatch.StartNew();
        int batches = 0;
        while (clock.ElapsedMilliseconds < 2000) { session.TrainBatch(order, (batches % 8) * 32, 32); batches++; }
        output.WriteLine($"{stack}: {batches * 32 / clock.Elapsed.TotalSeconds:F0} sequences/s");
    }
}
