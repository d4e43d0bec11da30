#!/usr/bin/python3
"""Builds the Neural Amp Modeler (.nam, LSTM architecture) import fixtures with PyTorch.

    /usr/bin/python3 tools/make_nam_fixtures.py

Writes, for every seeded model below,
  tests/Fixtures/import/nam/NAME.nam      the model as neural-amp-modeler's nam/models/recurrent.py exports it:
                                          version, metadata, architecture "LSTM", config (input_size,
                                          hidden_size, num_layers), sample_rate and one flat weights array:
                                          per layer [W_ih | W_hh] (4H x (I+H), row-major), b_ih + b_hh (4H),
                                          the initial hidden state (H), the initial cell state (H); then the
                                          head Linear(H, 1) weight and bias
  tests/Fixtures/golden/nam_NAME.io.json  a seeded input sequence and PyTorch's float64 forward pass of the
                                          same weights: nn.LSTM started from (h0, c0) = the stored initial
                                          states, then the Linear head
then runs `rnn import` on each source file to write tests/Fixtures/golden/nam_NAME.rnn.json (pass --no-import
to skip that step).

The weights are seeded random numbers (never a real model); the reference loads them back the way NAM's own
import_weights does (the summed bias into bias_ih, bias_hh zero), so it checks the importer's reading of the
flat array as well as the runtime. The tests never run Python; they read the committed files.
"""
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_keras_fixtures import prepare, write_fixture  # noqa: E402  (one way to write fixtures and call rnn import)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "tests", "Fixtures", "import", "nam")
STEPS = 150

# name, num_layers, hidden_size
MODELS = [
    ("lstm_h3", 1, 3),
    ("lstm2_h16", 2, 16),
]


def export_weights(lstm, head, h0, c0):
    """The flat array, in recurrent.py's _export_weights order (float32 throughout, as NAM computes it)."""
    parts = []
    for k in range(lstm.num_layers):
        w = torch.cat([getattr(lstm, f"weight_ih_l{k}"), getattr(lstm, f"weight_hh_l{k}")], dim=1)
        b = getattr(lstm, f"bias_ih_l{k}") + getattr(lstm, f"bias_hh_l{k}")
        parts += [w.flatten(), b, h0[k], c0[k]]
    parts += [head.weight.flatten(), head.bias]
    return torch.cat([p.detach().float() for p in parts])


def reference(lstm, head, h0, c0, flat, x):
    """PyTorch float64 forward pass of the exported weights, loaded back as NAM's import_weights does."""
    hidden, layers = lstm.hidden_size, lstm.num_layers
    ref = nn.LSTM(1, hidden, num_layers=layers, batch_first=True).double()
    ref_head = nn.Linear(hidden, 1).double()
    flat = flat.double()
    offset = 0
    with torch.no_grad():
        for k in range(layers):
            inputs = 1 if k == 0 else hidden
            w = flat[offset:offset + 4 * hidden * (inputs + hidden)].reshape(4 * hidden, inputs + hidden)
            offset += w.numel()
            getattr(ref, f"weight_ih_l{k}").copy_(w[:, :inputs])
            getattr(ref, f"weight_hh_l{k}").copy_(w[:, inputs:])
            getattr(ref, f"bias_ih_l{k}").copy_(flat[offset:offset + 4 * hidden])
            getattr(ref, f"bias_hh_l{k}").zero_()
            offset += 4 * hidden
            h0[k] = flat[offset:offset + hidden]
            offset += hidden
            c0[k] = flat[offset:offset + hidden]
            offset += hidden
        ref_head.weight.copy_(flat[offset:offset + hidden].reshape(1, hidden))
        ref_head.bias.copy_(flat[offset + hidden:offset + hidden + 1])
        assert offset + hidden + 1 == flat.numel()
        y, _ = ref(x.double().reshape(1, -1, 1), (h0[:, None, :], c0[:, None, :]))
        return ref_head(y)[0, :, 0]


def main():
    prepare(SOURCES)
    for seed, (name, layers, hidden) in enumerate(MODELS):
        torch.manual_seed(3000 + seed)
        lstm = nn.LSTM(1, hidden, num_layers=layers, batch_first=True)
        head = nn.Linear(hidden, 1)
        h0 = torch.randn(layers, hidden) * 0.3
        c0 = torch.randn(layers, hidden) * 0.8
        flat = export_weights(lstm, head, h0, c0)
        # A guitar-like input: two partials and some noise, within [-1, 1] as audio samples are.
        t = torch.arange(STEPS, dtype=torch.float64)
        x = (0.5 * torch.sin(2 * np.pi * t / 37) + 0.25 * torch.sin(2 * np.pi * t / 11)
             + 0.1 * torch.randn(STEPS, dtype=torch.float64)).float()
        with torch.no_grad():
            y = reference(lstm, head, torch.zeros(layers, hidden, dtype=torch.float64),
                          torch.zeros(layers, hidden, dtype=torch.float64), flat, x)
        nam = {
            "version": "0.5.4",
            "metadata": {"name": f"fixture {name}", "modeled_by": "tools/make_nam_fixtures.py",
                         "gear_type": "amp", "tone_type": "clean", "loudness": -20.5,
                         "input_level_dbu": 12.0, "output_level_dbu": 10.5},
            "architecture": "LSTM",
            "config": {"input_size": 1, "hidden_size": hidden, "num_layers": layers},
            "weights": [float(v) for v in flat.numpy()],
            "sample_rate": 48000,
        }
        write_fixture(os.path.join(SOURCES, name + ".nam"), nam, "nam_" + name,
                      x.numpy().reshape(-1, 1), y.numpy().reshape(-1, 1), "nam")


if __name__ == "__main__":
    main()
