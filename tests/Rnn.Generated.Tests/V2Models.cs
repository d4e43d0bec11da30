using Rnn.Runtime;

namespace Rnn.Generated.Tests;

// One generated model per descriptor-v2 golden fixture (tests/Fixtures/golden/v2_*): GeneratedModelTests
// runs each against its float64 reference on every SIMD path; models with a reverse or bidirectional layer
// are checked through Run (their Step does not compile).

[RnnModel("../Fixtures/golden/v2_bigru2_i5_h33.rnn.json")]
public partial struct V2Bigru2I5H33;

[RnnModel("../Fixtures/golden/v2_bilstm2_i3_h17.rnn.json")]
public partial struct V2Bilstm2I3H17;

[RnnModel("../Fixtures/golden/v2_bilstm_proj2_i3_h33_p5.rnn.json")]
public partial struct V2BilstmProj2I3H33P5;

[RnnModel("../Fixtures/golden/v2_birnn2_i2_h5.rnn.json")]
public partial struct V2Birnn2I2H5;

[RnnModel("../Fixtures/golden/v2_birnn_relu_i4_h40.rnn.json")]
public partial struct V2BirnnReluI4H40;

[RnnModel("../Fixtures/golden/v2_clip_gru_i2_h33.rnn.json")]
public partial struct V2ClipGruI2H33;

[RnnModel("../Fixtures/golden/v2_clip_lstm_i3_h17.rnn.json")]
public partial struct V2ClipLstmI3H17;

[RnnModel("../Fixtures/golden/v2_clip_rnn_i3_h5.rnn.json")]
public partial struct V2ClipRnnI3H5;

[RnnModel("../Fixtures/golden/v2_gru_resetbefore_i1_h40.rnn.json")]
public partial struct V2GruResetbeforeI1H40;

[RnnModel("../Fixtures/golden/v2_gru_resetbefore_i5_h17.rnn.json")]
public partial struct V2GruResetbeforeI5H17;

[RnnModel("../Fixtures/golden/v2_hsig_gru_i3_h5.rnn.json")]
public partial struct V2HsigGruI3H5;

[RnnModel("../Fixtures/golden/v2_hsig_lstm_i2_h40.rnn.json")]
public partial struct V2HsigLstmI2H40;

[RnnModel("../Fixtures/golden/v2_init_bigru_proj_i2.rnn.json")]
public partial struct V2InitBigruProjI2;

[RnnModel("../Fixtures/golden/v2_init_stack_i3.rnn.json")]
public partial struct V2InitStackI3;

[RnnModel("../Fixtures/golden/v2_lstm_peep_i1_h5.rnn.json")]
public partial struct V2LstmPeepI1H5;

[RnnModel("../Fixtures/golden/v2_lstm_peep_i4_h33.rnn.json")]
public partial struct V2LstmPeepI4H33;

[RnnModel("../Fixtures/golden/v2_lstm_peep_proj_i3_h33_p17.rnn.json")]
public partial struct V2LstmPeepProjI3H33P17;

[RnnModel("../Fixtures/golden/v2_lstm_proj_i2_h5_p1.rnn.json")]
public partial struct V2LstmProjI2H5P1;

[RnnModel("../Fixtures/golden/v2_lstm_proj_i4_h40_p17.rnn.json")]
public partial struct V2LstmProjI4H40P17;

[RnnModel("../Fixtures/golden/v2_mixed_norm_i5.rnn.json")]
public partial struct V2MixedNormI5;

[RnnModel("../Fixtures/golden/v2_rev_gru_i2_h5.rnn.json")]
public partial struct V2RevGruI2H5;

[RnnModel("../Fixtures/golden/v2_rev_lstm_i3_h17.rnn.json")]
public partial struct V2RevLstmI3H17;

[RnnModel("../Fixtures/golden/v2_rev_rnn_i4_h33.rnn.json")]
public partial struct V2RevRnnI4H33;

[RnnModel("../Fixtures/golden/v2_sat_gru_i2_h33.rnn.json")]
public partial struct V2SatGruI2H33;

[RnnModel("../Fixtures/golden/v2_sat_lstm_i3_h17.rnn.json")]
public partial struct V2SatLstmI3H17;

[RnnModel("../Fixtures/golden/v2_skip_lstm_i1_h40.rnn.json")]
public partial struct V2SkipLstmI1H40;

[RnnModel("../Fixtures/golden/v2_skip_norm_gru_i3_h17.rnn.json")]
public partial struct V2SkipNormGruI3H17;

[RnnModel("../Fixtures/golden/v2_stream_i4.rnn.json")]
public partial struct V2StreamI4;

// Code shapes with v2 features inside (tools/make_generator_v2_fixtures.py): sequence mode, streaming weights, wide whole-sequence rows.

[RnnModel("../Fixtures/golden/v2_shape_bidirectional_i8.rnn.json")]
public partial struct V2ShapeBidirectionalI8;

[RnnModel("../Fixtures/golden/v2_shape_seqmode_i9.rnn.json")]
public partial struct V2ShapeSeqmodeI9;

[RnnModel("../Fixtures/golden/v2_shape_streaming_i12.rnn.json")]
public partial struct V2ShapeStreamingI12;
