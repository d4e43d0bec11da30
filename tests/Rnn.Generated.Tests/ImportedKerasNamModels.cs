using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// One generated model per imported Keras/RTNeural and NAM golden fixture (tests/Fixtures/golden/keras_*, nam_*:
// the descriptors rnn import wrote from tests/Fixtures/import/{keras,nam}); GeneratedModelTests runs each
// against its float64 reference (Keras equations, PyTorch) on every SIMD path.

[RnnModel("../Fixtures/golden/keras_dense_acts_i4.rnn.json")]
public partial struct KerasDenseActsI4;

[RnnModel("../Fixtures/golden/keras_gru_after_i1_h8.rnn.json")]
public partial struct KerasGruAfterI1H8;

[RnnModel("../Fixtures/golden/keras_gru_before_i2_h20.rnn.json")]
public partial struct KerasGruBeforeI2H20;

[RnnModel("../Fixtures/golden/keras_lstm_hard_sigmoid_i2_h8.rnn.json")]
public partial struct KerasLstmHardSigmoidI2H8;

[RnnModel("../Fixtures/golden/keras_lstm_i1_h40.rnn.json")]
public partial struct KerasLstmI1H40;

[RnnModel("../Fixtures/golden/keras_lstm_i3_h1.rnn.json")]
public partial struct KerasLstmI3H1;

[RnnModel("../Fixtures/golden/keras_stacked_i2.rnn.json")]
public partial struct KerasStackedI2;

[RnnModel("../Fixtures/golden/nam_lstm2_h16.rnn.json")]
public partial struct NamLstm2H16;

[RnnModel("../Fixtures/golden/nam_lstm_h3.rnn.json")]
public partial struct NamLstmH3;
