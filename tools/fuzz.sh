#!/usr/bin/env bash
# Coverage-guided fuzzing of a reader of untrusted files with AFL++ and SharpFuzz:
#   tools/fuzz.sh TARGET SECONDS      TARGET: descriptor | import | checkpoint, or several joined by commas
# Builds tests/Fuzz/Rnn.Fuzz once, instruments the product's assemblies (SharpFuzz.CommandLine, a local tool in
# dotnet-tools.json), then for each target seeds afl-fuzz from tests/Fuzz/corpus/TARGET with the dictionary
# tests/Fuzz/json.dict and runs it for SECONDS. Exits 1, printing each input's path, if any input crashed a target
# (an exception other than its reader's documented one) or hung (over 2 s). Needs afl-fuzz (apt-get install afl++).
# Replay an input (uninstrumented): dotnet run --project tests/Fuzz/Rnn.Fuzz -- TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."

targets=${1:?usage: tools/fuzz.sh descriptor|import|checkpoint[,…] SECONDS}
seconds=${2:?usage: tools/fuzz.sh descriptor|import|checkpoint[,…] SECONDS}
IFS=, read -r -a targets <<< "$targets"
for target in "${targets[@]}"; do
  case $target in descriptor|import|checkpoint) ;; *) echo "error: unknown target '$target'; expected descriptor, import or checkpoint" >&2; exit 2 ;; esac
done
command -v afl-fuzz >/dev/null 2>&1 || { echo "error: afl-fuzz is not on PATH (Debian: apt-get install afl++)" >&2; exit 2; }

bin=artifacts/fuzz/bin
# Built afresh each time: instrumenting an assembly twice, or fuzzing a stale one, would mislead.
rm -rf "$bin"
mkdir -p artifacts
dotnet tool restore > /dev/null
dotnet publish tests/Fuzz/Rnn.Fuzz -c Release -o "$bin" > artifacts/fuzz-publish.log 2>&1 || { cat artifacts/fuzz-publish.log; exit 1; }
# The code under test gets AFL's coverage probes; SharpFuzz and the framework do not.
for assembly in Rnn.Runtime.dll Rnn.Import.dll rnn.dll; do
  dotnet sharpfuzz "$bin/$assembly" > /dev/null
done

failed=0
for target in "${targets[@]}"; do
  out=artifacts/fuzz/$target
  rm -rf "$out"
  mkdir -p "$out/tmp"
  # No prompts and no screen: CI runs this as root in a container, where the CPU governor and core-dump
  # settings cannot be changed; the target is a managed program, so afl-fuzz's binary checks do not apply.
  export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1
  export TMPDIR="$PWD/$out/tmp" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_TieredPGO=0
  afl-fuzz -i "tests/Fuzz/corpus/$target" -o "$out" -x tests/Fuzz/json.dict -t 2000 -m none -V "$seconds" \
    -- dotnet "$bin/Rnn.Fuzz.dll" "$target" > "$out/afl.log" 2>&1 || { tail -40 "$out/afl.log"; exit 1; }

  echo "$target: $(grep -E "^(execs_done|corpus_count|saved_crashes|saved_hangs)" "$out/default/fuzzer_stats" | tr -s ' ' | tr '\n' ' ')"
  found=$(find "$out/default/crashes" "$out/default/hangs" -type f ! -name README.txt 2>/dev/null | sort)
  if [ -n "$found" ]; then
    echo "error: $target: inputs that crashed or hung (replay: dotnet run --project tests/Fuzz/Rnn.Fuzz -- $target FILE):" >&2
    echo "$found" >&2
    failed=1
  fi
done
exit $failed
