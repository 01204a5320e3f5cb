"""Study functions for :mod:`dialm.scan`: one point of a toy ensemble or of a coverage map.

They live in an importable module so that Dask pickles them by reference and every worker
imports the same code (and loads the same numba cache); a function written in a notebook cell
would be pickled by value, and its numba kernels could not use their on-disk cache.

* :func:`omega_a_toy` — one pseudo-experiment of the E989 ω_a analysis (``book/g2/measuring.md``):
  a Poisson wiggle histogram (``precession.poisson_wiggle_histogram``), the five-parameter fit
  (``precession.fit_wiggle``) and the pulls (fit − truth)/σ of its parameters.  Over a seeded
  ensemble (``scan.scan_toys``) the pulls are standard normal and |pull| ≤ 1 holds in 68.3 % of
  the toys if the fit's errors are honest (its coverage).
* :func:`fc_coverage` — the exact coverage of the Feldman–Cousins interval
  (``limits.feldman_cousins``) at a true signal mean μ and a known background b,
  Σ_n P(n | μ + b) [μ ∈ I(n)], for a map over (μ, b) with ``scan.scan_grid``.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy.stats import poisson

from dialm import limits, precession
from dialm._validate import choice, real, rng_seed, scalar_or_array

__all__ = ["omega_a_toy", "fc_coverage", "PULL_NAMES"]

#: The columns of :func:`omega_a_toy`'s result: five pulls, then σ(ω_a)/ω_a and Migrad's verdict.
PULL_NAMES = ("n0", "tau", "asymmetry", "omega_a", "phase", "relative_error", "valid")

#: Probability left out of the coverage sum (the Poisson tail above the last n summed).
_TAIL = 1e-15


def omega_a_toy(seed, n0, tau_lab, asymmetry, omega_a, phase=0.0, omega_start=None,
                tau_start=None, bin_width=149.2e-9, t_max=700e-6, t_start=30e-6, t_stop=650e-6):
    """One toy E989 experiment: a Poisson wiggle histogram, its five-parameter fit, the pulls.

    The histogram: bins of ``bin_width`` (s) on [0, ``t_max``], counts Poisson around the bin
    integrals of (N₀/τ)e^{−t/τ}[1 + A cos(ω_a t + φ)] with N₀ = ``n0`` (positrons per lifetime at
    t = 0), τ = ``tau_lab`` (s), A = ``asymmetry``, ω_a = ``omega_a`` (rad/s), φ = ``phase``
    (rad), drawn with ``seed`` (0 <= seed < 2**32).  The fit: ``precession.fit_wiggle`` on
    [``t_start``, ``t_stop``] (s), started at ``omega_start`` (rad/s; default the truth — pass a
    "blinded" value to test the fit's reach) and ``tau_start`` (s; default the truth).
    Returns a float64 array in the order of ``PULL_NAMES``: the pulls (fit − truth)/σ of N₀, τ,
    A, ω_a and φ (φ's difference wrapped into (−π, π]), then σ(ω_a)/ω_a and 1.0 if Migrad
    converged (else 0.0).  Scalars only.
    Accuracy: statistical — over a seeded ensemble the ω_a pulls have mean 0 and width 1 and
    |pull| <= 1 in 68.3 % of the toys (tests/test_studies.py).

    >>> r = omega_a_toy(7, 1e9, 64.4e-6, 0.37, 1.439e6, phase=0.5)
    >>> [name for name, x in zip(PULL_NAMES, r) if not math.isfinite(x)]
    []
    >>> bool(r[-1]), bool(abs(r[3]) < 5)
    (True, True)
    """
    caller = "omega_a_toy"
    seed = rng_seed(caller, "seed", seed)
    n0 = real(caller, "n0", n0, 0.0, 1e15, high_open=False, scalar=True)
    tau = real(caller, "tau_lab", tau_lab, 0.0, 1.0, high_open=False, scalar=True, unit="s")
    A = real(caller, "asymmetry", asymmetry, 0.0, 1.0, high_open=False, scalar=True)
    omega = real(caller, "omega_a", omega_a, 0.0, 1e12, high_open=False, scalar=True,
                 unit="rad/s")
    phase = real(caller, "phase", phase, scalar=True, unit="rad")
    w0 = omega if omega_start is None else real(caller, "omega_start", omega_start, 0.0, 1e12,
                                                high_open=False, scalar=True, unit="rad/s")
    tau0 = tau if tau_start is None else real(caller, "tau_start", tau_start, 0.0, 1.0,
                                              high_open=False, scalar=True, unit="s")
    counts, edges = precession.poisson_wiggle_histogram(n0, tau, A, omega, phase, t_max=t_max,
                                                        bin_width=bin_width, seed=seed)
    fit = precession.fit_wiggle(counts, edges, w0, tau0, t_start=t_start, t_stop=t_stop)
    dphi = math.remainder(fit.phase - phase, 2.0 * math.pi)
    return np.array([(fit.n0 - n0) / fit.n0_err, (fit.tau - tau) / fit.tau_err,
                     (fit.asymmetry - A) / fit.asymmetry_err,
                     (fit.omega_a - omega) / fit.omega_a_err, dphi / fit.phase_err,
                     fit.relative_error, float(fit.valid)])


@functools.lru_cache(maxsize=1 << 16)
def _interval(n, b, cl, convention):
    """The FC interval for one count, cached per process: a coverage map at fixed b and many μ
    (or a worker's chunk of it) builds each interval once."""
    return limits.feldman_cousins(n, b, cl, convention=convention)


def _coverage_one(mu, b, cl, convention):
    lam = mu + b
    n_hi = int(poisson.isf(_TAIL, lam)) + 2 if lam > 0 else 1
    n = np.arange(n_hi)
    inside = np.array([lo <= mu <= hi for lo, hi in (_interval(int(k), b, cl, convention)
                                                     for k in n)])
    return float(np.sum(poisson.pmf(n, lam)[inside]))


def fc_coverage(mu, background, cl=0.9, convention="plain"):
    """Exact coverage of the Feldman–Cousins interval at true signal ``mu`` and background b.

    C(μ, b) = Σ_n P(n | μ + b) [μ ∈ I(n; b, CL)], with I the interval of
    ``limits.feldman_cousins(n, b, cl, convention=convention)`` (Feldman & Cousins, PRD 57 (1998)
    3873: a Neyman construction, so C ≥ CL for every μ up to the belt's discreteness), summed
    over n until the Poisson tail left out is below 1e-15.  ``mu`` >= 0 and ``background`` >= 0
    (events) broadcast; ``cl`` in (0, 1); ``convention`` "plain" or "fc1998".  Intervals are
    cached per (n, b, CL, convention) in the process, so scan μ fastest (the last grid axis).
    Accuracy: ≤ 1e-12 relative for 0 ≤ μ ≤ 12, 0 ≤ b ≤ 12 (vs the same sum over the same
    intervals at 40 digits); the intervals' own accuracy is that of ``feldman_cousins``.

    >>> round(fc_coverage(2.0, 3.0), 4)
    0.9277
    """
    caller = "fc_coverage"
    mu = real(caller, "mu", mu, 0.0, low_open=False, unit="events")
    b = real(caller, "background", background, 0.0, low_open=False, unit="events")
    cl = real(caller, "cl", cl, 0.0, 1.0, scalar=True)
    choice(caller, "convention", convention, limits.CONVENTIONS)
    mu_b, b_b = np.broadcast_arrays(mu, b)
    out = np.array([_coverage_one(float(m), float(bb), cl, convention)
                    for m, bb in zip(mu_b.ravel(), b_b.ravel(), strict=True)]).reshape(mu_b.shape)
    return scalar_or_array(out)
