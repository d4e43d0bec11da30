using Rnn.Runtime;

namespace SineForecast;

/// <summary>The bundled example model, generated at build time.</summary>
[RnnModel("../../examples/sine-forecaster.rnn.json")]
public partial struct SineForecaster;
