#!/usr/bin/python3
"""Builds the PyTorch and NeuralPi import fixtures from seeded PyTorch models.

Run with Debian's PyTorch, from anywhere:

    /usr/bin/python3 tools/make_torch_fixtures.py

Writes, for every model below,
  tests/Fixtures/import/pytorch/NAME.torch.json      the model dumped by tools/export_pytorch.py
  tests/Fixtures/import/neuralpi/NAME.json           a NeuralPi model as Automated-GuitarAmpModelling's
                                                      SimpleRNN.save_model writes it (state_dict .tolist())
  tests/Fixtures/golden/{torch,neuralpi}_NAME.io.json a seeded input sequence and PyTorch's outputs for it
then runs `rnn import` (src/Rnn.Trainer) on each source file to write the imported descriptor
tests/Fixtures/golden/{torch,neuralpi}_NAME.rnn.json, which the tests compare the importer's output with.

PyTorch computes the reference in float64 on the exact float32 weights written to the source file
(module.double() after the float32 initialisation), so the expected outputs are the model's true outputs.
The tests never run Python; they read the committed files.
"""
import json
import os
import subprocess
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_pytorch import export, main as export_cli  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "Fixtures", "golden")
PYTORCH = os.path.join(ROOT, "tests", "Fixtures", "import", "pytorch")
NEURALPI = os.path.join(ROOT, "tests", "Fixtures", "import", "neuralpi")
STEPS = 120
# PyTorch initialises weights in ±1/sqrt(H); doubled (exactly, in float32) they drive the gates well into
# saturation now and then, so the fixtures test more than the near-linear regime.
WEIGHT_SCALE = 2.0


# name, input size, the chain of modules (name, module), skip
TORCH_MODELS = [
    ("lstm_i1_h12", 1, lambda: [("rec", nn.LSTM(1, 12)), ("lin", nn.Linear(12, 1))], 0),
    ("lstm2_i3_h10", 3, lambda: [("rec", nn.LSTM(3, 10, num_layers=2)), ("lin", nn.Linear(10, 2)), ("act", nn.Tanh())], 0),
    ("lstm3_i2_h8", 2, lambda: [("rec", nn.LSTM(2, 8, num_layers=3, dropout=0.1)), ("lin", nn.Linear(8, 1))], 0),
    ("gru_i2_h10", 2, lambda: [("rec", nn.GRU(2, 10)), ("lin", nn.Linear(10, 3)), ("soft", nn.Softmax(dim=-1))], 0),
    ("gru2_i1_h12", 1, lambda: [("rec", nn.GRU(1, 12, num_layers=2)), ("lin", nn.Linear(12, 1))], 1),
    ("gru3_i3_h7", 3, lambda: [("rec", nn.GRU(3, 7, num_layers=3)), ("lin", nn.Linear(7, 2)), ("act", nn.Sigmoid())], 0),
    ("rnn_tanh_i2_h9", 2, lambda: [("rec", nn.RNN(2, 9)), ("lin", nn.Linear(9, 1))], 0),
    ("rnn2_relu_i3_h11", 3, lambda: [("rec", nn.RNN(3, 11, num_layers=2, nonlinearity="relu")), ("lin", nn.Linear(11, 2))], 0),
    ("rnn3_tanh_i1_h6", 1, lambda: [("rec", nn.RNN(1, 6, num_layers=3))], 0),
    ("bilstm_i2_h6", 2, lambda: [("rec", nn.LSTM(2, 6, bidirectional=True)), ("lin", nn.Linear(12, 1))], 0),
    ("bilstm2_i2_h5", 2, lambda: [("rec", nn.LSTM(2, 5, num_layers=2, bidirectional=True)), ("lin", nn.Linear(10, 2))], 0),
    ("bigru_i3_h5", 3, lambda: [("rec", nn.GRU(3, 5, bidirectional=True)), ("lin", nn.Linear(10, 1)), ("act", nn.Tanh())], 0),
    ("bigru2_i1_h6", 1, lambda: [("rec", nn.GRU(1, 6, num_layers=2, bidirectional=True)), ("lin", nn.Linear(12, 1))], 1),
    ("lstm_proj_i3_h12_p5", 3, lambda: [("rec", nn.LSTM(3, 12, proj_size=5)), ("lin", nn.Linear(5, 1))], 0),
    ("lstm2_proj_i2_h9_p4", 2, lambda: [("rec", nn.LSTM(2, 9, num_layers=2, proj_size=4))], 0),
    ("bilstm_proj_i2_h8_p3", 2, lambda: [("rec", nn.LSTM(2, 8, bidirectional=True, proj_size=3)), ("lin", nn.Linear(6, 2))], 0),
    ("nobias_lstm_i2_h9", 2, lambda: [("rec", nn.LSTM(2, 9, bias=False)), ("lin", nn.Linear(9, 1, bias=False))], 0),
    ("nobias_gru2_i1_h7", 1, lambda: [("rec", nn.GRU(1, 7, num_layers=2, bias=False)), ("lin", nn.Linear(7, 1))], 0),
    ("nobias_rnn_i3_h5", 3, lambda: [("rec", nn.RNN(3, 5, bias=False, nonlinearity="relu")), ("lin", nn.Linear(5, 2))], 0),
    ("heads_i4", 4, lambda: [("rec", nn.GRU(4, 16, batch_first=True)), ("drop", nn.Dropout(0.2)),
                             ("fc1", nn.Linear(16, 12)), ("relu", nn.ReLU()), ("fc2", nn.Linear(12, 8)), ("tanh", nn.Tanh()),
                             ("lstm", nn.LSTM(8, 6)), ("fc3", nn.Linear(6, 5)), ("sig", nn.Sigmoid()),
                             ("fc4", nn.Linear(5, 3)), ("soft", nn.Softmax(dim=-1))], 0),
]

# The command line's dump of a saved state_dict must equal export()'s of the module: name -> layer options.
CLI_CHECKS = {
    "lstm2_i3_h10": ["--lstm", "10", "--num-layers", "2", "--linear", "2", "--tanh"],
    "bilstm_proj_i2_h8_p3": ["--lstm", "8", "--bidirectional", "--proj-size", "3", "--linear", "2"],
    "nobias_rnn_i3_h5": ["--rnn", "5", "--no-bias", "--nonlinearity", "relu", "--linear", "2"],
    "heads_i4": ["--gru", "16", "--linear", "12", "--relu", "--linear", "8", "--tanh", "--lstm", "6",
                 "--linear", "5", "--sigmoid", "--linear", "3", "--softmax"],
}

# name, input size, unit type, hidden size, num_layers, output size, skip, bias_fl
NEURALPI_MODELS = [
    ("lstm20_skip1", 1, "LSTM", 20, 1, 1, 1, True),
    ("gru12", 1, "GRU", 12, 1, 1, 0, False),
    ("cond_lstm16_i2_skip1", 2, "LSTM", 16, 1, 1, 1, True),
    ("rnn2_h8_skip1", 1, "RNN", 8, 2, 1, 1, True),
]


def forward(modules, x, skip):
    """Runs the chain on x [T, 1, I] (batch_first modules on [1, T, I]); the recurrent state starts at zero."""
    y = x
    for module in modules:
        if isinstance(module, (nn.LSTM, nn.GRU, nn.RNN)):
            y = module(y.transpose(0, 1))[0].transpose(0, 1) if module.batch_first else module(y)[0]
        else:
            y = module(y)
    return y + x[:, :, :skip] if skip else y


def check_cli(name, chain, source):
    """Saves the chain's state_dict as a user would and dumps it through the command line."""
    state = {f"{n}.{k}": v for n, m in chain for k, v in m.state_dict().items()}
    saved, dumped = source + ".pt", source + ".cli.json"
    torch.save(state, saved)
    try:
        if export_cli([saved, "-o", dumped] + CLI_CHECKS[name]) != 0:
            raise SystemExit(f"{name}: the command line refused the state_dict")
        with open(source) as a, open(dumped) as b:
            # Dropout and batch_first are no layer options, and modules without tensors have no state_dict
            # name to take; everything else must be identical.
            def comparable(layers):
                for layer in layers:
                    layer.get("settings", {}).pop("batch_first", None)
                    if "tensors" not in layer:
                        layer.pop("name")
                return [layer for layer in layers if layer["module"] != "Dropout"]
            if comparable(json.load(a)["layers"]) != comparable(json.load(b)["layers"]):
                raise SystemExit(f"{name}: the command line's dump differs from export()'s")
    finally:
        for path in (saved, dumped):
            if os.path.exists(path):
                os.remove(path)


def write_io(name, x, y):
    io = {
        "steps": x.shape[0],
        "input_size": x.shape[2],
        "output_size": y.shape[2],
        "input": [float(v) for v in x.to(torch.float32).reshape(-1).tolist()],
        "output": [float(v) for v in y.reshape(-1).tolist()],
    }
    with open(os.path.join(GOLDEN, name + ".io.json"), "w", encoding="utf-8") as f:
        json.dump(io, f, separators=(",", ":"))


def sequence(seed, input_size):
    generator = torch.Generator().manual_seed(seed)
    return (torch.rand(STEPS, 1, input_size, generator=generator, dtype=torch.float32) * 4 - 2)


def make_torch(index, name, input_size, build, skip):
    torch.manual_seed(1000 + index)
    chain = build()
    modules = [m.eval() for _, m in chain]
    # A relu recurrence is unbounded: doubled weights let its state grow until float32 summation order
    # alone moves outputs by more than the tests' 1e-6 between Step and Run, so relu RNNs keep PyTorch's scale.
    scale = 1.0 if any(isinstance(m, nn.RNN) and m.nonlinearity == "relu" for m in modules) else WEIGHT_SCALE
    with torch.no_grad():
        for m in modules:
            for p in m.parameters():
                p.mul_(scale)
    source = os.path.join(PYTORCH, name + ".torch.json")
    export(chain, source, input_size=input_size, skip=skip)
    if name in CLI_CHECKS:
        check_cli(name, chain, source)
    x = sequence(2000 + index, input_size)
    with torch.no_grad():
        y = forward([m.double() for m in modules], x.double(), skip)
    write_io("torch_" + name, x, y)
    return source, os.path.join(GOLDEN, f"torch_{name}.rnn.json")


class SimpleRnn(nn.Module):
    """A recurrent unit, a linear layer and the skip, named rec and lin as NeuralPi's models are."""

    def __init__(self, input_size, unit_type, hidden_size, num_layers, output_size, skip, bias_fl):
        super().__init__()
        self.rec = getattr(nn, unit_type)(input_size, hidden_size, num_layers)
        self.lin = nn.Linear(hidden_size, output_size, bias=bias_fl)
        self.skip = skip

    def forward(self, x):
        y = self.lin(self.rec(x)[0])
        return y + x[:, :, 0:self.skip] if self.skip else y


def make_neuralpi(index, name, input_size, unit, hidden, layers, output_size, skip, bias_fl):
    torch.manual_seed(3000 + index)
    model = SimpleRnn(input_size, unit, hidden, layers, output_size, skip, bias_fl).eval()
    # The file holds what json.dump writes for state_dict().tolist(): the float64 text of each float32.
    document = {
        "model_data": {"model": "SimpleRNN", "input_size": input_size, "skip": skip, "output_size": output_size,
                       "unit_type": unit, "num_layers": layers, "hidden_size": hidden, "bias_fl": bias_fl},
        "state_dict": {k: v.tolist() for k, v in model.state_dict().items()},
    }
    source = os.path.join(NEURALPI, name + ".json")
    with open(source, "w", encoding="utf-8") as f:
        json.dump(document, f)
    x = sequence(4000 + index, input_size)
    with torch.no_grad():
        y = model.double()(x.double())
    write_io("neuralpi_" + name, x, y)
    return source, os.path.join(GOLDEN, f"neuralpi_{name}.rnn.json")


def import_all(pairs):
    """The descriptors come from the importer under test, through the rnn tool a user runs (RNN_TOOL: a built rnn.dll)."""
    tool = os.environ.get("RNN_TOOL")
    if not tool:
        subprocess.run(["dotnet", "build", "-nologo", "-v", "q", os.path.join(ROOT, "src", "Rnn.Trainer")], check=True)
        tool = os.path.join(ROOT, "src", "Rnn.Trainer", "bin", "Debug", "net10.0", "rnn.dll")
    for source, descriptor in pairs:
        subprocess.run(["dotnet", tool, "import", source, "-o", descriptor], check=True)


def main():
    os.makedirs(PYTORCH, exist_ok=True)
    os.makedirs(NEURALPI, exist_ok=True)
    pairs = [make_torch(i, *m) for i, m in enumerate(TORCH_MODELS)]
    pairs += [make_neuralpi(i, *m) for i, m in enumerate(NEURALPI_MODELS)]
    if "--no-import" not in sys.argv:
        import_all(pairs)


if __name__ == "__main__":
    main()
