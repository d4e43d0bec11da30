#!/usr/bin/python3
"""Builds the golden fixtures and the bundled example model with PyTorch.

Run with Debian's PyTorch (apt-get install -y python3-torch):

    /usr/bin/python3 tools/make_fixtures.py

Writes, for every seeded model below,
  tests/Fixtures/golden/NAME.rnn.json   the model as a format-v1 descriptor
  tests/Fixtures/golden/NAME.io.json    a seeded input sequence and PyTorch's outputs for it
the format-v2 fixtures tests/Fixtures/golden/v2_* (fixtures_v2.py: PyTorch where it has the feature,
float64 numpy equations elsewhere), and the example model examples/sine-forecaster.rnn.json with
examples/sine-input.csv.

PyTorch runs the reference in float64 on the exact float32 weights written to the descriptor, so the
expected outputs are the model's true outputs, not another float32 rounding of them.
The tests never run Python; they read the committed files.
"""
import json
import math
import os

import numpy as np
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "Fixtures", "golden")
EXAMPLES = os.path.join(ROOT, "examples")
PRODUCER = f"tools/make_fixtures.py (PyTorch {torch.__version__})"
STEPS = 120

# name, input size, layers, input normalisation?, weight scale (above 1 drives gates into saturation)
# layer: (kind, size, activation)  kind in rnn/lstm/gru/dense
MODELS = [
    ("rnn_tanh_i1_h1", 1, [("rnn", 1, "tanh")], False, 1.0),
    ("rnn_relu_i3_h13", 3, [("rnn", 13, "relu"), ("dense", 2, "linear")], False, 1.0),
    ("rnn_tanh_i16_h64", 16, [("rnn", 64, "tanh"), ("dense", 1, "sigmoid")], False, 1.0),
    ("lstm_i1_h8", 1, [("lstm", 8, None), ("dense", 1, "linear")], False, 1.0),
    ("lstm_i4_h1", 4, [("lstm", 1, None)], False, 1.0),
    ("lstm_i5_h37", 5, [("lstm", 37, None), ("dense", 3, "softmax")], False, 2.0),
    ("lstm_i16_h64", 16, [("lstm", 64, None), ("dense", 4, "tanh")], False, 1.0),
    ("lstm2_i3_h20_h12", 3, [("lstm", 20, None), ("lstm", 12, None), ("dense", 1, "relu")], False, 1.0),
    ("gru_i1_h16", 1, [("gru", 16, None), ("dense", 1, "linear")], False, 1.0),
    ("gru_i7_h33", 7, [("gru", 33, None), ("dense", 5, "softmax")], False, 2.0),
    ("gru_i16_h64", 16, [("gru", 64, None), ("dense", 2, "sigmoid")], False, 1.0),
    ("gru3_i2_h9", 2, [("gru", 9, None), ("gru", 9, None), ("gru", 9, None), ("dense", 1, "tanh")], False, 1.0),
    ("gru_norm_i3_h10", 3, [("gru", 10, None), ("dense", 1, "linear")], True, 1.0),
    ("mixed_norm_i6", 6, [("lstm", 24, None), ("gru", 17, None), ("rnn", 11, "relu"),
                          ("dense", 8, "relu"), ("dense", 3, "softmax")], True, 1.0),
    # Sequence mode's layer-by-layer Run: normalised input, three recurrent layers with 8+ inputs (input
    # projections ahead of the recurrence), narrow dense layers in dot-product form.
    ("seq_norm_i12", 12, [("lstm", 24, None), ("rnn", 16, "tanh"), ("gru", 18, None),
                          ("dense", 3, "tanh"), ("dense", 2, "softmax")], True, 1.0),
]

ACTIVATIONS = {
    "linear": lambda v: v,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "softmax": lambda v: torch.softmax(v, dim=-1),
}


def f32(value):
    """Shortest decimal that reads back as this float32 (numpy's Dragon4 'unique' mode)."""
    text = str(np.float32(value))
    assert np.float32(text) == np.float32(value), text
    return text


def floats(values, row_length, indent):
    values = [f32(v) for v in np.asarray(values, dtype=np.float32).reshape(-1)]
    if len(values) <= row_length:
        return "[" + ", ".join(values) + "]"
    rows = [", ".join(values[k:k + row_length]) for k in range(0, len(values), row_length)]
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(rows) + "\n" + indent + "]"


def build(input_size, layers, scale):
    modules, size = [], input_size
    for kind, units, activation in layers:
        if kind == "dense":
            module = nn.Linear(size, units)
        elif kind == "rnn":
            module = nn.RNN(size, units, nonlinearity=activation, batch_first=True)
        elif kind == "lstm":
            module = nn.LSTM(size, units, batch_first=True)
        else:
            module = nn.GRU(size, units, batch_first=True)
        with torch.no_grad():
            for parameter in module.parameters():
                parameter.mul_(scale)
        modules.append((kind, module, activation))
        size = units
    return modules


def forward(modules, x):
    """x: [T, I] float64 -> [T, O] float64, one sequence from zero state."""
    y = x.unsqueeze(0)
    for kind, module, activation in modules:
        if kind == "dense":
            y = ACTIVATIONS[activation](module(y))
        else:
            y, _ = module(y)
    return y.squeeze(0)


def descriptor(input_size, modules, normalization, notes):
    out = ['{', '  "format": "rnn-embedded",', '  "version": 1,', f'  "input_size": {input_size},']
    if normalization is not None:
        mean, std = normalization
        out.append('  "input_normalization": {')
        out.append(f'    "mean": {floats(mean, len(mean), "    ")},')
        out.append(f'    "std": {floats(std, len(std), "    ")}')
        out.append('  },')
    out.append('  "layers": [')
    size, blocks = input_size, []
    for kind, module, activation in modules:
        ind = "      "
        lines = [f'{ind}"type": "{kind}"', f'{ind}"input_size": {size}']
        if kind == "dense":
            lines += [f'{ind}"units": {module.out_features}', f'{ind}"activation": "{activation}"',
                      f'{ind}"weight": {floats(module.weight.detach(), size, ind)}',
                      f'{ind}"bias": {floats(module.bias.detach(), module.out_features, ind)}']
            size = module.out_features
        else:
            hidden = module.hidden_size
            lines.append(f'{ind}"hidden_size": {hidden}')
            if kind == "rnn":
                lines.append(f'{ind}"nonlinearity": "{activation}"')
            lines += [f'{ind}"weight_ih": {floats(module.weight_ih_l0.detach(), size, ind)}',
                      f'{ind}"weight_hh": {floats(module.weight_hh_l0.detach(), hidden, ind)}',
                      f'{ind}"bias_ih": {floats(module.bias_ih_l0.detach(), hidden, ind)}',
                      f'{ind}"bias_hh": {floats(module.bias_hh_l0.detach(), hidden, ind)}']
            size = hidden
        blocks.append("    {\n" + ",\n".join(lines) + "\n    }")
    return close_descriptor(out, blocks, notes, "2026-11-21")


def close_descriptor(out, blocks, notes, created):
    """Appends the layer blocks and the metadata to the descriptor's opening lines; returns the text."""
    out.append(",\n".join(blocks))
    out += ['  ],', '  "metadata": {', f'    "producer": {json.dumps(PRODUCER)},', f'    "created": "{created}",',
            f'    "notes": {json.dumps(notes)}', '  }', '}']
    return "\n".join(out) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def golden():
    os.makedirs(GOLDEN, exist_ok=True)
    for seed, (name, input_size, layers, normalized, scale) in enumerate(MODELS):
        torch.manual_seed(1000 + seed)
        modules = build(input_size, layers, scale)
        x = torch.randn(STEPS, input_size) * 1.5
        normalization = None
        if normalized:
            mean = torch.randn(input_size) * 4
            std = torch.rand(input_size) * 3 + 0.25
            x = x * std + mean
            normalization = (mean.numpy(), std.numpy())
        x32 = torch.tensor(np.asarray([[float(f32(v)) for v in row] for row in x.numpy()], dtype=np.float32))
        with torch.no_grad():
            for _, module, _ in modules:
                module.double()
            inputs = x32.double()
            if normalization is not None:
                mean64 = torch.tensor(normalization[0], dtype=torch.float32).double()
                std64 = torch.tensor(normalization[1], dtype=torch.float32).double()
                inputs = (inputs - mean64) / std64
            y = forward(modules, inputs)
        write(os.path.join(GOLDEN, name + ".rnn.json"),
              descriptor(input_size, modules, normalization, f"golden fixture, seed {1000 + seed}, random weights x{scale}"))
        io = {
            "steps": STEPS,
            "input_size": input_size,
            "output_size": y.shape[1],
            "input": [float(f32(v)) for v in x32.reshape(-1).tolist()],
            "output": [float(v) for v in y.reshape(-1).tolist()],
        }
        with open(os.path.join(GOLDEN, name + ".io.json"), "w", encoding="utf-8") as f:
            json.dump(io, f, separators=(",", ":"))
            f.write("\n")
        print(f"{name}: {input_size} -> {y.shape[1]}, {STEPS} steps")


def sine_series(n, phase):
    t = np.arange(n) + phase
    return (0.6 * np.sin(2 * math.pi * t / 25) + 0.3 * np.sin(2 * math.pi * t / 9)).astype(np.float32)


def example():
    """A small trained model: an LSTM that forecasts the next sample of a sum of two sines."""
    torch.manual_seed(7)
    lstm, head = nn.LSTM(1, 16, batch_first=True), nn.Linear(16, 1)
    optimizer = torch.optim.Adam(list(lstm.parameters()) + list(head.parameters()), lr=0.01)
    for step in range(400):
        phases = torch.randint(0, 1000, (16,)).tolist()
        batch = torch.tensor(np.stack([sine_series(65, p) for p in phases])).unsqueeze(-1)
        x, target = batch[:, :-1], batch[:, 1:]
        y, _ = lstm(x)
        loss = ((head(y) - target) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"example: final training MSE {loss.item():.2e}")
    modules = [("lstm", lstm, None), ("dense", head, "linear")]
    notes = (f"Forecasts the next sample of 0.6 sin(2 pi t/25) + 0.3 sin(2 pi t/9); "
             f"trained 400 Adam steps, final training MSE {loss.item():.2e}")
    write(os.path.join(EXAMPLES, "sine-forecaster.rnn.json"), descriptor(1, modules, None, notes))
    series = sine_series(60, 0)
    write(os.path.join(EXAMPLES, "sine-input.csv"), "x\n" + "".join(f32(v) + "\n" for v in series))


if __name__ == "__main__":
    import fixtures_v2  # imports this module's helpers, so it is loaded after them

    golden()
    fixtures_v2.golden_v2()
    example()
