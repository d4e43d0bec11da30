#!/usr/bin/env bash
# Builds bench/rtneural/harness.cpp against an RTNeural checkout, once per backend and instruction set.
#
#   bash bench/rtneural/build.sh --rtneural /path/to/RTNeural [--out artifacts/rtneural]
#        [--shapes lstm_1x8,gru_1x64] [--variants "xsimd-v3 xsimd-native eigen-v3 eigen-native"]
#
# Writes OUT/harness-<variant>. Shapes default to every lstm_*/gru_* descriptor in bench/Rnn.Benchmarks/Models
# and its large/ (written by a build of the benchmarks or the step timer), so a new descriptor is compiled in
# without editing anything. A binary is rebuilt
# only when harness.cpp is newer or the compile command changed. CXX picks the compiler (default clang++).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rtneural="" out="$repo/artifacts/rtneural" shapes="" variants="xsimd-v3 xsimd-native eigen-v3 eigen-native"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rtneural) rtneural=$(cd "$2" && pwd); shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --shapes) shapes="$2"; shift 2 ;;
        --variants) variants="$2"; shift 2 ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -f "$rtneural/RTNeural/RTNeural.h" ]] || { echo "build.sh: --rtneural must name an RTNeural checkout (RTNeural/RTNeural.h not found)" >&2; exit 2; }
cxx=${CXX:-clang++}
mkdir -p "$out"

# X(kind, inputs, hidden) for each shape: the harness's HARNESS_SHAPES.
if [[ -z "$shapes" ]]; then
    shapes=$(cd "$repo/bench/Rnn.Benchmarks/Models" && ls lstm_*.rnn.json gru_*.rnn.json large/lstm_*.rnn.json large/gru_*.rnn.json 2>/dev/null \
        | sed 's|^large/||; s/\.rnn\.json$//' | paste -sd, -)
fi
shape_list=""
for shape in ${shapes//,/ }; do
    [[ "$shape" =~ ^(lstm|gru)_([0-9]+)x([0-9]+)$ ]] || { echo "build.sh: $shape is not lstm_IxH or gru_IxH" >&2; exit 2; }
    shape_list+="X(${BASH_REMATCH[1]},${BASH_REMATCH[2]},${BASH_REMATCH[3]}) "
done

# Prefer the copies RTNeural vendors under modules/ (what its CI builds with); else Debian's
# libxsimd-dev (xsimd 8.1: the harness maps reduce_add to hadd) and libeigen3-dev.
if [[ -f "$rtneural/modules/xsimd/include/xsimd/xsimd.hpp" ]]; then
    xsimd_include="-I$rtneural/modules/xsimd/include"
elif [[ -f /usr/include/xsimd/xsimd.hpp ]]; then
    xsimd_include=""
else
    echo "build.sh: no xsimd: apt-get install libxsimd-dev, or git submodule update --init modules/xsimd in RTNeural" >&2; exit 2
fi
if [[ -f "$rtneural/modules/Eigen/Eigen/Dense" ]]; then
    eigen_include="-I$rtneural/modules/Eigen"
else
    eigen_include="-I/usr/include/eigen3"
fi

for variant in $variants; do
    case "$variant" in
        *-v3) march=x86-64-v3 ;;
        *-native) march=native ;;
        *) echo "build.sh: variant $variant is not <xsimd|eigen>-<v3|native>" >&2; exit 2 ;;
    esac
    # RTNeural's alignment for its aligned loads and stores: one vector. Its Eigen path accepts at most 32.
    alignment=32
    if [[ "$variant" == xsimd-* ]] && "$cxx" -march=$march -dM -E -x c++ /dev/null | grep -q __AVX512F__; then
        alignment=64
    fi
    case "$variant" in
        # The fixed-size weight matrices of the larger layers exceed Eigen's 128 KiB "stack" limit, although
        # they live in the heap-allocated model: raise the limit instead of failing the build.
        eigen-*) backend="-DRTNEURAL_USE_EIGEN=1 -DEIGEN_STACK_ALLOCATION_LIMIT=67108864 $eigen_include" ;;
        xsimd-*) backend="-DRTNEURAL_USE_XSIMD=1 $xsimd_include" ;;
        *) echo "build.sh: variant $variant is not <xsimd|eigen>-<v3|native>" >&2; exit 2 ;;
    esac
    binary="$out/harness-$variant"
    command="$cxx -std=c++17 -O3 -DNDEBUG -march=$march $backend -DRTNEURAL_DEFAULT_ALIGNMENT=$alignment -DHARNESS_BUILD=\"$variant\" -I$rtneural -I$rtneural/modules/json"
    if [[ -x "$binary" && "$binary" -nt "$repo/bench/rtneural/harness.cpp" && "$(cat "$binary.cmd" 2>/dev/null)" == "$command $shape_list" ]]; then
        echo "build.sh: $binary is up to date"
        continue
    fi
    echo "build.sh: $variant ($(wc -w <<<"$shape_list") shapes)"
    start=$SECONDS
    # shellcheck disable=SC2086 # the flags are words
    $command "-DHARNESS_SHAPES=$shape_list" "$repo/bench/rtneural/harness.cpp" -o "$binary"
    echo "$command $shape_list" >"$binary.cmd"
    echo "build.sh: $binary in $((SECONDS - start)) s"
done
