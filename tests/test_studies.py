"""The study functions of dialm.studies: the ω_a toy's pulls and the Feldman–Cousins coverage."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import poisson

from dialm import limits, studies
from dialm.scan import scan_grid, scan_toys, toy_seeds

E989 = dict(n0=1e10, tau_lab=64.4e-6, asymmetry=0.37, omega_a=1.439e6, phase=2.0)


def test_omega_a_toy_pulls_are_standard_normal():
    """120 seeded toys: every fit converges; the pulls of all five parameters have mean 0 and
    width 1 (within 3 σ of the estimates: 0.27 and 0.2) and |pull| <= 1 in 68.3 % of the toys
    (within 3 binomial σ = 13 %)."""
    n = 120
    toys = scan_toys(studies.omega_a_toy, n, seed=2025, fixed=dict(E989, omega_start=1.4395e6,
                                                                   tau_start=60e-6))
    assert toys.shape == (n, len(studies.PULL_NAMES))
    assert np.all(toys[:, -1] == 1.0)
    pulls = toys[:, :5]
    assert np.all(np.abs(pulls.mean(axis=0)) < 3 / math.sqrt(n))
    assert np.all(np.abs(pulls.std(axis=0) - 1) < 3 / math.sqrt(2 * n))
    inside = (np.abs(pulls) <= 1).mean(axis=0)
    p = math.erf(1 / math.sqrt(2))
    assert np.all(np.abs(inside - p) < 3 * math.sqrt(p * (1 - p) / n))


def test_omega_a_toy_is_its_seed_and_the_fit_of_the_chapter():
    from dialm import precession as P

    seed = toy_seeds(5, 3)
    r = studies.omega_a_toy(seed, **E989)
    assert np.array_equal(r, studies.omega_a_toy(seed, **E989))
    c, e = P.poisson_wiggle_histogram(1e10, 64.4e-6, 0.37, 1.439e6, 2.0, seed=seed)
    f = P.fit_wiggle(c, e, 1.439e6, 64.4e-6)
    assert r[3] == (f.omega_a - 1.439e6) / f.omega_a_err
    assert r[5] == f.relative_error
    assert -math.pi <= r[4] * f.phase_err <= math.pi


def _coverage_by_definition(mu, b, cl, n_max=80):
    iv = [limits.feldman_cousins(n, b, cl) for n in range(n_max)]
    return sum(poisson.pmf(n, mu + b) for n, (lo, hi) in enumerate(iv) if lo <= mu <= hi)


@pytest.mark.parametrize("mu, b, cl", [(0.0, 0.0, 0.9), (2.0, 3.0, 0.9), (5.5, 1.2, 0.95),
                                       (0.37, 0.8, 0.68)])
def test_fc_coverage_is_the_sum_over_the_belt(mu, b, cl):
    assert studies.fc_coverage(mu, b, cl) == pytest.approx(_coverage_by_definition(mu, b, cl),
                                                          rel=1e-13)


def test_fc_coverage_never_below_cl_and_broadcasts():
    mu = np.linspace(0.0, 6.0, 25)
    for b in (0.0, 1.0, 3.0):
        cov = studies.fc_coverage(mu, b)
        assert cov.shape == mu.shape and np.all(cov >= 0.9 - 1e-12)
    assert studies.fc_coverage(0.0, 0.0) == 1.0        # n = 0 is in the belt of μ = 0 with certainty
    grid = scan_grid(studies.fc_coverage, {"background": [0.5, 2.0], "mu": [0.1, 1.0, 3.0]})
    assert np.array_equal(grid, studies.fc_coverage([[0.1, 1.0, 3.0]], [[0.5], [2.0]]))
    tables = studies.fc_coverage(mu[::6], 3.0, convention="fc1998")
    assert np.all(tables >= studies.fc_coverage(mu[::6], 3.0) - 1e-15)   # longer intervals, more cover
