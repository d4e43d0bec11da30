using System.Collections.Generic;
using System.Linq;
using Rnn.TrainTimer;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchTrain;

/// <summary>
/// Trains what Rnn.TrainTimer quality exported: the same initial parameters, the same batches in the same
/// order (orders.bin), clip_grad_norm_ at the same norm, torch.optim.Adam at the same rate; the validation
/// loss after every epoch, over the whole validation set.
/// </summary>
internal static class QualityReplay
{
    public static (double Final, double Best, double FirstTraining) Run(string folder)
    {
        var meta = Exchange.ReadMeta(folder);
        int input = meta.Int("input"), output = meta.Int("output"), steps = meta.Int("steps"), count = meta.Int("training");
        int epochs = meta.Int("epochs"), batch = meta.Int("batch");
        bool every = meta["scope"] == "every";
        double clip = meta.Double("clip");
        using var model = new TorchModel(meta["cell"], input, meta.Int("hidden"), output);
        model.Load(Exchange.ReadFloats(folder, "params.bin"));
        var optimizer = optim.Adam(model.Parameters, lr: meta.Double("lr"));
        using var trainX = Sequences(folder, "train-x.bin", count, steps, input);
        using var trainY = every ? Sequences(folder, "train-y.bin", count, steps, output) : tensor(Exchange.ReadFloats(folder, "train-y.bin"), [count, output]);
        int validationCount = meta.Int("validation");
        using var validationX = Sequences(folder, "validation-x.bin", validationCount, steps, input).permute(1, 0, 2);
        using var validationY = every
            ? Sequences(folder, "validation-y.bin", validationCount, steps, output).permute(1, 0, 2)
            : tensor(Exchange.ReadFloats(folder, "validation-y.bin"), [validationCount, output]);
        int[] orders = Exchange.ReadInts(folder, "orders.bin");

        // x: [N, T, I] sequence-major; a batch is index_select(0, rows) then [T, B, I].
        Tensor Loss(Tensor x, Tensor y)
        {
            var outputs = model.Forward(x);
            return nn.functional.mse_loss(every ? outputs : outputs.select(0, -1), y);
        }

        var validation = new List<double>();
        var training = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double sum = 0;
            for (int start = 0; start < count; start += batch)
            {
                using var scope = NewDisposeScope();
                int size = System.Math.Min(batch, count - start);
                var rows = tensor(orders.Skip(epoch * count + start).Take(size).Select(r => (long)r).ToArray());
                var x = trainX.index_select(0, rows).permute(1, 0, 2);
                var y = every ? trainY.index_select(0, rows).permute(1, 0, 2) : trainY.index_select(0, rows);
                optimizer.zero_grad();
                var loss = Loss(x, y);
                loss.backward();
                if (clip > 0)
                    nn.utils.clip_grad_norm_(model.Parameters, clip);
                optimizer.step();
                sum += loss.item<float>() * size;
            }

            training.Add(sum / count);
            // Gradients stay on (no no_grad): TorchSharp's LSTM forward under no_grad gave wrong outputs at H = 16 on AVX-512.
            using (NewDisposeScope())
                validation.Add(Loss(validationX, validationY).item<float>());
        }

        Exchange.WriteValues(folder, "torch-validation.txt", validation);
        Exchange.WriteValues(folder, "torch-training.txt", training);
        return (validation[^1], validation.Min(), training[0]);
    }

    private static Tensor Sequences(string folder, string name, int count, int steps, int width) =>
        tensor(Exchange.ReadFloats(folder, name), [count, steps, width]);
}
