#!/usr/bin/env bash
# footprint.sh MINIMAL_EXE STATIC_LIB SHARED_LIB [RUNS]
# Prints the sizes of the minimal executable and the two libraries, and the median and worst wall time
# from process start to exit of the executable over RUNS runs (default 50) fed one input value: the exit
# comes after the first output is written, so this bounds the time to first output from above.
set -euo pipefail
exe=$1 static=$2 shared=$3 runs=${4:-50}
printf 'minimal executable: %s bytes (%s)\n' "$(stat -c %s "$exe")" "$exe"
printf 'static library:     %s bytes (%s)\n' "$(stat -c %s "$static")" "$static"
printf 'shared library:     %s bytes (%s)\n' "$(stat -c %s "$shared")" "$shared"
echo 0.5 | "$exe" > /dev/null   # page cache warm, as after installation
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  echo 0.5 | "$exe" > /dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf 'start to first output (upper bound, %d runs): median %d us, max %d us\n' "$runs" "${sorted[$(( runs / 2 ))]}" "${sorted[$(( runs - 1 ))]}"
