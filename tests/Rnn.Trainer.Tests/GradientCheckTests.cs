using System;
using System.Collections.Generic;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>
/// Analytic gradients of every parameter and of every layer's initial state against central finite
/// differences, in double precision, for each cell type and each loss, at sizes that take every vector width.
/// </summary>
public class GradientCheckTests
{
    /// <summary>The bar for |analytic − numeric| / max(|analytic|, |numeric|).</summary>
    private const double Tolerance = 1e-6;

    /// <summary>Below this magnitude both gradients count as zero (relative error is meaningless there).</summary>
    private const double Floor = 1e-8;

    /// <summary>
    /// The stencil's own rounding: ε·|L|/h ≈ 1.1e-16 / 1e-3 ≈ 1e-13 for losses near 1, with a margin of 10. A
    /// gradient of 1.6e-7 (seen with 13 GRU units) cannot be checked to a relative 1e-6 finer than this.
    /// </summary>
    private const double RoundingFloor = 1e-12;

    /// <summary>
    /// The five-point central difference (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h has error O(h⁴), so a step
    /// of 1e-3 keeps both truncation (~1e-12) and rounding (~1e-16 / h) far below the tolerance even for
    /// gradients of 1e-6; the two-point stencil's rounding alone would exceed it there.
    /// </summary>
    private const double Step = 1e-3;
    private const int Steps = 5, Batch = 3, Inputs = 3, Outputs = 4;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        // 13 units: in double the gate math runs 8 lanes (AVX-512), then 4 (AVX2), then one value.
        foreach (string stack in new[] { "lstm:5", "gru:5", "rnn:5", "rnn:5:relu", "lstm:4,gru:3,rnn:5", "lstm:13", "gru:13", "rnn:13" })
        {
            foreach (string loss in new[] { "mse-every", "mse-last", "xent-every", "xent-last" })
                data.Add(stack, loss);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradientsMatchFiniteDifferences(string stack, string loss)
    {
        var specs = LayerSpec.ParseStack(stack).Append(new LayerSpec(LayerKind.Dense, Outputs, Activation.Linear)).ToList();
        var network = new Network<double>(Inputs, specs);
        network.Initialize(seed: 11);
        var random = new Random(3);
        var x = Enumerable.Range(0, Steps * Batch * Inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var initial = Enumerable.Range(0, network.LayerCount)
            .Select(l => Enumerable.Range(0, Batch * network.LayerAt(l).StateSize).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var scope = loss.EndsWith("every") ? LossScope.EveryStep : LossScope.LastStep;
        int scoredRows = scope == LossScope.EveryStep ? Steps * Batch : Batch;
        var realTargets = Enumerable.Range(0, scoredRows * Outputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var classTargets = Enumerable.Range(0, scoredRows).Select(_ => random.Next(Outputs)).ToArray();
        var gradient = new double[Steps * Batch * Outputs];

        double Loss()
        {
            network.ResetState(Batch);
            for (int l = 0; l < network.LayerCount; l++)
                initial[l].CopyTo(network.State(l));
            var y = network.Forward(x, Steps, Batch);
            return loss.StartsWith("mse")
                ? MeanSquaredError.Compute(y, realTargets, gradient, Steps, Batch, Outputs, scope)
                : SoftmaxCrossEntropy.Compute(y, classTargets, gradient, Steps, Batch, Outputs, scope);
        }

        Loss();
        Array.Clear(network.Gradients);
        network.Backward(gradient, Steps, Batch);
        var analytic = (double[])network.Gradients.Clone();
        var stateAnalytic = Enumerable.Range(0, network.LayerCount).Select(l => network.StateGradient(l).ToArray()).ToArray();

        var failures = new List<string>();
        double Numeric(double[] values, int k)
        {
            double saved = values[k];
            double At(double offset)
            {
                values[k] = saved + offset;
                return Loss();
            }

            double result = (At(-2 * Step) - 8 * At(-Step) + 8 * At(Step) - At(2 * Step)) / (12 * Step);
            values[k] = saved;
            return result;
        }

        void Compare(string what, double a, double n)
        {
            double scale = Math.Max(Math.Abs(a), Math.Abs(n));
            if (scale > Floor && Math.Abs(a - n) > Math.Max(Tolerance * scale, RoundingFloor))
                failures.Add($"{what}: analytic {a:E6}, numeric {n:E6}, relative error {Math.Abs(a - n) / scale:E2}");
        }

        for (int k = 0; k < analytic.Length; k++)
            Compare($"parameter {k}", analytic[k], Numeric(network.Parameters, k));
        for (int l = 0; l < network.LayerCount; l++)
        {
            for (int k = 0; k < initial[l].Length; k++)
                Compare($"layer {l} initial state {k}", stateAnalytic[l][k], Numeric(initial[l], k));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {analytic.Length} gradients differ:\n" + string.Join("\n", failures.Take(20)));
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3); // the check compared real gradients, not zeros
    }
}
