using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// Reduced-precision variants of a subset of the golden fixtures: every v1 fixture and v2/imported ones
// covering GRU reset before and after, peepholes with a projection, bidirectional, skip, Elman, dense heads,
// a streaming layer and learned initial states. ReducedPrecisionTests checks each on every SIMD path against
// the float64 reference of the same descriptor with its weights rounded the same way.

[RnnModel("../Fixtures/golden/gru3_i2_h9.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Gru3I2H9F16;

[RnnModel("../Fixtures/golden/gru3_i2_h9.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Gru3I2H9Bf16;

[RnnModel("../Fixtures/golden/gru3_i2_h9.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Gru3I2H9I8;

[RnnModel("../Fixtures/golden/gru_i16_h64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct GruI16H64F16;

[RnnModel("../Fixtures/golden/gru_i16_h64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct GruI16H64Bf16;

[RnnModel("../Fixtures/golden/gru_i16_h64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct GruI16H64I8;

[RnnModel("../Fixtures/golden/gru_i1_h16.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct GruI1H16F16;

[RnnModel("../Fixtures/golden/gru_i1_h16.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct GruI1H16Bf16;

[RnnModel("../Fixtures/golden/gru_i1_h16.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct GruI1H16I8;

[RnnModel("../Fixtures/golden/gru_i7_h33.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct GruI7H33F16;

[RnnModel("../Fixtures/golden/gru_i7_h33.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct GruI7H33Bf16;

[RnnModel("../Fixtures/golden/gru_i7_h33.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct GruI7H33I8;

[RnnModel("../Fixtures/golden/gru_norm_i3_h10.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct GruNormI3H10F16;

[RnnModel("../Fixtures/golden/gru_norm_i3_h10.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct GruNormI3H10Bf16;

[RnnModel("../Fixtures/golden/gru_norm_i3_h10.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct GruNormI3H10I8;

[RnnModel("../Fixtures/golden/lstm2_i3_h20_h12.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct Lstm2I3H20H12F16;

[RnnModel("../Fixtures/golden/lstm2_i3_h20_h12.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct Lstm2I3H20H12Bf16;

[RnnModel("../Fixtures/golden/lstm2_i3_h20_h12.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct Lstm2I3H20H12I8;

[RnnModel("../Fixtures/golden/lstm_i16_h64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct LstmI16H64F16;

[RnnModel("../Fixtures/golden/lstm_i16_h64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct LstmI16H64Bf16;

[RnnModel("../Fixtures/golden/lstm_i16_h64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct LstmI16H64I8;

[RnnModel("../Fixtures/golden/lstm_i1_h8.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct LstmI1H8F16;

[RnnModel("../Fixtures/golden/lstm_i1_h8.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct LstmI1H8Bf16;

[RnnModel("../Fixtures/golden/lstm_i1_h8.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct LstmI1H8I8;

[RnnModel("../Fixtures/golden/lstm_i4_h1.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct LstmI4H1F16;

[RnnModel("../Fixtures/golden/lstm_i4_h1.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct LstmI4H1Bf16;

[RnnModel("../Fixtures/golden/lstm_i4_h1.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct LstmI4H1I8;

[RnnModel("../Fixtures/golden/lstm_i5_h37.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct LstmI5H37F16;

[RnnModel("../Fixtures/golden/lstm_i5_h37.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct LstmI5H37Bf16;

[RnnModel("../Fixtures/golden/lstm_i5_h37.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct LstmI5H37I8;

[RnnModel("../Fixtures/golden/mixed_norm_i6.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct MixedNormI6F16;

[RnnModel("../Fixtures/golden/mixed_norm_i6.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct MixedNormI6Bf16;

[RnnModel("../Fixtures/golden/mixed_norm_i6.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct MixedNormI6I8;

[RnnModel("../Fixtures/golden/rnn_relu_i3_h13.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct RnnReluI3H13F16;

[RnnModel("../Fixtures/golden/rnn_relu_i3_h13.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct RnnReluI3H13Bf16;

[RnnModel("../Fixtures/golden/rnn_relu_i3_h13.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct RnnReluI3H13I8;

[RnnModel("../Fixtures/golden/rnn_tanh_i16_h64.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct RnnTanhI16H64F16;

[RnnModel("../Fixtures/golden/rnn_tanh_i16_h64.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct RnnTanhI16H64Bf16;

[RnnModel("../Fixtures/golden/rnn_tanh_i16_h64.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct RnnTanhI16H64I8;

[RnnModel("../Fixtures/golden/rnn_tanh_i1_h1.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct RnnTanhI1H1F16;

[RnnModel("../Fixtures/golden/rnn_tanh_i1_h1.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct RnnTanhI1H1Bf16;

[RnnModel("../Fixtures/golden/rnn_tanh_i1_h1.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct RnnTanhI1H1I8;

[RnnModel("../Fixtures/golden/seq_norm_i12.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct SeqNormI12F16;

[RnnModel("../Fixtures/golden/seq_norm_i12.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct SeqNormI12Bf16;

[RnnModel("../Fixtures/golden/seq_norm_i12.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct SeqNormI12I8;

[RnnModel("../Fixtures/golden/v2_gru_resetbefore_i5_h17.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2GruResetbeforeI5H17F16;

[RnnModel("../Fixtures/golden/v2_gru_resetbefore_i5_h17.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2GruResetbeforeI5H17Bf16;

[RnnModel("../Fixtures/golden/v2_gru_resetbefore_i5_h17.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2GruResetbeforeI5H17I8;

[RnnModel("../Fixtures/golden/keras_gru_after_i1_h8.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct KerasGruAfterI1H8F16;

[RnnModel("../Fixtures/golden/keras_gru_after_i1_h8.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct KerasGruAfterI1H8Bf16;

[RnnModel("../Fixtures/golden/keras_gru_after_i1_h8.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct KerasGruAfterI1H8I8;

[RnnModel("../Fixtures/golden/v2_lstm_peep_proj_i3_h33_p17.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2LstmPeepProjI3H33P17F16;

[RnnModel("../Fixtures/golden/v2_lstm_peep_proj_i3_h33_p17.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2LstmPeepProjI3H33P17Bf16;

[RnnModel("../Fixtures/golden/v2_lstm_peep_proj_i3_h33_p17.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2LstmPeepProjI3H33P17I8;

[RnnModel("../Fixtures/golden/v2_bilstm2_i3_h17.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2Bilstm2I3H17F16;

[RnnModel("../Fixtures/golden/v2_bilstm2_i3_h17.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2Bilstm2I3H17Bf16;

[RnnModel("../Fixtures/golden/v2_bilstm2_i3_h17.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2Bilstm2I3H17I8;

[RnnModel("../Fixtures/golden/v2_skip_lstm_i1_h40.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2SkipLstmI1H40F16;

[RnnModel("../Fixtures/golden/v2_skip_lstm_i1_h40.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2SkipLstmI1H40Bf16;

[RnnModel("../Fixtures/golden/v2_skip_lstm_i1_h40.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2SkipLstmI1H40I8;

[RnnModel("../Fixtures/golden/torch_rnn2_relu_i3_h11.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct TorchRnn2ReluI3H11F16;

[RnnModel("../Fixtures/golden/torch_rnn2_relu_i3_h11.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct TorchRnn2ReluI3H11Bf16;

[RnnModel("../Fixtures/golden/torch_rnn2_relu_i3_h11.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct TorchRnn2ReluI3H11I8;

[RnnModel("../Fixtures/golden/torch_heads_i4.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct TorchHeadsI4F16;

[RnnModel("../Fixtures/golden/torch_heads_i4.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct TorchHeadsI4Bf16;

[RnnModel("../Fixtures/golden/torch_heads_i4.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct TorchHeadsI4I8;

[RnnModel("../Fixtures/golden/v2_shape_streaming_i12.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2ShapeStreamingI12F16;

[RnnModel("../Fixtures/golden/v2_shape_streaming_i12.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2ShapeStreamingI12Bf16;

[RnnModel("../Fixtures/golden/v2_shape_streaming_i12.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2ShapeStreamingI12I8;

[RnnModel("../Fixtures/golden/v2_init_stack_i3.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2InitStackI3F16;

[RnnModel("../Fixtures/golden/v2_init_stack_i3.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2InitStackI3Bf16;

[RnnModel("../Fixtures/golden/v2_init_stack_i3.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2InitStackI3I8;

[RnnModel("../Fixtures/golden/v2_birnn_relu_i4_h40.rnn.json", Precision = WeightPrecision.Float16)]
public partial struct V2BirnnReluI4H40F16;

[RnnModel("../Fixtures/golden/v2_birnn_relu_i4_h40.rnn.json", Precision = WeightPrecision.BFloat16)]
public partial struct V2BirnnReluI4H40Bf16;

[RnnModel("../Fixtures/golden/v2_birnn_relu_i4_h40.rnn.json", Precision = WeightPrecision.Int8)]
public partial struct V2BirnnReluI4H40I8;
