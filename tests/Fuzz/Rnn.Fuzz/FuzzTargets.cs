using System;
using System.Collections.Generic;
using System.IO;
using Rnn.Import;
using Rnn.Runtime.Descriptors;
using Rnn.Trainer.Training;

namespace Rnn.Fuzz;

/// <summary>
/// One fuzz target per reader of untrusted files. Each takes the input's bytes and must either succeed or throw
/// its documented exception (a clear error naming the file); anything else escapes and AFL++ records a crash.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The targets by the name tools/fuzz.sh passes; each returns null for an accepted input, the error for a refused one.</summary>
    public static readonly IReadOnlyDictionary<string, Func<byte[], string?>> ByName = new Dictionary<string, Func<byte[], string?>>
    {
        // The descriptor reader: UTF-8 checks, lexer, grammar, parser, validator.
        ["descriptor"] = bytes => Expect<RnnDescriptorException>(() => DescriptorReader.ParseUtf8(bytes, "fuzz.rnn.json")),
        // rnn import: content sniffing, then Keras/RTNeural, NAM, PyTorch JSON, NeuralPi or ONNX.
        ["import"] = bytes => WithFile(bytes, "fuzz-model", path => Expect<ModelImportException>(() => ModelImport.Import(path))),
        // rnn train --resume: the checkpoint reader.
        ["checkpoint"] = bytes => WithFile(bytes, "fuzz.ckpt", path => Expect<InvalidDataException>(() => Checkpoint.Load(path))),
    };

    private static string? Expect<TDocumented>(Action read)
        where TDocumented : Exception
    {
        try
        {
            read();
            return null;
        }
        catch (TDocumented e)
        {
            // A refused input: the behaviour asked for.
            return e.Message;
        }
    }

    // The importers and the checkpoint reader take paths: the input goes to a file in this process's own folder.
    private static readonly string s_folder = Directory.CreateTempSubdirectory("rnn-fuzz-").FullName;

    private static string? WithFile(byte[] bytes, string name, Func<string, string?> read)
    {
        string path = Path.Combine(s_folder, name);
        File.WriteAllBytes(path, bytes);
        return read(path);
    }
}
