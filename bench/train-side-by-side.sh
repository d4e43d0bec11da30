#!/usr/bin/env bash
# Training speed of our trainer against libtorch (TorchSharp), side by side on this machine: one command.
#
#   bash bench/train-side-by-side.sh [--repeats 5] [--shapes lstm:32,lstm:64,gru:32,gru:64,lstm:128:32,lstm:256,gru:256]
#        [--threads 1,2] [--warmup 5] [--seconds 3] [--no-build]
#
# A shape is cell:hidden[:input] (input 8 unless given). Builds bench/Rnn.TrainTimer and bench/TorchTrain in
# Release and marks GLIBCXX_3.4.32 weak in the build output's copy of libLibTorchSharp.so (weaken-glibcxx.py;
# Debian 12's libstdc++ stops at 3.4.30). Then
#   (a) for every shape, one thread: our trainer's initial parameters and one fixed batch, 20 Adam steps on it on
#       both sides; fails if any step's loss differs by more than a relative 1e-4,
#   (b) for each repeat, shape and thread count, our trainer then libtorch, each a fresh process, pinned
#       (taskset -c 1 for one thread, -c 0,1 for two): sequences per second of forward + full BPTT + Adam,
#   (c) a markdown table: medians over repeats, and libtorch's best (its LSTM speed is bimodal from process
#       to process), by bench/train-side-by-side-table.py.
# Raw lines go to artifacts/train-side-by-side/raw.txt. See bench/README.md, "Training side by side with libtorch".
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/artifacts/train-side-by-side"
repeats=5 warmup=5 seconds=3 threads="1,2" build=1
shapes="lstm:32,lstm:64,gru:32,gru:64,lstm:128:32,lstm:256,gru:256"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --repeats) repeats="$2"; shift 2 ;;
        --shapes) shapes="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "train-side-by-side.sh: unknown option $1 (see the comment at the top of this script)" >&2; exit 2 ;;
    esac
done
cd "$repo"
mkdir -p "$out"
trainer="$out/trainer/Rnn.TrainTimer" torch="$out/torch/TorchTrain"

if [[ $build == 1 ]]; then
    bash bench/TorchTrain/build.sh "$out"
fi

# (a) The same loss at every step from the same parameters on the same batch.
echo "== loss curves, 20 Adam steps on one batch (largest relative difference per shape; limit 1e-4)"
failed=0
for shape in ${shapes//,/ }; do
    IFS=: read -r cell hidden input <<< "$shape"
    input=${input:-8}
    dir="$out/check/$cell-$hidden-$input"
    "$trainer" check --cell "$cell" --hidden "$hidden" --input "$input" --steps 20 --dir "$dir" > /dev/null
    "$torch" check --steps 20 --dir "$dir" > /dev/null
    worst=$(paste "$dir/losses.txt" "$dir/torch-losses.txt" | awk '
        { d = $1 - $2; if (d < 0) d = -d; r = d / ($1 < 0 ? -$1 : $1); if (r > w) { w = r; at = NR } }
        END { printf "%.2e at step %d", w, at; exit (w > 1e-4) }') || { failed=1; worst+="  ** DISAGREES **"; }
    echo "  $cell $hidden (input $input): $worst"
done
[[ $failed == 0 ]] || { echo "train-side-by-side.sh: the loss curves disagree (files in $out/check)" >&2; exit 1; }

# (b) Interleaved, a fresh process per measurement. Anything else busy on the machine spoils the figures, and
# libtorch's two-thread runs most of all (its OpenMP threads wait at barriers for a preempted partner): say so.
cpu_times() { read -r _ user nice system idle iowait irq softirq _ < /proc/stat; echo "$((user + nice + system + irq + softirq)) $((idle + iowait))"; }
read -r busy0 idle0 <<< "$(cpu_times)"; sleep 1; read -r busy1 idle1 <<< "$(cpu_times)"
busy=$((100 * (busy1 - busy0) / (busy1 - busy0 + idle1 - idle0 + 1)))
(( busy < 10 )) || echo "warning: the CPUs were ${busy} % busy before the timed runs (other processes?); the figures will be low and noisy" >&2
raw="$out/raw.txt"
: > "$raw"
for ((repeat = 1; repeat <= repeats; repeat++)); do
    for shape in ${shapes//,/ }; do
        IFS=: read -r cell hidden input <<< "$shape"
        for n in ${threads//,/ }; do
            cpus=1
            [[ $n == 1 ]] || cpus="0-$((n - 1))"
            for side in "$trainer" "$torch"; do
                line=$(taskset -c "$cpus" "$side" speed --cell "$cell" --hidden "$hidden" --input "${input:-8}" --threads "$n" \
                    --warmup "$warmup" --seconds "$seconds")
                echo "$repeat $line" | tee -a "$raw"
            done
        done
    done
done

# (c)
echo
python3 bench/train-side-by-side-table.py "$raw" | tee "$out/table.md"
