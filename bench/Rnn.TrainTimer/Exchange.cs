using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Rnn.TrainTimer;

/// <summary>
/// What the two sides hand each other in a folder: raw little-endian float32 / int32 arrays (*.bin, shapes in
/// meta.txt) and meta.txt, one `key value` per line. Readable from numpy too: np.fromfile(path, '&lt;f4').
/// </summary>
internal static class Exchange
{
    public static void WriteFloats(string folder, string name, float[] values) =>
        File.WriteAllBytes(Path.Combine(folder, name), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static void WriteInts(string folder, string name, int[] values) =>
        File.WriteAllBytes(Path.Combine(folder, name), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static float[] ReadFloats(string folder, string name) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, name))).ToArray();

    public static int[] ReadInts(string folder, string name) => MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(Path.Combine(folder, name))).ToArray();

    public static void WriteMeta(string folder, IEnumerable<(string Key, object Value)> entries) =>
        File.WriteAllLines(Path.Combine(folder, "meta.txt"), entries.Select(e => e.Key + " " + Convert.ToString(e.Value, CultureInfo.InvariantCulture)));

    public static Dictionary<string, string> ReadMeta(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "meta.txt")).Where(l => l.Length > 0)
            .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);

    /// <summary>One value a line in round-trip form.</summary>
    public static void WriteValues(string folder, string name, IEnumerable<double> values) =>
        File.WriteAllLines(Path.Combine(folder, name), values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    public static int Int(this Dictionary<string, string> meta, string key) => int.Parse(meta[key], CultureInfo.InvariantCulture);

    public static double Double(this Dictionary<string, string> meta, string key) => double.Parse(meta[key], CultureInfo.InvariantCulture);
}
