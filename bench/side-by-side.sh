#!/usr/bin/env bash
# Generated code, interpreter and ONNX Runtime against RTNeural, side by side on this machine: one command.
#
#   bash bench/side-by-side.sh --rtneural /path/to/RTNeural [--repeats 5] [--models lstm_1x8,gru_1x64]
#        [--seconds 1] [--warmup-seconds 2] [--cpu 1] [--no-build] [--streams 1,4,8,32]
#        [--precisions float16,bfloat16,int8] [--contenders LABEL,LABEL]
#
# Builds RTNeural's harness four ways (bench/rtneural/build.sh), the .NET timer under the JIT and with
# NativeAOT (x86-64-v3 and native), and the ONNX models (tools/make_bench_onnx.py into artifacts/onnx, if
# Debian's python3 has torch and onnx). Then, for each repeat, for each model, runs every contender once,
# each in a fresh process pinned to one core, and prints a markdown table of medians over the repeats
# (ns per step; bench/side-by-side-table.py). Raw lines go to artifacts/side-by-side/raw.txt.
# --streams adds, for each B, B streams stepped together (generated StepBatch, NativeAOT native; interpreter
# StreamBatch, JIT), timed in ns per stream-step and tabled apart. --precisions adds, for each reduced weight
# precision, the generated Step on that model (JIT and NativeAOT native; labels generated-jit-float16, …).
# --contenders keeps only the contenders with those labels (e.g. to time a few columns more often).
# See bench/README.md, "Side by side with RTNeural".
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/artifacts/side-by-side"
python=/usr/bin/python3
rtneural="" repeats=5 seconds=1 warmup=2 cpu=1 build=1 streams="" precisions="" only=""
# RTNeural's published shapes, then the large models the step timer's build writes (bench/Directory.Build.targets).
models="lstm_1x8,lstm_1x16,lstm_1x32,lstm_1x64,lstm_1x128,lstm_64x64,gru_1x8,gru_1x16,gru_1x32,gru_1x64,gru_1x128,gru_64x64"
models+=",lstm_1x256,lstm_1x512,gru_1x256,gru_1x512"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rtneural) rtneural="$2"; shift 2 ;;
        --repeats) repeats="$2"; shift 2 ;;
        --models) models="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --warmup-seconds) warmup="$2"; shift 2 ;;
        --cpu) cpu="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --streams) streams="$2"; shift 2 ;;
        --precisions) precisions="$2"; shift 2 ;;
        --contenders) only="$2"; shift 2 ;;
        *) echo "side-by-side.sh: unknown option $1 (see the comment at the top of this script)" >&2; exit 2 ;;
    esac
done
[[ -n "$rtneural" ]] || { echo "side-by-side.sh: --rtneural /path/to/RTNeural is required (see bench/README.md)" >&2; exit 2; }
rtneural=$(cd "$rtneural" && pwd)
mkdir -p "$out"
cd "$repo"

have_onnx=0
if "$python" -c 'import torch, onnx' 2>/dev/null; then
    have_onnx=1
fi

if [[ $build == 1 ]]; then
    # The JIT build first: it also writes the large descriptors everything else reads.
    echo "== .NET step timer, JIT"
    dotnet build bench/Rnn.StepTimer -c Release -o "$out/jit" -v quiet -nologo
    echo "== RTNeural harness"
    bash bench/rtneural/build.sh --rtneural "$rtneural" --out "$out/rtneural" --shapes "$models"
    for isa in x86-64-v3 native; do
        echo "== .NET step timer, NativeAOT $isa"
        dotnet publish bench/Rnn.StepTimer -c Release -r linux-x64 -p:StepTimerAot=true -p:IlcInstructionSet=$isa \
            -o "$out/aot-$isa" -v quiet -nologo
    done
    if [[ $have_onnx == 1 ]]; then
        echo "== ONNX models"
        "$python" tools/make_bench_onnx.py artifacts/onnx --models "$models"
    fi
fi
if [[ $have_onnx == 0 ]]; then
    echo "note: $python cannot import torch and onnx (apt-get install -y python3-torch python3-onnx): no ONNX Runtime column"
fi

# column label, then the command (the model's name and timings are appended). The JIT needs about 2 s on a
# pinned core to reach its final tier; natively compiled contenders only need their caches warm.
native_warmup=0.3
contenders=(
    "rtneural-xsimd-v3|$out/rtneural/harness-xsimd-v3 --warmup-seconds $native_warmup"
    "rtneural-xsimd-native|$out/rtneural/harness-xsimd-native --warmup-seconds $native_warmup"
    "rtneural-eigen-v3|$out/rtneural/harness-eigen-v3 --warmup-seconds $native_warmup"
    "rtneural-eigen-native|$out/rtneural/harness-eigen-native --warmup-seconds $native_warmup"
    "generated-jit|$out/jit/Rnn.StepTimer --contender generated --warmup-seconds $warmup"
    "generated-aot-v3|$out/aot-x86-64-v3/Rnn.StepTimer --contender generated --warmup-seconds $native_warmup"
    "generated-aot-native|$out/aot-native/Rnn.StepTimer --contender generated --warmup-seconds $native_warmup"
    "generated-run-jit|$out/jit/Rnn.StepTimer --contender generated-run --warmup-seconds $warmup"
    "interpreter|$out/jit/Rnn.StepTimer --contender interpreter --warmup-seconds $warmup"
)
IFS=, read -r -a stream_counts <<<"$streams"
for count in "${stream_counts[@]}"; do
    [[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side.sh: --streams takes positive counts like 1,4,8,32, found '$count'" >&2; exit 2; }
    contenders+=(
        "generated-batch$count-aot-native|$out/aot-native/Rnn.StepTimer --contender generated-batch --streams $count --warmup-seconds $native_warmup"
        "interpreter-batch$count|$out/jit/Rnn.StepTimer --contender interpreter-batch --streams $count --warmup-seconds $warmup"
    )
done
IFS=, read -r -a precision_list <<<"$precisions"
for precision in "${precision_list[@]}"; do
    [[ "$precision" =~ ^(float16|bfloat16|int8)$ ]] || { echo "side-by-side.sh: --precisions takes float16, bfloat16 or int8, found '$precision'" >&2; exit 2; }
    contenders+=(
        "generated-jit-$precision|$out/jit/Rnn.StepTimer --contender generated --precision $precision --warmup-seconds $warmup"
        "generated-aot-native-$precision|$out/aot-native/Rnn.StepTimer --contender generated --precision $precision --warmup-seconds $native_warmup"
    )
done
if [[ $have_onnx == 1 ]]; then
    # Reads artifacts/onnx/<model>.onnx, the timer's default.
    contenders+=("onnx|$out/jit/Rnn.StepTimer --contender onnx --warmup-seconds $warmup")
fi
if [[ -n "$only" ]]; then
    kept=()
    for contender in "${contenders[@]}"; do
        [[ ",$only," == *",${contender%%|*},"* ]] && kept+=("$contender")
    done
    [[ ${#kept[@]} -gt 0 ]] || { echo "side-by-side.sh: --contenders $only matches no contender" >&2; exit 2; }
    contenders=("${kept[@]}")
fi

echo
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) logical CPUs), pinned to CPU $cpu"
flags=$(grep -m1 '^flags' /proc/cpuinfo)
has() { [[ " $flags " == *" $1 "* ]] && echo yes || echo no; }
echo "AVX2: $(has avx2), FMA: $(has fma), AVX-512: $(has avx512f) ($(tr ' ' '\n' <<<"$flags" | grep '^avx512' | paste -sd' ' -))"
echo "$(dotnet --version | sed 's/^/.NET SDK /'); $(${CXX:-clang++} --version | head -1); RTNeural $(git -C "$rtneural" rev-parse --short HEAD 2>/dev/null || echo '(not a git checkout)')"
echo "repeats $repeats, $seconds s timed per process, warm-up $warmup s (JIT) / $native_warmup s (native)"
echo

raw="$out/raw.txt"
: >"$raw"
IFS=, read -r -a model_list <<<"$models"
for ((repeat = 1; repeat <= repeats; repeat++)); do
    echo "repeat $repeat of $repeats"
    for model in "${model_list[@]}"; do
        for contender in "${contenders[@]}"; do
            label=${contender%%|*}
            # shellcheck disable=SC2086 # the command is words
            if line=$(taskset -c "$cpu" ${contender#*|} --model "$model" --seconds "$seconds"); then
                echo "$repeat $label $line" | tee -a "$raw"
            else
                echo "warning: $label failed on $model" >&2
            fi
        done
    done
done

echo
"$(command -v "$python" || command -v python3)" bench/side-by-side-table.py "$raw"
