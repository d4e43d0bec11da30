/* Runs a model's first steps and compares them with PyTorch's outputs for the same inputs (the .io.json files
 * in tests/Fixtures/golden): the independent reference the C hosts check every model of a library against. */
#ifndef RNN_REFERENCE_H
#define RNN_REFERENCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* float32 kernels against PyTorch's float64 reference, the same bound as the golden tests. */
#define PYTORCH_TOLERANCE 1e-5f
#define REFERENCE_STEPS 8

/* The entry points every generated C interface has, whatever its prefix; for models of one input and one output. */
struct model_entry_points {
    const char* name;
    uint32_t abi_version, linked_abi_version;
    size_t state_capacity, linked_state_size;
    int32_t (*init)(void* state, size_t state_size);
    int32_t (*run)(void* state, size_t state_size, const float* inputs, size_t input_count, float* outputs, size_t output_capacity);
};

static int matches_pytorch(const struct model_entry_points* model, void* state,
                           const float input[REFERENCE_STEPS], const float pytorch[REFERENCE_STEPS])
{
    float got[REFERENCE_STEPS];
    if (model->linked_abi_version != model->abi_version || model->linked_state_size > model->state_capacity ||
        model->init(state, model->state_capacity) != 0 ||
        model->run(state, model->state_capacity, input, REFERENCE_STEPS, got, REFERENCE_STEPS) != 0) {
        fprintf(stderr, "error: the model %s_* does not run (or its header does not match the library)\n", model->name);
        return 0;
    }
    for (int t = 0; t < REFERENCE_STEPS; t++) {
        float difference = got[t] > pytorch[t] ? got[t] - pytorch[t] : pytorch[t] - got[t];
        if (!(difference <= PYTORCH_TOLERANCE)) {
            fprintf(stderr, "error: %s_run step %d gives %.9g, PyTorch %.9g\n", model->name, t, got[t], pytorch[t]);
            return 0;
        }
    }
    char call[58];
    snprintf(call, sizeof call, "%s_run(state, ..., %d steps)", model->name, REFERENCE_STEPS);
    printf("%-58s -> PyTorch's outputs\n", call);
    return 1;
}

#endif
