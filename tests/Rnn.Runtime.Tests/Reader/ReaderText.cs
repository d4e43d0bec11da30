using System;
using System.IO;
using System.Text;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Runtime.Tests.Reader;

/// <summary>Small descriptors and temporary files for the reader's hardening tests.</summary>
internal static class ReaderText
{
    public const string FileName = "model.rnn.json";

    /// <summary>
    /// A valid one-layer descriptor (dense 1→1); <paramref name="weight"/> is the weight's JSON text and
    /// <paramref name="metadata"/> the metadata object's. Line 1 is the brace; the weight sits on line 5.
    /// </summary>
    public static string Dense(string weight = "0.5", string metadata = "{}", string type = "dense") =>
        "{\n" +
        "  \"format\": \"rnn-embedded\", \"version\": 1, \"input_size\": 1,\n" +
        "  \"layers\": [\n" +
        $"    {{ \"type\": \"{type}\", \"input_size\": 1, \"units\": 1,\n" +
        $"      \"weight\": [{weight}], \"bias\": [0] }}\n" +
        "  ],\n" +
        $"  \"metadata\": {metadata}\n" +
        "}\n";

    public static RnnDescriptorException Reject(string text) =>
        Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Parse(text, FileName));

    public static RnnDescriptorException RejectBytes(byte[] bytes) =>
        Assert.Throws<RnnDescriptorException>(() => DescriptorReader.ParseUtf8(bytes, FileName));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new MemoryStream();
        foreach (var part in parts)
            all.Write(part);
        return all.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to a fresh temporary file, runs <paramref name="test"/> on its path and deletes it.</summary>
    public static void WithFile(byte[] bytes, Action<string> test)
    {
        string path = Path.Combine(Path.GetTempPath(), "rnn-reader-" + Guid.NewGuid().ToString("N") + ".rnn.json");
        System.IO.File.WriteAllBytes(path, bytes);
        try
        {
            test(path);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
