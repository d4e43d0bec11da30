namespace Rnn.Generator.Emit;

/// <summary>
/// Writes <c>prefix_step_batch</c>: the generated <c>StepBatch</c> over a table of caller-owned state buffers.
/// Every buffer is checked (and marked, to find one given twice) before any stream moves, so a refused call
/// changes nothing; the marks are cleared before it returns.
/// </summary>
internal static class NativeBatchExportsEmitter
{
    /// <summary>The C declaration, shared by the C# summary and the header.</summary>
    public static string Declaration(string prefix) =>
        $"int32_t {prefix}_step_batch(void* const* states, size_t state_count, size_t state_size, const float* inputs, size_t input_count, float* outputs, size_t output_capacity)";

    public static void Emit(CodeWriter w, NativeAbi abi, string typeName) => w.Lines($$"""
        /// <summary>
        /// <c>{{Declaration(abi.Prefix)}}</c>: one time step of state_count streams, each weight read once for all of them.
        /// </summary>
        [global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = "{{abi.Prefix}}_step_batch")]
        public static int StepBatch(void** states, nuint stateCount, nuint stateSize, float* inputs, nuint inputCount, float* outputs, nuint outputCapacity)
        {
            if (states == null || inputs == null || outputs == null)
                return ErrorNullPointer;
            if (stateCount > int.MaxValue / (InputSize + OutputSize))
                return ErrorWrongLength;
            int status = CheckStates(states, (int)stateCount, stateSize);
            if (status != Ok)
                return status;
            if (inputCount != stateCount * InputSize)
                return ErrorWrongLength;
            if (outputCapacity < stateCount * OutputSize)
                return ErrorBufferTooSmall;
            if (stateCount == 0)
                return Ok;
            try
            {
                StepBatchBest(new NativeStreams(states), ref global::System.Runtime.CompilerServices.Unsafe.AsRef<State>(states[0]).Model, (int)stateCount,
                    new global::System.ReadOnlySpan<float>(inputs, (int)inputCount), new global::System.Span<float>(outputs, (int)(stateCount * OutputSize)));
                return Ok;
            }
            catch
            {
                return ErrorInternal; // nothing in a step throws; never let anything cross into C
            }
        }

        // Every state as CheckState sees it, and none twice: each is marked in its header's reserved word as it
        // passes, so a second sight of a mark is a buffer given twice; the marks are cleared before returning.
        private static int CheckStates(void** states, int count, nuint stateSize)
        {
            int status = Ok, marked = 0;
            for (; marked < count; marked++)
            {
                status = CheckState(states[marked], stateSize);
                if (status != Ok)
                    break;
                ref State s = ref global::System.Runtime.CompilerServices.Unsafe.AsRef<State>(states[marked]);
                if (s.Reserved == BatchMark)
                {
                    status = ErrorDuplicateState;
                    break;
                }

                s.Reserved = BatchMark;
            }

            for (int k = 0; k < marked; k++)
                global::System.Runtime.CompilerServices.Unsafe.AsRef<State>(states[k]).Reserved = 0;
            return status;
        }

        private const ulong BatchMark = 0x4843544150455453ul; // "STEPBATCH" cut to eight bytes

        /// <summary>Stream k of a C batch: the model inside the k-th state buffer.</summary>
        private readonly struct NativeStreams : IStreams
        {
            private readonly void** _states;

            public NativeStreams(void** states) => _states = states;

            public ref {{typeName}} At(ref {{typeName}} head, int index) =>
                ref global::System.Runtime.CompilerServices.Unsafe.AsRef<State>(_states[index]).Model;
        }

        """);

    /// <summary>The header's text for step_batch.</summary>
    public static string HeaderText(string prefix, string macro) => $$"""
        /* One time step of state_count independent streams, each weight read from memory once for all of them
         * (where state_count calls of {{prefix}}_step would read every weight state_count times). states[k] is a buffer
         * set up by {{prefix}}_init, of at least state_size bytes, given at most once; stream k reads
         * inputs[k * {{macro}}_INPUT_SIZE ...] and writes outputs[k * {{macro}}_OUTPUT_SIZE ...], bit-identical to
         * {{prefix}}_step on that state alone. input_count must be state_count * {{macro}}_INPUT_SIZE, output_capacity
         * at least state_count * {{macro}}_OUTPUT_SIZE. Every state is checked before any stream moves (the same
         * statuses as {{prefix}}_step, and RNN_ERROR_DUPLICATE_STATE for a buffer given twice): a refused call
         * changes nothing. Reset one stream with {{prefix}}_reset on its state. */
        int32_t {{prefix}}_step_batch(void* const* states, size_t state_count, size_t state_size,
            const float* inputs, size_t input_count, float* outputs, size_t output_capacity);

        """;
}
