"""Study functions for the tests of dialm.scan (tests/test_scan*.py).

They sit in a module of their own so that Dask's workers import them by name, as they would a
study function of dialm: the workers are spawned with the test session's sys.path.
"""

from __future__ import annotations

import math
import os
import signal
import time
from pathlib import Path

import numpy as np


def smooth(x, y, delay=0.0):
    """A deterministic function of two parameters with transcendental arithmetic (bit-for-bit test);
    ``delay`` (s) makes each call last long enough for the scan to be caught mid-way."""
    if delay:
        time.sleep(delay)
    return math.exp(-x * y) * math.sin(3.0 * x + y) + math.log1p(x * x), math.hypot(x, y)


def die_once(x, y, marker, delay=0.0):
    """``smooth`` — except that the first call at x = 0.5, y = 2 (checked with a marker file)
    kills the process running it with SIGKILL: a worker that dies mid-scan."""
    if x == 0.5 and y == 2.0 and not Path(marker).exists():
        Path(marker).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return smooth(x, y, delay)


def fails_at(x, y, bad_x=0.25):
    """``smooth``, but raises ValueError at x == bad_x (a point the physics does not allow)."""
    if x == bad_x:
        raise ValueError(f"fails_at: x = {x} is outside the allowed range x != {bad_x}")
    return smooth(x, y)


def draws(seed, n=4):
    """A toy: ``n`` standard-normal draws from numpy's Generator seeded with ``seed``."""
    return np.random.default_rng(seed).standard_normal(n)


def not_numbers(x):
    """Returns a string: a study function that forgot to return numbers."""
    return f"x = {x}"


def draws_unless(seed, bad_seed, n=4):
    """``draws``, but raises RuntimeError for the toy whose seed is ``bad_seed``."""
    if seed == bad_seed:
        raise RuntimeError(f"the fit did not converge for seed {seed}")
    return draws(seed, n)


def ragged(seed, short_seed):
    """Two numbers for the toy seeded ``short_seed``, three for every other: inconsistent shapes."""
    return np.zeros(2 if seed == short_seed else 3)
