using Rnn.Runtime;

namespace SineNative;

/// <summary>
/// A second model in the same library, with its own prefix (<c>gru_init</c>, <c>gru_step</c>, …; see samples/c-host/gru.h):
/// one NativeAOT library holds any number of models, each exporting its own C entry points over the one runtime.
/// </summary>
[RnnModel("../../tests/Fixtures/golden/gru_i1_h16.rnn.json", NativeExportPrefix = "gru")]
public partial struct GruModel;
