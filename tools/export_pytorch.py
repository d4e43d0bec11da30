#!/usr/bin/python3
"""Dumps a PyTorch model's layers and tensors to a JSON file that `rnn import` turns into a descriptor.

The dump (conventionally MODEL.torch.json) holds the model's chain of modules in order: nn.LSTM, nn.GRU and
nn.RNN with their constructor settings, nn.Linear, and the activations Tanh, ReLU, Sigmoid and
Softmax(dim=-1); each module's state_dict tensors are nested lists of float32 values written as their
shortest round-trip decimals, so `rnn import` recovers every weight bit-exactly. The descriptor itself is
written only by `rnn import` (one writer for every source format); this script knows nothing of its layout.

From Python, with the model in hand:

    from export_pytorch import export
    export(model, "model.torch.json", input_size=1)          # children in registration order form the chain
    export([model.rec, model.lin], "model.torch.json")         # or list the chain explicitly,
    export([("rec", model.rec), ("lin", model.lin)], "model.torch.json")  # with names for messages
    export(model, "model.torch.json", skip=1)                 # output + the first input feature (a residual)

From the command line, for a saved state_dict (torch.save(model.state_dict(), "model.pt")) whose
layers are listed in order; options after --lstm/--gru/--rnn apply to that layer:

    /usr/bin/python3 tools/export_pytorch.py model.pt -o model.torch.json --input-size 1 \\
        --lstm 32 --num-layers 2 --linear 1 --tanh

A file holding a whole module (torch.save(model, "model.pt")) needs no layer list. Then:

    dotnet run --project src/Rnn.Trainer -- import model.torch.json -o model.rnn.json
"""
import argparse
import math
import sys
from collections import OrderedDict

import torch
from torch import nn

FORMAT = "rnn-embedded-torch-export"
VERSION = 1
RECURRENT = (nn.LSTM, nn.GRU, nn.RNN)
ACTIVATIONS = {nn.Tanh: "Tanh", nn.ReLU: "ReLU", nn.Sigmoid: "Sigmoid", nn.Softmax: "Softmax"}


class ExportError(ValueError):
    """A model the dump cannot describe; the message names the module and the setting."""


def export(model, path, input_size=None, skip=0):
    """Writes the dump of `model` (a module whose children form the chain, or a list of modules) to `path`."""
    chain = _chain(model)
    if not chain:
        raise ExportError("the model has no modules to export")
    if input_size is None:
        input_size = _input_size_of(chain[0][1])
    layers = [_layer(index, name, module) for index, (name, module) in enumerate(chain)]
    dump = OrderedDict([
        ("format", FORMAT),
        ("version", VERSION),
        ("producer", f"tools/export_pytorch.py (PyTorch {torch.__version__})"),
        ("input_size", int(input_size)),
    ])
    if skip:
        dump["skip"] = int(skip)
    dump["layers"] = layers
    with open(path, "w", encoding="utf-8") as stream:
        _write_json(stream, dump, "")
        stream.write("\n")


def _chain(model):
    if isinstance(model, (list, tuple)):
        return [m if isinstance(m, tuple) else (getattr(m, "_export_name", type(m).__name__.lower()), m) for m in model]
    if isinstance(model, RECURRENT + (nn.Linear,)):
        return [(type(model).__name__.lower(), model)]
    return list(model.named_children())


def _input_size_of(module):
    if isinstance(module, RECURRENT):
        return module.input_size
    if isinstance(module, nn.Linear):
        return module.in_features
    raise ExportError(f"cannot tell the input size from the first module ({type(module).__name__}); pass input_size=")


def _layer(index, name, module):
    where = f'module {index} ({type(module).__name__} "{name}")'
    entry = OrderedDict([("module", type(module).__name__), ("name", name)])
    if isinstance(module, RECURRENT):
        settings = OrderedDict([
            ("input_size", module.input_size),
            ("hidden_size", module.hidden_size),
            ("num_layers", module.num_layers),
            ("bias", bool(module.bias)),
            ("batch_first", bool(module.batch_first)),
            ("dropout", float(module.dropout)),
            ("bidirectional", bool(module.bidirectional)),
        ])
        if isinstance(module, nn.LSTM):
            settings["proj_size"] = int(getattr(module, "proj_size", 0))
        if isinstance(module, nn.RNN):
            settings["nonlinearity"] = module.nonlinearity
        entry["settings"] = settings
        entry["tensors"] = _tensors(where, module)
    elif isinstance(module, nn.Linear):
        entry["settings"] = OrderedDict([
            ("in_features", module.in_features),
            ("out_features", module.out_features),
            ("bias", module.bias is not None),
        ])
        entry["tensors"] = _tensors(where, module)
    elif isinstance(module, nn.Softmax):
        entry["settings"] = OrderedDict([("dim", module.dim)])
    elif isinstance(module, tuple(ACTIVATIONS)) or isinstance(module, (nn.Identity, nn.Dropout)):
        if isinstance(module, nn.Dropout):
            entry["settings"] = OrderedDict([("p", float(module.p))])
    else:
        raise ExportError(f"{where}: not a module the dump describes; expected LSTM, GRU, RNN, Linear, Tanh, ReLU, "
                          "Sigmoid, Softmax, Identity or Dropout (pass the chain as a list of modules to leave "
                          "helpers out)")
    return entry


def _tensors(where, module):
    tensors = OrderedDict()
    for key, tensor in module.state_dict().items():
        values = tensor.detach().to(torch.float32).cpu()
        if not torch.isfinite(values).all():
            raise ExportError(f"{where}: tensor {key} holds NaN or infinite values")
        tensors[key] = values.tolist()
    return tensors


def _float32_text(value):
    """The shortest decimal that reads back as this float32 (repr of the nearest float64 is too long)."""
    import numpy as np
    text = str(np.float32(value))
    if not math.isfinite(float(text)) or np.float32(text) != np.float32(value):
        raise ExportError(f"cannot write {value!r} as a float32")
    return text


def _write_json(stream, value, indent):
    """JSON with tensors one row per line and floats in float32 round-trip form."""
    inner = indent + "  "
    if isinstance(value, dict):
        stream.write("{\n")
        items = list(value.items())
        for k, (key, item) in enumerate(items):
            stream.write(f'{inner}"{key}": ')
            _write_json(stream, item, inner)
            stream.write(",\n" if k + 1 < len(items) else "\n")
        stream.write(indent + "}")
    elif isinstance(value, list) and value and isinstance(value[0], OrderedDict):
        stream.write("[\n")
        for k, item in enumerate(value):
            stream.write(inner)
            _write_json(stream, item, inner)
            stream.write(",\n" if k + 1 < len(value) else "\n")
        stream.write(indent + "]")
    elif isinstance(value, list) and value and isinstance(value[0], list):
        rows = ["[" + ", ".join(_float32_text(v) for v in row) + "]" for row in value]
        stream.write("[\n" + inner + (",\n" + inner).join(rows) + "\n" + indent + "]")
    elif isinstance(value, list):
        stream.write("[" + ", ".join(_float32_text(v) for v in value) + "]")
    elif value is None:
        stream.write("null")
    elif isinstance(value, bool):
        stream.write("true" if value else "false")
    elif isinstance(value, float):
        stream.write(repr(value))
    elif isinstance(value, int):
        stream.write(str(value))
    elif isinstance(value, str):
        stream.write('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
    else:
        raise ExportError(f"cannot write {type(value).__name__} values")


# ---- command line: a saved state_dict plus the layer list ------------------------------------------------

class _Layers(argparse.Action):
    """Appends (flag, value) to one ordered list, so the layer options keep their command-line order."""

    def __call__(self, parser, namespace, values, option_string=None):
        specs = getattr(namespace, "specs", None) or []
        specs.append((self.dest, values))
        namespace.specs = specs


def _parser():
    parser = argparse.ArgumentParser(
        description="Dump a PyTorch model (a saved module, or a state_dict plus its layers in order) for `rnn import`.",
        epilog="example: %(prog)s model.pt -o model.torch.json --input-size 1 --lstm 32 --num-layers 2 --linear 1")
    parser.add_argument("model", help="file written by torch.save: a state_dict, a checkpoint dict (see --key) or a whole module")
    parser.add_argument("-o", "--output", required=True, help="the dump to write (*.torch.json)")
    parser.add_argument("--input-size", type=int, help="values per time step (default: the first layer's input size)")
    parser.add_argument("--key", help="the checkpoint entry holding the state_dict, e.g. model_state_dict")
    parser.add_argument("--skip", type=int, default=0, help="add the first K input features to the output (a residual)")
    layers = parser.add_argument_group("layers, in model order (a state_dict needs them)")
    for kind in ("lstm", "gru", "rnn"):
        layers.add_argument(f"--{kind}", dest=kind, type=int, action=_Layers, metavar="H", help=f"an nn.{kind.upper()} with hidden_size H")
    layers.add_argument("--num-layers", dest="num_layers", type=int, action=_Layers, metavar="N", help="num_layers of the previous recurrent layer")
    layers.add_argument("--bidirectional", dest="bidirectional", nargs=0, action=_Layers, help="the previous recurrent layer is bidirectional")
    layers.add_argument("--proj-size", dest="proj_size", type=int, action=_Layers, metavar="P", help="proj_size of the previous LSTM")
    layers.add_argument("--no-bias", dest="no_bias", nargs=0, action=_Layers, help="the previous recurrent or linear layer has bias=False")
    layers.add_argument("--nonlinearity", dest="nonlinearity", choices=("tanh", "relu"), action=_Layers, help="the previous RNN's nonlinearity")
    layers.add_argument("--linear", dest="linear", type=int, action=_Layers, metavar="N", help="an nn.Linear with N outputs")
    for kind in ("tanh", "relu", "sigmoid", "softmax"):
        layers.add_argument(f"--{kind}", dest=kind, nargs=0, action=_Layers, help=f"a {kind} activation")
    return parser


def _build(specs, input_size):
    """The modules the layer options describe, each a dict of constructor settings then built."""
    plans, size = [], input_size
    for flag, value in specs:
        last = plans[-1] if plans else None
        if flag in ("lstm", "gru", "rnn"):
            plans.append({"kind": flag, "input_size": size, "hidden_size": value, "num_layers": 1,
                          "bidirectional": False, "proj_size": 0, "bias": True, "nonlinearity": "tanh"})
        elif flag == "linear":
            plans.append({"kind": "linear", "in_features": size, "out_features": value, "bias": True})
        elif flag in ("tanh", "relu", "sigmoid", "softmax"):
            plans.append({"kind": flag})
        else:
            option = "--" + flag.replace("_", "-")
            allowed = ("lstm",) if flag == "proj_size" else ("lstm", "gru", "rnn", "linear") if flag == "no_bias" \
                else ("rnn",) if flag == "nonlinearity" else ("lstm", "gru", "rnn")
            if last is None or last["kind"] not in allowed:
                raise ExportError(f"{option} must follow " + " or ".join("--" + a for a in allowed))
            if flag == "no_bias":
                last["bias"] = False
            elif flag == "bidirectional":
                last["bidirectional"] = True
            else:
                last[flag] = value
        if plans and plans[-1]["kind"] in ("lstm", "gru", "rnn"):
            p = plans[-1]
            size = (p["proj_size"] or p["hidden_size"]) * (2 if p["bidirectional"] else 1)
        elif plans and plans[-1]["kind"] == "linear":
            size = plans[-1]["out_features"]
    modules = []
    for p in plans:
        kind = p["kind"]
        if kind == "lstm":
            modules.append(nn.LSTM(p["input_size"], p["hidden_size"], p["num_layers"], bias=p["bias"],
                                   bidirectional=p["bidirectional"], proj_size=p["proj_size"]))
        elif kind in ("gru", "rnn"):
            extra = {"nonlinearity": p["nonlinearity"]} if kind == "rnn" else {}
            cls = nn.GRU if kind == "gru" else nn.RNN
            modules.append(cls(p["input_size"], p["hidden_size"], p["num_layers"], bias=p["bias"],
                               bidirectional=p["bidirectional"], **extra))
        elif kind == "linear":
            modules.append(nn.Linear(p["in_features"], p["out_features"], bias=p["bias"]))
        else:
            modules.append({"tanh": nn.Tanh(), "relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "softmax": nn.Softmax(dim=-1)}[kind])
    return modules


def _load_state(modules, state, path):
    """Gives each module the state_dict entries of one prefix, in the file's order (registration order)."""
    groups = OrderedDict()
    for key, tensor in state.items():
        prefix, _, name = key.rpartition(".")
        groups.setdefault(prefix, OrderedDict())[name] = tensor
    with_tensors = [m for m in modules if isinstance(m, RECURRENT + (nn.Linear,))]
    if len(groups) != len(with_tensors):
        found = ", ".join(f'"{p}" ({len(g)} tensors)' if p else f"top level ({len(g)} tensors)" for p, g in groups.items())
        raise ExportError(f"{path}: the layer options describe {len(with_tensors)} layers with weights, "
                          f"the state_dict holds {len(groups)} groups of tensors: {found}")
    for index, ((prefix, group), module) in enumerate(zip(groups.items(), with_tensors)):
        module._export_name = prefix or type(module).__name__.lower()
        expected = module.state_dict()
        missing = [k for k in expected if k not in group]
        extra = [k for k in group if k not in expected]
        if missing or extra:
            raise ExportError(f'{path}: layer {index} ({type(module).__name__}) takes the tensors "{prefix}.*": '
                              f"expected {', '.join(expected)}; missing {', '.join(missing) or 'none'}, "
                              f"unexpected {', '.join(extra) or 'none'}")
        for name, tensor in group.items():
            if tuple(tensor.shape) != tuple(expected[name].shape):
                raise ExportError(f"{path}: {prefix}.{name}: expected shape {list(expected[name].shape)} for "
                                  f"{type(module).__name__} layer {index}, found {list(tensor.shape)}")
        module.load_state_dict(group)
    for module in modules:
        if not hasattr(module, "_export_name"):
            module._export_name = type(module).__name__.lower()


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        try:
            loaded = torch.load(args.model, map_location="cpu")
        except (AttributeError, ModuleNotFoundError) as error:
            raise ExportError(f"{args.model}: holds a pickled module whose class cannot be loaded here ({error}); "
                              "call export(model, ...) from your own code, or save model.state_dict() and list its layers")
        if isinstance(loaded, nn.Module):
            if getattr(args, "specs", None):
                raise ExportError(f"{args.model}: holds a whole module; the layer options are only for a state_dict")
            export(loaded, args.output, input_size=args.input_size, skip=args.skip)
            return 0
        if args.key is not None:
            if not isinstance(loaded, dict) or args.key not in loaded:
                raise ExportError(f"{args.model}: no entry \"{args.key}\"; found {', '.join(map(str, loaded)) if isinstance(loaded, dict) else type(loaded).__name__}")
            loaded = loaded[args.key]
        if not isinstance(loaded, dict) or not all(torch.is_tensor(v) for v in loaded.values()):
            raise ExportError(f"{args.model}: expected a state_dict (names to tensors) or a module; "
                              "for a checkpoint dict, name the entry with --key")
        specs = getattr(args, "specs", None)
        if not specs:
            raise ExportError(f"{args.model}: a state_dict needs its layers, e.g. --lstm 32 --linear 1")
        first = next(iter(loaded.values()))
        input_size = args.input_size or (first.shape[1] if first.dim() == 2 else None)
        if input_size is None:
            raise ExportError("give --input-size")
        modules = _build(specs, input_size)
        _load_state(modules, loaded, args.model)
        export(modules, args.output, input_size=input_size, skip=args.skip)
        return 0
    except (ExportError, OSError, RuntimeError) as error:
        print(f"export_pytorch: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
