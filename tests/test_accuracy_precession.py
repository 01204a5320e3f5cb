"""Stated accuracy of dialm.precession against 40-digit mpmath (see tests/_accuracy.py).

The references are re-derived from the physics: the lab spectrum and its threshold integrals from
the Michel distribution boosted to γ → ∞ (quadrature over the rest-frame energy fraction x), the
threshold inversion by root finding, β from 1 − 1/γ² at 40 digits, the wiggle counts from the
closed-form cumulative at 40 digits (``_cdf_mp`` of tests/test_precession.py).  The generators are
statistical (``STATISTICAL``); the fit is tested on an Asimov histogram (exact expected counts)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from _accuracy import Case, check, logspace
from scipy import stats
from test_precession import _cdf_mp

from dialm import precession as P
from dialm.constants import C_LIGHT_M_S, E989_RADIUS_M, E_TESLA_GEV2, HBAR_GEV_S, M_MU

TAU, OMEGA, T_C = 64.4e-6, 1.439e6, 149.2e-9  # E989-like dilated lifetime, ω_a, cyclotron period


def _m(x):
    return mp.mpf(float(x))


# ------------------------------------------------------------------ references
def _eb(B):
    """e B in GeV² (the tesla conversion constant is an input, taken as given)."""
    return _m(E_TESLA_GEV2) * _m(B)


def ref_omega_a(a, B, m=M_MU):
    return _m(a) * _eb(B) / _m(m) / _m(HBAR_GEV_S)


def ref_omega_c(gamma, B, m=M_MU):
    return _eb(B) / (_m(gamma) * _m(m)) / _m(HBAR_GEV_S)


def ref_magic_gamma(a):
    # root of a − 1/(γ² − 1) = 0 above 1
    a = _m(a)
    return mp.findroot(lambda g: a * (g * g - 1) - 1, mp.sqrt(1 + 1 / a))


def ref_magic_momentum(a, m=M_MU):
    g = ref_magic_gamma(a)
    return _m(m) * mp.sqrt(g * g - 1)


def _beta(gamma):
    return mp.sqrt(1 - 1 / _m(gamma) ** 2)


def ref_period(gamma, radius_m=E989_RADIUS_M):
    return 2 * mp.pi * _m(radius_m) / (_beta(gamma) * _m(C_LIGHT_M_S))


def ref_emax(gamma, m=M_MU):
    # the forward positron of a muon decaying at rest with E* = m/2, boosted: γ (m/2)(1 + β)
    return _m(gamma) * _m(m) / 2 * (1 + _beta(gamma))


# γ → ∞ boost of the Michel distribution x²[(3 − 2x) + (2x − 1) cos θ] (normalised to 1 over x, cos θ):
# y = x(1 + cos θ)/2 and the δ-function over cos θ gives the Jacobian 2/x, cos θ = 2y/x − 1.
def _n(y):
    return mp.quad(lambda x: 2 * x * (3 - 2 * x), [_m(y), 1])


def _na(y):
    y = _m(y)
    return mp.quad(lambda x: 2 * x * (2 * x - 1) * (2 * y / x - 1), [y, 1])


def ref_density(y):
    return _n(y)


def ref_asymmetry(y):
    if y == 1.0:  # both integrals vanish: l'Hôpital, the ratio of the integrands at x = y = 1
        return mp.mpf(2 * 1 * (2 - 1) * (2 - 1)) / (2 * 1 * (3 - 2))
    return _na(y) / _n(y)


# Counting above y_t, Fubini (y_t ≤ y ≤ x ≤ 1) does the y integral of the density:
# F = ∫ 2x(3 − 2x)(x − y_t) dx and F·A = ∫ 2(2x − 1)(2y − x) dy dx = ∫ 2(2x − 1) y_t (x − y_t) dx.
def ref_fraction(yt):
    yt = _m(yt)
    return mp.quad(lambda x: 2 * x * (3 - 2 * x) * (x - yt), [yt, 1])


def ref_threshold_asymmetry(yt):
    yt = _m(yt)
    if yt == 1:  # 0/0: the ratio of the integrands' leading terms at x → 1 (both ∝ (x − y_t))
        return mp.mpf(2 * 1 * 1) / (2 * 1 * 1)
    return yt * mp.quad(lambda x: 2 * (2 * x - 1) * (x - yt), [yt, 1]) / ref_fraction(yt)


def ref_threshold_for(A):
    A = _m(A)
    if A == 0:
        return mp.mpf(0)
    if A == 1:
        return mp.mpf(1)
    # A(y_t) = y(1 + 2y)/(3 + y − y²) rises monotonically from 0 to 1 on [0, 1]; y ≈ 3A at small A
    f = lambda y: y * (1 + 2 * y) - A * (3 + y - y * y)  # noqa: E731
    lo, hi = mp.mpf(0), mp.mpf(1)
    if A < mp.mpf("1e-3"):
        lo, hi = 2 * A, 4 * A
    return mp.findroot(f, (lo, hi), solver="illinois")


def ref_omega_err(n, A, tau, w, small_asymmetry=False):
    n, A, tau, w = _m(n), _m(A), _m(tau), _m(w)
    if small_asymmetry:
        return mp.sqrt(2) / (A * w * tau * mp.sqrt(n))
    return 1 / (w * tau * mp.sqrt(n) * mp.sqrt(1 - mp.sqrt(1 - A * A)))


def ref_cdf(t, *pars):
    return _cdf_mp(0.0, t, *pars)


def ref_expected(edges, *pars):
    return [_cdf_mp(a, b, *pars) for a, b in zip(edges[:-1], edges[1:], strict=True)]


# ------------------------------------------------------------------ points
A_VALUES = [1e-12, 1e-6, 1e-3, 0.00116592, 0.1, 0.5, 1.0]
B_VALUES = [1e-6, 1.45, 1e3]
M_VALUES = [0.000511, float(M_MU), 1e6]
# γ from just above 1 (β → 0: 1 − 1/γ² cancels) to 1e9
GAMMAS = [1.0, 1.0 + 2.0**-52, 1.0 + 1e-12, 1.0 + 1e-8, 1.0 + 1e-4, 1.01, 1.5, 2.0, 29.3, 1e3,
          1e6, 1e9]
Y = [0.0, 1e-300, 1e-12, 1e-6, 0.1, 0.3, 0.42, 0.5, 0.55, 0.7, 0.9, 0.99, 1 - 1e-6, 1 - 1e-12,
     1 - 2.0**-53, 1.0]
Y_ZERO_A = (1 + math.sqrt(33)) / 16  # A(y) = 0 here
WIGGLES = [  # (n0, τ, A, ω, φ): E989, no wiggle, large |A| of either sign, fast ω, short τ
    (1e6, TAU, 0.37, OMEGA, 0.3), (1e9, TAU, 0.0, OMEGA, 0.3), (1e6, TAU, 0.9, OMEGA, -2.0),
    (1e6, TAU, -0.9, OMEGA, 1.0), (1.0, TAU, 0.37, 0.0, 0.3), (1e6, 2.2e-6, 0.37, 1e8, 1.0),
]
WINDOWS = [(0.0, 1e-12, 11), (0.0, 1e-6, 51), (30e-6, 650e-6, 4156), (600e-6, 700e-6, 671),
           (0.0, 1e-2, 31), (0.0, 1.0, 5)]


def _edges(lo, hi, n, every):
    e = np.linspace(lo, hi, n)
    idx = sorted(set(range(0, n - 1, every)) | {n - 2})
    # a subset of the bins (each one evaluated on its own edges) keeps the mpmath cost small
    return [np.array([e[i], e[i + 1]]) for i in idx]


# bins whose count underflows to the subnormal range (< 1e-290, e.g. ms after a 2 μs lifetime)
# are outside the stated range
EXPECTED_POINTS = [(edges, *w) for w in WIGGLES for lo, hi, n in WINDOWS
                   for edges in _edges(lo, hi, n, max(1, n // 25))
                   if w[0] * math.exp(-edges[1] / w[1]) > 1e-290]

CASES = [
    Case(P.anomalous_precession_frequency, ref_omega_a,
         [(a, B, m) for a in A_VALUES for B in B_VALUES for m in M_VALUES]),
    Case(P.cyclotron_frequency, ref_omega_c,
         [(g, B, m) for g in GAMMAS for B in B_VALUES for m in M_VALUES]),
    Case(P.magic_gamma, ref_magic_gamma, [(a,) for a in logspace(1e-12, 1e6, 37)]),
    Case(P.magic_momentum, ref_magic_momentum,
         [(a, m) for a in logspace(1e-12, 1e6, 19) for m in M_VALUES]),
    Case(P.cyclotron_period, ref_period,
         [(g, r) for g in GAMMAS[1:] for r in (1e-3, E989_RADIUS_M, 1e6)]),
    Case(P.positron_energy_max, ref_emax, [(g, m) for g in GAMMAS for m in M_VALUES]),
    Case(P.lab_number_density, ref_density, [(y,) for y in Y[:-1]]),  # n(1) = 0 exactly
    # A(y) changes sign at y = (1 + √33)/16: there the error is absolute, round-off of the O(1)
    # terms −8y² + y + 1, so it is measured relative to 1e-2 (A ranges over [−1/5, 1])
    Case(P.lab_asymmetry, ref_asymmetry,
         [(y,) for y in Y + [Y_ZERO_A, 0.4215, 0.421535]], floor=1e-2),
    Case(P.accepted_fraction, ref_fraction, [(y,) for y in Y]),
    Case(P.threshold_asymmetry, ref_threshold_asymmetry, [(y,) for y in Y[1:]]),
    Case(P.threshold_for_asymmetry, ref_threshold_for,
         [(a,) for a in [0.0, 1e-300, 1e-16, 1e-10, 1e-5, 0.01, 0.1, 0.3557, 0.5, 0.9, 1 - 1e-9,
                         1.0]]),
    Case(P.omega_a_relative_error, ref_omega_err,
         [(n, A, TAU, OMEGA) for n in (1.0, 1e11) for A in (1e-12, 1e-6, 1e-3, 0.37, 0.999,
                                                           1 - 1e-12, 1.0)]),
    Case(P.omega_a_relative_error, ref_omega_err,
         [(1e9, A, TAU, OMEGA) for A in (1e-12, 0.37, 1.0)], kwargs={"small_asymmetry": True},
         label="small_asymmetry"),
    Case(P.wiggle_cdf, ref_cdf, [(t, *w) for w in WIGGLES for t in logspace(1e-15, 1.0, 31)]),
    Case(P.wiggle_expected, ref_expected, EXPECTED_POINTS),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)


# ------------------------------------------------------------------ the generators (statistical)
def _wiggle_fraction(t, A=0.37, phase=0.8):
    """P(T ≤ t) of the five-parameter law (its total integral is 1 for n0 = 1)."""
    return P.wiggle_cdf(t, 1.0, TAU, A, OMEGA, phase)


def test_decay_times_follow_the_wiggle_law():
    """KS test of generate_decay_times against the exact cumulative (seeded): p > 0.01."""
    t = P.generate_decay_times(200_000, TAU, 0.37, OMEGA, 0.8, seed=21)
    assert stats.kstest(t, _wiggle_fraction).pvalue > 0.01
    # and on a window where the wiggle dominates the shape (first two periods, KS conditional)
    early = t[t < 4 * math.pi / OMEGA]
    norm = _wiggle_fraction(4 * math.pi / OMEGA)
    assert stats.kstest(early, lambda x: _wiggle_fraction(x) / norm).pvalue > 0.01


def _chi2_ok(counts, expect):
    chi2 = float(np.sum((counts - expect) ** 2 / expect))
    ndof = counts.size
    return chi2 < ndof + 5 * math.sqrt(2 * ndof), chi2


def test_filled_histogram_chi2_against_bin_integrals():
    """fill_wiggle_histogram (seeded): Pearson χ² against n × the exact bin probabilities is
    below ndof + 5√(2 ndof) (400 bins of 1 μs)."""
    n = 1_000_000
    counts, edges = P.fill_wiggle_histogram(n, TAU, 0.37, OMEGA, 0.8, t_max=400e-6,
                                            bin_width=1e-6, seed=22)
    expect = n * P.wiggle_expected(edges, 1.0, TAU, 0.37, OMEGA, 0.8)
    ok, chi2 = _chi2_ok(counts, expect)
    assert ok, chi2


def test_poisson_histogram_chi2_against_bin_integrals():
    """poisson_wiggle_histogram (seeded): χ² against wiggle_expected below ndof + 5√(2 ndof),
    and the dispersion of the standardised residuals equals 1 (Poisson) within 5 %."""
    counts, edges = P.poisson_wiggle_histogram(1e8, TAU, 0.37, OMEGA, 0.8, t_max=650e-6,
                                               bin_width=T_C, seed=23)
    expect = P.wiggle_expected(edges, 1e8, TAU, 0.37, OMEGA, 0.8)
    keep = expect > 50.0  # the Gaussian regime of χ²
    ok, chi2 = _chi2_ok(counts[keep], expect[keep])
    assert ok, chi2
    z = (counts[keep] - expect[keep]) / np.sqrt(expect[keep])
    assert abs(z.std() - 1.0) < 0.05 and abs(z.mean()) < 5 / math.sqrt(z.size)


STATISTICAL = {
    P.generate_decays:
        "tests/test_precession.py::test_decay_chain_reproduces_lab_spectrum_asymmetry_and_fraction",
    P.generate_decay_times: "tests/test_accuracy_precession.py::test_decay_times_follow_the_wiggle_law",
    P.fill_wiggle_histogram:
        "tests/test_accuracy_precession.py::test_filled_histogram_chi2_against_bin_integrals",
    P.poisson_wiggle_histogram:
        "tests/test_accuracy_precession.py::test_poisson_histogram_chi2_against_bin_integrals",
    P.fit_wiggle: "tests/test_accuracy_precession.py::test_fit_on_asimov_histogram_returns_truth",
}


# ------------------------------------------------------------------ the fit
@pytest.mark.parametrize("n0, A, phase", [(1e6, 0.37, 0.5), (1e8, 0.37, 0.5), (1e10, 0.2, -2.5),
                                          (1e8, 0.9, 3.0)])
def test_fit_on_asimov_histogram_returns_truth(n0, A, phase):
    """Fitting the exact expected counts (Asimov histogram, started 2e-4 off in ω_a and 3 % off in
    τ) returns every true parameter to within 0.01 of its error: the deviance minimum is at the
    truth, and Migrad stops within its EDM tolerance of it (measured worst 4.3e-3 σ)."""
    edges = np.arange(4692) * T_C
    mu = P.wiggle_expected(edges, n0, TAU, A, OMEGA, phase)
    f = P.fit_wiggle(mu, edges, OMEGA * (1 + 2e-4), TAU * 0.97)
    assert f.valid
    for value, err, truth in ((f.n0, f.n0_err, n0), (f.tau, f.tau_err, TAU),
                              (f.asymmetry, f.asymmetry_err, A),
                              (f.omega_a, f.omega_a_err, OMEGA), (f.phase, f.phase_err, phase)):
        assert abs(value - truth) < 1e-2 * err
    assert f.deviance < 1e-3  # zero at the truth
