"""Stated accuracy of dialm.limits against 40-digit mpmath (see tests/_accuracy.py).

References, re-derived from the definitions:

* the classical limit: the root in μ of Q(n + 1, μ + b) = 1 − CL (mpmath's regularised upper
  incomplete gamma), averaged over the truncated Gaussian by mp.quad when σ_b > 0;
* Feldman–Cousins (known background): the ordering-principle belt at 40 digits — every row
  P(n | μ + b) and R(n) = P(n | μ + b)/P(n | max(n, b)) in mpmath, n sorted by decreasing R (ties:
  smaller n first) and summed until the probability reaches CL.  The interval for n₀ is
  [inf, sup] of the μ whose acceptance contains n₀: a float64 scan at step 1e-3 (five times finer
  than the implementation's 0.005) only locates the transitions; 40-digit bisection finds them;
* the bifurcation cells: p_A, p_B, p_C, p_D each as its own 1-d mp.quad (no differences);
* two-body phase space with Källén's λ(M², m₁², m₂²) = a² + b² + c² − 2ab − 2bc − 2ca.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from _accuracy import Case, check
from scipy import special, stats

from dialm import constants as C
from dialm import limits as L


def _m(x):
    return mp.mpf(float(x))


# ------------------------------------------------------------------ sensitivity and classical limit
def ref_ses(n, a):
    return 1 / (_m(n) * _m(a))


def ref_poisson_upper(n, b=0.0, cl=0.9, s=0.0):
    n, b, cl, s = int(n), _m(b), _m(cl), _m(s)
    if s == 0:
        def f(mu):
            return mp.gammainc(n + 1, mu + b, mp.inf, regularized=True) - (1 - cl)
    else:
        def g(x):
            return mp.exp(-((x - b) / s) ** 2 / 2)
        lo, hi = max(mp.mpf(0), b - 15 * s), b + 15 * s
        pts = [lo, b, hi] if lo < b else [lo, hi]
        norm = mp.quad(g, pts)

        def q(lam):  # P(N <= n | λ); a total mean λ <= 0 gives no events
            return mp.gammainc(n + 1, lam, mp.inf, regularized=True) if lam > 0 else mp.mpf(1)

        def f(mu):
            cut = sorted({*pts, *([-mu] if pts[0] < -mu < pts[-1] else [])})  # the kink of q
            return mp.quad(lambda x: g(x) * q(mu + x), cut) / norm - (1 - cl)
    # start: the b = 0 limit from the χ² quantile (float), shifted; findroot polishes at 40 digits
    x0 = mp.mpf(float(special.gammainccinv(n + 1, 1 - float(cl)))) - b
    return mp.findroot(f, x0)


# ------------------------------------------------------------------ Feldman–Cousins at 40 digits
def _accepted_float(mus, b, cl):
    """[n1, n2] for each μ (float64, full sort by R): only to bracket the transitions."""
    mus = np.asarray(mus, dtype=float)
    lam = (mus + b)[:, None]
    top = float(mus.max()) + b
    n = np.arange(0, int(top + 12 * math.sqrt(top + 1) + 30) + 1)[None, :]
    lb = np.maximum(n, b).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = np.where(lam > 0, n * np.log(lam) - lam - special.gammaln(n + 1.0),
                        np.where(n == 0, 0.0, -np.inf))
        logr = np.where(lb > 0, n * np.log(lam / np.where(lb > 0, lb, 1.0)) - lam + lb, -lam)
    logr = np.where(np.isnan(logr), -np.inf, logr)
    order = np.argsort(-logr, axis=1, kind="stable")
    cs = np.cumsum(np.exp(np.take_along_axis(logp, order, axis=1)), axis=1)
    k = np.argmax(cs >= cl, axis=1)
    taken = np.where(np.arange(n.size)[None, :] <= k[:, None],
                     np.take_along_axis(np.broadcast_to(n, order.shape), order, axis=1), -1)
    return np.where(taken >= 0, taken, 10**9).min(axis=1), taken.max(axis=1)


def accepted_mp(mu, b, cl):
    """40-digit acceptance interval (n1, n2) of the row μ (FC ordering, full sort).

    Every n from 0 is ranked: below b, R = ((μ + b)/b)ⁿ e^{−μ} ≥ e^{−μ} stays large however small
    P(n) is, so at small μ and large b the accepted set reaches n = 0.  Above λ + 6√λ + 10 the
    R are the smallest of all (R falls like a Gaussian there) and would be summed only after the
    CL is reached, so cutting them changes nothing."""
    mu, b, cl = mp.mpf(mu), mp.mpf(b), mp.mpf(cl)
    lam = mu + b
    w = 6 * math.sqrt(float(lam) + 1.0) + 10
    rows = []
    p = mp.exp(-lam)                             # P(0 | λ)
    r = mp.exp(-mu) if b > 0 else mp.exp(-lam)   # R(0): μ_best(0) = 0
    for n in range(0, int(float(lam) + w) + 1):
        if n > 0:
            p *= lam / n
            # R = (λ/b)ⁿ e^{b − λ} while n <= b (μ_best = 0), (λ/n)ⁿ e^{n − λ} above
            r = r * lam / b if n <= b else mp.exp(n * mp.log(lam / n) + n - lam)
        rows.append((-r, n, p))
    rows.sort(key=lambda t: (t[0], t[1]))
    total, n1, n2 = mp.mpf(0), 10**9, -1
    for _, n, p in rows:
        total += p
        n1, n2 = min(n1, n), max(n2, n)
        if total >= cl:
            break
    return n1, n2


def _accepts_mp(n0, mu, b, cl):
    n1, n2 = accepted_mp(mu, b, cl)
    return n1 <= n0 <= n2


def _bisect(n0, b, cl, inside, outside):
    inside, outside = mp.mpf(inside), mp.mpf(outside)
    assert _accepts_mp(n0, inside, b, cl) and not _accepts_mp(n0, outside, b, cl)
    while abs(inside - outside) > mp.mpf(10) ** -22 * max(1, abs(inside)):
        mid = (inside + outside) / 2
        if _accepts_mp(n0, mid, b, cl):
            inside = mid
        else:
            outside = mid
    return inside


def ref_fc_interval(n0, b=0.0, cl=0.9, h=1e-3):
    """[inf, sup] of the μ ≥ 0 whose 40-digit acceptance contains n0 (known background)."""
    b, cl = float(b), float(cl)
    mus, inside, start = [], [], 0.0
    while True:  # scan up in blocks of 1000 steps until n1(μ) has left n0 behind
        block = start + h * np.arange(1000)
        n1, n2 = _accepted_float(block, b, cl)
        mus.append(block)
        inside.append((n1 <= n0) & (n0 <= n2))
        if n1[-1] > n0 + 3 and not inside[-1].any() and any(a.any() for a in inside):
            break
        start += 1000 * h
    mus, inside = np.concatenate(mus), np.concatenate(inside)
    idx = np.flatnonzero(inside)
    i_lo, i_hi = idx[0], idx[-1]
    if i_lo == 0 and _accepts_mp(n0, 0, b, cl):
        lo = mp.mpf(0)
    else:
        lo = _bisect(n0, b, cl, mus[i_lo], mus[i_lo - 1])
    return lo, _bisect(n0, b, cl, mus[i_hi], mus[i_hi + 1])


def ref_fc_belt(b, cl=0.9, mu_max=10.0, step=0.01):
    mus = [mp.mpf(i) * _m(step) for i in range(int(round(float(mu_max) / float(step))) + 1)]
    rows = [accepted_mp(mu, b, cl) for mu in mus]
    return mus, [r[0] for r in rows], [r[1] for r in rows]


# ------------------------------------------------------------------ bifurcation, LFV
def _c(p):
    """Φ⁻¹(1 − p) at 40 digits."""
    return mp.sqrt(2) * mp.erfinv(1 - 2 * _m(p))


def ref_cells(p1, p2, rho):
    c1, c2, rho = _c(p1), _c(p2), _m(rho)
    s = mp.sqrt(1 - rho * rho)

    def phi(x):
        return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)

    def Phi(x):
        return mp.ncdf(x)

    def Q(x):  # the upper tail without 1 − Φ
        return mp.ncdf(-x)

    # P(x1 ≷ c1, x2 ≷ c2): x2 | x1 ~ N(ρ x1, 1 − ρ²).  The integrands can be spikes at x = c1
    # (strong anticorrelation): subintervals of geometrically growing width from c1 resolve them
    d = [mp.mpf(2) ** j - mp.mpf(2) ** -10 for j in range(-10, 4, 2)]
    up = [c1 + t for t in d] + [mp.inf]
    down = [-mp.inf] + [c1 - t for t in reversed(d)]
    pa = mp.quad(lambda x: phi(x) * Q((c2 - rho * x) / s), up)
    pb = mp.quad(lambda x: phi(x) * Phi((c2 - rho * x) / s), up)
    pc = mp.quad(lambda x: phi(x) * Q((c2 - rho * x) / s), down)
    pd = mp.quad(lambda x: phi(x) * Phi((c2 - rho * x) / s), down)
    return pa, pb, pc, pd


def _kallen(a, b, c):
    return a * a + b * b + c * c - 2 * a * b - 2 * b * c - 2 * c * a


def ref_two_body(M, m1, m2):
    M, m1, m2 = _m(M), _m(m1), _m(m2)
    p = mp.sqrt(_kallen(M**2, m1**2, m2**2)) / (2 * M)
    h = M**2 * (m1**2 + m2**2) - (m1**2 - m2**2) ** 2
    return p * h / M**2


def ref_rate_factor(mode):
    vus2 = _m(C.V_US) ** 2
    if mode == "KL->mu e":
        phi = (ref_two_body(C.M_K0, C.M_MU, C.M_E) / ref_two_body(C.M_KPLUS, C.M_MU, 0.0))
        return _m(C.BR_KPLUS_MUNU) * _m(C.TAU_KL_S) / _m(C.TAU_KPLUS_S) * phi / vus2
    if mode == "K+->pi+ mu+ e-":
        return 2 * _m(C.BR_KPLUS_PI0MUNU) / vus2
    return _m(C.BR_KL_PIMUNU) / 2 / vus2


def ref_mass_scale(mode, br, g=1.0):
    return _m(C.M_W) * _m(g) * mp.root(ref_rate_factor(mode) / _m(br), 4)


# ------------------------------------------------------------------ points
_NS, _CLS = (0, 1, 2, 5, 10, 50, 1000, 10**5), (0.5, 0.68, 0.9, 0.95, 0.99, 1 - 1e-6)
PUL_NO_B = [(n, 0.0, cl) for n in _NS for cl in _CLS]
# with a background the limit is the difference ½χ²(CL) − b, which passes through zero (the
# empty-interval pathology, e.g. n = 0, b = 3 at 95 % CL): its error there is absolute, ~ε b,
# so these rows are measured relative to max(|μ_up|, 1 event)
PUL_WITH_B = ([(n, b, cl) for n in _NS for b in (0.5, 3.0) for cl in _CLS]
              + [(n, b, 0.9) for b in (30.0, 100.0) for n in (int(b) - 10, int(b), int(b) + 30)]
              + [(0, 2.302585092994045, 0.9), (0, 2.3, 0.9), (1, 3.9, 0.9), (2, 5.3, 0.9),
                 (0, 10.0, 0.9)])
# σ_b > 0: truncation at b' = 0 negligible to dominant.  Not here: deep in the pathology, e.g.
# n = 3, b = 20 ± 1.5 (μ_up ≈ −13), where part of the average has μ + b' <= 0 and the kink of
# P(N <= n | max(μ + b', 0)) limits the Gauss–Hermite average to ~1e-10
PUL_SMEARED = [(2, 1.06, 0.9, 0.41), (0, 0.5, 0.9, 0.5), (2, 0.1, 0.9, 1.0), (0, 0.0, 0.9, 1.0),
               (10, 10.0, 0.9, 3.0), (100, 100.0, 0.9, 1.0), (5, 3.0, 0.95, 0.3),
               (1, 3.0, 0.9, 0.5), (30, 30.0, 0.68, 10.0)]

FC_SMALL = [(0, 0.0, 0.9), (1, 0.0, 0.9), (3, 0.0, 0.9), (10, 0.0, 0.9), (0, 0.5, 0.9),
            (0, 2.0, 0.9), (0, 3.0, 0.9), (1, 4.0, 0.9), (2, 1.0, 0.9), (6, 3.0, 0.9),
            (10, 0.5, 0.9), (3, 3.0, 0.9), (2, 1.06, 0.9), (0, 0.0, 0.68), (4, 1.5, 0.95),
            (5, 2.0, 0.99)]
# large backgrounds, n0 from below b to well above it (two-sided intervals)
FC_LARGE_B = [(n, b, 0.9) for b, ns in ((10.0, (5, 20)), (30.0, (20, 50, 70)),
                                         (100.0, (80, 130, 160))) for n in ns] + \
             [(60, 100.0, 0.95), (120, 100.0, 0.68), (140, 100.0, 0.99)]

# cut pass probabilities from 1e-4 to 0.9, correlations up to ±0.99 (where p_B = p₁ − p_A and
# its partners cancel), leaving out those whose smallest cell is below 1e-30 (1e-54 ... 1e-509
# at ρ → ∓1: outside the stated range)
_TINY = {(0.01, 0.05, -0.99), (1e-4, 1e-3, -0.99), (1e-4, 1e-3, -0.9), (0.9, 0.05, 0.99)}
CELLS = [(p1, p2, rho) for p1, p2 in ((0.01, 0.05), (1e-4, 1e-3), (0.2, 0.3), (0.5, 0.5),
                                      (0.9, 0.05))
         for rho in (-0.99, -0.9, -0.4, 0.0, 0.7, 0.99) if (p1, p2, rho) not in _TINY]

CASES = [
    Case(L.single_event_sensitivity, ref_ses,
         [(n, a) for n in (1.0, 2.7e11, 1e15) for a in (1e-6, 0.05, 1.0)]),
    Case(L.poisson_upper_limit, ref_poisson_upper, PUL_NO_B, label="b = 0"),
    Case(L.poisson_upper_limit, ref_poisson_upper, PUL_WITH_B, floor=1.0, label="b > 0"),
    Case(L.poisson_upper_limit, ref_poisson_upper, PUL_SMEARED, floor=1.0, label="sigma_b"),
    Case(L.feldman_cousins, ref_fc_interval, FC_SMALL, label="small b"),
    Case(L.feldman_cousins, ref_fc_interval, FC_LARGE_B, label="large b"),
    # the integer rows must be equal exactly (any difference is a relative error >= 1e-3);
    # the μ grid to rounding
    Case(L.fc_belt, ref_fc_belt, [(3.0, 0.9, 6.0, 0.05), (0.0, 0.9, 5.0, 0.25),
                                  (100.0, 0.9, 20.0, 1.0), (30.0, 0.95, 20.0, 0.2),
                                  (10.0, 0.68, 10.0, 0.1)]),
    Case(L.bifurcated_estimate, lambda b, c, d: _m(b) * _m(c) / _m(d),
         [(40, 300, 6000), (0, 5, 7), (1e9, 1e9, 1e-3), (3.0, 7.0, 11.0)]),
    Case(L.bifurcation_cell_probabilities, ref_cells, CELLS),
    Case(L.two_body_width_factor, ref_two_body,
         [(0.493677, 0.1056583755, 0.0), (0.497611, 0.1056583755, 0.00051099895),
          (1.0, 0.5 - 1e-9, 0.5 - 1e-9), (1.0, 1.0 - 1e-12, 0.0), (1.0, 1e-8, 1e-8),
          (1.0, 0.3, 0.7 - 1e-10), (5.0, 1.0, 2.0), (0.2, 0.1, 0.0999999)]),
    Case(L.lfv_rate_factor, ref_rate_factor, [(mode,) for mode in L.LFV_MODES]),
    Case(L.lfv_mass_scale, ref_mass_scale,
         [(mode, br, g) for mode in L.LFV_MODES for br in (1e-20, 4.7e-12, 1e-3)
          for g in (1e-3, 1.0, 10.0)]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
def test_bifurcation_toy_cells_are_multinomial():
    """The toy's box count is Binomial(n, p_A) (χ² over its values, seeded), and the estimate's
    mean is the one of N_B N_C / N_D for the same multinomial cells (checked within 3 σ)."""
    n, p1, p2, rho = 200_000, 0.02, 0.01, 0.3
    pa, pb, pc, pd = L.bifurcation_cell_probabilities(p1, p2, rho)
    t, e = L.bifurcation_toy(n, p1, p2, rho, n_toys=20_000, seed=24)
    k = np.arange(int(t.max()) + 1)
    expect = t.size * stats.binom.pmf(k, n, pa)
    observed = np.bincount(t.astype(int), minlength=k.size)
    keep = expect > 5
    # pool the tails into the end bins
    obs = np.array([observed[~keep & (k < k[keep][0])].sum(), *observed[keep],
                    observed[~keep & (k > k[keep][-1])].sum()])
    exp = np.array([expect[~keep & (k < k[keep][0])].sum() + stats.binom.cdf(-1, n, pa),
                    *expect[keep], t.size - expect[keep].sum()
                    - expect[~keep & (k < k[keep][0])].sum()])
    sel = exp > 0
    chi2 = float(np.sum((obs[sel] - exp[sel]) ** 2 / exp[sel]))
    ndof = int(sel.sum()) - 1
    assert chi2 < ndof + 5 * math.sqrt(2 * ndof), chi2
    # E[N_B N_C / N_D] ≈ n p_B p_C / p_D (1 + O(1/(n p_D))): the ratio estimator's mean
    mean, err = e.mean(), e.std(ddof=1) / math.sqrt(e.size)
    assert abs(mean - n * pb * pc / pd) < 3 * err + 1e-3 * n * pb * pc / pd




STATISTICAL = {
    L.bifurcation_toy: "tests/test_accuracy_limits.py::test_bifurcation_toy_cells_are_multinomial",
}
