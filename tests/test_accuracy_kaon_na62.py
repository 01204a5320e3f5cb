"""Stated accuracy of dialm.kaon.na62: K⁺ → μ⁺νV (NA62) with its K⁺ → μ⁺νγ background.  References
are re-derived at 40+ digits in mpmath from the physics (see each one)."""

from __future__ import annotations

import functools
import math

import mpmath as mp
import pytest
from _accuracy import Case, check, logspace

from dialm import constants as C
from dialm.kaon.na62 import (
    br_k_mu_nu_v,
    dalitz_m23sq_limits,
    dgamma_dm2miss,
    dgamma_dm2miss_mu_nu_gamma,
    f_ib_k_mu_nu_gamma,
    gamma_in_bins,
    lambda_mu,
    mc_m2miss_histogram,
    msq_k_mu_nu_v,
    na62_background_events,
    na62_expected_events,
    na62_g_reach,
    signal_for_sensitivity,
)


def _f(c):
    """A constant of constants.py as an exact mpf of its float value (what the code uses)."""
    return mp.mpf(float(c))


# ============================================================================================
# K⁺ → μ⁺ ν V
# ============================================================================================
MK, MMU = float(C.M_KPLUS), float(C.M_MU)
HI = (MK - MMU) ** 2


def lam_mu_ref():
    return 2 * _f(C.G_F) * _f(C.NA62V_F_K) * _f(C.M_MU) * _f(C.V_US)


def _bracket(s12, s23, mv):
    """|M|²/(g²λ_μ²): the talk's formula (Krnjaic et al. 2020) as written, mp at the caller's dps."""
    mk2, m2, mv2 = _f(MK) ** 2, _f(MMU) ** 2, mp.mpf(mv) ** 2
    s12, s23 = mp.mpf(s12), mp.mpf(s23)
    d, a = s23 - m2, mk2 - m2
    return (2 + (s12 + 2 * m2 - 2 * mk2) / d - a * (mv2 + 2 * m2) / d ** 2
            + 2 * (a ** 2 + mv2 * m2) / (s12 * d) - mv2 * a / s12 ** 2 + (s23 + m2 - 2 * mk2) / s12)


def msq_ref(s12, s23, mv, g):
    with mp.workdps(120):   # the bracket cancels to ~1e-40 of its terms at the Dalitz corner
        val = mp.mpf(g) ** 2 * lam_mu_ref() ** 2 * _bracket(s12, s23, mv)
    return +val


def limits_ref(s12, mv):
    """PDG Kinematics eq. 49.23 in the (12) rest frame, at 120 digits."""
    with mp.workdps(120):
        s12, mv, mk, mm = mp.mpf(s12), mp.mpf(mv), _f(MK), _f(MMU)
        m12 = mp.sqrt(s12)
        e2, e3 = (s12 + mv ** 2) / (2 * m12), (mk ** 2 - s12 - mm ** 2) / (2 * m12)
        q2, q3 = mp.sqrt(max(e2 ** 2 - mv ** 2, 0)), mp.sqrt(max(e3 ** 2 - mm ** 2, 0))
        lo, hi = (e2 + e3) ** 2 - (q2 + q3) ** 2, (e2 + e3) ** 2 - (q2 - q3) ** 2
    return (+lo, +hi)


def _dgamma_exact(s12, mv, g):
    """dΓ/dm12² = ∫|M|² dm23²/(256π³m_K³) with the m23² integral done in closed form: the bracket
    is c₀ + c₁/d + c₂/d² + s23/m12², d = m23² − m_μ².  Runs at 120 digits (the caller's dps out)."""
    with mp.workdps(120):
        s12, mv2, mk2, m2 = mp.mpf(s12), mp.mpf(mv) ** 2, _f(MK) ** 2, _f(MMU) ** 2
        if s12 <= mv2 or s12 >= (_f(MK) - _f(MMU)) ** 2:
            return mp.mpf(0)
        lo, hi = limits_ref(s12, mv)
        a = mk2 - m2
        c0 = 2 - mv2 * a / s12 ** 2 + (m2 - 2 * mk2) / s12
        c1 = s12 + 2 * m2 - 2 * mk2 + 2 * (a ** 2 + mv2 * m2) / s12
        c2 = -a * (mv2 + 2 * m2)
        dlo, dhi = lo - m2, hi - m2
        integral = (c0 * (hi - lo) + c1 * mp.log(dhi / dlo) + c2 * (dhi - dlo) / (dlo * dhi)
                    + (hi ** 2 - lo ** 2) / (2 * s12))
        return mp.mpf(g) ** 2 * lam_mu_ref() ** 2 * integral / (256 * mp.pi ** 3 * _f(MK) ** 3)


def dgamma_ref(s12, mv, g):
    return +_dgamma_exact(s12, mv, g)


def _gamma_ref(mv, g, lo, hi):
    """∫ dΓ/dm12² dm12² over [lo, hi] by tanh-sinh in ln m12², split into e-folds."""
    lo, hi = max(mp.mpf(lo), mp.mpf(mv) ** 2), min(mp.mpf(hi), (_f(MK) - _f(MMU)) ** 2)
    if lo >= hi:
        return mp.mpf(0)
    a, b = mp.log(lo), mp.log(hi)
    n = max(1, int(b - a))
    nodes = [a + (b - a) * k / n for k in range(n + 1)]
    return mp.quad(lambda t: mp.exp(t) * _dgamma_exact(mp.exp(t), mv, g), nodes)


def gamma_k_ref():
    return _f(C.HBAR_GEV_S) / _f(C.TAU_KPLUS_S)


def br_ref(mv, g, cut=0.0):
    return _gamma_ref(mv, g, cut, 1) / gamma_k_ref()


def bins_ref(edges, mv, g):
    return [_gamma_ref(mv, g, a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]


def _events_ref(mv, g, n_kaons=C.NA62V_N_K_ASSUMED, acceptance=C.NA62V_ACCEPTANCE,
                downscale=C.NA62V_DOWNSCALE, m2miss_cut=C.NA62V_M2MISS_CUT):
    return (_f(n_kaons) * _f(acceptance) / _f(downscale)
            * br_ref(mv, g, float(m2miss_cut)))


def events_ref(mv, g, *args):
    return _events_ref(mv, g, *args)


def reach_ref(mv, n_signal=2.3, *args):
    return mp.sqrt(mp.mpf(n_signal) / _events_ref(mv, 1.0, *args))


# -- K⁺ → μ⁺νγ inner bremsstrahlung -------------------------------------------------------------
def f_ib_ref(x, y):
    """Bijnens, Ecker & Gasser (1993) f_IB(x, y) as written, 120 digits; 0 outside the region."""
    with mp.workdps(120):
        x, y = mp.mpf(x), mp.mpf(y)
        r = (_f(MMU) / _f(MK)) ** 2
        if y < 2 * mp.sqrt(r) or y > 1 + r:
            return mp.mpf(0)
        root = mp.sqrt(y ** 2 - 4 * r)
        if x <= 0 or x < 1 - (y + root) / 2 or x > 1 - (y - root) / 2:
            return mp.mpf(0)
        z = x + y - 1 - r
        val = (1 - y + r) / (x ** 2 * z) * (x ** 2 + 2 * (1 - x) * (1 - r) - 2 * x * r * (1 - r) / z)
    return +val


def _ib_antiderivative(x, w, r):
    """∫ f_IB dx at fixed w = 1 + r − y, by partial fractions in x and z = x − w."""
    z = x - w
    big_l = mp.log(z / x)
    return (w * mp.log(z) + 2 * (1 - r) * (big_l * (1 / w - 1) + 1 / x)
            + 2 * r * (1 - r) * (big_l / w + 1 / z))


def ib_spectrum_ref(m2miss, e_gamma_min=0.0):
    """Γ_μν (α/2π)/(1 − r)²/m_K² ∫ f_IB dx from the x range of PDG kinematics (closed form)."""
    with mp.workdps(120):
        mk, mm = _f(MK), _f(MMU)
        r = (mm / mk) ** 2
        w = mp.mpf(m2miss) / mk ** 2
        y = 1 + r - w
        if w <= 0 or y <= 2 * mp.sqrt(r):
            return mp.mpf(0)
        root = mp.sqrt(y ** 2 - 4 * r)
        xlo, xhi = 1 - (y + root) / 2, 1 - (y - root) / 2
        xlo = max(xlo, 2 * mp.mpf(e_gamma_min) / mk)
        if xlo >= xhi:
            return mp.mpf(0)
        gamma0 = lam_mu_ref() ** 2 * (mk ** 2 - mm ** 2) ** 2 / (32 * mp.pi * mk ** 3)
        pref = gamma0 * _f(C.ALPHA) / (2 * mp.pi) / ((1 - r) ** 2 * mk ** 2)
        val = pref * (_ib_antiderivative(xhi, w, r) - _ib_antiderivative(xlo, w, r))
    return +val


def background_ref(eta, n_kaons=C.NA62V_N_K_ASSUMED, acceptance=C.NA62V_ACCEPTANCE,
                   downscale=C.NA62V_DOWNSCALE, m2miss_cut=C.NA62V_M2MISS_CUT):
    a, b = mp.log(_f(m2miss_cut)), mp.log((_f(MK) - _f(MMU)) ** 2)
    n = max(1, int(b - a))
    nodes = [a + (b - a) * k / n for k in range(n + 1)]
    b_ib = mp.quad(lambda t: mp.exp(t) * ib_spectrum_ref(mp.exp(t)), nodes) / gamma_k_ref()
    return _f(n_kaons) * _f(acceptance) / _f(downscale) * b_ib * mp.mpf(eta)


def s90_ref(b, rel_sys=0.0):
    """max(2.3, z₀.₉ √(B + (δB)²)) with z₀.₉ = √2 erf⁻¹(0.8) (the one-sided 90 % quantile)."""
    b, d = mp.mpf(b), mp.mpf(rel_sys)
    z = mp.sqrt(2) * mp.erfinv(mp.mpf("0.8"))
    return max(mp.mpf("2.3"), z * mp.sqrt(b + (d * b) ** 2))


# -- points -------------------------------------------------------------------------------------
MASSES = [1e-4, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.3, 0.38, 0.3875]


def _m12_points(mv, n=9):
    """m12² across [m_V², (m_K − m_μ)²], both ends approached to 1e-12 relative of the range."""
    lo, hi = mv * mv, HI
    pts = [lo + (hi - lo) * t for t in (1e-12, 1e-8, 1e-4, 0.01, 0.3, 0.7, 0.99, 1 - 1e-4,
                                         1 - 1e-8, 1 - 1e-12)]
    pts += logspace(lo * (1 + 1e-9), hi * (1 - 1e-9), n)
    return [p for p in pts if lo < p < hi]


def _dalitz_points():
    out = []
    for mv in MASSES:
        for s12 in _m12_points(mv):
            lo, hi = (float(v) for v in limits_ref(s12, mv))
            for t in (1e-10, 1e-4, 0.5, 1 - 1e-4, 1 - 1e-10):
                out.append((s12, lo + t * (hi - lo), mv, 1e-3))
    return out


_DALITZ = _dalitz_points()
_LIMIT_POINTS = [(s12, mv) for mv in MASSES + [1e-6, 0.388] for s12 in _m12_points(mv) + [mv * mv, HI]]
_DGAMMA_POINTS = [(s12, mv, 1e-3) for mv in MASSES for s12 in _m12_points(mv, 5)]


CASES = [
    Case(lambda_mu, lam_mu_ref, [()]),
    Case(msq_k_mu_nu_v, msq_ref, _DALITZ),
    Case(dalitz_m23sq_limits, limits_ref, _LIMIT_POINTS),
    Case(dgamma_dm2miss, dgamma_ref, _DGAMMA_POINTS),
    Case(br_k_mu_nu_v, br_ref, [(mv, 1e-3) for mv in (1e-4, 1e-3, 0.05, 0.2, 0.38, 0.3875)]
         + [(0.01, 2.0, 0.05), (0.3, 1e-3, 0.1), (0.1, 1e-3, HI * (1 - 1e-6))]),
    Case(gamma_in_bins, bins_ref, [([0.0025 + 0.003 * k for k in range(4)], 0.05, 1.0),
                                   ([HI - 0.003, HI - 0.0015, HI], 0.1, 1e-3),
                                   ([1e-6 + k * (HI - 1e-6) / 50 for k in (0, 1, 2, 25, 26, 49, 50)],
                                    1e-3, 1.0),
                                   # bins just short enough (ln-width 0.049) for the 12-node rule
                                   ([HI * math.exp(-0.049), HI], 0.2, 1.0),
                                   ([0.05, 0.05 * math.exp(0.049)], 0.01, 1.0),
                                   ([0.01, 0.01 * math.exp(0.049)], 0.1, 1.0),
                                   ([0.1, 0.1 * math.exp(0.051)], 0.3, 1.0)]),
    Case(f_ib_k_mu_nu_gamma, f_ib_ref, [(x, y) for y in (0.43, 0.5, 0.8, 1.0, 1.04, 1.045, 1.0457)
                                        for x in (1e-6, 1e-4, 1e-3, 0.05, 0.3, 0.55)]),
    Case(dgamma_dm2miss_mu_nu_gamma, ib_spectrum_ref,
         [(s,) for s in logspace(1e-12, HI * (1 - 1e-9), 25)]
         + [(HI * (1 - e),) for e in (1e-4, 1e-12, 1e-15)]),
    Case(dgamma_dm2miss_mu_nu_gamma, ib_spectrum_ref, [(s,) for s in logspace(1e-6, 0.15, 8)],
         kwargs=dict(e_gamma_min=0.1), label="E_gamma cut"),
    Case(dgamma_dm2miss_mu_nu_gamma, ib_spectrum_ref, [(s, e) for s in (1e-9, 0.01, 0.1, 0.15)
                                                        for e in (1e-9, 1e-3, 0.05, 0.2)],
         label="E_gamma cut scan"),
    Case(na62_background_events, background_ref, [(1e-5,), (1.0,), (0.0,)] + [
        (1e-6, 1e13, 0.35, 400.0, cut) for cut in (1e-10, 1e-4, 0.01, 0.15, HI * (1 - 1e-6))]),
    Case(signal_for_sensitivity, s90_ref, [(0.0,), (3.0,), (3.3,), (100.0, 0.1), (1e8, 0.1),
                                           (1e150, 1.0), (1e300, 0.0)]),
    Case(na62_expected_events, events_ref, [(0.1, 1e-3), (0.01, 1e-4), (0.3, 1e-3),
                                            (1e-4, 1e-3, 1e13, 0.35, 400.0, 1e-8)]),
    Case(na62_g_reach, reach_ref, [(0.1,), (0.01,), (0.3,), (1e-4, 2.3, 1e13, 0.35, 400.0, 1e-8)]),
]

#: the Monte Carlo: a seeded χ² of its histogram against the exact partial widths
STATISTICAL = {mc_m2miss_histogram: "tests/test_kaon_na62.py::test_mc_histogram_matches_dgamma_chi2"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)


def test_ib_antiderivative_is_the_integral():
    """The closed form used by the IB reference agrees with mp.quad of f_IB itself."""
    with mp.workdps(40):
        r = (_f(MMU) / _f(MK)) ** 2
        for m2 in (0.01, 0.1):
            w = mp.mpf(m2) / _f(MK) ** 2
            y = 1 + r - w
            root = mp.sqrt(y ** 2 - 4 * r)
            a, b = 1 - (y + root) / 2, 1 - (y - root) / 2
            num = mp.quad(functools.partial(f_ib_ref, y=y), [a, (a + b) / 2, b])
            assert abs(num / (_ib_antiderivative(b, w, r) - _ib_antiderivative(a, w, r)) - 1) < 1e-25


def test_dgamma_closed_form_is_the_integral():
    """The closed-form m23² integral of the dΓ/dm²_miss reference agrees with mp.quad of |M|²."""
    with mp.workdps(40):
        for s12, mv in ((0.05, 0.1), (0.001, 0.01)):
            lo, hi = limits_ref(s12, mv)
            num = mp.quad(functools.partial(msq_ref, s12, mv=mv, g=1.0), [lo, hi])
            num /= 256 * mp.pi ** 3 * _f(MK) ** 3
            assert abs(num / dgamma_ref(s12, mv, 1.0) - 1) < 1e-25
