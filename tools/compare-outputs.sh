#!/usr/bin/env bash
# compare-outputs.sh EXPECTED.csv ACTUAL.csv [TOLERANCE]
# Compares two "step,y0,y1,..." CSV files value by value: same header, same rows, every number within
# TOLERANCE (default 1e-5) absolute. Prints the first mismatch and exits 1 on any difference.
set -euo pipefail
expected=$1 actual=$2 tolerance=${3:-1e-5}
awk -F, -v tol="$tolerance" -v a="$actual" -v e="$expected" '
  FNR == NR { want[FNR] = $0; rows = FNR; next }
  {
    got_rows = FNR
    if (FNR == 1) { if ($0 != want[1]) { printf "%s: header \"%s\", expected \"%s\"\n", a, $0, want[1]; bad = 1; exit 1 } next }
    n = split(want[FNR], w, ",")
    if (n != NF) { printf "%s:%d: %d fields, expected %d\n", a, FNR, NF, n; bad = 1; exit 1 }
    for (i = 1; i <= NF; i++) {
      d = $i - w[i]; if (d < 0) d = -d
      if (d > tol) { printf "%s:%d: field %d is %s, expected %s (difference %g > %g)\n", a, FNR, i, $i, w[i], d, tol; bad = 1; exit 1 }
      if (d > worst) worst = d
    }
  }
  END {
    if (bad) exit 1
    if (got_rows != rows) { printf "%s: %d rows, expected %d (as in %s)\n", a, got_rows, rows, e; exit 1 }
    printf "%s matches %s: %d rows, largest difference %g\n", a, e, rows - 1, worst
  }' "$expected" "$actual"
