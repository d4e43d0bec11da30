using Rnn.Runtime;

namespace SineNative;

/// <summary>The bundled example model with C entry points <c>sine_init</c>, <c>sine_step</c>, … (see samples/c-host/sine.h).</summary>
[RnnModel("../../examples/sine-forecaster.rnn.json", NativeExportPrefix = "sine")]
public partial struct SineForecaster;
