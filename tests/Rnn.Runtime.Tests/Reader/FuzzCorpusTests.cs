using System.IO;
using Rnn.Runtime.Descriptors;
using Rnn.Tests.Shared;
using Xunit;

namespace Rnn.Runtime.Tests.Reader;

/// <summary>
/// The descriptor fuzz target's seed corpus (tests/Fuzz/corpus/descriptor) read the way the target reads it: the
/// valid seeds load, and each near-valid one is refused with its own clean error. Crashes AFL++ finds are added
/// here as inputs with the error they must give (docs/limits.md, Fuzzing).
/// </summary>
public class FuzzCorpusTests
{
    [Theory]
    [InlineData("rnn_tanh_i1_h1.rnn.json", null)]
    [InlineData("lstm_i4_h1.rnn.json", null)]
    [InlineData("keras_lstm_i3_h1.rnn.json", null)]
    [InlineData("onnx_hand_gru_bi_hardsigmoid_clip.rnn.json", null)]
    [InlineData("v2_lstm_proj_i2_h5_p1.rnn.json", null)]
    [InlineData("near_bom_crlf_metadata.rnn.json", null)]
    [InlineData("near_long_number.rnn.json", null)]
    [InlineData("near_truncated.rnn.json", "fuzz.rnn.json(12,33): unexpected end of file: expected a field name in double quotes (is the file truncated?)")]
    [InlineData("near_nan_weight.rnn.json", "fuzz.rnn.json(14,19): layers[0].bias_hh[0]: expected a finite float32, found NaN")]
    [InlineData("near_unknown_field.rnn.json", "fuzz.rnn.json(1,1): missing field \"format\" (expected \"rnn-embedded\")")]
    public void EverySeedIsReadOrRefusedCleanly(string seed, string? error)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "Fuzz", "corpus", "descriptor", seed));
        if (error is null)
            Assert.True(DescriptorReader.ParseUtf8(bytes, "fuzz.rnn.json").OutputSize > 0);
        else
            Assert.Equal(error, Assert.Throws<RnnDescriptorException>(() => DescriptorReader.ParseUtf8(bytes, "fuzz.rnn.json")).Message);
    }
}
