"""bfloat16 rounding reference for WeightQuantizer (tests/Fixtures/precision/bfloat16.json).

Run with /usr/bin/python3 (torch 1.13). Writes float32 bit patterns chosen to hit every rounding case of
float32 -> bfloat16 (exact values, ties to even with an even and an odd kept half, one below and one above
each tie, carries into the exponent, subnormals, the smallest and largest finite magnitudes torch keeps
finite) plus seeded random patterns, and torch's `.to(torch.bfloat16)` bits for each. Values from
0x7F7F8000 up in magnitude are left out: torch rounds them to infinity, WeightQuantizer keeps them finite
(tested on its own). NaN and infinity are left out (a descriptor holds finite weights).
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "Fixtures", "precision", "bfloat16.json")


def tricky():
    bits = []
    for upper in [0x0000, 0x0001, 0x0002, 0x007F, 0x0080, 0x0081, 0x3F80, 0x3F81, 0x3FFF, 0x4000, 0x7F7E, 0x7F7F]:
        for low in [0x0000, 0x0001, 0x7FFF, 0x8000, 0x8001, 0xFFFF]:
            bits.append((upper << 16) | low)
    rng = np.random.default_rng(12)
    bits += [int(b) for b in rng.integers(0, 0x7F7F8000, size=4000, dtype=np.uint64)]
    # Random ties: low half exactly 0x8000 (ties to even) over random upper halves.
    bits += [(int(u) << 16) | 0x8000 for u in rng.integers(0, 0x7F7F, size=500)]
    bits = [b for b in bits if (b & 0x7FFFFFFF) < 0x7F7F8000]
    bits += [b | 0x80000000 for b in bits]  # both signs
    return sorted(set(bits))


def main():
    bits = tricky()
    values = torch.from_numpy(np.array(bits, dtype=np.uint32).view(np.float32).copy())
    rounded = values.to(torch.bfloat16).view(torch.int16).numpy().astype(np.uint16)
    data = {
        "source": f"torch {torch.__version__}: torch.tensor(float32).to(torch.bfloat16), tools/make_bfloat16_fixture.py",
        "float32_bits": [int(b) for b in bits],
        "bfloat16_bits": [int(b) for b in rounded],
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, indent=0)
        f.write("\n")
    print(f"wrote {len(bits)} values to {OUT}")


if __name__ == "__main__":
    main()
