namespace Rnn.Import.Tests.NeuralPi;

/// <summary>A hand-written SimpleRNN file (GRU, 1 unit, no skip, no linear bias) the refusal tests break one field at a time.</summary>
internal static class TinyNeuralPi
{
    public const string Gru = """
        {"model_data": {"model": "SimpleRNN", "input_size": 1, "skip": 0, "output_size": 1, "unit_type": "GRU", "num_layers": 1, "hidden_size": 1, "bias_fl": false},
         "state_dict": {"rec.weight_ih_l0": [[0.5], [0.25], [-0.5]], "rec.weight_hh_l0": [[0.125], [-0.25], [0.75]], "rec.bias_ih_l0": [0.0, 0.0, 0.0], "rec.bias_hh_l0": [1.0, 2.0, 3.0], "lin.weight": [[4.0]]}}
        """;
}
