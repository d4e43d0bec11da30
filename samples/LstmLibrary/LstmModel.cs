using Rnn.Runtime;

namespace LstmNative;

/// <summary>The model of the second library, with C entry points <c>lstm_init</c>, <c>lstm_step</c>, … (see samples/c-host/lstm.h).</summary>
[RnnModel("../../tests/Fixtures/golden/lstm_i1_h8.rnn.json", NativeExportPrefix = "lstm")]
public partial struct LstmModel;
