using System;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// Training runs in float, on the vector kernels with the runtime's approximate tanh and sigmoid; the
/// gradient checks run in double with exact activations. This ties the two: the same parameters, inputs and
/// targets give float gradients within float rounding of the double gradients (which finite differences
/// check), at sizes that take 16 lanes, 8 lanes and the one-value tails.
/// </summary>
public class FloatGradientTests
{
    /// <summary>|float − double| ≤ this × the largest |gradient| of the network: float rounding over 20 steps.</summary>
    private const double Tolerance = 2e-5;

    private const int Steps = 20, Batch = 5, Inputs = 3, Outputs = 2;

    [Theory]
    [InlineData("lstm:16")]
    [InlineData("lstm:37")]
    [InlineData("gru:24")]
    [InlineData("gru:45")]
    [InlineData("rnn:29")]
    [InlineData("lstm:20,gru:33")]
    public void FloatGradientsMatchDoubleGradients(string stack)
    {
        var specs = LayerSpec.ParseStack(stack).Append(new LayerSpec(LayerKind.Dense, Outputs, Activation.Linear)).ToList();
        var exact = new Network<double>(Inputs, specs);
        exact.Initialize(seed: 5);
        var single = new Network<float>(Inputs, specs);
        for (int k = 0; k < exact.Parameters.Length; k++)
        {
            single.Parameters[k] = (float)exact.Parameters[k];
            exact.Parameters[k] = single.Parameters[k]; // both start from the same float values
        }

        var random = new Random(8);
        var x = Enumerable.Range(0, Steps * Batch * Inputs).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var targets = Enumerable.Range(0, Steps * Batch * Outputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

        exact.ResetState(Batch);
        var yExact = exact.Forward(x.Select(v => (double)v).ToArray(), Steps, Batch).ToArray();
        var dExact = new double[yExact.Length];
        MeanSquaredError.Compute<double>(yExact, targets.Select(v => (double)v).ToArray(), dExact, Steps, Batch, Outputs, LossScope.EveryStep);
        exact.Backward(dExact, Steps, Batch);

        single.ResetState(Batch);
        var ySingle = single.Forward(x, Steps, Batch).ToArray();
        var dSingle = new float[ySingle.Length];
        MeanSquaredError.Compute<float>(ySingle, targets, dSingle, Steps, Batch, Outputs, LossScope.EveryStep);
        single.Backward(dSingle, Steps, Batch);

        double scale = exact.Gradients.Max(Math.Abs);
        Assert.True(scale > 1e-3, $"largest gradient {scale}: the check would compare zeros");
        int worst = Enumerable.Range(0, exact.Gradients.Length).MaxBy(k => Math.Abs(exact.Gradients[k] - single.Gradients[k]));
        double error = Math.Abs(exact.Gradients[worst] - single.Gradients[worst]) / scale;
        Assert.True(error <= Tolerance, $"parameter {worst}: float {single.Gradients[worst]:E6}, double {exact.Gradients[worst]:E6}, {error:E2} of the largest gradient {scale:E3}");
    }
}
