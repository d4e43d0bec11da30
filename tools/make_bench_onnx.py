#!/usr/bin/python3
"""Exports every benchmark descriptor as an ONNX model for bench/side-by-side.sh's ONNX Runtime column.

    /usr/bin/python3 tools/make_bench_onnx.py [OUT_DIR] [--models-dir DIR] [--models lstm_1x8,gru_1x64]

Reads bench/Rnn.Benchmarks/Models/*.rnn.json and large/*.rnn.json (or DIR's), builds the same network in
PyTorch with exactly those weights (the descriptor's layouts and gate orders are PyTorch's,
docs/descriptor-format.md, so the tensors load unchanged), and writes OUT_DIR/<name>.onnx (default artifacts/onnx): input "x" [T, 1, I], output
"y" [T, 1, units], T dynamic, zero initial state. Also prints the PyTorch checksum of each model, the sum
of its outputs over the first 1000 steps of the timers' input x[t, i] = sin(0.05 t + 0.3 i), which the
other contenders' checksums should match.

Needs Debian's python3-torch and python3-onnx (`apt-get install -y python3-torch python3-onnx`).
"""
import argparse
import glob
import json
import math
import os
import warnings

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPSET = 14
CHECKSUM_STEPS = 1000
RECURRENT = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}
ACTIVATIONS = {"linear": torch.nn.Identity, "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}


class Recurrent(torch.nn.Module):
    """One recurrent layer that returns only its output sequence (ONNX then has one output)."""

    def __init__(self, layer):
        super().__init__()
        kind = layer["type"]
        extra = {"nonlinearity": layer.get("nonlinearity", "tanh")} if kind == "rnn" else {}
        self.cell = RECURRENT[kind](layer["input_size"], layer["hidden_size"], **extra)
        rows = self.cell.weight_ih_l0.shape[0]
        with torch.no_grad():
            self.cell.weight_ih_l0.copy_(tensor(layer["weight_ih"]).view(rows, layer["input_size"]))
            self.cell.weight_hh_l0.copy_(tensor(layer["weight_hh"]).view(rows, layer["hidden_size"]))
            self.cell.bias_ih_l0.copy_(tensor(layer["bias_ih"]))
            self.cell.bias_hh_l0.copy_(tensor(layer["bias_hh"]))

    def forward(self, x):
        return self.cell(x)[0]


class Normalize(torch.nn.Module):
    def __init__(self, normalization):
        super().__init__()
        self.register_buffer("mean", tensor(normalization["mean"]))
        self.register_buffer("std", tensor(normalization["std"]))

    def forward(self, x):
        return (x - self.mean) / self.std


def tensor(values):
    return torch.tensor(values, dtype=torch.float32)


def dense(layer):
    activation = layer.get("activation", "linear")
    if activation not in ACTIVATIONS:
        raise SystemExit(f"dense activation {activation!r} is not exported by this script")
    linear = torch.nn.Linear(layer["input_size"], layer["units"])
    with torch.no_grad():
        linear.weight.copy_(tensor(layer["weight"]).view(layer["units"], layer["input_size"]))
        linear.bias.copy_(tensor(layer["bias"]))
    return torch.nn.Sequential(linear, ACTIVATIONS[activation]())


def network(descriptor):
    modules = [Normalize(descriptor["input_normalization"])] if "input_normalization" in descriptor else []
    for layer in descriptor["layers"]:
        modules.append(dense(layer) if layer["type"] == "dense" else Recurrent(layer))
    return torch.nn.Sequential(*modules).eval()


def signal(steps, inputs):
    """x[t, 0, i] = sin(0.05 t + 0.3 i) in double, rounded to float32: the timers' input."""
    return torch.tensor([[[math.sin(0.05 * t + 0.3 * i) for i in range(inputs)]] for t in range(steps)],
                        dtype=torch.float64).float()


def main():
    # The exporter warns about batch sizes other than 1 and about shape inference of constants: the batch
    # here is always 1 and ONNX Runtime checks the graph on load.
    warnings.filterwarnings("ignore", category=UserWarning, module="torch.onnx")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=os.path.join(ROOT, "artifacts", "onnx"))
    parser.add_argument("--models-dir", default=os.path.join(ROOT, "bench", "Rnn.Benchmarks", "Models"))
    parser.add_argument("--models", help="comma-separated names (default: every descriptor)")
    args = parser.parse_args()

    os.makedirs(args.out_dir, exist_ok=True)
    wanted = set(args.models.split(",")) if args.models else None
    # large/ holds the models written at build time (bench/Directory.Build.targets).
    paths = glob.glob(os.path.join(args.models_dir, "*.rnn.json")) + glob.glob(os.path.join(args.models_dir, "large", "*.rnn.json"))
    for path in sorted(paths, key=os.path.basename):
        name = os.path.basename(path)[: -len(".rnn.json")]
        if wanted is not None and name not in wanted:
            continue
        with open(path) as f:
            descriptor = json.load(f)
        model = network(descriptor)
        inputs = descriptor["input_size"]
        with torch.no_grad():
            checksum = model(signal(CHECKSUM_STEPS, inputs)).double().sum().item()
            torch.onnx.export(model, signal(64, inputs), os.path.join(args.out_dir, name + ".onnx"),
                              input_names=["x"], output_names=["y"], opset_version=OPSET,
                              dynamic_axes={"x": {0: "T"}, "y": {0: "T"}})
        print(f"pytorch {name} checksum {checksum:.9g} -> {os.path.join(args.out_dir, name + '.onnx')}")


if __name__ == "__main__":
    main()
