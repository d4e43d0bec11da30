#!/usr/bin/env bash
# Builds bench/Rnn.TrainTimer and bench/TorchTrain in Release into OUT/trainer and OUT/torch, then marks the
# GLIBCXX_3.4.32 version need weak in OUT/torch's copy of libLibTorchSharp.so (never the NuGet cache's).
#   bash bench/TorchTrain/build.sh OUT
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$1
cd "$repo"
echo "== build: Rnn.TrainTimer, TorchTrain (Release)"
dotnet build bench/Rnn.TrainTimer -c Release -o "$out/trainer" -v quiet -nologo
dotnet build bench/TorchTrain -c Release -o "$out/torch" -v quiet -nologo
python3 bench/TorchTrain/weaken-glibcxx.py "$out/torch/runtimes/linux-x64/native/libLibTorchSharp.so"
