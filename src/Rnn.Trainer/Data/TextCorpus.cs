using System;
using System.IO;
using System.Linq;
using Rnn.Trainer.Losses;

namespace Rnn.Trainer.Data;

/// <summary>
/// Plain text for next-character models: the vocabulary is the text's distinct characters (sorted, so the
/// same text always gives the same indices), each step's input is the one-hot character, its target the next.
/// </summary>
public sealed class TextCorpus
{
    private TextCorpus(string vocabulary, SequenceDataset training, SequenceDataset validation, int characters)
    {
        (Vocabulary, Training, Validation, Characters) = (vocabulary, training, validation, characters);
    }

    /// <summary>Characters in the text (a CR LF pair counts as one).</summary>
    public int Characters { get; }

    /// <summary>The characters, in index order (stored in the descriptor's metadata as "vocabulary").</summary>
    public string Vocabulary { get; }

    /// <summary>Training sequences.</summary>
    public SequenceDataset Training { get; }

    /// <summary>Validation sequences (from the end of the text).</summary>
    public SequenceDataset Validation { get; }

    /// <summary>
    /// Reads a UTF-8 text file. Every problem is a <see cref="DataFileException"/> naming the file; a file that is
    /// not text (a zero byte, or bytes that are not UTF-8) is refused rather than learned as characters.
    /// </summary>
    public static TextCorpus Load(string path, int window, double validationFraction, LossScope scope = LossScope.EveryStep)
    {
        byte[] bytes = DataFiles.ReadBytes(path);
        return FromText(DataFiles.DecodeText(bytes, path).Replace("\r\n", "\n"), DataFiles.DisplayName(path), window, validationFraction, scope);
    }

    /// <summary>Builds the corpus from text already in memory (<paramref name="source"/> names it in errors).</summary>
    public static TextCorpus FromText(string text, string source, int window, double validationFraction, LossScope scope = LossScope.EveryStep)
    {
        if (text.Length == 0)
            throw new DataFileException(source, 0, 0, "the file is empty");
        if (window < 1)
            throw new DataFileException(source, 0, 0, $"the window must be at least 1 character, found {window}");
        if (window + 1 > text.Length)
            throw new DataFileException(source, 0, 0, $"--window {window} needs at least {window + 1} characters of text; the file has {text.Length}");
        string vocabulary = new(text.Distinct().Order().ToArray());
        int split = (int)Math.Round(text.Length * (1 - validationFraction));
        var training = Cut(text, 0, split, window, vocabulary, scope);
        var validation = Cut(text, split, text.Length, window, vocabulary, scope);
        if (training.Count == 0)
            throw new DataFileException(source, 0, 0, $"the training part ({split} characters) is shorter than one window of {window} plus one; use a shorter --window");
        if (validationFraction > 0 && validation.Count == 0)
            throw new DataFileException(source, 0, 0, $"the validation part ({text.Length - split} characters) is shorter than one window of {window} plus one; use a shorter --window or a larger --validation");
        return new TextCorpus(vocabulary, training, validation, text.Length);
    }

    // x: [N, T, V] one-hot; y: the next character's index, [N, T] (every step) or [N] (after the last step).
    private static SequenceDataset Cut(string text, int first, int end, int window, string vocabulary, LossScope scope)
    {
        int stride = Math.Max(1, window / 2), count = end - first > window ? (end - first - window - 1) / stride + 1 : 0;
        int v = vocabulary.Length;
        bool every = scope == LossScope.EveryStep;
        var x = new float[count * window * v];
        var y = new int[count * (every ? window : 1)];
        for (int n = 0; n < count; n++)
        {
            for (int t = 0; t < window; t++)
            {
                int at = first + n * stride + t;
                x[(n * window + t) * v + vocabulary.IndexOf(text[at])] = 1;
                if (every)
                    y[n * window + t] = vocabulary.IndexOf(text[at + 1]);
                else if (t == window - 1)
                    y[n] = vocabulary.IndexOf(text[at + 1]);
            }
        }

        return new SequenceDataset(count, window, v, v, TargetKind.Classification, scope, x, null, y);
    }
}
