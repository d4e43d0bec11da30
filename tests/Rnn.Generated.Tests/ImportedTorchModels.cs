using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// One generated model per imported PyTorch and NeuralPi fixture (tools/make_torch_fixtures.py): the generator
// reads the descriptors `rnn import` wrote, and GeneratedModelTests compares them with PyTorch's outputs.

[RnnModel("../Fixtures/golden/neuralpi_cond_lstm16_i2_skip1.rnn.json")]
public partial struct NeuralpiCondLstm16I2Skip1;

[RnnModel("../Fixtures/golden/neuralpi_gru12.rnn.json")]
public partial struct NeuralpiGru12;

[RnnModel("../Fixtures/golden/neuralpi_lstm20_skip1.rnn.json")]
public partial struct NeuralpiLstm20Skip1;

[RnnModel("../Fixtures/golden/neuralpi_rnn2_h8_skip1.rnn.json")]
public partial struct NeuralpiRnn2H8Skip1;

[RnnModel("../Fixtures/golden/torch_bigru2_i1_h6.rnn.json")]
public partial struct TorchBigru2I1H6;

[RnnModel("../Fixtures/golden/torch_bigru_i3_h5.rnn.json")]
public partial struct TorchBigruI3H5;

[RnnModel("../Fixtures/golden/torch_bilstm2_i2_h5.rnn.json")]
public partial struct TorchBilstm2I2H5;

[RnnModel("../Fixtures/golden/torch_bilstm_i2_h6.rnn.json")]
public partial struct TorchBilstmI2H6;

[RnnModel("../Fixtures/golden/torch_bilstm_proj_i2_h8_p3.rnn.json")]
public partial struct TorchBilstmProjI2H8P3;

[RnnModel("../Fixtures/golden/torch_gru2_i1_h12.rnn.json")]
public partial struct TorchGru2I1H12;

[RnnModel("../Fixtures/golden/torch_gru3_i3_h7.rnn.json")]
public partial struct TorchGru3I3H7;

[RnnModel("../Fixtures/golden/torch_gru_i2_h10.rnn.json")]
public partial struct TorchGruI2H10;

[RnnModel("../Fixtures/golden/torch_heads_i4.rnn.json")]
public partial struct TorchHeadsI4;

[RnnModel("../Fixtures/golden/torch_lstm2_i3_h10.rnn.json")]
public partial struct TorchLstm2I3H10;

[RnnModel("../Fixtures/golden/torch_lstm2_proj_i2_h9_p4.rnn.json")]
public partial struct TorchLstm2ProjI2H9P4;

[RnnModel("../Fixtures/golden/torch_lstm3_i2_h8.rnn.json")]
public partial struct TorchLstm3I2H8;

[RnnModel("../Fixtures/golden/torch_lstm_i1_h12.rnn.json")]
public partial struct TorchLstmI1H12;

[RnnModel("../Fixtures/golden/torch_lstm_proj_i3_h12_p5.rnn.json")]
public partial struct TorchLstmProjI3H12P5;

[RnnModel("../Fixtures/golden/torch_nobias_gru2_i1_h7.rnn.json")]
public partial struct TorchNobiasGru2I1H7;

[RnnModel("../Fixtures/golden/torch_nobias_lstm_i2_h9.rnn.json")]
public partial struct TorchNobiasLstmI2H9;

[RnnModel("../Fixtures/golden/torch_nobias_rnn_i3_h5.rnn.json")]
public partial struct TorchNobiasRnnI3H5;

[RnnModel("../Fixtures/golden/torch_rnn2_relu_i3_h11.rnn.json")]
public partial struct TorchRnn2ReluI3H11;

[RnnModel("../Fixtures/golden/torch_rnn3_tanh_i1_h6.rnn.json")]
public partial struct TorchRnn3TanhI1H6;

[RnnModel("../Fixtures/golden/torch_rnn_tanh_i2_h9.rnn.json")]
public partial struct TorchRnnTanhI2H9;
