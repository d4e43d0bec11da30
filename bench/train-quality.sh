#!/usr/bin/env bash
# Training quality of our trainer against libtorch (TorchSharp) on the same problem, batches and start: one command.
#
#   bash bench/train-quality.sh [--seeds 1,2,3,4,5] [--tasks sines,adding] [--no-build]
#
# For each task and seed, Rnn.TrainTimer quality trains with our TrainingSession and writes the datasets, its
# initial parameters, every epoch's shuffle order and the hyper-parameters to artifacts/train-quality/<task>-<seed>/;
# TorchTrain quality trains nn.LSTM + nn.Linear from those parameters on the same batches in the same order, with
# clip_grad_norm_ and torch.optim.Adam. Tasks: sines (examples/sines.csv cut as `rnn train examples/sines.csv
# --input-columns x --layers lstm:16 --epochs 30 --batch 16` cuts it, all 30 epochs) and adding (the adding problem,
# T = 60, LSTM 24, as tests/Rnn.Trainer.Tests/DemonstrationTests.cs trains it). bench/train-quality-table.py prints
# the validation MSE per seed and the medians. See bench/README.md, "Training side by side with libtorch".
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$repo/artifacts/train-side-by-side" out="$repo/artifacts/train-quality"
seeds="1,2,3,4,5" tasks="sines,adding" build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seeds) seeds="$2"; shift 2 ;;
        --tasks) tasks="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "train-quality.sh: unknown option $1 (see the comment at the top of this script)" >&2; exit 2 ;;
    esac
done
cd "$repo"
mkdir -p "$out"
[[ $build == 0 ]] || bash bench/TorchTrain/build.sh "$bin"

raw="$out/raw.txt"
: > "$raw"
for task in ${tasks//,/ }; do
    for seed in ${seeds//,/ }; do
        dir="$out/$task-$seed"
        "$bin/trainer/Rnn.TrainTimer" quality --task "$task" --seed "$seed" --dir "$dir" --repo "$repo" | tee -a "$raw"
        "$bin/torch/TorchTrain" quality --dir "$dir" | tee -a "$raw"
    done
done
echo
python3 bench/train-quality-table.py "$raw" | tee "$out/table.md"
