"""Golden fixtures for the generator's descriptor-v2 code shapes (tests/Fixtures/golden/v2_shape_*).

tools/fixtures_v2.py covers each v2 feature; these add the code shapes the generator picks by size, with
the features inside them: sequence mode (recurrent layers with 8+ inputs compute their input projections
for a chunk of steps ahead of the recurrence) and layers whose weights outgrow L1 (they alternate the
direction they walk their weights). Same float64 numpy equations (fixtures_v2.reference_model), same
inputs and file format. Run with /usr/bin/python3 (numpy, torch) from the repository root:
    /usr/bin/python3 tools/make_generator_v2_fixtures.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures_v2 import (CORNERS, KERAS3_HARD_SIGMOID, ONNX_HARD_SIGMOID, STEPS, reference_model,  # noqa: E402
                         save, seeded_inputs, stack)

FIXTURES = {
    # Every layer forward with 8+ inputs: each takes sequence mode's projection path in Run, with its
    # v2 features in the recurrence (peepholes, projection, clip, hard sigmoid, reset before, initial states).
    "v2_shape_seqmode_i9": (9, [
        ("lstm", 20, dict(proj_size=11, peephole=True, clip=2.0, initial_state=True, scale=2.0, **ONNX_HARD_SIGMOID)),
        ("gru", 18, dict(reset_after=False, clip=1.5, initial_state=True, scale=2.0, **KERAS3_HARD_SIGMOID)),
        ("rnn", 9, dict(nonlinearity="relu", clip=1.0, initial_state=True)),
        ("dense", 2, "linear")], 2, True),
    # Weights past L1 (GRU 12->72 of the other variant, LSTM 72->48 with peepholes and projection).
    "v2_shape_streaming_i12": (12, [
        ("gru", 72, dict(reset_after=False, clip=3.0, initial_state=True, scale=1.5, **ONNX_HARD_SIGMOID)),
        ("lstm", 48, dict(proj_size=20, peephole=True, initial_state=True)),
        ("dense", 1, "linear")], 1, False),
    # Whole sequence with wide rows: a streaming bidirectional LSTM, a reverse GRU over its 80 values, a head.
    "v2_shape_bidirectional_i8": (8, [
        ("lstm", 40, dict(direction="bidirectional", peephole=True, clip=2.5, initial_state=True)),
        ("gru", 16, dict(direction="reverse", reset_after=False, initial_state=True)),
        ("dense", 3, "tanh")], 0, False),
}


def main():
    seed = 3000
    for name, (input_size, specs, skip, normalised) in FIXTURES.items():
        seed += 1
        rng = np.random.default_rng(seed)
        model = {"input_size": input_size, "layers": stack(rng, input_size, specs), "skip": skip, "normalised": normalised}
        inputs = seeded_inputs(seed + 500, model)
        for key in CORNERS:
            CORNERS[key] = 0
        expected = reference_model(model, inputs)
        save(name, model, inputs, expected, f"golden fixture (format v2, generator code shapes), float64 numpy equations, seed {seed}")
        print(f"{name}: {input_size} -> {expected.shape[1]}, {STEPS} steps (numpy), {dict(CORNERS)}")


if __name__ == "__main__":
    main()
