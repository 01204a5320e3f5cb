"""Stated accuracy of dialm.studies (see tests/_accuracy.py).

``fc_coverage`` against the same coverage sum Σ_n P(n | μ + b) [μ ∈ I(n)] in 40-digit mpmath,
over the same Feldman–Cousins intervals (``feldman_cousins``, through the study's cache), summed
until the terms are below 1e-40; the intervals' own accuracy has its rows in
test_accuracy_limits.py.  ``omega_a_toy`` is statistical: tests/test_studies.py checks its pulls
over a seeded ensemble.
"""

from __future__ import annotations

import mpmath as mp
import pytest
from _accuracy import Case, check

from dialm import studies


def ref_fc_coverage(mu, b, cl=0.9, convention="plain"):
    lam = mp.mpf(mu) + mp.mpf(b)
    total, n, term = mp.mpf(0), 0, mp.exp(-lam)
    while True:
        lo, hi = studies._interval(n, b, cl, convention)    # feldman_cousins, cached
        if lo <= mu <= hi:
            total += term
        n += 1
        term = term * lam / n
        if n > lam and term < mp.mpf("1e-40"):
            return total


POINTS = [(mu, b) for mu in (0.0, 0.3, 1.0, 2.5, 7.0, 12.0) for b in (0.0, 0.5, 3.0, 12.0)]

CASES = [
    Case(studies.fc_coverage, ref_fc_coverage, POINTS, label="90% CL"),
    Case(studies.fc_coverage, ref_fc_coverage, [(0.8, 1.0), (4.0, 2.0), (12.0, 6.0)],
         kwargs={"cl": 0.68}, label="68% CL"),
    Case(studies.fc_coverage, ref_fc_coverage, [(0.5, 2.5)],
         kwargs={"convention": "fc1998"}, label="fc1998"),
]

STATISTICAL = {
    studies.omega_a_toy: "tests/test_studies.py::test_omega_a_toy_pulls_are_standard_normal",
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
