using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// One generated model per imported Keras/RTNeural and NAM golden fixture (tests/Fixtures/golden/keras_*, nam_*:
// the descriptors rnn import wrote from tests/Fixtures/import/{keras,nam}); GeneratedModelTests runs each
// against its float64 reference (Keras equations, PyTorch) on every SIMD path. The fixtures that use a
// descriptor-v2 feature (GRU reset_after false, hard-sigmoid gates, learned initial states) join once the
// generator emits it.

[RnnModel("../Fixtures/golden/keras_gru_after_i1_h8.rnn.json")]
public partial struct KerasGruAfterI1H8;

[RnnModel("../Fixtures/golden/keras_lstm_i1_h40.rnn.json")]
public partial struct KerasLstmI1H40;

[RnnModel("../Fixtures/golden/keras_lstm_i3_h1.rnn.json")]
public partial struct KerasLstmI3H1;

[RnnModel("../Fixtures/golden/keras_stacked_i2.rnn.json")]
public partial struct KerasStackedI2;
