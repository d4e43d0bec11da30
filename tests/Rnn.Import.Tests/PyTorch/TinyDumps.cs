namespace Rnn.Import.Tests.PyTorch;

/// <summary>Hand-written dumps small enough to check by eye, which the refusal tests break one field at a time.</summary>
internal static class TinyDumps
{
    /// <summary>nn.LSTM(2, 1) then nn.Linear(1, 1) and nn.Tanh.</summary>
    public const string Lstm = """
        {
          "format": "rnn-embedded-torch-export",
          "version": 1,
          "producer": "by hand",
          "input_size": 2,
          "layers": [
            {
              "module": "LSTM", "name": "rec",
              "settings": {"input_size": 2, "hidden_size": 1, "num_layers": 1, "bias": true, "batch_first": false, "dropout": 0.0, "bidirectional": false, "proj_size": 0},
              "tensors": {"weight_ih_l0": [[0.5, -0.5], [0.25, -0.25], [1, 2], [3, 4]], "weight_hh_l0": [[0.125], [0.375], [-0.125], [-0.375]], "bias_ih_l0": [0.25, 0.5, 0.75, 1], "bias_hh_l0": [-1, -2, -3, -4]}
            },
            {
              "module": "Linear", "name": "lin",
              "settings": {"in_features": 1, "out_features": 1, "bias": true},
              "tensors": {"weight": [[2]], "bias": [3]}
            },
            {"module": "Tanh", "name": "act"}
          ]
        }
        """;
}
