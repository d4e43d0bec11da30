using System;

namespace Rnn.Import;

/// <summary>
/// A model that cannot be imported: the message names the file, where in it (a node, a layer, a JSON path)
/// and what was expected versus found, e.g.
/// <c>model.onnx: node "lstm_1" (LSTM): attribute input_forget=1 is not supported</c>.
/// </summary>
public sealed class ModelImportException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>; <paramref name="problem"/> says where and what.</summary>
    public ModelImportException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file being imported.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file and what is wrong, without the file name.</summary>
    public string Problem { get; }
}
