using System;
using System.Linq;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>One forward pass of truth: the trainer's batched forward pass and the runtime interpreter on the exported descriptor agree.</summary>
public class ForwardAgreementTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData("lstm:16", false)]
    [InlineData("gru:13", false)]
    [InlineData("rnn:9", false)]
    [InlineData("rnn:9:relu", false)]
    [InlineData("lstm:8,gru:12,rnn:5", false)]
    [InlineData("gru:20", true)]
    public void TrainerAndInterpreterAgreeOnTheExportedDescriptor(string stack, bool softmaxHead)
    {
        const int steps = 40, batch = 3, inputs = 4, outputs = 3;
        var specs = LayerSpec.ParseStack(stack).Append(new LayerSpec(LayerKind.Dense, outputs, Activation.Linear)).ToList();
        var network = new Network<float>(inputs, specs);
        network.Initialize(seed: 5);
        var random = new Random(8);
        var x = Enumerable.Range(0, steps * batch * inputs).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        network.ResetState(batch);
        var trained = network.Forward(x, steps, batch).ToArray();

        // Through the descriptor text, as a user's file would go.
        var descriptor = DescriptorReader.Parse(DescriptorWriter.ToJson(DescriptorExport.ToDescriptor(network, softmaxHead, null, null)));
        var model = InterpretedModel.FromDescriptor(descriptor);
        float worst = 0;
        for (int b = 0; b < batch; b++)
        {
            var state = model.CreateState();
            var y = new float[outputs];
            for (int t = 0; t < steps; t++)
            {
                state.Step(x.AsSpan((t * batch + b) * inputs, inputs), y);
                var expected = trained.AsSpan((t * batch + b) * outputs, outputs).ToArray();
                if (softmaxHead)
                    Softmax(expected);
                for (int k = 0; k < outputs; k++)
                    worst = Math.Max(worst, Math.Abs(expected[k] - y[k]));
            }
        }

        Assert.True(worst <= Tolerance, $"largest difference {worst:E2} over {steps} steps × {batch} sequences");
    }

    private static void Softmax(float[] z)
    {
        double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
        for (int k = 0; k < z.Length; k++)
            z[k] = (float)(Math.Exp(z[k] - max) / sum);
    }
}
