/* c-host: runs the example model through its C interface (sine.h), linked as a NativeAOT static or
 * shared library. Usage: sine-host INPUT.csv   prints "step,y0" rows like `rnn run`;
 *                        sine-host --check     exercises every error code of the interface, checks
 *                                              that streams stepped together give what each gives alone,
 *                                              and runs the library's second model (gru.h) against PyTorch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gru_reference.h"
#include "sine.h"

/* Static allocation, as on a device without a heap: size and alignment come from the header. */
static _Alignas(SINE_STATE_ALIGNMENT) unsigned char state[SINE_STATE_SIZE];

static int check_interface(void)
{
    if (sine_abi_version() != SINE_ABI_VERSION || sine_input_size() != SINE_INPUT_SIZE ||
        sine_output_size() != SINE_OUTPUT_SIZE || sine_state_size() > SINE_STATE_SIZE ||
        sine_state_alignment() != SINE_STATE_ALIGNMENT) {
        fprintf(stderr, "error: sine.h (ABI %d) does not match the linked library (ABI %u)\n",
                SINE_ABI_VERSION, (unsigned)sine_abi_version());
        return 0;
    }
    return 1;
}

static int read_inputs(const char* path, float** values, size_t* count)
{
    FILE* file = fopen(path, "r");
    if (!file) {
        perror(path);
        return 0;
    }
    size_t capacity = 256, n = 0;
    float* data = malloc(capacity * sizeof *data);
    char line[256];
    for (int number = 1; data && fgets(line, sizeof line, file); number++) {
        char* end;
        float value = strtof(line, &end);
        if (end == line) {
            if (number == 1)
                continue; /* header */
            fprintf(stderr, "%s:%d: expected a number, found \"%.40s\"\n", path, number, line);
            free(data);
            fclose(file);
            return 0;
        }
        if (n == capacity) {
            float* grown = realloc(data, (capacity *= 2) * sizeof *data);
            if (!grown) {
                free(data);
                data = NULL;
                break;
            }
            data = grown;
        }
        data[n++] = value;
    }
    fclose(file);
    if (!data) {
        fprintf(stderr, "error: out of memory reading %s\n", path);
        return 0;
    }
    *values = data;
    *count = n;
    return 1;
}

#define EXPECT(call, want)                                                                   \
    do {                                                                                     \
        int32_t got = (call);                                                                \
        printf("%-58s -> %d\n", #call, got);                                                 \
        if (got != (want)) {                                                                 \
            fprintf(stderr, "error: %s returned %d, expected %s (%d)\n", #call, got, #want, want); \
            failures++;                                                                      \
        }                                                                                    \
    } while (0)

/* Two streams stepped together (sine_step_batch): a bad state anywhere is refused before anything moves,
 * and each stream's outputs equal the same stream stepped alone with sine_step. */
static int check_batch(unsigned char* never_initialized)
{
    int failures = 0;
    static _Alignas(SINE_STATE_ALIGNMENT) unsigned char a[SINE_STATE_SIZE], b[SINE_STATE_SIZE], alone[SINE_STATE_SIZE];
    void* states[2] = {a, b};
    void* twice[2] = {a, a};
    void* uninitialized[2] = {a, never_initialized};
    float in[2 * SINE_INPUT_SIZE], out[2 * SINE_OUTPUT_SIZE], solo[SINE_OUTPUT_SIZE];
    EXPECT(sine_init(a, sizeof a), RNN_OK);
    EXPECT(sine_init(b, sizeof b), RNN_OK);
    EXPECT(sine_init(alone, sizeof alone), RNN_OK);
    EXPECT(sine_step_batch(uninitialized, 2, sizeof a, in, 2 * SINE_INPUT_SIZE, out, 2 * SINE_OUTPUT_SIZE), RNN_ERROR_NOT_INITIALIZED);
    EXPECT(sine_step_batch(twice, 2, sizeof a, in, 2 * SINE_INPUT_SIZE, out, 2 * SINE_OUTPUT_SIZE), RNN_ERROR_DUPLICATE_STATE);
    EXPECT(sine_step_batch(states, 2, sizeof a, in, SINE_INPUT_SIZE, out, 2 * SINE_OUTPUT_SIZE), RNN_ERROR_WRONG_LENGTH);
    for (int t = 0; t < 50; t++) {
        for (int k = 0; k < 2 * SINE_INPUT_SIZE; k++)
            in[k] = (float)((t * 7 + k * 3) % 11) / 11.0f - 0.5f;
        if (sine_step_batch(states, 2, sizeof a, in, 2 * SINE_INPUT_SIZE, out, 2 * SINE_OUTPUT_SIZE) != RNN_OK ||
            sine_step(alone, sizeof alone, in + SINE_INPUT_SIZE, SINE_INPUT_SIZE, solo, SINE_OUTPUT_SIZE) != RNN_OK ||
            memcmp(solo, out + SINE_OUTPUT_SIZE, sizeof solo) != 0) {
            fprintf(stderr, "error: step %d of stream 1 differs between sine_step_batch and sine_step\n", t);
            return failures + 1;
        }
    }
    printf("%-58s -> same as sine_step, 50 steps\n", "sine_step_batch(states, 2, ...)");
    return failures;
}

static int check_errors(void)
{
    int failures = 0;
    float in[SINE_INPUT_SIZE * 2] = {0.5f, 0.25f}, out[SINE_OUTPUT_SIZE * 2];
    static _Alignas(SINE_STATE_ALIGNMENT) unsigned char fresh[SINE_STATE_SIZE + SINE_STATE_ALIGNMENT];
    EXPECT(sine_step(fresh, sizeof state, in, SINE_INPUT_SIZE, out, SINE_OUTPUT_SIZE), RNN_ERROR_NOT_INITIALIZED);
    EXPECT(sine_init(NULL, sizeof state), RNN_ERROR_NULL_POINTER);
    EXPECT(sine_init(fresh + 1, sizeof state), RNN_ERROR_MISALIGNED);
    EXPECT(sine_init(state, sizeof state - 1), RNN_ERROR_BUFFER_TOO_SMALL);
    EXPECT(sine_init(state, sizeof state), RNN_OK);
    EXPECT(sine_step(state, sizeof state, NULL, SINE_INPUT_SIZE, out, SINE_OUTPUT_SIZE), RNN_ERROR_NULL_POINTER);
    EXPECT(sine_step(state, sizeof state, in, SINE_INPUT_SIZE + 1, out, SINE_OUTPUT_SIZE), RNN_ERROR_WRONG_LENGTH);
    EXPECT(sine_step(state, sizeof state, in, SINE_INPUT_SIZE, out, SINE_OUTPUT_SIZE - 1), RNN_ERROR_BUFFER_TOO_SMALL);
    EXPECT(sine_run(state, sizeof state, in, 2 * SINE_INPUT_SIZE, out, SINE_OUTPUT_SIZE), RNN_ERROR_BUFFER_TOO_SMALL);
    EXPECT(sine_step(state, sizeof state, in, SINE_INPUT_SIZE, out, SINE_OUTPUT_SIZE), RNN_OK);
    EXPECT(sine_reset(state, sizeof state), RNN_OK);
    EXPECT(sine_run(state, sizeof state, in, 2 * SINE_INPUT_SIZE, out, 2 * SINE_OUTPUT_SIZE), RNN_OK);
    failures += check_batch(fresh);
    printf("%s\n", failures == 0 ? "all error codes as documented" : "error codes differ from sine.h");
    return failures == 0;
}

int main(int argc, char** argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s INPUT.csv | --check\n", argv[0]);
        return 1;
    }
    if (!check_interface())
        return 1;
    if (strcmp(argv[1], "--check") == 0)
        return check_errors() && check_gru() ? 0 : 1;

    float* inputs;
    size_t count;
    if (!read_inputs(argv[1], &inputs, &count))
        return 1;
    size_t steps = count / SINE_INPUT_SIZE;
    float* outputs = malloc((steps ? steps : 1) * SINE_OUTPUT_SIZE * sizeof *outputs);
    int32_t status = outputs ? sine_init(state, sizeof state) : RNN_ERROR_INTERNAL;
    if (status == RNN_OK)
        status = sine_run(state, sizeof state, inputs, steps * SINE_INPUT_SIZE, outputs, steps * SINE_OUTPUT_SIZE);
    if (status != RNN_OK) {
        fprintf(stderr, "error: sine_run returned %d\n", status);
        return 1;
    }

    printf("step");
    for (int k = 0; k < SINE_OUTPUT_SIZE; k++)
        printf(",y%d", k);
    printf("\n");
    for (size_t t = 0; t < steps; t++) {
        printf("%zu", t);
        for (int k = 0; k < SINE_OUTPUT_SIZE; k++)
            printf(",%.9g", outputs[t * SINE_OUTPUT_SIZE + k]);
        printf("\n");
    }
    free(inputs);
    free(outputs);
    return 0;
}
