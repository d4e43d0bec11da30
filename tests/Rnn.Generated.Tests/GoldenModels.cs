using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// One generated model per golden fixture: the generator reads the same descriptors the interpreter
// tests read, and GoldenModelTests compares both with PyTorch's outputs.

[RnnModel("../Fixtures/golden/gru3_i2_h9.rnn.json")]
public partial struct Gru3I2H9;

[RnnModel("../Fixtures/golden/gru_i16_h64.rnn.json")]
public partial struct GruI16H64;

[RnnModel("../Fixtures/golden/gru_i1_h16.rnn.json")]
public partial struct GruI1H16;

[RnnModel("../Fixtures/golden/gru_i7_h33.rnn.json")]
public partial struct GruI7H33;

[RnnModel("../Fixtures/golden/gru_norm_i3_h10.rnn.json")]
public partial struct GruNormI3H10;

[RnnModel("../Fixtures/golden/lstm2_i3_h20_h12.rnn.json")]
public partial struct Lstm2I3H20H12;

[RnnModel("../Fixtures/golden/lstm_i16_h64.rnn.json")]
public partial struct LstmI16H64;

[RnnModel("../Fixtures/golden/lstm_i1_h8.rnn.json")]
public partial struct LstmI1H8;

[RnnModel("../Fixtures/golden/lstm_i4_h1.rnn.json")]
public partial struct LstmI4H1;

[RnnModel("../Fixtures/golden/lstm_i5_h37.rnn.json")]
public partial struct LstmI5H37;

[RnnModel("../Fixtures/golden/mixed_norm_i6.rnn.json")]
public partial struct MixedNormI6;

[RnnModel("../Fixtures/golden/rnn_relu_i3_h13.rnn.json")]
public partial struct RnnReluI3H13;

[RnnModel("../Fixtures/golden/rnn_tanh_i16_h64.rnn.json")]
public partial struct RnnTanhI16H64;

[RnnModel("../Fixtures/golden/rnn_tanh_i1_h1.rnn.json")]
public partial struct RnnTanhI1H1;

[RnnModel("examples/sine-forecaster.rnn.json")]
public partial struct SineForecaster;

// The same model with C entry points (sine_*), as samples/NativeLibrary builds it.
[RnnModel("examples/sine-forecaster.rnn.json", NativeExportPrefix = "sine")]
public partial struct SineNative;

[RnnModel("../Fixtures/golden/seq_norm_i12.rnn.json")]
public partial struct SeqNormI12;
