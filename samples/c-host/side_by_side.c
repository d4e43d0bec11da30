/* side-by-side: two NativeAOT shared libraries in one process, each with its own runtime: libsine.so
 * (samples/NativeLibrary, models sine_* and gru_*) and liblstm.so (samples/LstmLibrary, lstm_*). Their models
 * are stepped in turn and each is checked against PyTorch. Two static NativeAOT libraries cannot be linked
 * into one program this way: both carry the same runtime and class-library symbols (see README). */
#include "gru_reference.h"
#include "lstm.h"

/* liblstm's model against PyTorch: the first steps of tests/Fixtures/golden/lstm_i1_h8.io.json. */
static int check_lstm(void)
{
    static const float input[REFERENCE_STEPS] = {2.2352993f, 1.412184f, 4.3129745f, -0.8612393f, 2.3878343f, -1.2739117f, -0.82891214f, -0.114771925f};
    static const float pytorch[REFERENCE_STEPS] = {-0.100219049f, -0.122844723f, -0.0580900158f, -0.130643964f, -0.0971786739f, -0.127635785f, -0.123645176f, -0.137463624f};
    static _Alignas(LSTM_STATE_ALIGNMENT) unsigned char state[LSTM_STATE_SIZE];
    const struct model_entry_points lstm = {"lstm", LSTM_ABI_VERSION, lstm_abi_version(), sizeof state, lstm_state_size(), lstm_init, lstm_run};
    return matches_pytorch(&lstm, state, input, pytorch);
}

int main(void)
{
    /* Each library's runtime starts on its first call; calling them in turn, twice, shows neither disturbs the other. */
    int ok = check_gru() && check_lstm() && check_gru() && check_lstm();
    printf("%s\n", ok ? "two NativeAOT shared libraries side by side: both match PyTorch" : "side by side failed");
    return ok ? 0 : 1;
}
