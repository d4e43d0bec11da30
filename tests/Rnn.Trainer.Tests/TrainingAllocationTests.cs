using System;
using System.Linq;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// A training step on one thread allocates nothing once its buffers exist: forward, full BPTT, the products'
/// packed panels (per-thread scratch), the gate math, clipping and Adam all reuse what the first batch made.
/// </summary>
public class TrainingAllocationTests
{
    [Theory]
    [InlineData("lstm:37")]
    [InlineData("gru:24,rnn:9")]
    public void TrainBatchAllocatesNothingInSteadyState(string layers)
    {
        const int Count = 64, Steps = 12, Inputs = 5, Batch = 16;
        var random = new Random(4);
        var x = Enumerable.Range(0, Count * Steps * Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Range(0, Count * Steps).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var data = new SequenceDataset(Count, Steps, Inputs, 1, TargetKind.Regression, LossScope.EveryStep, x, y, null);
        var session = new TrainingSession(new TrainingOptions(LayerSpec.ParseStack(layers), BatchSize: Batch, LearningRate: 1e-3, Threads: 1), data, data);
        var order = Enumerable.Range(0, Count).ToArray();
        for (int warm = 0; warm < 3; warm++)
            session.TrainBatch(order, 0, Batch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        double loss = 0;
        for (int k = 0; k < 8; k++)
            loss += session.TrainBatch(order, (k % 4) * Batch, Batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(double.IsFinite(loss) && loss > 0, $"loss {loss}");
        Assert.Equal(0, allocated);
    }
}
