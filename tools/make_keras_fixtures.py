#!/usr/bin/python3
"""Builds the Keras/RTNeural JSON import fixtures with numpy (float64 Keras equations; no TensorFlow needed).

    /usr/bin/python3 tools/make_keras_fixtures.py

Writes, for every seeded model below,
  tests/Fixtures/import/keras/NAME.json   the model as RTNeural's python/model_utils.py writes it: in_shape,
                                          layers[] with type, activation, shape and weights in Keras layout
                                          (kernel [input][gates*units], recurrent_kernel [units][gates*units],
                                          gate columns LSTM i,f,c,o and GRU z,r,h)
  tests/Fixtures/golden/keras_NAME.io.json a seeded input sequence and the outputs of Keras's equations,
                                          evaluated here in float64 on the exact float32 weights of the file
then runs `rnn import` on each source file to write tests/Fixtures/golden/keras_NAME.rnn.json (the committed
descriptor the importer tests compare against; pass --no-import to skip that step).

The reference is written out from Keras's own cell code (keras/layers/rnn/lstm.py, gru.py), not from our
descriptor's equations, so the tests check the importer's layout, gate-order and bias mapping as well as
the runtime. The tests never run Python; they read the committed files.
"""
import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "tests", "Fixtures", "import", "keras")
GOLDEN = os.path.join(ROOT, "tests", "Fixtures", "golden")
STEPS = 120

# name, input size, layers; a layer is a dict with
#   kind: lstm | gru | dense | time-distributed-dense | activation | (tanh, relu, ... as a bare type)
#   units, activation (dense), reset_after (gru), recurrent_activation (lstm/gru, written only when given)
MODELS = [
    ("gru_after_i1_h8", 1, [dict(kind="gru", units=8, reset_after=True), dict(kind="dense", units=1)]),
    ("gru_before_i2_h20", 2, [dict(kind="gru", units=20, reset_after=False),
                              dict(kind="time-distributed-dense", units=3, activation="tanh")]),
    ("lstm_i1_h40", 1, [dict(kind="lstm", units=40), dict(kind="dense", units=1)]),
    ("lstm_i3_h1", 3, [dict(kind="lstm", units=1), dict(kind="dense", units=2, activation="softmax")]),
    ("lstm_hard_sigmoid_i2_h8", 2, [dict(kind="lstm", units=8, recurrent_activation="hard_sigmoid"),
                                    dict(kind="gru", units=5, reset_after=True, recurrent_activation="hard_sigmoid"),
                                    dict(kind="dense", units=1)]),
    # lstm -> gru -> dense: the stacked case RTNeural's users ask about; an activation layer after a
    # recurrent layer and one after a dense layer that already has one (each becomes an identity dense
    # layer), and a bare "sigmoid" layer folded into the linear dense layer before it.
    ("stacked_i2", 2, [dict(kind="lstm", units=20), dict(kind="gru", units=8, reset_after=True),
                       dict(kind="activation", activation="tanh"), dict(kind="dense", units=8, activation="relu"),
                       dict(kind="activation", activation="tanh"), dict(kind="time-distributed-dense", units=2),
                       dict(kind="sigmoid")]),
    # Dense layers with each activation, a softmax activation layer folded into the dense before it.
    ("dense_acts_i4", 4, [dict(kind="dense", units=6, activation="tanh"), dict(kind="gru", units=8, reset_after=False),
                          dict(kind="dense", units=7, activation="relu"), dict(kind="dense", units=6, activation="sigmoid"),
                          dict(kind="time-distributed-dense", units=5), dict(kind="activation", activation="softmax")]),
]


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


# Keras 2's hard_sigmoid (tf.keras.activations.hard_sigmoid): clip(0.2 x + 0.5, 0, 1), computed by TensorFlow
# in float32, so its slope is float32(0.2); that is also the float32 the descriptor holds.
HARD_SIGMOID_SLOPE = float(np.float32(0.2))


def hard_sigmoid(v):
    return np.clip(HARD_SIGMOID_SLOPE * v + 0.5, 0.0, 1.0)


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


ACTIVATIONS = {"": lambda v: v, "linear": lambda v: v, "tanh": np.tanh, "relu": lambda v: np.maximum(v, 0.0),
               "sigmoid": sigmoid, "softmax": softmax}
GATES = {"sigmoid": sigmoid, "hard_sigmoid": hard_sigmoid}


def lstm_step(x, h, c, kernel, recurrent, bias, gate):
    """keras LSTMCell.call (implementation 2): z = x K + h U + b, columns i, f, c, o."""
    units = h.shape[0]
    z = x @ kernel + h @ recurrent + bias
    i = gate(z[:units])
    f = gate(z[units:2 * units])
    candidate = np.tanh(z[2 * units:3 * units])
    o = gate(z[3 * units:])
    c = f * c + i * candidate
    return o * np.tanh(c), c


def gru_step(x, h, kernel, recurrent, bias, reset_after, gate):
    """keras GRUCell.call: columns z, r, h; reset_after puts the recurrent bias and U_h h inside r's product."""
    units = h.shape[0]
    if reset_after:
        mx = x @ kernel + bias[0]
        mh = h @ recurrent + bias[1]
        z = gate(mx[:units] + mh[:units])
        r = gate(mx[units:2 * units] + mh[units:2 * units])
        hh = np.tanh(mx[2 * units:] + r * mh[2 * units:])
    else:
        mx = x @ kernel + bias
        z = gate(mx[:units] + h @ recurrent[:, :units])
        r = gate(mx[units:2 * units] + h @ recurrent[:, units:2 * units])
        hh = np.tanh(mx[2 * units:] + (r * h) @ recurrent[:, 2 * units:])
    return z * h + (1.0 - z) * hh


def f32(rng, shape, scale):
    return rng.normal(0.0, scale, size=shape).astype(np.float32)


def build(rng, input_size, layers):
    """Float32 weights in Keras layout, one dict per layer, plus each layer's output size."""
    built, size = [], input_size
    for spec in layers:
        kind = spec["kind"]
        layer = dict(spec)
        if kind in ("lstm", "gru"):
            units, gates = spec["units"], 4 if kind == "lstm" else 3
            scale = 1.2 / np.sqrt(units + size)
            layer["weights"] = [f32(rng, (size, gates * units), scale), f32(rng, (units, gates * units), scale)]
            if kind == "gru" and spec["reset_after"]:
                layer["weights"].append(f32(rng, (2, gates * units), 0.4))
            else:
                layer["weights"].append(f32(rng, (gates * units,), 0.4))
            size = units
        elif kind in ("dense", "time-distributed-dense"):
            units = spec["units"]
            layer["weights"] = [f32(rng, (size, units), 1.5 / np.sqrt(size)), f32(rng, (units,), 0.3)]
            size = units
        else:
            layer["weights"] = []
        layer["size"] = size
        built.append(layer)
    return built


def forward(built, xs):
    """xs: [T, I] float64 -> [T, O]; every layer starts from zero state, as Keras's stateless layers do."""
    states = [None] * len(built)
    outputs = []
    for x in xs:
        y = x
        for k, layer in enumerate(built):
            kind, w = layer["kind"], [np.asarray(a, dtype=np.float64) for a in layer["weights"]]
            if kind == "lstm":
                h, c = states[k] if states[k] is not None else (np.zeros(layer["units"]), np.zeros(layer["units"]))
                h, c = lstm_step(y, h, c, w[0], w[1], w[2], GATES[layer.get("recurrent_activation", "sigmoid")])
                states[k], y = (h, c), h
            elif kind == "gru":
                h = states[k] if states[k] is not None else np.zeros(layer["units"])
                h = gru_step(y, h, w[0], w[1], w[2], layer["reset_after"], GATES[layer.get("recurrent_activation", "sigmoid")])
                states[k], y = h, h
            elif kind in ("dense", "time-distributed-dense"):
                y = ACTIVATIONS[layer.get("activation", "")](y @ w[0] + w[1])
            else:
                y = ACTIVATIONS[layer.get("activation", kind)](y)
        outputs.append(y)
    return np.array(outputs)


def keras_json(input_size, built):
    """The file as model_utils.save_model writes it (json.dump of float32 values via tolist())."""
    layers = []
    for layer in built:
        kind = layer["kind"]
        entry = {"type": kind}
        if kind in ("lstm", "gru"):
            entry["activation"] = "tanh"
        elif kind in ("dense", "time-distributed-dense", "activation"):
            entry["activation"] = layer.get("activation", "")
        entry["shape"] = [None, None, layer["size"]]
        if "recurrent_activation" in layer:
            entry["recurrent_activation"] = layer["recurrent_activation"]
        entry["weights"] = [w.tolist() for w in layer["weights"]]
        layers.append(entry)
    return {"in_shape": [None, None, input_size], "layers": layers}


def write_fixture(source, source_json, golden_name, xs, ys, fmt):
    """Writes the source file and golden/GOLDEN_NAME.io.json (float32 inputs, float64 reference outputs), then
    unless --no-import runs rnn import to write golden/GOLDEN_NAME.rnn.json."""
    with open(source, "w", encoding="utf-8") as f:
        json.dump(source_json, f)
        f.write("\n")
    io = {"steps": int(xs.shape[0]), "input_size": int(xs.shape[1]), "output_size": int(ys.shape[1]),
          "input": [float(v) for v in xs.reshape(-1)], "output": [float(v) for v in ys.reshape(-1)]}
    with open(os.path.join(GOLDEN, golden_name + ".io.json"), "w", encoding="utf-8") as f:
        json.dump(io, f, separators=(",", ":"))
        f.write("\n")
    print(f"{golden_name}: {xs.shape[1]} -> {ys.shape[1]}, {xs.shape[0]} steps")
    if "--no-import" not in sys.argv:
        import_with_rnn(source, os.path.join(GOLDEN, golden_name + ".rnn.json"), fmt)


def build_rnn_tool():
    """Builds Rnn.Trainer (the rnn tool) once, so each import below runs it with --no-build."""
    subprocess.run(["dotnet", "build", "-v", "q", os.path.join(ROOT, "src", "Rnn.Trainer")], check=True)


def import_with_rnn(source, descriptor, fmt):
    """rnn import SOURCE -o DESCRIPTOR --format FMT (Rnn.Trainer built once beforehand)."""
    subprocess.run(["dotnet", "run", "--no-build", "--project", os.path.join(ROOT, "src", "Rnn.Trainer"), "--",
                    "import", source, "-o", descriptor, "--format", fmt], check=True)


def prepare(sources):
    """Creates the output folders and, unless --no-import, builds the rnn tool once."""
    if "--no-import" not in sys.argv:
        build_rnn_tool()
    os.makedirs(sources, exist_ok=True)
    os.makedirs(GOLDEN, exist_ok=True)


def main():
    prepare(SOURCES)
    for seed, (name, input_size, layers) in enumerate(MODELS):
        rng = np.random.default_rng(2000 + seed)
        built = build(rng, input_size, layers)
        xs = (rng.normal(0.0, 1.0, size=(STEPS, input_size)) * 1.5).astype(np.float32)
        ys = forward(built, xs.astype(np.float64))
        write_fixture(os.path.join(SOURCES, name + ".json"), keras_json(input_size, built), "keras_" + name, xs, ys, "keras")


if __name__ == "__main__":
    main()
