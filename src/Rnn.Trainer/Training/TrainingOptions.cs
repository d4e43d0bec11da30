using System.Collections.Generic;

namespace Rnn.Trainer.Training;

/// <summary>How to train: the recurrent stack (a dense head sized to the data is added), optimisation and stopping.</summary>
/// <param name="Layers">Recurrent layers, input side first.</param>
/// <param name="Epochs">Passes over the training data at most.</param>
/// <param name="BatchSize">Sequences per update.</param>
/// <param name="LearningRate">Step size.</param>
/// <param name="Optimizer">"adam" or "sgd".</param>
/// <param name="Momentum">SGD momentum.</param>
/// <param name="ClipNorm">Largest global gradient norm (0: no clipping).</param>
/// <param name="TruncateSteps">Truncated BPTT chunk length (0: full BPTT over the whole sequence).</param>
/// <param name="Seed">Seeds initialisation and shuffling: the same seed gives the same model, bit for bit, on one machine.</param>
/// <param name="Patience">Stop after this many epochs without a better validation loss (0: never stop early).</param>
/// <param name="Threads">Threads sharing each batch (results are reproducible for a given thread count).</param>
public sealed record TrainingOptions(
    IReadOnlyList<LayerSpec> Layers,
    int Epochs = 20,
    int BatchSize = 32,
    double LearningRate = 0.01,
    string Optimizer = "adam",
    double Momentum = 0.9,
    double ClipNorm = 1.0,
    int TruncateSteps = 0,
    int Seed = 1,
    int Patience = 0,
    int Threads = 1);

/// <summary>Progress after one update.</summary>
public readonly record struct BatchProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double SequencesPerSecond);

/// <summary>The outcome of one epoch.</summary>
public readonly record struct EpochResult(int Epoch, double TrainingLoss, double ValidationLoss, bool Improved, double Seconds);
