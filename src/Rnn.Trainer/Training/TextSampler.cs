using System;
using System.Text;
using Rnn.Runtime.Descriptors;
using Rnn.Runtime.Interpreter;

namespace Rnn.Trainer.Training;

/// <summary>
/// Generates text from a next-character model with the runtime interpreter: the descriptor's
/// <c>metadata.vocabulary</c> maps characters to one-hot inputs and softmax outputs.
/// </summary>
internal sealed class TextSampler
{
    private readonly InterpretedModel _model;

    public TextSampler(ModelDescriptor descriptor, string source)
    {
        if (!descriptor.Metadata.TryGetField("vocabulary", out var field) || field.Text is not { Length: > 0 } vocabulary)
            throw new ArgumentException($"{source}: not a text model (no metadata.vocabulary; train one with rnn train on a text file)");
        if (descriptor.InputSize != vocabulary.Length || descriptor.OutputSize != vocabulary.Length)
            throw new ArgumentException($"{source}: metadata.vocabulary has {vocabulary.Length} characters, but the model reads {descriptor.InputSize} and writes {descriptor.OutputSize} values");
        if (Cli.WholeSequence.Reason(descriptor) is { } reason)
            throw new ArgumentException($"{source}: {reason}: it needs the whole sequence, but sampling feeds one character at a time");
        Vocabulary = vocabulary;
        _model = InterpretedModel.FromDescriptor(descriptor);
    }

    /// <summary>The characters in index order.</summary>
    public string Vocabulary { get; }

    /// <summary>
    /// Feeds <paramref name="prompt"/>, then draws <paramref name="length"/> characters from the model's
    /// distribution sharpened or flattened by <paramref name="temperature"/> (0: always the likeliest).
    /// </summary>
    public string Generate(string prompt, int length, double temperature, int seed)
    {
        if (prompt.Length == 0)
            throw new ArgumentException("The prompt needs at least one character.", nameof(prompt));
        foreach (char c in prompt)
        {
            if (Vocabulary.IndexOf(c) < 0)
                throw new ArgumentException($"The prompt's character '{c}' is not in the model's vocabulary \"{Vocabulary}\".", nameof(prompt));
        }

        var state = _model.CreateState();
        var input = new float[Vocabulary.Length];
        var probabilities = new float[Vocabulary.Length];
        var random = new Random(seed);
        var text = new StringBuilder(prompt);
        foreach (char c in prompt)
            Step(c);
        for (int k = 0; k < length; k++)
        {
            char next = Vocabulary[Draw(probabilities, temperature, random)];
            text.Append(next);
            Step(next);
        }

        return text.ToString();

        void Step(char c)
        {
            Array.Clear(input);
            input[Vocabulary.IndexOf(c)] = 1;
            state.Step(input, probabilities);
        }
    }

    private static int Draw(ReadOnlySpan<float> probabilities, double temperature, Random random)
    {
        int best = 0;
        for (int v = 1; v < probabilities.Length; v++)
        {
            if (probabilities[v] > probabilities[best])
                best = v;
        }

        if (temperature <= 0)
            return best;
        // p^(1/T), renormalised: T < 1 sharpens, T > 1 flattens.
        double total = 0;
        for (int v = 0; v < probabilities.Length; v++)
            total += Math.Pow(probabilities[v], 1 / temperature);
        double u = random.NextDouble() * total, cumulative = 0;
        for (int v = 0; v < probabilities.Length; v++)
        {
            cumulative += Math.Pow(probabilities[v], 1 / temperature);
            if (u < cumulative)
                return v;
        }

        return best;
    }
}
