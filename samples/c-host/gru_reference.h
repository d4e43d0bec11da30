/* The second model of libsine (gru_*, samples/NativeLibrary/GruModel.cs) against PyTorch: the first steps of
 * tests/Fixtures/golden/gru_i1_h16.io.json. */
#ifndef GRU_REFERENCE_H
#define GRU_REFERENCE_H

#include "gru.h"
#include "reference.h"

static int check_gru(void)
{
    static const float input[REFERENCE_STEPS] = {-2.2584467f, 1.0956372f, 1.3471516f, 1.4862766f, -1.1958967f, -0.36789358f, 1.4430339f, -0.49036652f};
    static const float pytorch[REFERENCE_STEPS] = {0.293259088f, 0.316591534f, 0.31755466f, 0.313324552f, 0.34204555f, 0.358343353f, 0.344016562f, 0.356462362f};
    static _Alignas(GRU_STATE_ALIGNMENT) unsigned char state[GRU_STATE_SIZE];
    const struct model_entry_points gru = {"gru", GRU_ABI_VERSION, gru_abi_version(), sizeof state, gru_state_size(), gru_init, gru_run};
    return matches_pytorch(&gru, state, input, pytorch);
}

#endif
