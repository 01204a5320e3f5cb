"""Deterministic: every random generator of dialm is seeded, so a chapter prints the same numbers
on every run.  numba's generator is separate from numpy's and is seeded inside each kernel; a
second call with the same seed must reproduce the first bit for bit, another seed must not."""

from __future__ import annotations

import numpy as np
import pytest

from dialm.kaon import mc_m2miss_histogram
from dialm.limits import bifurcation_toy
from dialm.precession import (
    fill_wiggle_histogram,
    generate_decay_times,
    generate_decays,
    poisson_wiggle_histogram,
)

GENERATORS = {
    "mc_m2miss_histogram": lambda seed: mc_m2miss_histogram(0.1, 1e-3, [0.02, 0.08, 0.14], 5000,
                                                            seed=seed),
    "bifurcation_toy": lambda seed: bifurcation_toy(10**5, 0.01, 0.02, 0.1, n_toys=50, seed=seed),
    "generate_decays": lambda seed: generate_decays(2000, 29.3, 2.1969811e-6, 1.439e6, seed=seed),
    "generate_decay_times": lambda seed: generate_decay_times(2000, 64.4e-6, 0.37, 1.439e6,
                                                              seed=seed),
    "fill_wiggle_histogram": lambda seed: fill_wiggle_histogram(5000, 64.4e-6, 0.37, 1.439e6,
                                                                seed=seed),
    "poisson_wiggle_histogram": lambda seed: poisson_wiggle_histogram(5e4, 64.4e-6, 0.37, 1.439e6,
                                                                      seed=seed),
}


def flat(result):
    parts = result if isinstance(result, tuple) else (result,)
    out = []
    for p in parts:
        if hasattr(p, "_asdict"):
            p = tuple(p)
        out.append(np.concatenate([np.ravel(np.asarray(x, dtype=float)) for x in
                                   (p if isinstance(p, tuple) else (p,))]))
    return np.concatenate(out)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_same_seed_same_numbers_other_seed_other_numbers(name):
    gen = GENERATORS[name]
    a, b, c = flat(gen(7)), flat(gen(7)), flat(gen(8))
    assert np.array_equal(a, b), f"{name}: two runs with seed 7 differ"
    assert not np.array_equal(a, c), f"{name}: seeds 7 and 8 give the same numbers"
