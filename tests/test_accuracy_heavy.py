"""The stated accuracy of dialm.heavy against independent 40-digit mpmath references.

Loop functions: mp.quad (tanh-sinh) of the Feynman-parameter integrals of the docstrings, split at
the scales (mass ratio)² where the denominators vary near x = 0 and 1, for mass ratios from
degenerate (and 1 + 1e-8) to the validated maximum 1e4 in every direction and every integer
charge.  The δm_μ loop at m_A = m_B is the limit M_F ∫ (1−x)/D dx.  The dipole relations and the
branching ratio are their one-line formulas at 40 digits.  The maximal mass is an optimisation:
its reference is scipy's Nelder–Mead (a different minimiser, tight tolerances) on the same
objective evaluated with the mpmath loop functions (see ``_max_mass_ref``).
"""

from __future__ import annotations

import itertools
import math
import warnings

import mpmath as mp
import numpy as np
import pytest
from _accuracy import Case, check

from dialm import constants as C
from dialm import heavy

MU = float(C.M_MU)
V_EW = float(C.V_EW)


def _split(*masses):
    """Break points of the x integral: where each denominator a²x + b²(1−x) turns over,
    x* = b²/(a² + b²), and a decade either side of x* (or of 1 − x*) near the end points."""
    pts = {mp.mpf(0), mp.mpf(1)}
    for a, b in itertools.combinations(masses, 2):
        a2, b2 = mp.mpf(a) ** 2, mp.mpf(b) ** 2
        p, q = b2 / (a2 + b2), a2 / (a2 + b2)   # x* and 1 − x*
        for c in (p, 1 - q, p / 10, 10 * p, 1 - q / 10, 1 - 10 * q):
            if 0 < c < 1:
                pts.add(c)
    return sorted(pts)


def _quad(f, masses):
    return mp.quad(f, _split(*masses))


def ssf_ref(m_f, m_a, m_b, q_f):
    mf, ma, mb, qf = (mp.mpf(v) for v in (m_f, m_a, m_b, q_f))
    qs = -1 - qf

    def f(x):
        fa, fb = mf**2 * x + ma**2 * (1 - x), mf**2 * x + mb**2 * (1 - x)
        sa, sb = ma**2 * x + mf**2 * (1 - x), mb**2 * x + mf**2 * (1 - x)
        return x**2 * (1 - x) * (qf / (fa * fb) - qs / (sa * sb))

    return mf * _quad(f, (mf, ma, mb))


def ffs_ref(m_a, m_b, m_s, q_f, flip="mass"):
    ma, mb, ms, qf = (mp.mpf(v) for v in (m_a, m_b, m_s, q_f))
    qs = -1 - qf

    def dens(x):
        return (ma**2 * x + ms**2 * (1 - x), mb**2 * x + ms**2 * (1 - x),
                ms**2 * x + ma**2 * (1 - x), ms**2 * x + mb**2 * (1 - x))

    def f_mass(x):
        fa, fb, sa, sb = dens(x)
        return qf * x**3 / (fa * fb) - qs * x * (1 - x) ** 2 / (sa * sb)

    def f_mom(x):
        fa, fb, sa, sb = dens(x)
        return x**2 * (1 - x) * (-qf / (fa * fb) + qs / (sa * sb))

    mass = ma * mb * _quad(f_mass, (ma, mb, ms)) if flip != "momentum" else 0
    mom = ms**2 * _quad(f_mom, (ma, mb, ms)) if flip != "mass" else 0
    return {"mass": mass, "momentum": mom, "both": abs(mass) + abs(mom)}[flip]


def ssf_mass_ref(m_f, m_a, m_b):
    mf, ma, mb = (mp.mpf(v) for v in (m_f, m_a, m_b))
    if ma == mb:   # the limit of the divided difference: M_F ∫ (1−x)/D dx
        return mf * _quad(lambda x: (1 - x) / (mf**2 * x + ma**2 * (1 - x)), (mf, ma))
    with mp.workdps(mp.mp.dps + 20):   # ln D_A − ln D_B cancels for m_A ≈ m_B
        return +(mf * _quad(lambda x: (mp.log(mf**2 * x + ma**2 * (1 - x))
                                       - mp.log(mf**2 * x + mb**2 * (1 - x))) / (ma**2 - mb**2),
                            (mf, ma, mb)))


# mass triples: degenerate, nearly degenerate, and every field alone light or heavy by up to 1e4
RATIOS = [1.0, 1 + 1e-8, 1.5, 10.0, 1e2, 1e3, 1e4, 1e-1, 1e-2, 1e-3, 1e-4]
TRIPLES = sorted({(1.0, 1.0, 1.0), (1.0, 1.0 + 1e-8, 1.0), (2.0, 3.0, 5.0), (0.3, 7.0, 0.05)}
                 | {t for r in RATIOS[1:] for t in ((r, 1.0, 1.0), (1.0, r, 1.0), (1.0, 1.0, r))}
                 | {(1.0, r, 1 / r) for r in (1.5, 10.0, 100.0)}
                 | {(1e4, 1e4, 1e4), (250.0, 1e3, 4e3)})
# q_f = −1 and 0 isolate the photon's coupling to the fermion and to the scalar; −2 and 1 (both
# couplings, same sign: no cancellation) on the short list
Q_F = (-1.0, 0.0)
SHORT = [(1.0, 1.0, 1.0), (1e4, 1.0, 1.0), (1.0, 1e-4, 1.0), (1.0, 1.0, 1e4), (0.3, 7.0, 0.05)]
POINTS = [t + (q,) for t in TRIPLES for q in Q_F] + [t + (q,) for t in SHORT for q in (-2.0, 1.0)]


# -- the Δa and δm_μ models: prefactor × loop ------------------------------------------------
def _insertion(y1, y2, kappa, n_bsm, v):
    return mp.mpf(n_bsm) * mp.mpf(y1) * mp.mpf(y2) * mp.mpf(kappa) * mp.mpf(v) / mp.sqrt(2)


def _da_ssf_ref(m_f, m_a, m_b, q_f, y1, y2, kappa, n_bsm=1, v=V_EW, m_lepton=MU):
    return (_insertion(y1, y2, kappa, n_bsm, v) * mp.mpf(m_lepton) / (8 * mp.pi**2)
            * ssf_ref(m_f, m_a, m_b, q_f))


def _da_ffs_ref(m_a, m_b, m_s, q_f, y1, y2, kappa, n_bsm=1, flip="mass", v=V_EW, m_lepton=MU):
    return (_insertion(y1, y2, kappa, n_bsm, v) * mp.mpf(m_lepton) / (8 * mp.pi**2)
            * ffs_ref(m_a, m_b, m_s, q_f, flip))


def _dm_ref(m_f, m_a, m_b, y1, y2, kappa, n_bsm=1, v=V_EW):
    return abs(_insertion(y1, y2, kappa, n_bsm, v) * ssf_mass_ref(m_f, m_a, m_b) / (16 * mp.pi**2))


# -- the dipole, the scales and the radiative decays ---------------------------------------------
def _e():
    return mp.sqrt(4 * mp.pi * mp.mpf(C.ALPHA))


def _da_from_c_ref(c, m_lepton=MU):
    return 4 * mp.mpf(m_lepton) * mp.mpf(c) / _e()


def _c_from_da_ref(delta_a, m_lepton=MU):
    return _e() * mp.mpf(delta_a) / (4 * mp.mpf(m_lepton))


def _scale_ref(delta_a, coupling, flip="heavy", c=1.0, v=V_EW, m_lepton=MU):
    ml = mp.mpf(m_lepton)
    scale = ml**2 if flip == "muon" else ml * mp.mpf(v)
    return mp.mpf(coupling) * mp.sqrt(mp.mpf(c) * scale / (16 * mp.pi**2 * mp.mpf(delta_a)))


def _br_ref(c_offdiag, m_parent, tau_parent_s):
    width = mp.mpf(m_parent) ** 3 * mp.mpf(c_offdiag) ** 2 / (4 * mp.pi)
    return width * mp.mpf(tau_parent_s) / mp.mpf(float(C.HBAR_GEV_S))


def _theta_ref(br_limit, m_parent, tau_parent_s, delta_a=251e-11):
    return mp.sqrt(mp.mpf(br_limit) / _br_ref(1, m_parent, tau_parent_s)) / _c_from_da_ref(delta_a)


# -- the highest mass: a different maximiser on loops from scipy.quad ---------------------------
def _quad_scipy(f, masses):
    """scipy.integrate.quad at rtol 1e-13 with the break points of _split (float64)."""
    from scipy.integrate import IntegrationWarning, quad

    pts = [float(p) for p in _split(*masses)]
    with warnings.catch_warnings():   # "roundoff error is detected": rtol 1e-13 is at round-off
        warnings.simplefilter("ignore", IntegrationWarning)
        return sum(quad(f, a, b, epsabs=0.0, epsrel=1e-13, limit=200)[0]
                   for a, b in zip(pts[:-1], pts[1:], strict=True))


def _g_float(model, m, qf, flip):
    """|Ĝ| of the docstrings' integrals (SSF times the heavier scalar mass: the κ ceiling)."""
    m1, m2, m3 = m
    qs = -1.0 - qf
    if model == "SSF":
        def f(x):
            return x * x * (1 - x) * (qf / ((m1**2 * x + m2**2 * (1 - x)) * (m1**2 * x + m3**2 * (1 - x)))
                                      - qs / ((m2**2 * x + m1**2 * (1 - x)) * (m3**2 * x + m1**2 * (1 - x))))
        return abs(m1 * _quad_scipy(f, m)) * max(m2, m3)

    def dens(x):
        return ((m1**2 * x + m3**2 * (1 - x)) * (m2**2 * x + m3**2 * (1 - x)),
                (m3**2 * x + m1**2 * (1 - x)) * (m3**2 * x + m2**2 * (1 - x)))

    mass = m1 * m2 * _quad_scipy(lambda x: qf * x**3 / dens(x)[0] - qs * x * (1 - x) ** 2 / dens(x)[1], m)
    mom = m3**2 * _quad_scipy(lambda x: x * x * (1 - x) * (-qf / dens(x)[0] + qs / dens(x)[1]), m)
    return {"mass": abs(mass), "momentum": abs(mom), "both": abs(mass) + abs(mom)}[flip]


def _h_float(m):
    """M_F ∫ ln(D_A/D_B)/(m_A² − m_B²) = M_F ∫ (1−x)/D_B · ln(1+t)/t, t = (m_A² − m_B²)(1−x)/D_B."""
    m1, m2, m3 = m

    def f(x):
        db = m1**2 * x + m3**2 * (1 - x)
        t = (m2**2 - m3**2) * (1 - x) / db
        return (1 - x) / db * (math.log1p(t) / t if t != 0 else 1.0)

    return m1 * _quad_scipy(f, m)


def _max_mass_ref(model, q_f, charged, delta_a, n_bsm=1, flip="both", y_max=heavy.Y_UNITARITY,
                  kappa_max=None, y2_factor=1.0, natural=None, neutral_floor=1e-3):
    """max over the box of M(masses) = sqrt(pref |Ĝ| / Δa) (∧ the naturalness ceiling): a 9³ grid
    in ln m, then scipy's Nelder–Mead (bounded, xatol 1e-12) from the three best grid points."""
    import numpy as np
    from scipy.optimize import minimize

    if kappa_max is None:
        kappa_max = heavy.KAPPA_SSF_UNITARITY if model == "SSF" else heavy.KAPPA_FFS_UNITARITY
    pref = (n_bsm * y_max**2 * y2_factor * kappa_max * V_EW / math.sqrt(2) * MU / (8 * math.pi**2))

    def m_of(lr):
        m = tuple(math.exp(v) for v in lr)
        g = _g_float(model, m, q_f, flip)
        mass2 = pref * g / delta_a
        if natural is not None:
            g_ssf = g / max(m[1], m[2])
            mass2 = min(mass2, MU / natural / (_h_float(m) / (2 * MU * g_ssf) * delta_a))
        return math.sqrt(mass2)

    bounds = [(0.0, math.log(100.0)) if c else (math.log(neutral_floor), math.log(100.0))
              for c in charged]
    grid = list(itertools.product(*[np.linspace(lo, hi, 9) for lo, hi in bounds]))
    vals = sorted(((m_of(p), p) for p in grid), reverse=True)
    best = vals[0][0]
    for _, start in vals[:3]:
        res = minimize(lambda lr: -m_of(lr), start, method="Nelder-Mead", bounds=bounds,
                       options=dict(xatol=1e-12, fatol=1e-15 * best, maxiter=20000, maxfev=20000))
        best = max(best, -res.fun)
    return mp.mpf(best)


MAX_MASS_POINTS = [
    ("SSF", -1.0, (True, True, False), 251e-11), ("SSF", -2.0, (True, True, True), 251e-11),
    ("SSF", 0.0, (False, True, True), 251e-11), ("SSF", 1.0, (True, True, True), 1e-9),
    ("FFS", 0.0, (True, False, True), 251e-11), ("FFS", -1.0, (True, True, False), 251e-11),
    ("FFS", -2.0, (True, True, True), 251e-11), ("FFS", 1.0, (True, True, True), 251e-11, 10, "mass"),
]

# -- SU(2) channels: the invariant tensors from Wigner 3j symbols (sympy, exact) -----------------
def _inv3j(*slots):
    """The invariant of fields in spins j = (n-1)/2 (conj: the conjugate representation), from
    3j symbols: a conjugate slot with index m enters as (-1)^(j+m) times spin j at -m.  Normalised
    like the package (largest component +1, the first such in C order)."""
    from sympy import Rational
    from sympy.physics.wigner import wigner_3j

    spins = [Rational(n - 1, 2) for n, _ in slots]
    dims = [n for n, _ in slots]
    t = np.zeros(dims)
    for idx in itertools.product(*[range(n) for n in dims]):
        ms, phase = [], 1
        for (_, conj), j, i in zip(slots, spins, idx, strict=True):
            m = j - i
            if conj:
                phase *= (-1) ** int(j + m)
                m = -m
            ms.append(m)
        if len(slots) == 2:
            val = wigner_3j(spins[0], spins[1], 0, ms[0], ms[1], 0)
        else:
            val = wigner_3j(*spins, *ms)
        t[idx] = phase * float(val)
    big = t.flat[np.argmax(np.abs(t) > np.abs(t).max() * (1 - 1e-12))]
    return t / big


def _channels_ref(model, rep, rep_a, rep_b):
    (n, _, q), (na, _, qa), (nb, _, qb) = (heavy.parse_rep(r) for r in (rep, rep_a, rep_b))
    flags = tuple(any(c != 0 for c in qq) for qq in (q, qa, qb))
    out = []
    if model == "SSF":
        t1, t2 = _inv3j((n, True), (2, False), (na, True)), _inv3j((n, False), (nb, False))
        tk = _inv3j((2, False), (na, True), (nb, False))
        for i in range(n):
            w = sum(t1[i, 1, k] * tk[1, k, l] * t2[i, l] for k in range(na) for l in range(nb))
            if abs(w) > 1e-12:
                out.append((q[i], w))
        return tuple(out), flags
    t1, t2 = _inv3j((na, True), (2, False), (n, True)), _inv3j((nb, False), (n, False))
    tk = _inv3j((2, True), (na, False), (nb, True))
    tkp = _inv3j((2, False), (na, True), (nb, False))
    for s_ in range(n):
        w = sum(t1[a, 1, s_] * tk[1, a, b] * t2[b, s_] for a in range(na) for b in range(nb))
        wp = sum(t1[a, 1, s_] * tkp[1, a, b] * t2[b, s_] for a in range(na) for b in range(nb))
        if abs(w) > 1e-12 or abs(wp) > 1e-12:
            out.append((-1.0 - q[s_], w, wp))
    return tuple(out), (flags[1], flags[2], flags[0])


TABLE_ROWS = [(r["model"], r["R"], r["R_A"], r["R_B"]) for r in heavy.load_talk_table()]


def _g_channels(model, m, chans):
    """|Σ w Ĝ| by scipy.quad of the channel-summed integrands (SSF: times the heavier scalar;
    FFS: κ and κ' at the ceiling, phases aligned)."""
    m1, m2, m3 = m
    if model == "SSF":
        def f(x):
            df = (m1**2 * x + m2**2 * (1 - x)) * (m1**2 * x + m3**2 * (1 - x))
            ds = (m2**2 * x + m1**2 * (1 - x)) * (m3**2 * x + m1**2 * (1 - x))
            return sum(w * x * x * (1 - x) * (q / df - (-1 - q) / ds) for q, w in chans)
        return abs(m1 * _quad_scipy(f, m)) * max(m2, m3)

    def dens(x):
        return ((m1**2 * x + m3**2 * (1 - x)) * (m2**2 * x + m3**2 * (1 - x)),
                (m3**2 * x + m1**2 * (1 - x)) * (m3**2 * x + m2**2 * (1 - x)))

    mass = m1 * m2 * _quad_scipy(lambda x: sum(w * (q * x**3 / dens(x)[0] - (-1 - q) * x * (1 - x) ** 2
                                                    / dens(x)[1]) for q, w, _ in chans), m)
    mom = m3**2 * _quad_scipy(lambda x: sum(wp * x * x * (1 - x) * (-q / dens(x)[0] + (-1 - q) / dens(x)[1])
                                            for q, _, wp in chans), m)
    return abs(mass) + abs(mom)


_TABLE_REF = {}


def _table_ref(n_bsm=1):
    """Every row: 3j channels, then a 5³ grid in ln m and Nelder–Mead on the scipy.quad objective;
    the maximal mass at N_BSM = 1 scaled by √N_BSM (the prefactor is linear in N_BSM)."""
    from scipy.optimize import minimize

    if not _TABLE_REF:
        for r in heavy.load_talk_table():
            model = r["model"]
            chans, charged = _channels_ref(model, r["R"], r["R_A"], r["R_B"])
            kmax = heavy.KAPPA_SSF_UNITARITY if model == "SSF" else heavy.KAPPA_FFS_UNITARITY
            pref = heavy.Y_UNITARITY**2 * kmax * V_EW / math.sqrt(2) * MU / (8 * math.pi**2)

            def m_of(lr, model=model, chans=chans, pref=pref):
                return math.sqrt(pref * _g_channels(model, tuple(math.exp(v) for v in lr), chans) / 251e-11)

            bounds = [(0.0, math.log(100.0)) if c else (math.log(1e-3), math.log(100.0)) for c in charged]
            grid = list(itertools.product(*[np.linspace(lo, hi, 5) for lo, hi in bounds]))
            best_val, start = max((m_of(p), p) for p in grid)
            res = minimize(lambda lr, m_of=m_of: -m_of(lr), start, method="Nelder-Mead", bounds=bounds,
                           options=dict(xatol=1e-10, fatol=1e-14 * best_val, maxiter=4000, maxfev=4000))
            _TABLE_REF[(model, r["row"])] = (r, max(best_val, -res.fun) / 1e3)
    col = {1: "unit_n1", 10: "unit_n10"}[n_bsm]
    return [dict(model=r["model"], row=r["row"], R=r["R"], R_A=r["R_A"], R_B=r["R_B"],
                 m_max_tev=m1 * math.sqrt(n_bsm), talk_tev=r[col]) for r, m1 in _TABLE_REF.values()]


TAU_MU, TAU_TAU = float(C.TAU_MU_S), 2.903e-13
PARENTS = [(MU, TAU_MU), (float(C.M_TAU), TAU_TAU)]

CASES = [
    Case(heavy.ssf_loop, ssf_ref, POINTS),
    Case(heavy.ffs_loop, ffs_ref, POINTS, label="mass"),
    Case(heavy.ffs_loop, ffs_ref, [p + ("momentum",) for p in POINTS], label="momentum"),
    Case(heavy.ffs_loop, ffs_ref, [t + (-2.0, "both") for t in SHORT], label="both"),
    Case(heavy.ssf_mass_loop, ssf_mass_ref, TRIPLES),
    Case(heavy.delta_a_ssf, _da_ssf_ref,
         [(1e4, 1e4, 1e4, -1, 1.0, 1.0, 1e4), (300.0, 2e3, 5e3, -2, 0.5, -3.0, 1e3, 10),
          (1.0, 1e4, 1.0, 0, 1.0, 1.0, 1.0, 1, 246.0, float(C.M_TAU))]),
    Case(heavy.delta_a_ffs, _da_ffs_ref,
         [(1e4, 1e4, 1e4, -1, 1.0, 1.0, 1.0), (300.0, 2e3, 5e3, -2, 0.5, -3.0, 1.0, 10, "both"),
          (1.0, 1e2, 1e-2, 1, 1.0, 1.0, 2.0, 1, "momentum", 246.0, float(C.M_TAU))]),
    Case(heavy.delta_m_mu_ssf, _dm_ref,
         [(1e4, 1e4, 1e4, 1.0, 1.0, 1e4), (300.0, 2e3, 5e3, 0.5, -3.0, 1e3, 10),
          (1.0, 1.0, 1.0 + 1e-8, 1.0, 1.0, 1.0, 1, 246.0)]),
    Case(heavy.max_charged_mass, _max_mass_ref, MAX_MASS_POINTS),
    Case(heavy.max_charged_mass, _max_mass_ref, MAX_MASS_POINTS[:3], kwargs=dict(natural=1.0),
         label="natural"),
    Case(heavy.max_charged_mass, _max_mass_ref, MAX_MASS_POINTS[:3],
         kwargs=dict(y2_factor=heavy.MFV_Y2_FACTOR, neutral_floor=0.01), label="MFV"),
    Case(heavy.loop_channels, _channels_ref, TABLE_ROWS),
    Case(heavy.unitarity_table, _table_ref, [(1,), (10,)]),
    Case(heavy.delta_a_from_dipole, _da_from_c_ref,
         [(c,) for c in (-1e-9, 1e-12, 3.7e-6)] + [(1e-9, float(C.M_E)), (2e-10, float(C.M_TAU))]),
    Case(heavy.dipole_from_delta_a, _c_from_da_ref,
         [(da,) for da in (251e-11, -1e-15, 3e-3)] + [(1e-12, float(C.M_E))]),
    Case(heavy.mass_scale, _scale_ref,
         [(da, g, flip) for da in (1e-15, 251e-11, 1e-3) for g in (1e-3, 1.0, 4 * math.pi)
          for flip in ("muon", "heavy")] + [(251e-11, 1.0, "heavy", 4 / 3, 174.0, float(C.M_E))]),
    Case(heavy.br_radiative, _br_ref,
         [(c, m, t) for c in (0.0, 1e-15, 1e-13, 1e-9) for m, t in PARENTS]),
    Case(heavy.offdiagonal_ratio_max, _theta_ref,
         [(b, m, t) for b in (1e-14, 4.2e-13, 4.4e-8) for m, t in PARENTS]
         + [(4.2e-13, MU, TAU_MU, 1e-12)]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
