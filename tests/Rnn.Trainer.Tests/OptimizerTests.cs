using System;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Optimizers;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>Optimisers, clipping, initialisation and truncated BPTT against PyTorch's behaviour.</summary>
public class OptimizerTests
{
    private static readonly float[][] Gradients = [[0.1f, -0.2f, 0.3f], [0.05f, 0.4f, -0.1f], [-0.3f, 0.2f, 0.2f]];

    // Reference values: torch 1.13 (float64), three steps from [0.5, -1, 2] with these gradients:
    //   torch.optim.Adam([p], lr=0.01) and torch.optim.SGD([p], lr=0.1, momentum=0.9).
    [Theory]
    [InlineData("adam", 0.4841504406730389, -0.9988534436331663, 1.979966950157614)]
    [InlineData("sgd", 0.49339999999999995, -1.0418, 1.9177)]
    public void UpdatesMatchPyTorch(string name, double p0, double p1, double p2)
    {
        var parameters = new[] { 0.5f, -1f, 2f };
        Optimizer optimizer = name == "adam" ? new Adam(3, 0.01) : new Sgd(3, 0.1, momentum: 0.9);
        foreach (var g in Gradients)
            optimizer.Step(parameters, g);
        Assert.Equal(p0, parameters[0], 6);
        Assert.Equal(p1, parameters[1], 6);
        Assert.Equal(p2, parameters[2], 6);
    }

    [Fact]
    public void AdamResumesFromItsSavedStateExactly()
    {
        float[] straight = [0.5f, -1f, 2f], resumed = [0.5f, -1f, 2f];
        var first = new Adam(3, 0.01);
        foreach (var g in Gradients)
            first.Step(straight, g);
        var before = new Adam(3, 0.01);
        before.Step(resumed, Gradients[0]);
        var after = new Adam(3, 0.01);
        after.LoadState(before.SaveState());
        after.Step(resumed, Gradients[1]);
        after.Step(resumed, Gradients[2]);
        Assert.Equal(straight, resumed);
    }

    [Fact]
    public void ClippingScalesToTheMaximumNormAsTorchDoes()
    {
        float[] gradients = [3f, 4f];
        double norm = Optimizer.ClipGradientNorm(gradients, 1.0);
        Assert.Equal(5.0, norm, 12);
        Assert.Equal(0.599999880000024, gradients[0], 6); // torch.nn.utils.clip_grad_norm_ (ε = 1e-6)
        Assert.Equal(0.799999840000032, gradients[1], 6);
    }

    [Fact]
    public void InitialisationIsPyTorchsUniformDefault()
    {
        var network = new Network<float>(10, [new LayerSpec(LayerKind.Lstm, 25, Activation.Tanh), new LayerSpec(LayerKind.Dense, 4, Activation.Linear)]);
        network.Initialize(seed: 1);
        var lstm = network.LayerParameters(0).ToArray();
        var dense = network.LayerParameters(1).ToArray();
        // LSTM: U(−1/√H, 1/√H) = ±0.2 (H = 25); Linear: U(−1/√fan_in, 1/√fan_in) = ±0.2 (fan_in = 25).
        Assert.InRange(lstm.Max(v => Math.Abs(v)), 0.19, 0.2);
        Assert.InRange(dense.Max(v => Math.Abs(v)), 0.15, 0.2);
        double variance = lstm.Select(v => (double)v * v).Average();
        Assert.InRange(variance, 0.2 * 0.2 / 3 * 0.9, 0.2 * 0.2 / 3 * 1.1); // U(−a, a) has variance a²/3
    }

    [Theory]
    [InlineData("lstm:6")]
    [InlineData("gru:6")]
    [InlineData("rnn:6")]
    public void TruncatedChunksCarryTheStateOfTheWholeSequence(string stack)
    {
        const int steps = 12, batch = 2, inputs = 3, chunk = 5;
        var specs = LayerSpec.ParseStack(stack).Append(new LayerSpec(LayerKind.Dense, 2, Activation.Linear)).ToList();
        var network = new Network<double>(inputs, specs);
        network.Initialize(seed: 2);
        var random = new Random(4);
        var x = Enumerable.Range(0, steps * batch * inputs).Select(_ => random.NextDouble()).ToArray();
        network.ResetState(batch);
        var whole = network.Forward(x, steps, batch).ToArray();

        network.ResetState(batch);
        var pieces = new System.Collections.Generic.List<double>();
        for (int from = 0; from < steps; from += chunk)
        {
            int length = Math.Min(chunk, steps - from);
            pieces.AddRange(network.Forward(x.AsMemory(from * batch * inputs, length * batch * inputs), length, batch).ToArray());
        }

        Assert.Equal(whole, pieces.ToArray());
    }
}
