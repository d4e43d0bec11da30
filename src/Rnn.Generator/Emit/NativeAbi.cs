using Rnn.Generator.Model;

namespace Rnn.Generator.Emit;

/// <summary>
/// The facts of one model's C ABI that the C# entry points and the C header must agree on, computed in
/// one place so the two cannot drift.
/// </summary>
internal sealed class NativeAbi
{
    /// <summary>Bumped whenever a signature, a status code or the state header changes meaning.</summary>
    public const int Version = 1;

    /// <summary>State buffers must be aligned to this many bytes (vector loads of the state stay in one cache line).</summary>
    public const int StateAlignment = 16;

    /// <summary>Bytes before the model in the caller's buffer: magic, ABI version, 8 reserved.</summary>
    public const int HeaderBytes = 16;

    public NativeAbi(ModelRequest request, NetworkPlan plan, string prefix)
    {
        Prefix = prefix;
        Macro = prefix.ToUpperInvariant();
        // The model struct holds StateBuffer and ScratchBuffer (floats) and, unless it runs whole sequences
        // only, one or two bools padded to 4 bytes; the header's ulong makes the whole buffer a multiple of 8.
        // A test checks this against sizeof.
        int model = 4 * (plan.StateLength + plan.ScratchLength) + (plan.WholeSequence ? 0 : 4);
        StateSize = (HeaderBytes + model + 7) / 8 * 8;
        Precision = (int)plan.Precision;
        PrecisionName = Rnn.Runtime.Precision.WeightQuantizer.Name(plan.Precision);
        Magic = Fnv1a(request.FullName + "|" + plan.Summary + "|" + plan.InputSize + "|" + plan.OutputSize);
    }

    public string Prefix { get; }

    /// <summary>The weight precision the library is built with, as the C ABI numbers it (WeightPrecision's values: 0 float32, 1 float16, 2 bfloat16, 3 int8).</summary>
    public int Precision { get; }

    /// <summary>Its name in the header: float32, float16, bfloat16 or int8.</summary>
    public string PrecisionName { get; }

    /// <summary>The prefix in upper case, for the header's macros.</summary>
    public string Macro { get; }

    /// <summary>Bytes of the caller-owned state buffer.</summary>
    public int StateSize { get; }

    /// <summary>Written by init and checked by every call, so a buffer never set up (or set up by another model) is refused.</summary>
    public uint Magic { get; }

    /// <summary>Status codes, shared by every model's header (guarded there so two headers can be included together).</summary>
    public static readonly (string Name, int Value, string Meaning)[] Statuses =
    {
        ("RNN_OK", 0, "success"),
        ("RNN_ERROR_NULL_POINTER", -1, "a pointer argument is NULL"),
        ("RNN_ERROR_WRONG_LENGTH", -2, "an input count is not a whole number of model inputs"),
        ("RNN_ERROR_MISALIGNED", -3, "the state buffer is not aligned to the model's *_STATE_ALIGNMENT"),
        ("RNN_ERROR_BUFFER_TOO_SMALL", -4, "the state or output buffer is smaller than the call needs"),
        ("RNN_ERROR_NOT_INITIALIZED", -5, "the state buffer was not set up by this model's *_init"),
        ("RNN_ERROR_INTERNAL", -6, "an unexpected failure inside the library (please report it)"),
        ("RNN_ERROR_DUPLICATE_STATE", -7, "a state buffer appears twice in one *_step_batch call"),
    };

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }

        return hash;
    }
}
