using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;
using Rnn.Trainer.Data;
using Rnn.Trainer.Losses;
using Rnn.Trainer.Training;
using Rnn.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace Rnn.Trainer.Tests;

/// <summary>The issue's demonstrations, each a real training run (each well under a minute on 2 cores).</summary>
public sealed class DemonstrationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-demo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TrainingSession Train(TrainingOptions options, SequenceDataset training, SequenceDataset validation, ITestOutputHelper log)
    {
        var session = new TrainingSession(options, training, validation);
        while (!session.Stopped)
        {
            var e = session.RunEpoch(null, CancellationToken.None)!.Value;
            log.WriteLine($"epoch {e.Epoch}: training {e.TrainingLoss:E3}, validation {e.ValidationLoss:E3} ({e.Seconds:F2} s)");
        }

        return session;
    }

    [Fact]
    public void ASumOfSinesForecasterReachesAValidationMseOf1e3()
    {
        string csv = Path.Combine(_directory, "sines.csv");
        var text = new StringBuilder("t,x\n");
        for (int t = 0; t < 3000; t++)
            text.Append(t).Append(',').Append((0.6 * Math.Sin(t * 0.07) + 0.3 * Math.Sin(t * 0.19 + 1)).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(csv, text.ToString());
        var data = TimeSeriesWindows.Load(csv, new TimeSeriesOptions(["x"], ["x"], Window: 50, Horizon: 1, ValidationFraction: 0.2));

        var options = new TrainingOptions(LayerSpec.ParseStack("lstm:16"), Epochs: 30, BatchSize: 16, LearningRate: 0.01, Seed: 3);
        var session = Train(options, data.Training, data.Validation, output);

        Assert.True(session.BestValidationLoss <= 1e-3, $"best validation MSE {session.BestValidationLoss:E3}");
    }

    [Fact]
    public void OnTheAddingProblemLstmAndGruClearlyBeatTheVanillaRnn()
    {
        const int steps = 60;
        var training = AddingProblem.Generate(4000, steps, seed: 1);
        var validation = AddingProblem.Generate(1000, steps, seed: 2);
        var results = new System.Collections.Generic.Dictionary<string, double>();
        foreach (string cell in new[] { "lstm", "gru", "rnn" })
        {
            var options = new TrainingOptions(LayerSpec.ParseStack(cell + ":24"), Epochs: 25, BatchSize: 32, LearningRate: 0.005, Seed: 4);
            results[cell] = Train(options, training, validation, output).BestValidationLoss;
            output.WriteLine($"{cell}: best validation MSE {results[cell]:E3}");
        }

        // Guessing the mean scores about 0.167.
        Assert.True(results["lstm"] < 0.01, $"LSTM reached {results["lstm"]:E3}");
        Assert.True(results["gru"] < 0.01, $"GRU reached {results["gru"]:E3}");
        Assert.True(results["rnn"] > 10 * Math.Max(results["lstm"], results["gru"]), $"RNN reached {results["rnn"]:E3}, LSTM {results["lstm"]:E3}, GRU {results["gru"]:E3}");
    }

    [Fact]
    public void ANextCharacterModelWritesWordsOfItsTextWhenRunByTheInterpreter()
    {
        string[] sentences =
        [
            "the cat sat on the mat. ", "a dog ran in the park. ", "the sun is warm today. ",
            "we like to read books. ", "birds sing in the morning. ", "the river runs to the sea. ",
        ];
        var random = new Random(9);
        var text = new StringBuilder();
        while (text.Length < 6000)
            text.Append(sentences[random.Next(sentences.Length)]);
        var corpus = TextCorpus.FromText(text.ToString(), "sentences.txt", window: 40, validationFraction: 0.1);

        var options = new TrainingOptions(LayerSpec.ParseStack("gru:64"), Epochs: 12, BatchSize: 32, LearningRate: 0.01, Seed: 2);
        var session = Train(options, corpus.Training, corpus.Validation, output);
        session.BestParameters.CopyTo(session.Network.Parameters, 0);
        var metadata = MetadataValue.FromObject([new("vocabulary", MetadataValue.FromString(corpus.Vocabulary))]);
        string path = Path.Combine(_directory, "chars.rnn.json");
        DescriptorWriter.WriteFile(DescriptorExport.ToDescriptor(session.Network, softmaxHead: true, null, metadata), path);

        // Uniform guessing scores ln(vocabulary) ≈ 3.1 nats per character.
        Assert.True(session.BestValidationLoss < 0.8, $"validation cross-entropy {session.BestValidationLoss:F3} nats");

        // Generate from the exported file with the runtime interpreter: prompt, then sample 300 characters.
        var sampler = new TextSampler(DescriptorReader.ReadFile(path), path);
        var generated = new StringBuilder(sampler.Generate("the ", 300, temperature: 1.0, seed: 5));
        output.WriteLine(generated.ToString());
        var known = sentences.SelectMany(s => s.Split(' ', '.')).Where(w => w.Length > 0).ToHashSet();
        var words = generated.ToString().Split(' ', '.').Where(w => w.Length > 0).ToArray();
        double share = words.Count(known.Contains) / (double)words.Length;
        Assert.True(share >= 0.8, $"only {share:P0} of the generated words are words of the text: {generated}");
    }
}
