#!/usr/bin/python3
"""The markdown table of bench/train-side-by-side.sh: sequences per second, medians over repeats.

    python3 bench/train-side-by-side-table.py artifacts/train-side-by-side/raw.txt

Each raw line is `<repeat> <side> <cell> <hidden> <input> threads=<n> seq/s=<rate> loss=<mean> simd=<path> cpu=<model>`
with side `trainer` (ours) or `torch` (libtorch through TorchSharp). libtorch's LSTM speed is bimodal from process
to process, so its column shows the median and, in brackets, the best repeat. Standard library only.
"""
import statistics
import sys
from collections import defaultdict


def main(path):
    rates = defaultdict(list)  # (side, shape, threads) -> seq/s, one per repeat
    shapes, threads, simd, cpu = [], [], {}, ""
    with open(path) as f:
        for line in f:
            fields = line.split()
            _, side, cell, hidden, inputs, n = fields[:6]
            shape = (cell, int(hidden), int(inputs))
            n = int(n.removeprefix("threads="))
            values = dict(field.split("=", 1) for field in fields[6:9])
            rates[side, shape, n].append(float(values["seq/s"]))
            simd[side] = values["simd"]
            cpu = line.split("cpu=", 1)[1].strip()
            if shape not in shapes:
                shapes.append(shape)
            if n not in threads:
                threads.append(n)

    def median(side, shape, n):
        return statistics.median(rates[side, shape, n]) if rates[side, shape, n] else None

    heading = ["shape"]
    for n in threads:
        heading += [f"trainer {n}T", f"libtorch {n}T median (best)", f"trainer ÷ libtorch {n}T"]
    print("| " + " | ".join(heading) + " |")
    print("|---|" + "--:|" * (len(heading) - 1))
    for shape in shapes:
        cell, hidden, inputs = shape
        cells = [f"{cell.upper()} {hidden}" + (f" (input {inputs})" if inputs != 8 else "")]
        for n in threads:
            ours, theirs = median("trainer", shape, n), median("torch", shape, n)
            best = max(rates["torch", shape, n], default=None)
            cells.append(f"{ours:,.0f}" if ours else "–")
            cells.append(f"{theirs:,.0f} ({best:,.0f})" if theirs else "–")
            cells.append(f"{ours / theirs:.2f}×" if ours and theirs else "–")
        print("| " + " | ".join(cells) + " |")
    repeats = max(len(v) for v in rates.values())
    print()
    print(f"Sequences per second (64 steps, batch 32, 1 output per step, MSE, Adam, full BPTT), medians over {repeats} "
          f"fresh processes each; CPU: {cpu}; trainer SIMD path: {simd.get('trainer', '?')}; libtorch: {simd.get('torch', '?')}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
