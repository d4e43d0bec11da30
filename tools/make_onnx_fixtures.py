#!/usr/bin/python3
"""Writes the ONNX importer's fixtures: ONNX models, the descriptor each must import to, and reference outputs.

    /usr/bin/python3 tools/make_onnx_fixtures.py

Needs Debian's python3-onnx (1.12) and python3-torch (1.13); run with /usr/bin/python3. Writes

  tests/Fixtures/import/onnx/NAME.onnx          the model
  tests/Fixtures/import/onnx/NAME.fixture.json  the axes of its input and output (which is time, batch,
                                                feature), fixed sizes, and the golden fixtures made from it
  tests/Fixtures/golden/onnx_*.rnn.json         the descriptor the model must import to, written here
                                                independently of the C# importer (PyTorch tensors, or ONNX
                                                tensors re-ordered by this script's own gate tables)
  tests/Fixtures/golden/onnx_*.io.json          an input sequence and the float64 reference outputs

Three families:

* node_*: ONNX's own backend node tests for LSTM, GRU and RNN (onnx/backend/test/case/node/{lstm,gru,rnn}.py).
  Each export_* function is run with `expect` captured: its node, weights and inputs become a model whose
  one graph input is X (the weights are initializers) and whose output is the node's Y. Those tests are 1-3
  steps long and batch 2-3; the golden fixtures need 100+ steps, so X is extended with seeded steps after
  the test's own. The outputs come from the test case's own reference (LSTM_Helper, GRU_Helper, RNN_Helper)
  run in float64, and the script checks that at the test's last step they equal the outputs the test
  expects. One golden fixture per batch element: onnx_node_<case>_b<k>.
* torch_*: torch.onnx.export (opset 14, two at opset 11) of nn.LSTM/GRU/RNN modules with Linear heads; reference outputs
  from the same module in float64.
* hand_*: graphs built with onnx.helper for what PyTorch does not export (linear_before_reset=0, peepholes,
  clip, HardSigmoid gates, reverse direction, constant initial states, layout=1, Gemm heads); reference
  outputs from this script's float64 numpy implementation of the ONNX operator definitions.
"""
import json
import os
import warnings
import zlib

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from onnx.backend.test.case.node import gru as onnx_gru
from onnx.backend.test.case.node import lstm as onnx_lstm
from onnx.backend.test.case.node import rnn as onnx_rnn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMPORT_DIR = os.path.join(ROOT, "tests", "Fixtures", "import", "onnx")
GOLDEN_DIR = os.path.join(ROOT, "tests", "Fixtures", "golden")
OPSET = 14
STEPS = 120

# ONNX gate blocks -> descriptor (PyTorch) gate blocks, as indices into the ONNX blocks.
ONNX_TO_TORCH_GATES = {"LSTM": [0, 2, 3, 1],  # ONNX i, o, f, c -> i, f, g(c), o
                       "GRU": [1, 0, 2],      # ONNX z, r, h -> r, z, n(h)
                       "RNN": [0]}
ONNX_TO_DESCRIPTOR_PEEPHOLES = [0, 2, 1]     # ONNX P: i, o, f -> i, f, o
GATES = {"LSTM": 4, "GRU": 3, "RNN": 1}


# ---------------------------------------------------------------------------------------------- writing

def f32(values):
    """float32 values as JSON numbers in their shortest round-trip form (what the descriptor reader expects)."""
    return [float(str(np.float32(v))) for v in np.asarray(values, dtype=np.float32).ravel()]


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, separators=(",", ":"))
        f.write("\n")


def source_metadata(model, file_name):
    """What OnnxImporter records: ModelImport.SourceMetadata("onnx", file) plus opset and producer."""
    meta = {"source_format": "onnx", "source_file": file_name,
            "onnx_opset": max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))}
    if model.producer_name:
        meta["producer_name"] = model.producer_name
    if model.producer_version:
        meta["producer_version"] = model.producer_version
    return meta


def descriptor(input_size, layers, meta):
    version = 2 if any(set(layer) & V2_FIELDS for layer in layers) else 1
    return {"format": "rnn-embedded", "version": version, "input_size": input_size, "layers": layers, "metadata": meta}


V2_FIELDS = {"direction", "reset_after", "weight_peephole", "clip", "gate_activation", "initial_h", "initial_c"}


def save(name, model, axes, fixed, fixtures, onnx_runtime=True):
    """Writes NAME.onnx, NAME.fixture.json and each golden fixture (descriptor layers, input [T, I], output [T, O]).

    onnx_runtime: whether ONNX Runtime runs the model (its CPU kernels refuse layout=1 recurrent nodes), so
    the C# tests compare the import with it as well as with the reference outputs here."""
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(IMPORT_DIR, name + ".onnx"))
    input_size = fixtures[0][1]["input_size"]
    write_json(os.path.join(IMPORT_DIR, name + ".fixture.json"),
               {"input_axes": axes[0], "output_axes": axes[1], "fixed": fixed, "golden": [f[0] for f in fixtures],
                "onnx_runtime": onnx_runtime})
    for golden, desc, x, y in fixtures:
        assert desc["input_size"] == input_size
        write_json(os.path.join(GOLDEN_DIR, golden + ".rnn.json"), desc)
        write_json(os.path.join(GOLDEN_DIR, golden + ".io.json"),
                   {"steps": x.shape[0], "input_size": x.shape[1], "output_size": y.shape[1],
                    "input": f32(x), "output": [float(v) for v in y.ravel()]})


# ----------------------------------------------------------------------------- ONNX -> descriptor layers

def recurrent_layers(op, attrs, W, R, B=None, P=None, initial_h=None, initial_c=None):
    """One descriptor layer from an ONNX node's tensors, re-ordered with the tables above."""
    num_dir, rows, input_size = W.shape
    hidden = rows // GATES[op]
    order = ONNX_TO_TORCH_GATES[op]

    def blocks(t, count, perm):
        parts = np.split(np.asarray(t), count, axis=0)
        return np.concatenate([parts[k] for k in perm], axis=0)

    layer = {"type": op.lower(), "input_size": int(input_size), "hidden_size": int(hidden)}
    direction = attrs.get("direction", "forward")
    if direction != "forward":
        layer["direction"] = direction
    if op == "GRU" and attrs.get("linear_before_reset", 0) == 0:
        layer["reset_after"] = False
    acts = attrs.get("activations")
    if op == "RNN" and acts and acts[0] == "Relu":
        layer["nonlinearity"] = "relu"
    if op != "RNN" and acts and acts[0] == "HardSigmoid":
        layer["gate_activation"] = "hard_sigmoid"
        layer["gate_activation_alpha"] = f32([attrs["activation_alpha"][0]])[0]
        layer["gate_activation_beta"] = f32([attrs["activation_beta"][0]])[0]
    if "clip" in attrs:
        layer["clip"] = f32([attrs["clip"]])[0]
    for d in range(num_dir):
        suffix = "_reverse" if d == 1 else ""
        bias = np.zeros(2 * rows, np.float32) if B is None else B[d]
        layer["weight_ih" + suffix] = f32(blocks(W[d], GATES[op], order))
        layer["weight_hh" + suffix] = f32(blocks(R[d], GATES[op], order))
        layer["bias_ih" + suffix] = f32(blocks(bias[:rows], GATES[op], order))
        layer["bias_hh" + suffix] = f32(blocks(bias[rows:], GATES[op], order))
        if P is not None and np.any(P[d] != 0):
            layer["weight_peephole" + suffix] = f32(blocks(P[d], 3, ONNX_TO_DESCRIPTOR_PEEPHOLES))
        if initial_h is not None and np.any(initial_h[d] != 0):
            layer["initial_h" + suffix] = f32(initial_h[d][0])
        if initial_c is not None and np.any(initial_c[d] != 0):
            layer["initial_c" + suffix] = f32(initial_c[d][0])
    return layer


def dense_layer(weight, bias, activation="linear"):
    """weight: [units, I] (nn.Linear's layout)."""
    layer = {"type": "dense", "input_size": int(weight.shape[1]), "units": int(weight.shape[0]),
             "weight": f32(weight), "bias": f32(bias)}
    if activation != "linear":
        layer["activation"] = activation
    return layer


# ---------------------------------------------------- float64 ONNX recurrent operators (for hand_* models)

def activation(name, alpha=None, beta=None):
    if name == "Sigmoid":
        return lambda v: 1 / (1 + np.exp(-v))
    if name == "Tanh":
        return np.tanh
    if name == "Relu":
        return lambda v: np.maximum(v, 0)
    if name == "HardSigmoid":
        return lambda v: np.clip(alpha * v + beta, 0, 1)
    raise ValueError(name)


def reference_recurrent(op, attrs, X, W, R, B=None, P=None, initial_h=None, initial_c=None):
    """The ONNX LSTM/GRU/RNN definitions (onnx/defs/rnn/defs.cc) in float64; X and Y in the node's layout."""
    f64 = lambda t: None if t is None else np.asarray(t, np.float64)
    X, W, R, B, P, initial_h, initial_c = map(f64, (X, W, R, B, P, initial_h, initial_c))
    layout = attrs.get("layout", 0)
    x = X if layout == 0 else X.swapaxes(0, 1)  # [T, batch, I]
    steps, batch = x.shape[:2]
    num_dir, rows = W.shape[:2]
    hidden = rows // GATES[op]
    per_dir = {"LSTM": 3, "GRU": 2, "RNN": 1}[op]
    names = attrs.get("activations", {"LSTM": ["Sigmoid", "Tanh", "Tanh"], "GRU": ["Sigmoid", "Tanh"],
                                      "RNN": ["Tanh"]}[op] * num_dir)
    # ONNX attributes are float32: compute with exactly those values.
    alphas = [float(np.float32(a)) for a in attrs.get("activation_alpha", [])]
    betas = [float(np.float32(b)) for b in attrs.get("activation_beta", [])]
    funcs = [activation(n, alphas.pop(0) if n == "HardSigmoid" else None, betas.pop(0) if n == "HardSigmoid" else None)
             for n in names]
    clip = float(np.float32(attrs["clip"])) if "clip" in attrs else None
    cl = (lambda v: np.clip(v, -clip, clip)) if clip is not None else (lambda v: v)
    Y = np.zeros((steps, num_dir, batch, hidden))
    for d in range(num_dir):
        f, g, h = (funcs[d * per_dir:(d + 1) * per_dir] + [None, None])[:3]
        reverse = attrs.get("direction", "forward") == "reverse" or d == 1
        b = np.zeros(2 * rows) if B is None else B[d]
        wb, rb = b[:rows], b[rows:]
        H = np.zeros((batch, hidden)) if initial_h is None else initial_h[d].copy()
        C = np.zeros((batch, hidden)) if initial_c is None else initial_c[d].copy()
        for t in (range(steps - 1, -1, -1) if reverse else range(steps)):
            xt = x[t]
            if op == "RNN":
                H = f(cl(xt @ W[d].T + H @ R[d].T + wb + rb))
            elif op == "LSTM":
                gates = xt @ W[d].T + H @ R[d].T + wb + rb
                gi, go, gf, gc = np.split(gates, 4, axis=-1)
                pi, po, pf = np.split(P[d], 3) if P is not None else (0, 0, 0)
                i = f(cl(gi + pi * C))
                fg = f(cl(gf + pf * C))
                c = g(cl(gc))
                C = fg * C + i * c
                o = f(cl(go + po * C))
                H = o * h(C)
            else:
                wz, wr, wh = np.split(W[d], 3)
                rz, rr, rh = np.split(R[d], 3)
                wbz, wbr, wbh = np.split(wb, 3)
                rbz, rbr, rbh = np.split(rb, 3)
                z = f(cl(xt @ wz.T + H @ rz.T + wbz + rbz))
                r = f(cl(xt @ wr.T + H @ rr.T + wbr + rbr))
                if attrs.get("linear_before_reset", 0):
                    n = g(cl(xt @ wh.T + r * (H @ rh.T + rbh) + wbh))
                else:
                    n = g(cl(xt @ wh.T + (r * H) @ rh.T + rbh + wbh))
                H = (1 - z) * n + z * H
            Y[t, d] = H
    return Y if layout == 0 else Y.transpose(2, 0, 1, 3)  # layout 1: [batch, T, num_dir, H]


# -------------------------------------------------------------------------------- ONNX's node tests

HELPERS = {"LSTM": onnx_lstm.LSTM_Helper, "GRU": onnx_gru.GRU_Helper, "RNN": onnx_rnn.RNN_Helper}
CASES = [(onnx_lstm, "LSTM"), (onnx_gru, "GRU"), (onnx_rnn, "RNN")]


def node_tests():
    for module, class_name in CASES:
        captured = []
        module.expect = lambda node, inputs, outputs, name: captured.append((node, inputs, outputs, name))
        cls = getattr(module, class_name)
        for export in sorted(m for m in dir(cls) if m.startswith("export")):
            # Some cases draw random N(0, 1) weights; with some draws the recurrence is chaotic over 120
            # steps and float32 rounding alone moves the outputs by more than the 1e-5 tolerance. Seed
            # until the draw is one float32 can follow (node_test measures how far one rounding of every
            # tensor moves the outputs), so the fixture tests the importer and the runtime, not the draw.
            for seed in range(100):
                np.random.seed(seed)
                captured.clear()
                getattr(cls, export)()
                if all(node_test(*case, write=False) for case in captured):
                    break
            else:
                raise SystemExit(f"{export}: no seed gives a float32-stable recurrence")
            for case in captured:
                node_test(*case, write=True)


def node_test(node, inputs, outputs, test_name, write):
    op = node.op_type
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    named = dict(zip([n for n in node.input if n], inputs))
    layout = attrs.get("layout", 0)
    X0 = named["X"]
    time_axis = 1 if layout else 0
    original_steps, batch = X0.shape[time_axis], X0.shape[1 - time_axis]
    rng = np.random.default_rng(zlib.crc32(test_name.encode()))
    extra_shape = list(X0.shape)
    extra_shape[time_axis] = STEPS - original_steps
    X = np.concatenate([X0, rng.standard_normal(extra_shape).astype(np.float32)], axis=time_axis)

    # The test case's own reference, in float64 (its helpers take the node's tensors by input name).
    params = {k: np.asarray(v, np.float64) for k, v in named.items() if k not in ("X", "sequence_lens")}
    params["X"] = X.astype(np.float64)
    if layout:
        params["layout"] = layout
        # The helpers size their default zero state from X.shape[1] before swapping the axes of layout 1;
        # give them the zeros explicitly (the node itself has no initial state).
        hidden = named["R"].shape[-1]
        params["initial_h"] = np.zeros((1, batch, hidden))
        if op == "LSTM":
            params["initial_c"] = np.zeros((1, batch, hidden))
    if "linear_before_reset" in attrs:
        params["linear_before_reset"] = attrs["linear_before_reset"]
    Y, _ = HELPERS[op](**params).step()  # Y: [T, 1, batch, H] (layout 0) or [batch, T, 1, H]
    Y = np.asarray(Y, np.float64)
    if not write:
        # Sensitivity: the same run with every tensor moved by about one float32 rounding (relative 2^-24).
        wobble = np.random.default_rng(1)
        moved = {k: (v * (1 + 2.0 ** -24 * wobble.choice([-1, 1], v.shape)) if isinstance(v, np.ndarray) else v) for k, v in params.items()}
        Y_moved, _ = HELPERS[op](**moved).step()
        return np.abs(np.asarray(Y_moved, np.float64) - Y).max() < 2e-6
    y_tb = Y if layout == 0 else Y.transpose(1, 2, 0, 3)  # [T, 1, batch, H]
    expected_h = outputs[-1]  # the test's Y_h after its own steps: [1, batch, H] or [batch, 1, H]
    expected_h = expected_h if layout == 0 else expected_h.transpose(1, 0, 2)
    assert np.allclose(y_tb[original_steps - 1], expected_h, atol=1e-6), test_name

    name = "node_" + test_name[len("test_"):]
    initializers = [numpy_helper.from_array(np.asarray(v, np.float32), k) for k, v in named.items() if k not in ("X", "sequence_lens")]
    node_inputs = list(node.input)
    if "sequence_lens" in named:
        # Every sequence at the full (fixed) length, as in the test.
        initializers.append(numpy_helper.from_array(np.full(batch, STEPS, np.int32), "sequence_lens"))
    graph_node = helper.make_node(op, node_inputs, ["Y"] + list(node.output[1:]), name=name, **attrs)
    y_shape = [STEPS, 1, batch, int(Y.shape[-1])] if layout == 0 else [batch, STEPS, 1, int(Y.shape[-1])]
    graph = helper.make_graph([graph_node], name, [helper.make_tensor_value_info("X", TensorProto.FLOAT, list(X.shape))],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, y_shape)],
                              initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="make_onnx_fixtures.py")

    W, R = named["W"], named["R"]
    layer = recurrent_layers(op, attrs, W, R, named.get("B"), named.get("P"), named.get("initial_h"), named.get("initial_c"))
    desc = descriptor(int(W.shape[2]), [layer], source_metadata(model, name + ".onnx"))
    x_tb = X if layout == 0 else X.swapaxes(0, 1)
    fixtures = [(f"onnx_{name}_b{k}", desc, x_tb[:, k, :], y_tb[:, :, k, :].reshape(STEPS, -1)) for k in range(batch)]
    axes = (["time", "batch", "feature"], ["time", "feature", "batch", "feature"]) if layout == 0 else \
        (["batch", "time", "feature"], ["batch", "time", "feature", "feature"])
    # The test's model has every size fixed: X and sequence_lens are [T, batch, I] and [batch].
    save(name, model, axes, {"time": STEPS, "batch": batch}, fixtures, onnx_runtime=layout == 0)


# ------------------------------------------------------------------- ONNX's node tests, verbatim

VERBATIM_DIR = os.path.join(IMPORT_DIR, "verbatim")


def node_tests_verbatim():
    """Each node test exactly as ONNX defines it: its own X (1-3 steps), its weights as initializers, and the
    outputs it passes to expect (Y_h, and Y where it gives one), written to tests/Fixtures/import/onnx/verbatim:
    NAME.onnx (graph output: the node's Y), NAME.rnn.json (the descriptor, from this script's gate tables)
    and NAME.expected.json. The random cases (*_seq_length) are drawn after np.random.seed(0)."""
    os.makedirs(VERBATIM_DIR, exist_ok=True)
    for module, class_name in CASES:
        captured = []
        module.expect = lambda node, inputs, outputs, name: captured.append((node, inputs, outputs, name))
        cls = getattr(module, class_name)
        for export in sorted(m for m in dir(cls) if m.startswith("export")):
            np.random.seed(0)
            getattr(cls, export)()
        for node, inputs, outputs, test_name in captured:
            verbatim_case(node, inputs, outputs, test_name)


def verbatim_case(node, inputs, outputs, test_name):
    op = node.op_type
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    named = dict(zip([n for n in node.input if n], inputs))
    # The node's outputs by position (Y, Y_h, Y_c); expect's outputs are the non-empty ones, in order.
    expected = dict(zip([k for k, n in enumerate(node.output) if n], outputs))
    layout = attrs.get("layout", 0)
    X = named["X"]
    x_tb = X if layout == 0 else X.swapaxes(0, 1)  # [T, batch, I]
    steps, batch = x_tb.shape[:2]
    W, R = named["W"], named["R"]
    num_dir, hidden = W.shape[0], R.shape[-1]
    if "sequence_lens" in named:
        assert np.all(named["sequence_lens"] == steps), test_name

    name = "node_" + test_name[len("test_"):]
    initializers = [numpy_helper.from_array(np.asarray(v), k) for k, v in named.items() if k != "X"]
    graph_node = helper.make_node(op, list(node.input), ["Y"] + list(node.output[1:]), name=name, **attrs)
    y_shape = [steps, num_dir, batch, hidden] if layout == 0 else [batch, steps, num_dir, hidden]
    graph = helper.make_graph([graph_node], name, [helper.make_tensor_value_info("X", TensorProto.FLOAT, list(X.shape))],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, y_shape)], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="make_onnx_fixtures.py")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(VERBATIM_DIR, name + ".onnx"))
    layer = recurrent_layers(op, attrs, W, R, named.get("B"), named.get("P"), named.get("initial_h"), named.get("initial_c"))
    write_json(os.path.join(VERBATIM_DIR, name + ".rnn.json"), descriptor(int(W.shape[2]), [layer], source_metadata(model, name + ".onnx")))

    def per_batch(t, batch_axis):
        t = np.moveaxis(np.asarray(t), batch_axis, 0)
        return [f32(t[b]) for b in range(batch)]
    y = expected.get(0)  # [T, dirs, batch, H] or [batch, T, dirs, H]
    y_h = expected.get(1)  # [dirs, batch, H] or [batch, dirs, H]
    write_json(os.path.join(VERBATIM_DIR, name + ".expected.json"), {
        "case": test_name, "steps": int(steps), "batch": int(batch), "input_size": int(W.shape[2]),
        "output_size": int(num_dir * hidden), "direction": attrs.get("direction", "forward"),
        "input": per_batch(x_tb, 1),                     # per batch element: [T, I]
        "y": None if y is None else per_batch(y, 2 if layout == 0 else 0),        # per batch element: [T, dirs, H]
        "y_h": None if y_h is None else per_batch(y_h, 1 if layout == 0 else 0),  # per batch element: [dirs, H]
    })


# ------------------------------------------------------------------------------------ torch.onnx.export

TORCH_MODELS = [
    # name, module, input, hidden, num_layers, bidirectional, batch_first, head units (0: none), head activation, opset
    ("torch_lstm_l1", "LSTM", 3, 8, 1, False, False, 2, "linear", OPSET),
    ("torch_lstm_l3_bf", "LSTM", 2, 6, 3, False, True, 1, "relu", OPSET),
    ("torch_gru_l2_bi", "GRU", 3, 5, 2, True, False, 3, "softmax", OPSET),
    ("torch_rnn_relu_l2", "RNN", 4, 7, 2, False, False, 2, "sigmoid", OPSET),
    ("torch_lstm_bi_bf", "LSTM", 2, 4, 1, True, True, 2, "tanh", OPSET),
    ("torch_gru_l1", "GRU", 1, 9, 1, False, False, 0, "linear", OPSET),
    # Opset 11: Squeeze/Unsqueeze take their axes as attributes, Softmax flattens from its axis.
    ("torch_gru_l2_bf_opset11", "GRU", 2, 6, 2, False, True, 3, "softmax", 11),
    ("torch_lstm_l2_bi_opset11", "LSTM", 3, 5, 2, True, False, 2, "relu", 11),
    # "norm": the module standardises its input, (x - mean) / std -> input_normalization.
    ("torch_norm_gru_l2", "GRU", 3, 6, 2, False, False, 2, "linear", OPSET),
]
# Exports without dynamic_axes (every size fixed at the example's, time = STEPS): torch builds the default
# zero h0/c0 with Expand of a zero constant to the batch read from Shape(x). Extra options per model:
# batch at export, dropout (nn.Dropout and the module's inter-layer dropout, exported in eval mode),
# h0 ("zeros": passed explicitly as torch.zeros; "expand"/"repeat": a learned state [layers·dirs, 1, H]
# broadcast over the batch with expand(-1, batch, -1) or repeat(1, batch, 1)), dynamic (dynamic_axes on).
TORCH_STATIC_MODELS = [
    ("torch_static_gru_l2", "GRU", 2, 16, 2, False, False, 1, "tanh", OPSET, dict(batch=1)),
    ("torch_static_lstm_l3_b3", "LSTM", 2, 6, 3, False, False, 2, "linear", OPSET, dict(batch=3)),
    ("torch_static_lstm_bi_bf_opset17", "LSTM", 3, 5, 2, True, True, 2, "relu", 17, dict(batch=2)),
    ("torch_static_rnn_l2_opset11", "RNN", 2, 7, 2, False, False, 1, "sigmoid", 11, dict(batch=1)),
    ("torch_static_gru_bi_dropout_h0", "GRU", 3, 5, 2, True, False, 2, "tanh", OPSET, dict(batch=2, dropout=True, h0="zeros")),
    ("torch_learned_lstm_l2_bi_expand", "LSTM", 2, 5, 2, True, False, 2, "linear", OPSET, dict(batch=1, h0="expand", dynamic=True)),
    ("torch_learned_gru_l1_repeat", "GRU", 2, 6, 1, False, False, 1, "tanh", OPSET, dict(batch=1, h0="repeat")),
]
TORCH_ACTIVATIONS = {"linear": lambda v: v, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
                     "softmax": lambda v: torch.softmax(v, dim=-1)}


class TorchNet(torch.nn.Module):
    def __init__(self, kind, inputs, hidden, layers, bidirectional, batch_first, units, act, dropout=False, h0=None, **_):
        super().__init__()
        extra = {"nonlinearity": "relu"} if kind == "RNN" else {}
        self.rec = getattr(torch.nn, kind)(inputs, hidden, num_layers=layers, bidirectional=bidirectional,
                                           batch_first=batch_first, dropout=0.3 if dropout and layers > 1 else 0, **extra)
        self.drop = torch.nn.Dropout(0.4) if dropout else None
        self.head = torch.nn.Linear(hidden * (2 if bidirectional else 1), units) if units else None
        self.act, self.kind, self.h0_kind = act, kind, h0
        self.states = layers * (2 if bidirectional else 1)
        if h0 in ("expand", "repeat"):
            self.h0 = torch.nn.Parameter(torch.randn(self.states, 1, hidden))
            self.c0 = torch.nn.Parameter(torch.randn(self.states, 1, hidden))

    def initial_state(self, x):
        batch = x.shape[0] if self.rec.batch_first else x.shape[1]
        if self.h0_kind == "zeros":
            h = torch.zeros(self.states, batch, self.rec.hidden_size, dtype=x.dtype)
            c = torch.zeros(self.states, batch, self.rec.hidden_size, dtype=x.dtype)
        elif self.h0_kind == "expand":
            h, c = self.h0.expand(-1, batch, -1).contiguous(), self.c0.expand(-1, batch, -1).contiguous()
        else:
            h, c = self.h0.repeat(1, batch, 1), self.c0.repeat(1, batch, 1)
        return (h, c) if self.kind == "LSTM" else h

    def forward(self, x):
        if hasattr(self, "mean"):
            x = (x - self.mean) / self.std
        y = self.rec(x, self.initial_state(x))[0] if self.h0_kind else self.rec(x)[0]
        if self.drop is not None:
            y = self.drop(y)
        return TORCH_ACTIVATIONS[self.act](self.head(y)) if self.head is not None else y


def torch_models():
    models = [m + (dict(dynamic=True),) for m in TORCH_MODELS] + TORCH_STATIC_MODELS
    for index, (name, kind, inputs, hidden, layers, bi, bf, units, act, opset, options) in enumerate(models):
        torch.manual_seed(100 + index)
        net = TorchNet(kind, inputs, hidden, layers, bi, bf, units, act, **options).eval()
        if "norm" in name:
            net.register_buffer("mean", torch.randn(inputs))
            net.register_buffer("std", 0.5 + torch.rand(inputs))
        path = os.path.join(IMPORT_DIR, name + ".onnx")
        fixed = {}
        if options.get("dynamic"):
            example = torch.randn(2, 5, inputs) if bf else torch.randn(5, 2, inputs)
            dynamic = {0: "batch", 1: "time"} if bf else {0: "time", 1: "batch"}
            torch.onnx.export(net, example, path, opset_version=opset, input_names=["x"], output_names=["y"],
                              dynamic_axes={"x": dynamic, "y": dynamic})
        else:
            batch = options["batch"]
            example = torch.randn(batch, STEPS, inputs) if bf else torch.randn(STEPS, batch, inputs)
            torch.onnx.export(net, example, path, opset_version=opset, input_names=["x"], output_names=["y"])
            fixed = {"time": STEPS, "batch": batch}
        model = onnx.load(path)

        state = {k: v.detach().numpy() for k, v in net.rec.state_dict().items()}
        desc_layers = []
        for l in range(layers):
            layer = {"type": kind.lower(), "input_size": inputs if l == 0 else hidden * (2 if bi else 1), "hidden_size": hidden}
            if kind == "RNN":
                layer["nonlinearity"] = "relu"
            if bi:
                layer["direction"] = "bidirectional"
            for suffix in ([""] + (["_reverse"] if bi else [])):
                for tensor in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                    layer[tensor + suffix] = f32(state[f"{tensor}_l{l}{suffix}"])
            for suffix in ([""] + (["_reverse"] if bi else [])):
                if options.get("h0") in ("expand", "repeat"):
                    k = l * (2 if bi else 1) + (1 if suffix else 0)
                    layer["initial_h" + suffix] = f32(net.h0[k, 0].detach().numpy())
                    if kind == "LSTM":
                        layer["initial_c" + suffix] = f32(net.c0[k, 0].detach().numpy())
            desc_layers.append(layer)
        if units:
            desc_layers.append(dense_layer(net.head.weight.detach().numpy(), net.head.bias.detach().numpy(), act))
        desc = descriptor(inputs, desc_layers, source_metadata(model, name + ".onnx"))
        if "norm" in name:
            desc["input_normalization"] = {"mean": f32(net.mean.numpy()), "std": f32(net.std.numpy())}

        x = np.random.default_rng(index).standard_normal((STEPS, inputs)).astype(np.float32)
        with torch.no_grad():
            x64 = torch.from_numpy(x.astype(np.float64))
            y = net.double()(x64[None] if bf else x64[:, None])
        y = (y[0] if bf else y[:, 0]).numpy()
        axes = (["batch", "time", "feature"], ["batch", "time", "feature"]) if bf else \
            (["time", "batch", "feature"], ["time", "batch", "feature"])
        save(name, model, axes, fixed, [("onnx_" + name, desc, x, y)])


# ------------------------------------------------------------------------------- hand-built graphs

def weights(rng, op, inputs, hidden, num_dir=1, scale=0.5):
    rows = GATES[op] * hidden
    W = (scale * rng.standard_normal((num_dir, rows, inputs))).astype(np.float32)
    R = (scale * rng.standard_normal((num_dir, rows, hidden))).astype(np.float32)
    B = (0.3 * rng.standard_normal((num_dir, 2 * rows))).astype(np.float32)
    return W, R, B


def hand_model(name, nodes, initializers, x_shape, y_shape, fixed, axes, layers, reference, inputs):
    """A graph X -> nodes -> Y; `reference(x)` maps a float64 input in X's layout to Y's."""
    arrays = [numpy_helper.from_array(np.asarray(v), k) for k, v in initializers.items()]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("X", TensorProto.FLOAT, x_shape)],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, y_shape)], arrays)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="make_onnx_fixtures.py")
    desc = descriptor(inputs, layers, source_metadata(model, name + ".onnx"))
    batch = fixed.get("batch", 1)
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    x = rng.standard_normal((STEPS, batch, inputs)).astype(np.float32)  # [T, batch, I]
    x_graph = x if axes[0][0] == "time" else x.swapaxes(0, 1)
    y = reference(x_graph.astype(np.float64))
    # Y as [T, batch, features]: move time first, batch second, flatten the feature axes in order.
    out_axes = axes[1]
    t, b = out_axes.index("time"), out_axes.index("batch") if "batch" in out_axes else None
    if b is None:
        y = y[:, None] if t == 0 else y[None]
        out_axes = out_axes[:1] + ["batch"] + out_axes[1:] if t == 0 else ["batch"] + out_axes
        t, b = out_axes.index("time"), out_axes.index("batch")
    feats = [k for k, a in enumerate(out_axes) if a == "feature"]
    y = y.transpose([t, b] + feats).reshape(STEPS, batch, -1)
    fixtures = [(f"onnx_{name}" + (f"_b{k}" if batch > 1 else ""), desc, x[:, k], y[:, k]) for k in range(batch)]
    save(name, model, axes, fixed, fixtures)


def hand_models():
    rng = np.random.default_rng(2026)

    # GRU with linear_before_reset=0 (ONNX's default; descriptor reset_after false), Squeeze, Gemm head.
    W, R, B = weights(rng, "GRU", 3, 6)
    G = (0.5 * rng.standard_normal((4, 6))).astype(np.float32)
    C = (0.2 * rng.standard_normal(4)).astype(np.float32)
    gemm = dict(alpha=0.5, beta=2.0, transB=1)
    nodes = [helper.make_node("GRU", ["X", "W", "R", "B"], ["y_gru"], name="gru", hidden_size=6),
             helper.make_node("Squeeze", ["y_gru", "axes_12"], ["y_seq"], name="squeeze"),
             helper.make_node("Gemm", ["y_seq", "G", "C"], ["z"], name="gemm", **gemm),
             helper.make_node("Tanh", ["z"], ["Y"], name="tanh")]
    ref = lambda x: np.tanh(0.5 * reference_recurrent("GRU", {}, x, W, R, B)[:, 0, 0] @ G.T.astype(np.float64) + 2.0 * C)
    hand_model("hand_gru_lbr0_gemm", nodes, {"W": W, "R": R, "B": B, "G": G, "C": C, "axes_12": np.array([1, 2])},
               ["T", 1, 3], ["T", 4], {"batch": 1}, (["time", "batch", "feature"], ["time", "feature"]),
               [recurrent_layers("GRU", {}, W, R, B), dense_layer(0.5 * G, 2.0 * C, "tanh")], ref, 3)

    # LSTM with peepholes and a constant initial state (the same for both batch rows).
    W, R, B = weights(rng, "LSTM", 2, 5)
    P = (0.4 * rng.standard_normal((1, 15))).astype(np.float32)
    h0 = np.repeat((0.5 * rng.standard_normal((1, 1, 5))).astype(np.float32), 2, axis=1)
    c0 = np.repeat((0.5 * rng.standard_normal((1, 1, 5))).astype(np.float32), 2, axis=1)
    nodes = [helper.make_node("LSTM", ["X", "W", "R", "B", "", "h0", "c0", "P"], ["Y"], name="lstm", hidden_size=5)]
    ref = lambda x: reference_recurrent("LSTM", {}, x, W, R, B, P, h0, c0)
    hand_model("hand_lstm_peephole_init", nodes, {"W": W, "R": R, "B": B, "P": P, "h0": h0, "c0": c0},
               ["T", 2, 2], ["T", 1, 2, 5], {"batch": 2}, (["time", "batch", "feature"], ["time", "feature", "batch", "feature"]),
               [recurrent_layers("LSTM", {}, W, R, B, P, h0, c0)], ref, 2)

    # Reverse LSTM, HardSigmoid gates, clip; Reshape [0, 0, -1] and MatMul + Add head.
    W, R, B = weights(rng, "LSTM", 3, 4, scale=1.0)
    M = (0.5 * rng.standard_normal((4, 2))).astype(np.float32)
    bias = (0.2 * rng.standard_normal(2)).astype(np.float32)
    attrs = dict(hidden_size=4, direction="reverse", clip=2.5, activations=["HardSigmoid", "Tanh", "Tanh"],
                 activation_alpha=[0.25], activation_beta=[0.45])
    nodes = [helper.make_node("LSTM", ["X", "W", "R", "B"], ["y_lstm"], name="lstm", **attrs),
             helper.make_node("Transpose", ["y_lstm"], ["y_t"], name="transpose", perm=[0, 2, 1, 3]),
             helper.make_node("Reshape", ["y_t", "shape"], ["y_seq"], name="reshape"),
             helper.make_node("MatMul", ["y_seq", "M"], ["z"], name="matmul"),
             helper.make_node("Add", ["z", "bias"], ["Y"], name="add")]
    ref = lambda x: reference_recurrent("LSTM", attrs, x, W, R, B).reshape(x.shape[0], x.shape[1], 4) @ M + bias
    hand_model("hand_lstm_hardsigmoid_clip_reverse", nodes, {"W": W, "R": R, "B": B, "M": M, "bias": bias, "shape": np.array([0, 0, -1])},
               ["T", "B", 3], ["T", "B", 2], {}, (["time", "batch", "feature"], ["time", "batch", "feature"]),
               [recurrent_layers("LSTM", attrs, W, R, B), dense_layer(M.T, bias)], ref, 3)

    # Bidirectional GRU (linear_before_reset=1) with HardSigmoid gates and clip; Transpose + Reshape; softmax head.
    W, R, B = weights(rng, "GRU", 2, 3, num_dir=2, scale=1.0)
    M = (0.5 * rng.standard_normal((6, 3))).astype(np.float32)
    bias = (0.2 * rng.standard_normal(3)).astype(np.float32)
    attrs = dict(hidden_size=3, direction="bidirectional", linear_before_reset=1, clip=1.5,
                 activations=["HardSigmoid", "Tanh", "HardSigmoid", "Tanh"], activation_alpha=[0.3, 0.3], activation_beta=[0.6, 0.6])
    nodes = [helper.make_node("GRU", ["X", "W", "R", "B"], ["y_gru"], name="bigru", **attrs),
             helper.make_node("Transpose", ["y_gru"], ["y_t"], name="transpose", perm=[0, 2, 1, 3]),
             helper.make_node("Reshape", ["y_t", "shape"], ["y_seq"], name="reshape"),
             helper.make_node("MatMul", ["y_seq", "M"], ["z"], name="matmul"),
             helper.make_node("Add", ["bias", "z"], ["s"], name="add"),
             helper.make_node("Softmax", ["s"], ["Y"], name="softmax", axis=-1)]

    def ref(x):
        y = reference_recurrent("GRU", attrs, x, W, R, B).transpose(0, 2, 1, 3).reshape(x.shape[0], x.shape[1], 6) @ M + bias
        e = np.exp(y - y.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    hand_model("hand_gru_bi_hardsigmoid_clip", nodes, {"W": W, "R": R, "B": B, "M": M, "bias": bias, "shape": np.array([0, 0, 6])},
               ["T", "B", 2], ["T", "B", 3], {}, (["time", "batch", "feature"], ["time", "batch", "feature"]),
               [recurrent_layers("GRU", attrs, W, R, B), dense_layer(M.T, bias, "softmax")], ref, 2)

    # Reverse RNN with Relu and a constant initial state; Squeeze; Sigmoid (an identity dense layer).
    W, R, B = weights(rng, "RNN", 3, 5, scale=0.4)
    h0 = (0.5 * rng.standard_normal((1, 1, 5))).astype(np.float32)
    attrs = dict(hidden_size=5, direction="reverse", activations=["Relu"])
    nodes = [helper.make_node("RNN", ["X", "W", "R", "B", "", "h0"], ["y_rnn"], name="rnn", **attrs),
             helper.make_node("Squeeze", ["y_rnn", "axes_1"], ["y_seq"], name="squeeze"),
             helper.make_node("Sigmoid", ["y_seq"], ["Y"], name="sigmoid")]
    ref = lambda x: 1 / (1 + np.exp(-reference_recurrent("RNN", attrs, x, W, R, B, initial_h=h0)[:, 0]))
    hand_model("hand_rnn_relu_reverse_init", nodes, {"W": W, "R": R, "B": B, "h0": h0, "axes_1": np.array([1])},
               ["T", 1, 3], ["T", 1, 5], {"batch": 1}, (["time", "batch", "feature"], ["time", "batch", "feature"]),
               [recurrent_layers("RNN", attrs, W, R, B, initial_h=h0), dense_layer(np.eye(5), np.zeros(5), "sigmoid")], ref, 3)

    # A stack of different nodes: LSTM -> Squeeze -> GRU (linear_before_reset=0) -> Squeeze -> Gemm (transB=0) -> Relu.
    W1, R1, B1 = weights(rng, "LSTM", 2, 6)
    W2, R2, B2 = weights(rng, "GRU", 6, 4)
    M = (0.5 * rng.standard_normal((4, 3))).astype(np.float32)
    bias = (0.2 * rng.standard_normal(3)).astype(np.float32)
    nodes = [helper.make_node("LSTM", ["X", "W1", "R1", "B1"], ["y1"], name="lstm", hidden_size=6),
             helper.make_node("Squeeze", ["y1", "axes_1"], ["x2"], name="squeeze1"),
             helper.make_node("GRU", ["x2", "W2", "R2", "B2"], ["y2"], name="gru", hidden_size=4),
             helper.make_node("Squeeze", ["y2", "axes_12"], ["x3"], name="squeeze2"),
             helper.make_node("Gemm", ["x3", "M", "bias"], ["z"], name="gemm"),
             helper.make_node("Relu", ["z"], ["Y"], name="relu")]

    def ref(x):
        y1 = reference_recurrent("LSTM", {}, x, W1, R1, B1)[:, 0]
        return np.maximum(reference_recurrent("GRU", {}, y1, W2, R2, B2)[:, 0, 0] @ M + bias, 0)
    hand_model("hand_lstm_gru_stack", nodes, {"W1": W1, "R1": R1, "B1": B1, "W2": W2, "R2": R2, "B2": B2, "M": M, "bias": bias,
                                              "axes_1": np.array([1]), "axes_12": np.array([1, 2])},
               ["T", 1, 2], ["T", 3], {"batch": 1}, (["time", "batch", "feature"], ["time", "feature"]),
               [recurrent_layers("LSTM", {}, W1, R1, B1), recurrent_layers("GRU", {}, W2, R2, B2), dense_layer(M.T, bias, "relu")], ref, 2)


def main():
    warnings.filterwarnings("ignore")
    os.makedirs(IMPORT_DIR, exist_ok=True)
    node_tests()
    node_tests_verbatim()
    torch_models()
    hand_models()


if __name__ == "__main__":
    main()
