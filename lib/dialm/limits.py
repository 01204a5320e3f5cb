"""How a rare-decay limit is made: sensitivity, Poisson limits, Feldman–Cousins, backgrounds.

A search that expects ``b`` background events and sees ``n_obs`` candidates quotes an upper
limit on the branching fraction

    B < μ_up(n_obs, b; CL) × SES,        SES = 1 / (N_K · A)

(single-event sensitivity: N_K kaon decays in the fiducial volume, A the signal acceptance
including every efficiency), with μ_up an upper limit on the Poisson signal mean.  This module
provides the two constructions of μ_up used in the review (Barker & Kettell 2000) and today:

* the classical (Neyman) one-sided limit with known background, defined by
  P(n ≤ n_obs | μ + b) = 1 − CL  (:func:`poisson_upper_limit`);
* the Feldman–Cousins unified interval, a Neyman belt with the likelihood-ratio ordering
  R(n) = P(n | μ + b) / P(n | μ_best + b), μ_best = max(0, n − b) (Feldman & Cousins,
  PRD 57 (1998) 3873, eqs. 4.1–4.2), built on a fine μ grid by a numba kernel and refined by
  bisection (:func:`feldman_cousins`, :func:`fc_belt`).  ``convention="fc1998"`` adds the rule
  the published tables follow: for fixed n_obs the upper end is made non-increasing in b (the
  supremum over b' ≥ b of the plain construction), which reproduces Tables IV/V; the default
  ``"plain"`` is the construction at the given b alone.

Both accept a Gaussian background uncertainty ``background_sigma`` (truncated at b ≥ 0): the
Poisson probabilities are averaged over it (Cousins & Highland 1992 for the classical limit;
Conrad et al. 2003 for the belt).  Also here: the E787 "bifurcated" background estimate and its
toy Monte Carlo, and the heavy-boson mass scale that a lepton-flavour-violating limit probes.

Conventions: event counts are dimensionless, masses in GeV (constants from
:mod:`dialm.constants`).  Bad input raises ``ValueError`` naming the parameter, the value and the
allowed range.
"""

from __future__ import annotations

import csv
import math
from importlib import resources

import numpy as np
from scipy import special
from scipy.integrate import quad
from scipy.optimize import minimize_scalar
from scipy.stats import norm

from dialm import constants as C
from dialm._jit import njit
from dialm._validate import choice, count, range_error, real, rng_seed, scalar_or_array

__all__ = [
    "single_event_sensitivity",
    "poisson_upper_limit",
    "feldman_cousins",
    "fc_belt",
    "bifurcated_estimate",
    "bifurcation_cell_probabilities",
    "bifurcation_toy",
    "LFV_MODES",
    "lfv_rate_factor",
    "lfv_mass_scale",
    "two_body_width_factor",
    "load_lfv_limits",
]

CONVENTIONS = ("plain", "fc1998")
#: μ grid step of the belt before bisection refinement of the interval ends.
MU_STEP = 0.005
_N_QUAD = 48  # Gauss–Hermite nodes for the background-uncertainty average
_N_LEGENDRE = 96  # Gauss–Legendre nodes when the truncation at b' = 0 matters


def single_event_sensitivity(n_decays, acceptance):
    """Single-event sensitivity SES = 1 / (N_K · A): the branching fraction that yields one event.

    ``n_decays`` is the number of kaon decays in the fiducial volume (usually measured with a
    normalisation mode), ``acceptance`` the signal acceptance times all efficiencies (0 < A ≤ 1).
    An upper limit on the signal mean μ_up (events) becomes B < μ_up × SES.  Dimensionless;
    broadcasts; scalar in, float out.
    Accuracy: ≤ 1e-15 relative for 1 ≤ N_K ≤ 1e15, 1e-6 ≤ A ≤ 1 (vs 40-digit mpmath).

    >>> single_event_sensitivity(2.7e11, 0.05)
    7.407407407407407e-11
    >>> round(poisson_upper_limit(0) * single_event_sensitivity(1e12, 0.5), 15)
    4.605e-12
    """
    caller = "single_event_sensitivity"
    n = real(caller, "n_decays", n_decays, 0.0)
    a = real(caller, "acceptance", acceptance, 0.0, 1.0, high_open=False)
    return scalar_or_array(1.0 / (n * a))


# --------------------------------------------------------------------------------------------
# background-uncertainty quadrature: truncated Gaussian on b' >= 0
# --------------------------------------------------------------------------------------------
def _background_nodes(b, sigma):
    """Nodes and weights (summing to 1) of a Gaussian N(b, sigma) truncated to b' >= 0.

    Gauss–Hermite when every node is >= 0 (the truncated mass is < 1e-19); otherwise
    Gauss–Legendre on [0, b + 12 sigma] with the Gaussian density in the weights (dropping the
    negative Hermite nodes and renormalising was off by up to ~1e-2 in the limits)."""
    if sigma == 0.0:
        return np.array([b]), np.array([1.0])
    x, w = np.polynomial.hermite_e.hermegauss(_N_QUAD)
    nodes = b + sigma * x
    if nodes.min() < 0.0:
        x, w = np.polynomial.legendre.leggauss(_N_LEGENDRE)
        hi = b + 12.0 * sigma
        nodes = 0.5 * hi * (x + 1.0)
        w = w * np.exp(-0.5 * ((nodes - b) / sigma) ** 2)
    return np.ascontiguousarray(nodes), np.ascontiguousarray(w / w.sum())


# --------------------------------------------------------------------------------------------
# classical (Neyman) upper limit
# --------------------------------------------------------------------------------------------
def _classical_one(n, b, sigma, cl):
    if sigma == 0.0:
        # P(N <= n | lam) = Q(n+1, lam) (regularised upper incomplete gamma) = 1 - cl
        return float(special.gammainccinv(n + 1, 1.0 - cl)) - b
    nodes, w = _background_nodes(b, sigma)

    def f(mu):
        # a total mean μ + b' <= 0 gives no events: P(N <= n) = 1 (Q(n + 1, 0) = 1)
        return float(np.sum(w * special.gammaincc(n + 1, np.maximum(mu + nodes, 0.0)))) - (1.0 - cl)

    lo = -float(nodes.max())                           # every mean <= 0: f(lo) = cl > 0
    hi = float(special.gammainccinv(n + 1, 1.0 - cl))  # limit at b' = 0: f(hi) <= 0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if f(mid) > 0.0:
            lo = mid
        else:
            hi = mid
        if hi - lo < 4e-16 * max(1.0, abs(hi)):
            break
    return 0.5 * (lo + hi)


def poisson_upper_limit(n_obs, background=0.0, cl=0.9, background_sigma=0.0):
    """Classical (Neyman) upper limit on a Poisson signal mean with known background.

    Definition (the one the review's era used): μ_up solves P(n ≤ n_obs | μ_up + b) = 1 − CL,
    i.e. μ_up = ½ χ²_{2(n_obs+1)}(CL) − b, computed as ``gammainccinv(n_obs + 1, 1 − CL) − b``.
    For n_obs = 0, b = 0 it is −ln(1 − CL) (2.303 at 90 % CL).  Known pathology: when fewer
    events are seen than expected (n_obs < b) the limit shrinks with b and becomes ≤ 0 — an empty
    interval — for b ≥ ½ χ²_{2(n_obs+1)}(CL); this function returns that value (possibly
    negative) rather than hiding it.  With ``background_sigma`` > 0 the probability is averaged
    over a Gaussian background N(b, σ_b) truncated at 0 (Cousins & Highland 1992).

    ``n_obs`` (integers ≥ 0), ``background`` and ``background_sigma`` (≥ 0, events) broadcast;
    ``cl`` is a scalar in (0, 1).  Scalar in, float out.  With σ_b > 0 a total mean μ + b' ≤ 0
    counts as no events; the average is Gauss–Hermite (48 nodes) or, where the truncation at
    b' = 0 matters, Gauss–Legendre (96 nodes) on [0, b + 12σ_b].
    Accuracy: ≤ 5e-14 relative to max(|μ_up|, 1) (b > 0) for n_obs ≤ 1e5, b ≤ 100, 0.5 ≤ CL ≤
    1 − 1e-6, and σ_b > 0 where μ_up ≥ 0 (vs mpmath's regularised Γ(n + 1, λ) and mp.quad).

    >>> round(poisson_upper_limit(0), 4), round(poisson_upper_limit(2, 1.06), 3)
    (2.3026, 4.262)
    >>> poisson_upper_limit(0, 3.0) < 0   # the empty-interval pathology
    True
    """
    caller = "poisson_upper_limit"
    n = count(caller, "n_obs", n_obs)
    b = real(caller, "background", background, 0.0, low_open=False, unit="events")
    s = real(caller, "background_sigma", background_sigma, 0.0, low_open=False, unit="events")
    cl = real(caller, "cl", cl, 0.0, 1.0, scalar=True)
    n, b, s = np.broadcast_arrays(n, b, s)
    out = np.empty(n.shape)
    for idx in np.ndindex(n.shape):
        out[idx] = _classical_one(int(n[idx]), float(b[idx]), float(s[idx]), cl)
    return scalar_or_array(out)


# --------------------------------------------------------------------------------------------
# Feldman–Cousins belt: numba kernels
# --------------------------------------------------------------------------------------------
@njit(cache=True)
def _pmf_row(mu, nodes, weights, nmax, out):
    """out[n] = Σ_k w_k Poisson(n | mu + b_k), n = 0..nmax-1."""
    for n in range(nmax):
        out[n] = 0.0
    for k in range(nodes.size):
        lam = mu + nodes[k]
        if lam <= 0.0:
            out[0] += weights[k]
            continue
        # p(0) = e^{-lam}, p(n) = p(n-1) lam / n; start in log space if e^{-lam} underflows
        if lam < 700.0:
            term = math.exp(-lam)
            for n in range(nmax):
                if n > 0:
                    term *= lam / n
                out[n] += weights[k] * term
        else:
            loglam = math.log(lam)
            for n in range(nmax):
                out[n] += weights[k] * math.exp(n * loglam - lam - math.lgamma(n + 1.0))


@njit(cache=True)
def _accept_row(p, pbest, cl, rank, order):
    """Acceptance interval [n1, n2] of one μ row by the likelihood-ratio ordering.

    Adds n in decreasing R = p/pbest (ties: smaller n first) until the summed probability
    reaches cl.  Returns (n1, n2); for the Poisson-with-background likelihood R is unimodal in n
    so the accepted set is exactly {n1, ..., n2}.
    """
    nmax = p.size
    for n in range(nmax):
        rank[n] = p[n] / pbest[n] if pbest[n] > 0.0 else 0.0
    ordr = np.argsort(-rank, kind="mergesort")
    for i in range(nmax):
        order[i] = ordr[i]
    total = 0.0
    n1 = nmax
    n2 = -1
    for i in range(nmax):
        n = order[i]
        total += p[n]
        if n < n1:
            n1 = n
        if n > n2:
            n2 = n
        if total >= cl:
            break
    return n1, n2


@njit(cache=True)
def _accept_row_unimodal(p, pbest, cl, nrow):
    """Same result as :func:`_accept_row` when R(n) is unimodal (known background: R rises
    up to n ≈ μ + b and falls after it, see the chapter): grow the interval from the maximum of
    R, each step taking the neighbour with the larger R (the left one on a tie).  O(width)."""
    best = 0
    rbest = -1.0
    for n in range(nrow):
        r = p[n] / pbest[n] if pbest[n] > 0.0 else 0.0
        if r > rbest:
            rbest = r
            best = n
    n1 = best
    n2 = best
    total = p[best]
    while total < cl:
        rl = -1.0
        rr = -1.0
        if n1 > 0:
            rl = p[n1 - 1] / pbest[n1 - 1] if pbest[n1 - 1] > 0.0 else 0.0
        if n2 < nrow - 1:
            rr = p[n2 + 1] / pbest[n2 + 1] if pbest[n2 + 1] > 0.0 else 0.0
        if rl < 0.0 and rr < 0.0:
            break
        if rl >= rr:
            n1 -= 1
            total += p[n1]
        else:
            n2 += 1
            total += p[n2]
    return n1, n2


@njit(cache=True)
def _belt_kernel(mus, nodes, weights, pbest, cl, n1, n2):
    nmax = pbest.size
    p = np.empty(nmax)
    rank = np.empty(nmax)
    order = np.empty(nmax, dtype=np.int64)
    known = nodes.size == 1
    for i in range(mus.size):
        _pmf_row(mus[i], nodes, weights, nmax, p)
        if known:
            a, c = _accept_row_unimodal(p, pbest, cl, nmax)
        else:
            a, c = _accept_row(p, pbest, cl, rank, order)
        n1[i] = a
        n2[i] = c


@njit(cache=True)
def _accepts(n0, mu, nodes, weights, pbest, cl):
    nmax = pbest.size
    p = np.empty(nmax)
    rank = np.empty(nmax)
    order = np.empty(nmax, dtype=np.int64)
    _pmf_row(mu, nodes, weights, nmax, p)
    if nodes.size == 1:
        a, c = _accept_row_unimodal(p, pbest, cl, nmax)
    else:
        a, c = _accept_row(p, pbest, cl, rank, order)
    return a <= n0 <= c


@njit(cache=True)
def _pbest_known(b, nmax, out):
    """P(n | μ_best + b) with μ_best = max(0, n − b) (FC eq. 4.1)."""
    for n in range(nmax):
        lam = max(float(n), b)
        if lam <= 0.0:
            out[n] = 1.0 if n == 0 else 0.0
        else:
            out[n] = math.exp(n * math.log(lam) - lam - math.lgamma(n + 1.0))


@njit(cache=True)
def _upper_scan(n0, bprimes, cl, mu_top, mu_floor, dmu, nmax):
    """For each b' the largest μ on the grid mu_top, mu_top − dmu, ... (> mu_floor) whose
    acceptance interval (known background b') contains n0; mu_floor where none is found."""
    out = np.empty(bprimes.size)
    nodes = np.empty(1)
    weights = np.ones(1)
    pbest = np.empty(nmax)
    p = np.empty(nmax)
    nsteps = int((mu_top - mu_floor) / dmu) + 1
    for j in range(bprimes.size):
        nodes[0] = bprimes[j]
        _pbest_known(bprimes[j], nmax, pbest)
        out[j] = mu_floor
        for k in range(nsteps):
            mu = mu_top - k * dmu
            if mu <= mu_floor:
                break
            _pmf_row(mu, nodes, weights, nmax, p)
            a, c = _accept_row_unimodal(p, pbest, cl, nmax)
            if a <= n0 <= c:
                out[j] = mu
                break
    return out


# --------------------------------------------------------------------------------------------
# Feldman–Cousins: Python layer
# --------------------------------------------------------------------------------------------
def _nmax_for(mu_max, b_max):
    lam = mu_max + b_max
    return int(math.ceil(lam + 8.0 * math.sqrt(lam + 1.0) + 15.0))


def _pbest(nodes, weights, nmax):
    """P(n | μ_best) for every n: analytic for a known background, grid maximum otherwise."""
    pbest = np.empty(nmax)
    if nodes.size == 1:
        _pbest_known(float(nodes[0]), nmax, pbest)
        return pbest
    row = np.empty(nmax)
    pbest[:] = 0.0
    arg = np.zeros(nmax)
    step = 0.005
    # μ_best(n) ≈ n − b can exceed the belt's μ range: maximise on a grid covering all n ...
    for mu in np.arange(0.0, float(nmax) + 1.0, step):
        _pmf_row(float(mu), nodes, weights, nmax, row)
        better = row > pbest
        pbest[better] = row[better]
        arg[better] = mu
    # ... and polish each maximum with Brent's method within a grid step of it (the grid alone
    # left P_best ~1e-6 low, moving the interval ends by ~1e-7)
    for n in range(nmax):
        def neg(mu, n=n):
            lam = mu + nodes
            return -float(np.sum(weights * np.exp(special.xlogy(n, lam) - lam
                                                  - special.gammaln(n + 1.0))))
        res = minimize_scalar(neg, bounds=(max(arg[n] - step, 0.0), arg[n] + step),
                              method="bounded", options={"xatol": 1e-12})
        pbest[n] = max(pbest[n], -float(res.fun))
    return pbest


class _Belt:
    """A belt for one (b, σ_b, CL) on a μ grid, with the data needed to refine interval ends."""

    def __init__(self, b, sigma, cl, mu_max, step=MU_STEP):
        self.cl = cl
        self.nodes, self.weights = _background_nodes(b, sigma)
        self.mus = np.arange(0.0, mu_max + 0.5 * step, step)
        self.nmax = _nmax_for(mu_max, float(self.nodes.max()))
        self.pbest = _pbest(self.nodes, self.weights, self.nmax)
        self.n1 = np.empty(self.mus.size, dtype=np.int64)
        self.n2 = np.empty(self.mus.size, dtype=np.int64)
        _belt_kernel(self.mus, self.nodes, self.weights, self.pbest, cl, self.n1, self.n2)

    def accepts(self, n0, mu):
        return _accepts(n0, mu, self.nodes, self.weights, self.pbest, self.cl)

    def interval(self, n0, refine=True):
        inside = (self.n1 <= n0) & (self.n2 >= n0)
        idx = np.flatnonzero(inside)
        if idx.size == 0:
            raise RuntimeError("no μ on the grid accepts n_obs: grid too short")  # pragma: no cover
        i_lo, i_hi = int(idx[0]), int(idx[-1])
        if i_hi == self.mus.size - 1:
            raise _GridTooShort
        lo, hi = float(self.mus[i_lo]), float(self.mus[i_hi])
        if refine:
            if i_lo > 0:
                lo = self._bisect(n0, float(self.mus[i_lo - 1]), lo)
            hi = self._bisect(n0, float(self.mus[i_hi + 1]), hi)
        return lo, hi

    def _bisect(self, n0, out_mu, in_mu):
        for _ in range(40):
            mid = 0.5 * (out_mu + in_mu)
            if self.accepts(n0, mid):
                in_mu = mid
            else:
                out_mu = mid
        return in_mu


class _GridTooShort(Exception):
    pass


def _mu_max_guess(n0, b, sigma, cl):
    # the classical b = 0 limit at a much higher CL bounds the FC upper end from above
    # (if it does not, the belt is rebuilt on a grid twice as long)
    return float(special.gammainccinv(n0 + 1, 0.2 * (1.0 - cl))) + 1.0 + 3.0 * sigma


def _fc_plain(n0, b, sigma, cl, refine=True):
    mu_max = _mu_max_guess(n0, b, sigma, cl)
    for _ in range(6):
        try:
            return _Belt(b, sigma, cl, mu_max).interval(n0, refine)
        except _GridTooShort:
            mu_max *= 2.0
    raise RuntimeError("Feldman-Cousins belt did not close")  # pragma: no cover


def _fc1998_upper(n0, b, cl, plain_upper, span, db, dmu):
    """max over the grid b' = b, b + db, ..., b + span of the plain upper end (fc1998)."""
    nmax = _nmax_for(plain_upper + 2.0, b + span)
    bprimes = b + np.arange(0.0, span + 0.5 * db, db)
    cap = plain_upper + 1.0
    for _ in range(4):
        ups = _upper_scan(n0, bprimes, cl, cap, plain_upper, dmu, nmax)
        if ups.max() < cap - 2 * dmu:
            break
        cap += 2.0
    k = int(np.argmax(ups))
    if k == 0 or ups[k] <= plain_upper:
        return plain_upper
    # Just right of an upward jump an "island" of accepted μ is born and widens with b'; the
    # coarse μ scan can miss it while it is narrower than dmu.  Rescan the b' grid points up to
    # 0.1 before the coarse maximum with a fine μ step (1e-4) to get each one's upper end.
    j0 = max(k - int(round(0.1 / db)), 0)
    top = float(ups[k]) + 5.0 * dmu
    fine = _upper_scan(n0, bprimes[j0:k + 1], cl, top, float(ups[k]) - 2.0 * dmu, 1e-4, nmax)
    return max(plain_upper, float(fine.max()))


def feldman_cousins(n_obs, background=0.0, cl=0.9, background_sigma=0.0, convention="plain"):
    """Feldman–Cousins (unified) confidence interval (lower, upper) for a Poisson signal mean.

    Construction (Feldman & Cousins, PRD 57 (1998) 3873, sec. IV.B): for each μ on a grid of step
    0.005 the acceptance interval collects n in decreasing order of the likelihood ratio
    R = P(n | μ + b) / P(n | μ_best + b), μ_best = max(0, n − b), until the probability reaches
    CL; the interval for ``n_obs`` is then [min, max] of the μ whose acceptance contains it (the
    hull, as in FC's tables), with both ends refined by bisection to ~1e-12.  Background
    uncertainty: with ``background_sigma`` > 0 the Poisson probabilities are averaged over
    N(b, σ_b) truncated at 0 and μ_best maximises that averaged likelihood on the grid (Conrad et
    al., PRD 67 (2003) 012002).

    ``convention="plain"`` (default) is the construction at this b alone.  ``"fc1998"``
    reproduces FC's published Tables IV–VII: their upper ends do not increase with b at fixed
    n_obs (an experiment with less background never quotes a tighter limit).  Implemented as the
    maximum of the plain upper end over b' = b, b + 0.005, ..., b + 3 (the b'-grid step that
    reproduces every entry checked; the exact supremum differs in one: 1.265 vs the printed
    1.26 at n_obs = 0, b = 2); requires ``background_sigma = 0``.  The two conventions differ
    only where the plain upper end jumps up with b (n_obs ≲ b), e.g. n_obs = 0, b = 2: 1.08
    (plain) vs 1.26 (tables).  Lower ends are identical.

    Scalars only (n_obs a non-negative integer, background and background_sigma ≥ 0 events,
    cl in (0, 1)); returns a tuple of two floats.
    Accuracy: ≤ 5e-13 relative for the plain ends, σ_b = 0, 0 ≤ b ≤ 100, n_obs ≤ 160, 0.68 ≤ CL ≤
    0.99 (vs a 40-digit belt), except where an island of accepted μ narrower than the 0.005 grid
    lies above the interval (e.g. [1.3861, 1.3874] at n_obs = 1, b = 4.59: missed); fc1998 upper
    end: 1e-4 absolute (its island scan step); σ_b > 0: not tested against a reference.

    >>> [round(x, 2) for x in feldman_cousins(0)]
    [0.0, 2.44]
    >>> [round(x, 2) for x in feldman_cousins(3)]
    [1.1, 7.42]
    >>> plain, tables = feldman_cousins(0, 2.0), feldman_cousins(0, 2.0, convention="fc1998")
    >>> round(plain[1], 2), round(tables[1], 2)
    (1.08, 1.26)
    """
    caller = "feldman_cousins"
    n0 = count(caller, "n_obs", n_obs)
    b = real(caller, "background", background, 0.0, low_open=False, unit="events")
    s = real(caller, "background_sigma", background_sigma, 0.0, low_open=False, unit="events")
    if n0.ndim or b.ndim or s.ndim:
        raise ValueError(f"{caller}: n_obs, background and background_sigma must be scalars "
                         f"(one interval per call); got shapes {n0.shape}, {b.shape}, {s.shape}")
    cl = real(caller, "cl", cl, 0.0, 1.0, scalar=True)
    choice(caller, "convention", convention, CONVENTIONS)
    n0, b, s = int(n0), float(b), float(s)
    if convention == "fc1998" and s > 0.0:
        raise range_error(caller, "background_sigma", s, 0.0, 0.0, low_open=False, high_open=False,
                          unit="events", reason="convention='fc1998' describes FC's "
                          "known-background tables")
    lo, hi = _fc_plain(n0, b, s, cl)
    if convention == "fc1998":
        hi = _fc1998_upper(n0, b, cl, hi, span=3.0, db=0.005, dmu=0.01)
    return float(lo), float(hi)


def fc_belt(background, cl=0.9, mu_max=10.0, step=0.01, background_sigma=0.0):
    """The Feldman–Cousins confidence belt: acceptance interval [n1(μ), n2(μ)] on a μ grid.

    Returns ``(mu, n1, n2)``: the grid 0, step, ..., mu_max and, for each μ, the smallest and
    largest n of its acceptance region (likelihood-ratio ordering, see :func:`feldman_cousins`).
    Reading the belt vertically at n = n_obs gives the interval (up to the grid step).  The
    numba kernel takes ~1 ms for 1000 μ points, fast enough to redraw the belt live.
    Accuracy: ≤ 1e-15 relative for σ_b = 0, b ≤ 100 (μ grid to rounding; n1, n2 equal the
    40-digit belt's exactly).

    >>> mu, n1, n2 = fc_belt(3.0, mu_max=1.0, step=0.5)
    >>> mu.tolist(), n1.tolist(), n2.tolist()
    ([0.0, 0.5, 1.0], [0, 0, 1], [5, 6, 7])
    """
    caller = "fc_belt"
    b = real(caller, "background", background, 0.0, low_open=False, unit="events", scalar=True)
    s = real(caller, "background_sigma", background_sigma, 0.0, low_open=False, unit="events",
             scalar=True)
    cl = real(caller, "cl", cl, 0.0, 1.0, scalar=True)
    mu_max = real(caller, "mu_max", mu_max, 0.0, unit="events", scalar=True)
    step = real(caller, "step", step, 0.0, mu_max, high_open=False, unit="events", scalar=True)
    belt = _Belt(b, s, cl, mu_max, step=step)
    return belt.mus, belt.n1, belt.n2


# --------------------------------------------------------------------------------------------
# E787's bifurcated background estimate
# --------------------------------------------------------------------------------------------
def bifurcated_estimate(n_b, n_c, n_d):
    """Background in the signal box from two inverted-cut samples: N̂_A = N_B · N_C / N_D.

    Two independent cuts 1 and 2 split the background sample into A (passes both: the signal
    box, kept blind), B (passes 1, fails 2), C (fails 1, passes 2) and D (fails both).  The
    rejection of cut 2 is measured where cut 1 is inverted, R₂ = (N_C + N_D)/N_C, and the number
    surviving cut 1 in the cut-2-failing sample is N_B, so N̂_A = N_B /(R₂ − 1) = N_B N_C / N_D —
    the E787 "bifurcation" (Barker & Kettell 2000, sec. 2.3.1).  Unbiased (to O(1/N_D)) iff the
    cuts are independent for the background: p_A p_D = p_B p_C  ⇔  p_A = p₁ p₂.  Broadcasts;
    N_D must be > 0.
    Accuracy: ≤ 1e-15 relative for any counts (vs 40-digit mpmath).

    >>> bifurcated_estimate(40, 300, 6000)
    2.0
    """
    caller = "bifurcated_estimate"
    nb = real(caller, "n_b", n_b, 0.0, low_open=False, unit="events")
    nc = real(caller, "n_c", n_c, 0.0, low_open=False, unit="events")
    nd = real(caller, "n_d", n_d, 0.0, unit="events")
    return scalar_or_array(nb * nc / nd)


def bifurcation_cell_probabilities(p1, p2, rho):
    """Cell probabilities (p_A, p_B, p_C, p_D) for two cuts on correlated Gaussian variables.

    Model: background events carry (x₁, x₂) standard bivariate normal with correlation ρ; cut i
    keeps x_i > c_i with c_i = Φ⁻¹(1 − p_i), so p_i is its pass probability (1/p_i its
    rejection).  p_A = P(x₁ > c₁, x₂ > c₂) by 1-d quadrature; a cell that would be a cancelling
    difference (ρ → ±1) is integrated on its own.  Scalars.
    Accuracy: ≤ 1e-13 relative, each cell, for 1e-4 ≤ p_i ≤ 0.9, |ρ| ≤ 0.99, cells ≥ 1e-30 (vs
    40-digit quadrature).

    >>> pa, pb, pc, pd = bifurcation_cell_probabilities(0.01, 0.05, 0.0)
    >>> round(pa / (0.01 * 0.05), 10), round(pa + pb + pc + pd, 12)
    (1.0, 1.0)
    """
    caller = "bifurcation_cell_probabilities"
    p1 = real(caller, "p1", p1, 0.0, 1.0, scalar=True)
    p2 = real(caller, "p2", p2, 0.0, 1.0, scalar=True)
    rho = real(caller, "rho", rho, -1.0, 1.0, scalar=True)
    c1, c2 = norm.isf(p1), norm.isf(p2)
    if rho == 0.0:
        return p1 * p2, p1 * (1.0 - p2), (1.0 - p1) * p2, (1.0 - p1) * (1.0 - p2)
    s = math.sqrt(1.0 - rho * rho)

    def cell(upper1, upper2):
        """P(x₁ ≷ c₁, x₂ ≷ c₂) as one integral over x₁ (upper: the '>' side)."""
        tail = norm.sf if upper2 else norm.cdf
        sign = 1.0 if upper1 else -1.0

        def f(t):  # t = distance from c₁ into the cell
            x = c1 + sign * t
            return norm.pdf(x) * tail((c2 - rho * x) / s)

        # the integrand can be a spike at t = 0 (ρ → ±1): break points 2^-10 ... 8 resolve it
        near = quad(f, 0.0, 16.0, points=2.0 ** np.arange(-10, 4), epsabs=0.0, epsrel=1e-13,
                    limit=400)[0]
        return near + quad(f, 16.0, np.inf, epsabs=0.0, epsrel=1e-13, limit=200)[0]

    pa = cell(True, True)
    # the differences cancel where a cell is much smaller than the marginal it is taken from
    # (ρ → ±1, p₁ + p₂ → 1): there the cell is integrated on its own
    pb = p1 - pa
    if pb < 0.5 * p1:
        pb = cell(True, False)
    pc = p2 - pa
    if pc < 0.5 * p2:
        pc = cell(False, True)
    pd = 1.0 - p1 - p2 + pa
    if pd < 0.5 * (1.0 - p1):
        pd = cell(False, False)
    return pa, pb, pc, pd


def bifurcation_toy(n_events, p1, p2, rho, n_toys=2000, seed=0):
    """Seeded toy Monte Carlo of the bifurcated estimate.

    Each toy draws the four cell counts of ``n_events`` background events from a multinomial with
    :func:`bifurcation_cell_probabilities` and returns ``(n_a_true, n_a_est)`` arrays of length
    ``n_toys``: the true count in the (blind) box and N_B N_C / N_D.  With ρ = 0 the mean estimate
    equals the mean truth (n_events p₁ p₂); otherwise its mean is off by the factor
    p_B p_C / (p_A p_D) (low for ρ > 0).  numpy Generator(PCG64) seeded with ``seed``.
    Accuracy: statistical — seeded χ² of the box count against Binomial(n, p_A) (tests).

    >>> t, e = bifurcation_toy(10**6, 0.01, 0.01, 0.0, n_toys=400, seed=1)
    >>> round(float(e.mean() / t.mean()), 1)
    1.0
    """
    caller = "bifurcation_toy"
    n = count(caller, "n_events", n_events, low=1, scalar=True)
    nt = count(caller, "n_toys", n_toys, low=1, scalar=True)
    probs = np.array(bifurcation_cell_probabilities(p1, p2, rho))
    rng = np.random.default_rng(rng_seed(caller, "seed", seed))
    cells = rng.multinomial(n, probs, size=nt)
    na, nb, nc, nd = cells.T
    nd_safe = np.where(nd > 0, nd, 1)
    est = np.where(nd > 0, nb * nc / nd_safe, 0.0)
    return na.astype(float), est


# --------------------------------------------------------------------------------------------
# the mass scale probed by a lepton-flavour-violating limit
# --------------------------------------------------------------------------------------------
#: Mode -> (normalisation channel, isospin/charge-sum factor C, lifetime ratio key).
LFV_MODES = {
    "KL->mu e": ("K+->mu+ nu", 1.0, "tauL/tau+"),
    "K+->pi+ mu+ e-": ("K+->pi0 mu+ nu", 2.0, "1"),
    "KL->pi0 mu e": ("KL->pi+- mu-+ nu", 0.5, "1"),
}


def two_body_width_factor(m_parent, m1, m2):
    """|p| · H / M² for P → ℓ₁ ℓ̄₂ through a (V−A) current, H = M²(m₁² + m₂²) − (m₁² − m₂²)².

    Γ ∝ |p| Σ|M|² / M² with Σ|M|² ∝ f_P² H (the helicity-suppressed lepton trace derived in the
    chapter) and |p| = λ^{1/2}(M², m₁², m₂²)/(2M).  Units GeV³ (only ratios are used).  Raises
    ValueError if the decay is closed (m₁ + m₂ ≥ M).
    Accuracy: ≤ 2e-15 relative for 0 ≤ m_i, m₁ + m₂ < M, thresholds included (vs 40-digit Källén λ).

    >>> round(two_body_width_factor(0.493677, 0.1056583755, 0.0) * 1e3, 4)
    2.509
    """
    caller = "two_body_width_factor"
    M = real(caller, "m_parent", m_parent, 0.0, unit="GeV", scalar=True)
    m1 = real(caller, "m1", m1, 0.0, low_open=False, unit="GeV", scalar=True)
    m2 = real(caller, "m2", m2, 0.0, low_open=False, unit="GeV", scalar=True)
    if m1 + m2 >= M:
        raise range_error(caller, "m1 + m2", m1 + m2, 0.0, M, low_open=False, unit="GeV",
                          reason="the decay is kinematically closed (m1 + m2 >= m_parent)")
    # factored forms: M² − (m₁ + m₂)² and H = M²(m₁² + m₂²) − (m₁² − m₂²)² would cancel at
    # threshold (and H for m₂ = 0, m₁ → M); here every term is >= 0
    big, small = max(m1, m2), min(m1, m2)
    # M − m₁ − m₂ without cancellation error: m₁ + m₂ = s + e exactly (TwoSum), and M − s is
    # exact where it cancels (Sterbenz)
    s = m1 + m2
    v = s - m1
    e = (m1 - (s - v)) + (m2 - v)
    above = ((M - s) - e) * (M + m1 + m2)
    lam = above * ((M - big) + small) * (M + big - small)
    p = math.sqrt(lam) / (2.0 * M)
    h = (m1 * m1 + m2 * m2) * above + 2.0 * m1 * m2 * (m1 + m2) ** 2
    return p * h / (M * M)


def lfv_rate_factor(mode):
    """K_mode with B(mode) = K_mode · (g_X/g)⁴ (M_W/M_X)⁴ for a heavy 'horizontal' boson X.

    Model (stated assumptions): X couples like the W, (g_X/√2) X_α [s̄γ^α P_L d + ēγ^α P_L μ +
    h.c.], so its tree amplitude is the W one with g²V_us/M_W² → g_X²/M_X²; hadronic matrix
    elements are related by isospin (K⁰ ↔ K⁺ decay constants equal; ⟨π⁺|s̄γd|K⁺⟩ = √2
    ⟨π⁰|s̄γu|K⁺⟩, ⟨π⁰|s̄γd|K⁰⟩ = ⟨π⁻|s̄γu|K⁰⟩/√2); both charge states of a K_L mode are summed;
    for the three-body modes m_e and the π⁺/π⁰ mass difference are neglected in the phase space.
    Then K = C · B(norm) · (τ_mode/τ_norm) · Φ / |V_us|² with C = 1, 2, ½ and Φ the two-body width
    ratio (:func:`two_body_width_factor`) for K_L → μe (Φ = 1 otherwise).
    Accuracy: ≤ 1e-15 relative for the three modes (vs 40-digit mpmath, same inputs).

    >>> round(lfv_rate_factor("KL->mu e"), 1)
    52.4
    """
    choice("lfv_rate_factor", "mode", mode, LFV_MODES)
    vus2 = float(C.V_US) ** 2
    if mode == "KL->mu e":
        phi = (two_body_width_factor(C.M_K0, C.M_MU, C.M_E)
               / two_body_width_factor(C.M_KPLUS, C.M_MU, 0.0))
        tau = float(C.TAU_KL_S) / float(C.TAU_KPLUS_S)
        return 1.0 * float(C.BR_KPLUS_MUNU) * tau * phi / vus2
    if mode == "K+->pi+ mu+ e-":
        return 2.0 * float(C.BR_KPLUS_PI0MUNU) / vus2
    return 0.5 * float(C.BR_KL_PIMUNU) / vus2


def lfv_mass_scale(mode, branching_ratio, coupling_ratio=1.0):
    """Lower bound on M_X (GeV) from an upper limit on B(mode): M_X = M_W (g_X/g) (K/B)^{1/4}.

    ``mode`` is one of :data:`LFV_MODES`; ``branching_ratio`` (> 0, e.g. a 90 % CL limit) and
    ``coupling_ratio`` g_X/g (> 0) broadcast.  See :func:`lfv_rate_factor` for the model.  For
    B(K_L → μe) = 1e-12 and g_X = g this gives ≈ 216 TeV (the review's eq. 44 says ≃ 200 TeV).
    Accuracy: ≤ 1e-15 relative for 1e-20 ≤ B ≤ 1e-3, 1e-3 ≤ g_X/g ≤ 10 (vs 40-digit mpmath).

    >>> round(lfv_mass_scale("KL->mu e", 1e-12) / 1e3)
    216
    >>> round(lfv_mass_scale("KL->mu e", 4.7e-12) / 1e3)
    147
    """
    caller = "lfv_mass_scale"
    k = lfv_rate_factor(mode)
    br = real(caller, "branching_ratio", branching_ratio, 0.0)
    g = real(caller, "coupling_ratio", coupling_ratio, 0.0)
    return scalar_or_array(float(C.M_W) * g * (k / br) ** 0.25)


def load_lfv_limits():
    """The review's Table 11 (with today's limits where they moved) as a list of dicts.

    Reads ``dialm/data/lfv_limits_2000.csv``; numeric columns become floats (``None`` where the
    book has no updated value).  Keys: mode, mode_latex, limit_2000, experiment_2000,
    source_2000, limit_today, source_today, lfv (bool).
    Accuracy: exact — the table's entries as printed in the file.

    >>> rows = load_lfv_limits()
    >>> rows[0]["mode"], rows[0]["limit_2000"], len(rows)
    ('KL->mu e', 4.7e-12, 9)
    """
    text = resources.files("dialm").joinpath("data/lfv_limits_2000.csv").read_text()
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    rows = []
    for r in csv.DictReader(lines):
        r["limit_2000"] = float(r["limit_2000"])
        r["limit_today"] = float(r["limit_today"]) if r["limit_today"] else None
        r["source_today"] = r["source_today"] or None
        r["lfv"] = r["lfv"] == "1"
        rows.append(r)
    return rows
