#!/usr/bin/python3
"""The markdown table of bench/train-quality.sh: validation MSE per seed, ours and libtorch's, and the medians.

    python3 bench/train-quality-table.py artifacts/train-quality/raw.txt

Each raw line is `<side> <task> seed=<s> final=<mse> best=<mse> epoch1-training=<mse>`, side `trainer` or `torch`.
final: after the last epoch; best: the lowest after any epoch (what rnn train exports). Exits 1 when our median
final MSE is more than 5 % above libtorch's on a task (the parity target). Standard library only.
"""
import statistics
import sys
from collections import defaultdict

TARGET = 1.05  # ours at most 5 % above libtorch's median final validation MSE


def main(path):
    runs = defaultdict(dict)  # (task, side) -> seed -> {final, best, epoch1-training}
    with open(path) as f:
        for line in f:
            side, task, *fields = line.split()
            values = dict(field.split("=", 1) for field in fields)
            runs[task, side][int(values.pop("seed"))] = {k: float(v) for k, v in values.items()}

    failed = False
    for task in dict.fromkeys(task for task, _ in runs):
        ours, theirs = runs[task, "trainer"], runs[task, "torch"]
        seeds = sorted(ours)
        print(f"{task}: validation MSE")
        print()
        print("| seed | trainer final | libtorch final | trainer best | libtorch best | epoch 1 training loss, relative difference |")
        print("|--:|--:|--:|--:|--:|--:|")
        for s in seeds:
            a, b = ours[s], theirs.get(s)
            if b is None:
                print(f"| {s} | {a['final']:.3e} | – | {a['best']:.3e} | – | – |")
                continue
            first = abs(a["epoch1-training"] - b["epoch1-training"]) / b["epoch1-training"]
            print(f"| {s} | {a['final']:.3e} | {b['final']:.3e} | {a['best']:.3e} | {b['best']:.3e} | {first:.1e} |")
        paired = [s for s in seeds if s in theirs]
        mine = statistics.median(ours[s]["final"] for s in paired)
        torch = statistics.median(theirs[s]["final"] for s in paired)
        print(f"| median | {mine:.3e} | {torch:.3e} | {statistics.median(ours[s]['best'] for s in paired):.3e} "
              f"| {statistics.median(theirs[s]['best'] for s in paired):.3e} | |")
        print(f"| lowest | {min(ours[s]['final'] for s in paired):.3e} | {min(theirs[s]['final'] for s in paired):.3e} "
              f"| {min(ours[s]['best'] for s in paired):.3e} | {min(theirs[s]['best'] for s in paired):.3e} | |")
        verdict = "within target" if mine <= TARGET * torch else "** ABOVE TARGET **"
        failed |= mine > TARGET * torch
        print()
        print(f"Median final validation MSE, trainer ÷ libtorch: {mine / torch:.3f} ({verdict}: at most {TARGET:.2f}).")
        print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
