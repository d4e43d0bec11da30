"""Golden fixtures for descriptor format v2 (tests/Fixtures/golden/v2_*), called by make_fixtures.py.

Two independent references, both float64 on the exact float32 weights written to the descriptor:
  * PyTorch, for everything it has: bidirectional and stacked layers (num_layers 2), LSTM proj_size,
    learned initial states passed as h0/c0, and the model-level skip (added after the forward pass);
  * float64 numpy equations (reference_* below, written next to docs/descriptor-format.md's v2
    equations) for what PyTorch lacks: reverse direction, GRU reset_after false, peepholes, clip,
    hard-sigmoid gates.
Where PyTorch computes a fixture, the numpy equations compute it too and must agree to 1e-12, so the
numpy reference is itself checked against PyTorch on every feature they share.
"""
import json
import os

import numpy as np
import torch
from torch import nn

from make_fixtures import GOLDEN, STEPS, close_descriptor, f32, floats, write

# ---------------------------------------------------------------------------------------------------
# Float64 numpy reference, straight from the equations in docs/descriptor-format.md ("Version 2").
# A layer is a dict with the descriptor's fields; "dirs" holds one dict of tensors per direction
# (forward, then reverse for a bidirectional layer), float32 arrays in PyTorch's layout.
# ---------------------------------------------------------------------------------------------------


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


# How often clipping and the hard sigmoid's flat ends were reached, so a fixture meant to hit them does.
CORNERS = {"clipped": 0, "hard_sigmoid_flat": 0}


def gate(layer):
    """σ of the gates: sigmoid, or hard_sigmoid(x) = max(0, min(1, α x + β)) with float32 α, β."""
    if layer.get("gate_activation", "sigmoid") == "sigmoid":
        return sigmoid
    alpha = float(np.float32(layer.get("gate_activation_alpha", 0.2)))
    beta = float(np.float32(layer.get("gate_activation_beta", 0.5)))

    def hard_sigmoid(v):
        linear = alpha * v + beta
        CORNERS["hard_sigmoid_flat"] += int(np.sum((linear <= 0) | (linear >= 1)))
        return np.maximum(0.0, np.minimum(1.0, linear))
    return hard_sigmoid


def clipper(layer):
    """ONNX clip: every gate pre-activation, the candidate's included, clamped to [-clip, clip]."""
    c = layer.get("clip", 0)
    if not c:
        return lambda v: v
    c = float(np.float32(c))

    def clip(v):
        CORNERS["clipped"] += int(np.sum(np.abs(v) > c))
        return np.clip(v, -c, c)
    return clip


def d64(tensors, name):
    value = tensors.get(name)
    return None if value is None else np.asarray(value, dtype=np.float32).astype(np.float64)


def reference_lstm(layer, tensors, xs):
    """
    i = σ(W_ii x + b_ii + W_hi h + b_hi + p_i ⊙ c)    f = σ(W_if x + b_if + W_hf h + b_hf + p_f ⊙ c)
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)            c' = f ⊙ c + i ⊙ g
    o = σ(W_io x + b_io + W_ho h + b_ho + p_o ⊙ c')   h' = o ⊙ tanh(c')      (then h' = W_hr h')
    """
    H, P = layer["hidden_size"], layer.get("proj_size", 0)
    S = P or H
    W, R = d64(tensors, "weight_ih"), d64(tensors, "weight_hh")
    b = d64(tensors, "bias_ih") + d64(tensors, "bias_hh")
    peephole, projection = d64(tensors, "weight_peephole"), d64(tensors, "weight_hr")
    h = d64(tensors, "initial_h") if "initial_h" in tensors else np.zeros(S)
    c = d64(tensors, "initial_c") if "initial_c" in tensors else np.zeros(H)
    sig, clip = gate(layer), clipper(layer)
    out = []
    for x in xs:
        a = W.reshape(4 * H, -1) @ x + R.reshape(4 * H, S) @ h + b
        ai, af, ag, ao = a[:H], a[H:2 * H], a[2 * H:3 * H], a[3 * H:]
        if peephole is not None:
            ai = ai + peephole[:H] * c
            af = af + peephole[H:2 * H] * c
        i, f, g = sig(clip(ai)), sig(clip(af)), np.tanh(clip(ag))
        c = f * c + i * g
        if peephole is not None:
            ao = ao + peephole[2 * H:] * c
        h = sig(clip(ao)) * np.tanh(c)
        if projection is not None:
            h = projection.reshape(P, H) @ h
        out.append(h)
    return out


def reference_gru(layer, tensors, xs):
    """
    r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
    reset_after true:  n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
    reset_after false: n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)
    h' = (1 - z) ⊙ n + z ⊙ h
    """
    H = layer["hidden_size"]
    W, R = d64(tensors, "weight_ih").reshape(3 * H, -1), d64(tensors, "weight_hh").reshape(3 * H, H)
    bi, bh = d64(tensors, "bias_ih"), d64(tensors, "bias_hh")
    h = d64(tensors, "initial_h") if "initial_h" in tensors else np.zeros(H)
    sig, clip = gate(layer), clipper(layer)
    out = []
    for x in xs:
        gx = W @ x + bi
        gh = R[:2 * H] @ h + bh[:2 * H]
        r = sig(clip(gx[:H] + gh[:H]))
        z = sig(clip(gx[H:2 * H] + gh[H:2 * H]))
        if layer.get("reset_after", True):
            n = np.tanh(clip(gx[2 * H:] + r * (R[2 * H:] @ h + bh[2 * H:])))
        else:
            n = np.tanh(clip(gx[2 * H:] + R[2 * H:] @ (r * h) + bh[2 * H:]))
        h = (1 - z) * n + z * h
        out.append(h)
    return out


def reference_rnn(layer, tensors, xs):
    """h' = act(clip(W_ih x + b_ih + W_hh h + b_hh)), act = tanh or relu."""
    H = layer["hidden_size"]
    W, R = d64(tensors, "weight_ih").reshape(H, -1), d64(tensors, "weight_hh").reshape(H, H)
    b = d64(tensors, "bias_ih") + d64(tensors, "bias_hh")
    h = d64(tensors, "initial_h") if "initial_h" in tensors else np.zeros(H)
    clip = clipper(layer)
    act = np.tanh if layer.get("nonlinearity", "tanh") == "tanh" else (lambda v: np.maximum(v, 0.0))
    out = []
    for x in xs:
        h = act(clip(W @ x + b + R @ h))
        out.append(h)
    return out


CELLS = {"lstm": reference_lstm, "gru": reference_gru, "rnn": reference_rnn}
DENSE = {
    "linear": lambda v: v,
    "relu": lambda v: np.maximum(v, 0.0),
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "softmax": lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum(),
}


def reference_layer(layer, xs):
    """xs: [T, I] float64 -> [T, out]. A reverse pass reads the sequence last step first; its output at
    step t is the state after reading steps T-1 down to t (so outputs stay aligned with inputs)."""
    if layer["type"] == "dense":
        W, b = d64(layer, "weight").reshape(layer["units"], -1), d64(layer, "bias")
        act = DENSE[layer.get("activation", "linear")]
        return np.array([act(W @ x + b) for x in xs])
    cell = CELLS[layer["type"]]
    direction = layer.get("direction", "forward")
    if direction == "forward":
        return np.array(cell(layer, layer["dirs"][0], xs))
    backward = np.array(cell(layer, layer["dirs"][-1], xs[::-1]))[::-1]
    if direction == "reverse":
        return backward
    forward = np.array(cell(layer, layer["dirs"][0], xs))
    return np.concatenate([forward, backward], axis=1)


def reference_model(model, inputs):
    """inputs: [T, I] float32 -> [T, O] float64, one whole sequence from the initial state."""
    raw = inputs.astype(np.float64)
    x = raw
    if "mean" in model:
        x = (x - model["mean"].astype(np.float64)) / model["std"].astype(np.float64)
    for layer in model["layers"]:
        x = reference_layer(layer, x)
    skip = model.get("skip", 0)
    if skip:
        x = x.copy()
        x[:, :skip] += raw[:, :skip]
    return x


# ---------------------------------------------------------------------------------------------------
# Random models: numpy-built layers (any v2 feature) and PyTorch-built ones (what PyTorch has).
# ---------------------------------------------------------------------------------------------------

GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def uniform(rng, shape, bound):
    return rng.uniform(-bound, bound, size=shape).astype(np.float32)


def numpy_layer(rng, kind, input_size, hidden, scale=1.0, **options):
    """A recurrent layer with PyTorch's initialisation (U(-1/√H, 1/√H)) times scale; options are
    descriptor fields (direction, proj_size, clip, ...) plus peephole=True / initial_state=True."""
    peephole = options.pop("peephole", False)
    initial_state = options.pop("initial_state", False)
    layer = {"type": kind, "input_size": input_size, "hidden_size": hidden, **options}
    G, P = GATES[kind], options.get("proj_size", 0)
    S, bound = P or hidden, scale / np.sqrt(hidden)
    directions = 2 if options.get("direction") == "bidirectional" else 1
    layer["dirs"] = []
    for _ in range(directions):
        tensors = {"weight_ih": uniform(rng, (G * hidden, input_size), bound),
                   "weight_hh": uniform(rng, (G * hidden, S), bound),
                   "bias_ih": uniform(rng, G * hidden, bound), "bias_hh": uniform(rng, G * hidden, bound)}
        if P:
            tensors["weight_hr"] = uniform(rng, (P, hidden), bound)
        if peephole:
            tensors["weight_peephole"] = uniform(rng, 3 * hidden, scale * 0.5)
        if initial_state:
            tensors["initial_h"] = uniform(rng, S, 0.8)
            if kind == "lstm":
                tensors["initial_c"] = uniform(rng, hidden, 1.5)
        layer["dirs"].append(tensors)
    return layer


def dense_layer(rng, input_size, units, activation):
    bound = 1 / np.sqrt(input_size)
    return {"type": "dense", "input_size": input_size, "units": units, "activation": activation,
            "weight": uniform(rng, (units, input_size), bound), "bias": uniform(rng, units, bound)}


def output_size(layer):
    if layer["type"] == "dense":
        return layer["units"]
    state = layer.get("proj_size", 0) or layer["hidden_size"]
    return 2 * state if layer.get("direction") == "bidirectional" else state


def stack(rng, input_size, specs):
    """specs: (kind, hidden or units, options) -> layers whose sizes chain."""
    layers, size = [], input_size
    for kind, units, options in specs:
        if kind == "dense":
            layers.append(dense_layer(rng, size, units, options))
        else:
            layers.append(numpy_layer(rng, kind, size, units, **options))
        size = output_size(layers[-1])
    return layers


class TorchModel:
    """PyTorch modules (possibly num_layers > 1, bidirectional, projected) with their h0/c0, and the
    descriptor layers that hold the same float32 weights."""

    def __init__(self, input_size):
        self.input_size, self.parts, self.layers, self.size = input_size, [], [], input_size

    def recurrent(self, kind, hidden, num_layers=1, bidirectional=False, proj_size=0, nonlinearity="tanh",
                  initial_state=False):
        args = dict(num_layers=num_layers, bidirectional=bidirectional, batch_first=True)
        if kind == "lstm":
            module = nn.LSTM(self.size, hidden, proj_size=proj_size, **args)
        elif kind == "gru":
            module = nn.GRU(self.size, hidden, **args)
        else:
            module = nn.RNN(self.size, hidden, nonlinearity=nonlinearity, **args)
        directions, state = 2 if bidirectional else 1, proj_size or hidden
        h0 = c0 = None
        if initial_state:
            h0 = (torch.rand(num_layers * directions, 1, state) * 1.6 - 0.8).float()
            c0 = (torch.rand(num_layers * directions, 1, hidden) * 3 - 1.5).float()
        self.parts.append((kind, module, h0, c0 if kind == "lstm" else None))
        for l in range(num_layers):
            layer = {"type": kind, "input_size": self.size, "hidden_size": hidden, "dirs": []}
            if kind == "rnn":
                layer["nonlinearity"] = nonlinearity
            if bidirectional:
                layer["direction"] = "bidirectional"
            if proj_size:
                layer["proj_size"] = proj_size
            for d, suffix in enumerate(["", "_reverse"][:directions]):
                p = lambda name: getattr(module, f"{name}_l{l}{suffix}").detach().numpy().copy()
                tensors = {n: p(n) for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
                if proj_size:
                    tensors["weight_hr"] = p("weight_hr")
                if initial_state:
                    tensors["initial_h"] = h0[l * directions + d, 0].numpy().copy()
                    if kind == "lstm":
                        tensors["initial_c"] = c0[l * directions + d, 0].numpy().copy()
                layer["dirs"].append(tensors)
            self.layers.append(layer)
            self.size = output_size(layer)
        return self

    def dense(self, units, activation):
        module = nn.Linear(self.size, units)
        self.parts.append(("dense", module, activation, None))
        self.layers.append({"type": "dense", "input_size": self.size, "units": units, "activation": activation,
                            "weight": module.weight.detach().numpy().copy(), "bias": module.bias.detach().numpy().copy()})
        self.size = units
        return self

    def forward(self, model, inputs):
        """The same model in PyTorch, float64: [T, I] float32 -> [T, O] float64."""
        activations = {"linear": lambda v: v, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
                       "softmax": lambda v: torch.softmax(v, dim=-1)}
        with torch.no_grad():
            raw = torch.tensor(inputs).double()
            y = raw
            if "mean" in model:
                y = (y - torch.tensor(model["mean"]).double()) / torch.tensor(model["std"]).double()
            y = y.unsqueeze(0)
            for kind, module, a, b in self.parts:
                module.double()
                if kind == "dense":
                    y = activations[a](module(y))
                elif a is None:
                    y, _ = module(y)
                elif kind == "lstm":
                    y, _ = module(y, (a.double(), b.double()))
                else:
                    y, _ = module(y, a.double())
            y = y.squeeze(0)
            if model.get("skip", 0):
                y = y.clone()
                y[:, :model["skip"]] += raw[:, :model["skip"]]
            return y.numpy()


# ---------------------------------------------------------------------------------------------------
# The fixtures. Sizes 1, 5, 17, 33, 40 leave tails on every vector width (4, 8, 16).
# ---------------------------------------------------------------------------------------------------

ONNX_HARD_SIGMOID = {"gate_activation": "hard_sigmoid"}  # α 0.2, β 0.5 (the defaults)
KERAS3_HARD_SIGMOID = {"gate_activation": "hard_sigmoid", "gate_activation_alpha": 1 / 6, "gate_activation_beta": 0.5}


def torch_fixtures():
    """name -> (input size, TorchModel builder, skip, normalised)"""
    return {
        "v2_bilstm2_i3_h17": (3, lambda m: m.recurrent("lstm", 17, num_layers=2, bidirectional=True).dense(2, "linear"), 0, False),
        "v2_bigru2_i5_h33": (5, lambda m: m.recurrent("gru", 33, num_layers=2, bidirectional=True).dense(3, "softmax"), 0, False),
        "v2_birnn2_i2_h5": (2, lambda m: m.recurrent("rnn", 5, num_layers=2, bidirectional=True).dense(1, "tanh"), 0, False),
        "v2_birnn_relu_i4_h40": (4, lambda m: m.recurrent("rnn", 40, bidirectional=True, nonlinearity="relu"), 0, False),
        "v2_lstm_proj_i4_h40_p17": (4, lambda m: m.recurrent("lstm", 40, proj_size=17).dense(1, "linear"), 0, False),
        "v2_lstm_proj_i2_h5_p1": (2, lambda m: m.recurrent("lstm", 5, proj_size=1), 0, False),
        "v2_bilstm_proj2_i3_h33_p5": (3, lambda m: m.recurrent("lstm", 33, num_layers=2, bidirectional=True, proj_size=5).dense(2, "sigmoid"), 0, False),
        "v2_init_stack_i3": (3, lambda m: m.recurrent("lstm", 17, initial_state=True).recurrent("gru", 5, initial_state=True)
                             .recurrent("rnn", 33, nonlinearity="relu", initial_state=True).dense(2, "linear"), 0, False),
        "v2_init_bigru_proj_i2": (2, lambda m: m.recurrent("gru", 17, bidirectional=True, initial_state=True)
                                  .recurrent("lstm", 33, proj_size=5, initial_state=True).dense(1, "linear"), 0, False),
        "v2_skip_lstm_i1_h40": (1, lambda m: m.recurrent("lstm", 40).dense(1, "linear"), 1, False),
        "v2_skip_norm_gru_i3_h17": (3, lambda m: m.recurrent("gru", 17).dense(2, "linear"), 2, True),
    }


def numpy_fixtures():
    """name -> (input size, layer specs, skip, normalised, weight scale)"""
    sat = dict(scale=4.0)
    return {
        "v2_rev_lstm_i3_h17": (3, [("lstm", 17, dict(direction="reverse")), ("dense", 2, "linear")], 0, False),
        "v2_rev_gru_i2_h5": (2, [("gru", 5, dict(direction="reverse"))], 0, False),
        "v2_rev_rnn_i4_h33": (4, [("rnn", 33, dict(direction="reverse", nonlinearity="tanh")), ("dense", 1, "linear")], 0, False),
        "v2_gru_resetbefore_i5_h17": (5, [("gru", 17, dict(reset_after=False)), ("dense", 2, "tanh")], 0, False),
        "v2_gru_resetbefore_i1_h40": (1, [("gru", 40, dict(reset_after=False))], 0, False),
        "v2_lstm_peep_i4_h33": (4, [("lstm", 33, dict(peephole=True)), ("dense", 1, "linear")], 0, False),
        "v2_lstm_peep_i1_h5": (1, [("lstm", 5, dict(peephole=True))], 0, False),
        "v2_clip_lstm_i3_h17": (3, [("lstm", 17, dict(clip=1.5, scale=2.5)), ("dense", 1, "linear")], 0, False),
        "v2_clip_gru_i2_h33": (2, [("gru", 33, dict(clip=0.75, scale=2.5))], 0, False),
        "v2_clip_rnn_i3_h5": (3, [("rnn", 5, dict(clip=0.5, scale=2.0, nonlinearity="relu")), ("dense", 1, "linear")], 0, False),
        "v2_hsig_lstm_i2_h40": (2, [("lstm", 40, dict(scale=3.0, **ONNX_HARD_SIGMOID)), ("dense", 1, "linear")], 0, False),
        "v2_hsig_gru_i3_h5": (3, [("gru", 5, dict(scale=3.0, **KERAS3_HARD_SIGMOID))], 0, False),
        "v2_sat_lstm_i3_h17": (3, [("lstm", 17, dict(peephole=True, clip=2.5, **ONNX_HARD_SIGMOID, **sat)), ("dense", 2, "linear")], 0, False),
        "v2_sat_gru_i2_h33": (2, [("gru", 33, dict(reset_after=False, clip=4.0, **KERAS3_HARD_SIGMOID, **sat))], 0, False),
        "v2_lstm_peep_proj_i3_h33_p17": (3, [("lstm", 33, dict(peephole=True, proj_size=17, initial_state=True)), ("dense", 1, "linear")], 0, False),
        # Step-able (every layer forward): every per-step v2 feature at once, then a skip.
        "v2_stream_i4": (4, [("lstm", 40, dict(proj_size=17, peephole=True, clip=3.0, initial_state=True, scale=2.5, **ONNX_HARD_SIGMOID)),
                             ("gru", 1, dict(reset_after=False, clip=1.0, initial_state=True, scale=2.0, **KERAS3_HARD_SIGMOID)),
                             ("rnn", 5, dict(nonlinearity="relu", clip=2.0, initial_state=True)),
                             ("dense", 1, "linear")], 1, True),
        # Everything in one stack: normalised input, a bidirectional projected peephole LSTM, a reverse
        # GRU of the other variant, a forward RNN, dense heads, and a skip.
        "v2_mixed_norm_i5": (5, [("lstm", 17, dict(direction="bidirectional", proj_size=5, peephole=True, clip=2.0, initial_state=True, scale=2.5)),
                                 ("gru", 33, dict(direction="reverse", reset_after=False, initial_state=True, scale=3.0, **KERAS3_HARD_SIGMOID)),
                                 ("rnn", 5, dict(nonlinearity="relu", clip=2.0, initial_state=True)),
                                 ("dense", 8, "relu"), ("dense", 2, "linear")], 2, True),
    }


def descriptor_v2(model, notes):
    """The model as descriptor JSON (version 2), one field per line, weights in shortest float32 form."""
    out = ['{', '  "format": "rnn-embedded",', '  "version": 2,', f'  "input_size": {model["input_size"]},']
    if model.get("skip", 0):
        out.append(f'  "skip": {model["skip"]},')
    if "mean" in model:
        n = model["input_size"]
        out.append('  "input_normalization": {')
        out.append(f'    "mean": {floats(model["mean"], n, "    ")},')
        out.append(f'    "std": {floats(model["std"], n, "    ")}')
        out.append('  },')
    out.append('  "layers": [')
    blocks, ind = [], "      "
    for layer in model["layers"]:
        lines = []
        for key in ("type", "input_size", "hidden_size", "units", "nonlinearity", "activation", "direction",
                    "reset_after", "proj_size", "clip", "gate_activation", "gate_activation_alpha", "gate_activation_beta"):
            if key in layer:
                value = layer[key]
                text = json.dumps(value) if isinstance(value, (str, bool)) else f32(value) if isinstance(value, float) else str(value)
                lines.append(f'{ind}"{key}": {text}')
        if layer["type"] == "dense":
            lines += [f'{ind}"weight": {floats(layer["weight"], layer["input_size"], ind)}',
                      f'{ind}"bias": {floats(layer["bias"], layer["units"], ind)}']
        else:
            for tensors, suffix in zip(layer["dirs"], ["", "_reverse"]):
                for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr", "weight_peephole", "initial_h", "initial_c"):
                    if name in tensors:
                        row = np.asarray(tensors[name]).shape[-1] if np.asarray(tensors[name]).ndim == 2 else 17
                        lines.append(f'{ind}"{name}{suffix}": {floats(tensors[name], row, ind)}')
        blocks.append("    {\n" + ",\n".join(lines) + "\n    }")
    return close_descriptor(out, blocks, notes, "2026-11-23")


def seeded_inputs(seed, model):
    """STEPS steps of N(0, 1.5²) input (shifted and scaled when the model normalises), as float32."""
    torch.manual_seed(seed)
    n = model["input_size"]
    x = torch.randn(STEPS, n) * 1.5
    if model.get("normalised"):
        mean, std = torch.randn(n) * 4, torch.rand(n) * 3 + 0.25
        x = x * std + mean
        model["mean"], model["std"] = mean.numpy().astype(np.float32), std.numpy().astype(np.float32)
    return np.asarray([[np.float32(f32(v)) for v in row] for row in x.numpy()], dtype=np.float32)


def save(name, model, inputs, outputs, notes):
    write(os.path.join(GOLDEN, name + ".rnn.json"), descriptor_v2(model, notes))
    io = {"steps": STEPS, "input_size": model["input_size"], "output_size": int(outputs.shape[1]),
          "input": [float(f32(v)) for v in inputs.reshape(-1)], "output": [float(v) for v in outputs.reshape(-1)]}
    with open(os.path.join(GOLDEN, name + ".io.json"), "w", encoding="utf-8") as f:
        json.dump(io, f, separators=(",", ":"))
        f.write("\n")


def golden_v2():
    seed = 2000
    for name, (input_size, build, skip, normalised) in torch_fixtures().items():
        seed += 1
        torch.manual_seed(seed)
        torch_model = build(TorchModel(input_size))
        model = {"input_size": input_size, "layers": torch_model.layers, "skip": skip, "normalised": normalised}
        inputs = seeded_inputs(seed + 500, model)
        expected = torch_model.forward(model, inputs)
        numpy_check = reference_model(model, inputs)
        assert np.max(np.abs(expected - numpy_check)) < 1e-12, (name, np.max(np.abs(expected - numpy_check)))
        save(name, model, inputs, expected, f"golden fixture (format v2), PyTorch, seed {seed}")
        print(f"{name}: {input_size} -> {expected.shape[1]}, {STEPS} steps (PyTorch; numpy equations agree)")

    for name, (input_size, specs, skip, normalised) in numpy_fixtures().items():
        seed += 1
        rng = np.random.default_rng(seed)
        model = {"input_size": input_size, "layers": stack(rng, input_size, specs), "skip": skip, "normalised": normalised}
        inputs = seeded_inputs(seed + 500, model)
        for key in CORNERS:
            CORNERS[key] = 0
        expected = reference_model(model, inputs)
        hits = dict(CORNERS)
        save(name, model, inputs, expected, f"golden fixture (format v2), float64 numpy equations, seed {seed}")
        print(f"{name}: {input_size} -> {expected.shape[1]}, {STEPS} steps (numpy), {hits}")
