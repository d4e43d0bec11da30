#!/usr/bin/env python3
"""Writes the benchmark models: RNN(I->H) + Dense(H->1) for every cell kind and shape the benchmark
suite measures, with seeded random weights in PyTorch's default range U(-1/sqrt(H), 1/sqrt(H)).

    python3 tools/make_bench_models.py

Only shapes matter to a latency benchmark, so values are written with 4 significant digits to keep the
committed files small. Needs no third-party packages.
"""
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "Rnn.Benchmarks", "Models")
SHAPES = [(1, 8), (1, 16), (1, 32), (1, 37), (1, 64), (1, 128), (64, 64)]
GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def values(rng, count, bound):
    return "[" + ", ".join("%.4g" % rng.uniform(-bound, bound) for _ in range(count)) + "]"


def main():
    os.makedirs(OUT, exist_ok=True)
    for kind, gates in GATES.items():
        for inputs, hidden in SHAPES:
            rng = random.Random(f"{kind}-{inputs}-{hidden}")
            bound = 1 / math.sqrt(hidden)
            text = f"""{{
  "format": "rnn-embedded",
  "version": 1,
  "input_size": {inputs},
  "layers": [
    {{
      "type": "{kind}",
      "input_size": {inputs},
      "hidden_size": {hidden},
      "weight_ih": {values(rng, gates * hidden * inputs, bound)},
      "weight_hh": {values(rng, gates * hidden * hidden, bound)},
      "bias_ih": {values(rng, gates * hidden, bound)},
      "bias_hh": {values(rng, gates * hidden, bound)}
    }},
    {{
      "type": "dense",
      "input_size": {hidden},
      "units": 1,
      "activation": "linear",
      "weight": {values(rng, hidden, bound)},
      "bias": {values(rng, 1, bound)}
    }}
  ],
  "metadata": {{ "producer": "tools/make_bench_models.py", "notes": "benchmark shape, random weights" }}
}}
"""
            with open(os.path.join(OUT, f"{kind}_{inputs}x{hidden}.rnn.json"), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
