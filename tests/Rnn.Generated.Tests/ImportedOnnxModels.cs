using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// One generated model per ONNX golden fixture (tools/make_onnx_fixtures.py): ONNX's own LSTM/GRU/RNN
// node tests, torch.onnx.export models and hand-built graphs, each the descriptor `rnn import` writes
// for the .onnx file in tests/Fixtures/import/onnx.

[RnnModel("../Fixtures/golden/onnx_hand_gru_bi_hardsigmoid_clip.rnn.json")]
public partial struct OnnxHandGruBiHardsigmoidClip;

[RnnModel("../Fixtures/golden/onnx_hand_gru_lbr0_gemm.rnn.json")]
public partial struct OnnxHandGruLbr0Gemm;

[RnnModel("../Fixtures/golden/onnx_hand_lstm_gru_stack.rnn.json")]
public partial struct OnnxHandLstmGruStack;

[RnnModel("../Fixtures/golden/onnx_hand_lstm_hardsigmoid_clip_reverse.rnn.json")]
public partial struct OnnxHandLstmHardsigmoidClipReverse;

[RnnModel("../Fixtures/golden/onnx_hand_lstm_peephole_init_b0.rnn.json")]
public partial struct OnnxHandLstmPeepholeInitB0;

[RnnModel("../Fixtures/golden/onnx_hand_lstm_peephole_init_b1.rnn.json")]
public partial struct OnnxHandLstmPeepholeInitB1;

[RnnModel("../Fixtures/golden/onnx_hand_rnn_relu_reverse_init.rnn.json")]
public partial struct OnnxHandRnnReluReverseInit;

[RnnModel("../Fixtures/golden/onnx_node_gru_batchwise_b0.rnn.json")]
public partial struct OnnxNodeGruBatchwiseB0;

[RnnModel("../Fixtures/golden/onnx_node_gru_batchwise_b1.rnn.json")]
public partial struct OnnxNodeGruBatchwiseB1;

[RnnModel("../Fixtures/golden/onnx_node_gru_batchwise_b2.rnn.json")]
public partial struct OnnxNodeGruBatchwiseB2;

[RnnModel("../Fixtures/golden/onnx_node_gru_defaults_b0.rnn.json")]
public partial struct OnnxNodeGruDefaultsB0;

[RnnModel("../Fixtures/golden/onnx_node_gru_defaults_b1.rnn.json")]
public partial struct OnnxNodeGruDefaultsB1;

[RnnModel("../Fixtures/golden/onnx_node_gru_defaults_b2.rnn.json")]
public partial struct OnnxNodeGruDefaultsB2;

[RnnModel("../Fixtures/golden/onnx_node_gru_seq_length_b0.rnn.json")]
public partial struct OnnxNodeGruSeqLengthB0;

[RnnModel("../Fixtures/golden/onnx_node_gru_seq_length_b1.rnn.json")]
public partial struct OnnxNodeGruSeqLengthB1;

[RnnModel("../Fixtures/golden/onnx_node_gru_seq_length_b2.rnn.json")]
public partial struct OnnxNodeGruSeqLengthB2;

[RnnModel("../Fixtures/golden/onnx_node_gru_with_initial_bias_b0.rnn.json")]
public partial struct OnnxNodeGruWithInitialBiasB0;

[RnnModel("../Fixtures/golden/onnx_node_gru_with_initial_bias_b1.rnn.json")]
public partial struct OnnxNodeGruWithInitialBiasB1;

[RnnModel("../Fixtures/golden/onnx_node_gru_with_initial_bias_b2.rnn.json")]
public partial struct OnnxNodeGruWithInitialBiasB2;

[RnnModel("../Fixtures/golden/onnx_node_lstm_batchwise_b0.rnn.json")]
public partial struct OnnxNodeLstmBatchwiseB0;

[RnnModel("../Fixtures/golden/onnx_node_lstm_batchwise_b1.rnn.json")]
public partial struct OnnxNodeLstmBatchwiseB1;

[RnnModel("../Fixtures/golden/onnx_node_lstm_batchwise_b2.rnn.json")]
public partial struct OnnxNodeLstmBatchwiseB2;

[RnnModel("../Fixtures/golden/onnx_node_lstm_defaults_b0.rnn.json")]
public partial struct OnnxNodeLstmDefaultsB0;

[RnnModel("../Fixtures/golden/onnx_node_lstm_defaults_b1.rnn.json")]
public partial struct OnnxNodeLstmDefaultsB1;

[RnnModel("../Fixtures/golden/onnx_node_lstm_defaults_b2.rnn.json")]
public partial struct OnnxNodeLstmDefaultsB2;

[RnnModel("../Fixtures/golden/onnx_node_lstm_with_initial_bias_b0.rnn.json")]
public partial struct OnnxNodeLstmWithInitialBiasB0;

[RnnModel("../Fixtures/golden/onnx_node_lstm_with_initial_bias_b1.rnn.json")]
public partial struct OnnxNodeLstmWithInitialBiasB1;

[RnnModel("../Fixtures/golden/onnx_node_lstm_with_initial_bias_b2.rnn.json")]
public partial struct OnnxNodeLstmWithInitialBiasB2;

[RnnModel("../Fixtures/golden/onnx_node_lstm_with_peepholes_b0.rnn.json")]
public partial struct OnnxNodeLstmWithPeepholesB0;

[RnnModel("../Fixtures/golden/onnx_node_lstm_with_peepholes_b1.rnn.json")]
public partial struct OnnxNodeLstmWithPeepholesB1;

[RnnModel("../Fixtures/golden/onnx_node_rnn_seq_length_b0.rnn.json")]
public partial struct OnnxNodeRnnSeqLengthB0;

[RnnModel("../Fixtures/golden/onnx_node_rnn_seq_length_b1.rnn.json")]
public partial struct OnnxNodeRnnSeqLengthB1;

[RnnModel("../Fixtures/golden/onnx_node_rnn_seq_length_b2.rnn.json")]
public partial struct OnnxNodeRnnSeqLengthB2;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_batchwise_b0.rnn.json")]
public partial struct OnnxNodeSimpleRnnBatchwiseB0;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_batchwise_b1.rnn.json")]
public partial struct OnnxNodeSimpleRnnBatchwiseB1;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_batchwise_b2.rnn.json")]
public partial struct OnnxNodeSimpleRnnBatchwiseB2;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_defaults_b0.rnn.json")]
public partial struct OnnxNodeSimpleRnnDefaultsB0;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_defaults_b1.rnn.json")]
public partial struct OnnxNodeSimpleRnnDefaultsB1;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_defaults_b2.rnn.json")]
public partial struct OnnxNodeSimpleRnnDefaultsB2;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_with_initial_bias_b0.rnn.json")]
public partial struct OnnxNodeSimpleRnnWithInitialBiasB0;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_with_initial_bias_b1.rnn.json")]
public partial struct OnnxNodeSimpleRnnWithInitialBiasB1;

[RnnModel("../Fixtures/golden/onnx_node_simple_rnn_with_initial_bias_b2.rnn.json")]
public partial struct OnnxNodeSimpleRnnWithInitialBiasB2;

[RnnModel("../Fixtures/golden/onnx_torch_gru_l1.rnn.json")]
public partial struct OnnxTorchGruL1;

[RnnModel("../Fixtures/golden/onnx_torch_gru_l2_bf_opset11.rnn.json")]
public partial struct OnnxTorchGruL2BfOpset11;

[RnnModel("../Fixtures/golden/onnx_torch_gru_l2_bi.rnn.json")]
public partial struct OnnxTorchGruL2Bi;

[RnnModel("../Fixtures/golden/onnx_torch_lstm_bi_bf.rnn.json")]
public partial struct OnnxTorchLstmBiBf;

[RnnModel("../Fixtures/golden/onnx_torch_lstm_l1.rnn.json")]
public partial struct OnnxTorchLstmL1;

[RnnModel("../Fixtures/golden/onnx_torch_lstm_l2_bi_opset11.rnn.json")]
public partial struct OnnxTorchLstmL2BiOpset11;

[RnnModel("../Fixtures/golden/onnx_torch_lstm_l3_bf.rnn.json")]
public partial struct OnnxTorchLstmL3Bf;

[RnnModel("../Fixtures/golden/onnx_torch_norm_gru_l2.rnn.json")]
public partial struct OnnxTorchNormGruL2;

[RnnModel("../Fixtures/golden/onnx_torch_rnn_relu_l2.rnn.json")]
public partial struct OnnxTorchRnnReluL2;

[RnnModel("../Fixtures/golden/onnx_torch_learned_gru_l1_repeat.rnn.json")]
public partial struct OnnxTorchLearnedGruL1Repeat;

[RnnModel("../Fixtures/golden/onnx_torch_learned_lstm_l2_bi_expand.rnn.json")]
public partial struct OnnxTorchLearnedLstmL2BiExpand;

[RnnModel("../Fixtures/golden/onnx_torch_static_gru_bi_dropout_h0.rnn.json")]
public partial struct OnnxTorchStaticGruBiDropoutH0;

[RnnModel("../Fixtures/golden/onnx_torch_static_gru_l2.rnn.json")]
public partial struct OnnxTorchStaticGruL2;

[RnnModel("../Fixtures/golden/onnx_torch_static_lstm_bi_bf_opset17.rnn.json")]
public partial struct OnnxTorchStaticLstmBiBfOpset17;

[RnnModel("../Fixtures/golden/onnx_torch_static_lstm_l3_b3.rnn.json")]
public partial struct OnnxTorchStaticLstmL3B3;

[RnnModel("../Fixtures/golden/onnx_torch_static_rnn_l2_opset11.rnn.json")]
public partial struct OnnxTorchStaticRnnL2Opset11;
