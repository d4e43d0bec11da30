#!/usr/bin/python3
"""The markdown table of bench/side-by-side.sh: medians over repeats of its raw lines, ns per step.

    python3 bench/side-by-side-table.py artifacts/side-by-side/raw.txt

Each raw line is `<repeat> <column> <contender> <model> <ns per step> <checksum> <simd path or backend>`.
Columns generated-batch<B>-aot-native and interpreter-batch<B> (side-by-side.sh --streams) are ns per
stream-step of B streams stepped together; they get a table of their own.
Standard library only.
"""
import re
import statistics
import sys
from collections import defaultdict

RTNEURAL = ["rtneural-xsimd-v3", "rtneural-xsimd-native", "rtneural-eigen-v3", "rtneural-eigen-native"]
DOTNET = ["generated-jit", "generated-aot-v3", "generated-aot-native", "interpreter", "generated-run-jit", "onnx"]
HEADINGS = {
    "rtneural-xsimd-v3": "RTNeural xsimd v3", "rtneural-xsimd-native": "RTNeural xsimd native",
    "rtneural-eigen-v3": "RTNeural Eigen v3", "rtneural-eigen-native": "RTNeural Eigen native",
    "generated-jit": "generated JIT", "generated-aot-v3": "generated AOT v3",
    "generated-aot-native": "generated AOT native", "interpreter": "interpreter (JIT)",
    "generated-run-jit": "generated Run (sequence mode), JIT",
    "onnx": "ONNX Runtime, whole sequence",
}
# RTNeural's own tanh/sigmoid (Eigen's, xsimd's) and ONNX Runtime's differ from ours in the last bits;
# summed over 1000 steps the checksums still agree far better than this.
CHECKSUM_TOLERANCE = 1e-4


def ns(value):
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}" if numerator is not None and denominator else "–"


def shape(model):
    kind, size = model.split("_")
    inputs, hidden = size.split("x")
    return f"{kind.upper()} {inputs}→{hidden}"


def main(path):
    times = defaultdict(list)  # (model, column) -> ns per step, one per repeat
    checksums = defaultdict(dict)  # model -> column -> checksum
    paths = defaultdict(set)  # column -> SIMD paths / backends seen
    models = []
    with open(path) as f:
        for line in f:
            # A reduced-precision line ends with the precision after the SIMD path.
            _, column, _, model, nanoseconds, checksum, simd, *_ = line.split()
            times[model, column].append(float(nanoseconds))
            checksums[model][column] = float(checksum)
            paths[column].add(simd)
            if model not in models:
                models.append(model)

    columns = [c for c in RTNEURAL + DOTNET if any((m, c) in times for m in models)]
    median = {key: statistics.median(values) for key, values in times.items()}
    rtneural = [c for c in RTNEURAL if c in columns]
    dotnet = [c for c in DOTNET if c in columns]
    print("| shape | best RTNeural (build) | " + " | ".join(HEADINGS[c] for c in columns)
          + " | generated ÷ best RTNeural | generated ÷ interpreter |")
    print("|---|" + "--:|" * (len(columns) + 3))
    for model in models:
        built = [(median[model, c], c) for c in rtneural if (model, c) in median]
        best_rtneural, best_build = min(built) if built else (None, None)
        generated = [median[model, c] for c in ("generated-jit", "generated-aot-native") if (model, c) in median]
        best_generated = min(generated) if generated else None
        cells = [ns(median.get((model, c))) for c in columns]
        build = f" ({best_build.removeprefix('rtneural-').replace('-', ', ')})" if best_build else ""
        print(f"| {shape(model)} | {ns(best_rtneural)}{build} | " + " | ".join(cells)
              + f" | {ratio(best_generated, best_rtneural)} | {ratio(best_generated, median.get((model, 'interpreter')))} |")

    print()
    print("Medians over repeats, ns per step of RNN(I→H) + Dense(H→1). generated = the better of generated JIT and")
    print("generated AOT native, one Step per sample (as RTNeural's forward); 'generated Run' calls Run on 64 samples")
    print("at a time (sequence mode for layers with 8+ inputs). SIMD paths and backends: "
          + "; ".join(f"{HEADINGS[c]}: {', '.join(sorted(paths[c]))}" for c in columns) + ".")
    batch_table(models, median, paths)
    precision_table(models, median, paths)
    print()
    print(f"Checksums (sum of the first 1000 outputs from zero state), largest relative difference from generated JIT:")
    failed = False
    for model in models:
        reference = checksums[model].get("generated-jit")
        if reference is None:
            continue
        # Reduced-precision models compute other numbers by design (their error is bounded by tests, README).
        worst = max(((abs(v - reference) / max(abs(reference), 1e-30), c) for c, v in checksums[model].items()
                     if not PRECISION.match(c)), default=(0, ""))
        failed |= worst[0] > CHECKSUM_TOLERANCE
        flag = "  ** DISAGREES **" if worst[0] > CHECKSUM_TOLERANCE else ""
        print(f"  {model}: {reference:.9g}, {worst[0]:.1e} ({worst[1]}){flag}")
    return 1 if failed else 0


BATCH = re.compile(r"^(generated|interpreter)-batch(\d+)")
PRECISION = re.compile(r"^generated-(jit|aot-native)-(float16|bfloat16|int8)$")


def precision_table(models, median, paths):
    """Reduced-precision weights: the better of JIT and AOT native per precision, against the best RTNeural build (float32)."""
    found = sorted({m.group(2) for (_, column) in median for m in [PRECISION.match(column)] if m},
                   key=["float16", "bfloat16", "int8"].index)
    if not found:
        return
    print()
    print("| shape | best RTNeural, float32 | generated float32 | " + " | ".join(f"generated {p}" for p in found)
          + " | " + " | ".join(f"{p} ÷ best RTNeural" for p in found) + " |")
    print("|---|" + "--:|" * (2 + 2 * len(found)))
    for model in models:
        built = [median[model, c] for c in RTNEURAL if (model, c) in median]
        best_rtneural = min(built) if built else None
        fp32 = [median[model, c] for c in ("generated-jit", "generated-aot-native") if (model, c) in median]
        best = {}
        for precision in found:
            times = [median[model, f"generated-{kind}-{precision}"] for kind in ("jit", "aot-native")
                     if (model, f"generated-{kind}-{precision}") in median]
            best[precision] = min(times) if times else None
        print(f"| {shape(model)} | {ns(best_rtneural)} | {ns(min(fp32) if fp32 else None)} | "
              + " | ".join(ns(best[p]) for p in found) + " | " + " | ".join(ratio(best[p], best_rtneural) for p in found) + " |")
    print()
    print("Medians over repeats, ns per step; each precision the better of its JIT and NativeAOT native runs. SIMD paths: "
          + "; ".join(f"{c}: {', '.join(sorted(paths[c]))}" for c in sorted(paths) if PRECISION.match(c)) + ".")


def batch_table(models, median, paths):
    """Many streams per call: ns per stream-step for each B, and generated B streams over one generated Step."""
    found = {(m.group(1), int(m.group(2)), column) for (_, column) in median for m in [BATCH.match(column)] if m}
    counts = sorted({count for _, count, _ in found})
    if not counts:
        return
    columns = [(kind, count, column) for kind in ("generated", "interpreter") for count in counts
               for k, c, column in sorted(found) if (k, c) == (kind, count)]
    print()
    print("| shape | " + " | ".join(f"{kind} B = {count}" for kind, count, _ in columns)
          + " | " + " | ".join(f"generated B = {count} ÷ one Step" for count in counts) + " |")
    print("|---|" + "--:|" * (len(columns) + len(counts)))
    for model in models:
        single = [median[model, c] for c in ("generated-jit", "generated-aot-native") if (model, c) in median]
        best_single = min(single) if single else None
        generated = {count: median.get((model, column)) for kind, count, column in columns if kind == "generated"}
        print(f"| {shape(model)} | " + " | ".join(ns(median.get((model, column))) for _, _, column in columns)
              + " | " + " | ".join(ratio(generated.get(count), best_single) for count in counts) + " |")
    print()
    print("Medians over repeats, ns per stream-step: one StepBatch of B streams divided by B (generated: NativeAOT native;")
    print("interpreter: StreamBatch, JIT); '÷ one Step' against the better of generated JIT and AOT native stepping one stream.")
    print("SIMD paths: " + "; ".join(f"{column}: {', '.join(sorted(paths[column]))}" for _, _, column in columns) + ".")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
