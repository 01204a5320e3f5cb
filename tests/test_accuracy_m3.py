"""The stated accuracy of dialm.m3, against independent mpmath references.

χ by mp.quad of its defining t integral (split at the screening scale 1/a² and the nuclear size d),
dσ/dx from the WW closed form with that χ (the full-WW kind as the nested U integral), σ_sig as the
x integral of that dσ/dx.  The outer integral of the two nested ones (U, x) is scipy's adaptive
quad at epsrel 1e-13 over the 40-digit mpmath integrand (a nested mp.quad took minutes a row).
"""

from __future__ import annotations

import math

import mpmath as mp
import pytest
from _accuracy import Case, check, logspace
from scipy.integrate import quad

from dialm import constants as C
from dialm import m3
from dialm.limits import poisson_upper_limit

MP = mp.mpf
MMU, ME = MP(float(C.M_MU)), MP(float(C.M_E))
E15 = float(C.M3_E_BEAM)


def target_ref(target="W"):
    z, a, x0 = (MP(v) for v in m3.TARGETS[target])
    scr = MP(float(C.FF_SCREENING_A)) * z ** (-MP(1) / 3) / ME
    return z, a, x0, scr**2, MP(float(C.FF_NUCLEAR_D)) * a ** (-MP(2) / 3)


def g2_ref(t, target="W"):
    z, _, _, a2, d = target_ref(target)
    t = MP(t)
    return z**2 * (a2 * t / (1 + a2 * t)) ** 2 / (1 + t / d) ** 2


def _u0(x, mv):
    return mv**2 * (1 - x) / x + MMU**2 * x


def t_min_ref(x, m_v, e_beam=E15, kind="kinematic"):
    x, mv, e = MP(x), MP(m_v), MP(e_beam)
    q = _u0(x, mv) / (2 * e * (1 - x)) if kind in ("kinematic", "ww") else mv**2 / (2 * e)
    return q**2


def _chi(tmin, tmax, target="W"):
    if tmin >= tmax:
        return MP(0)
    _, _, _, a2, d = target_ref(target)
    pts = [tmin] + [p for p in (1 / a2, d) if tmin < p < tmax] + [tmax]
    return mp.quad(lambda t: (t - tmin) / t**2 * g2_ref(t, target), pts)


def chi_ref(x, m_v, e_beam=E15, target="W", kind="kinematic"):
    return _chi(t_min_ref(x, m_v, e_beam, kind), MP(m_v) ** 2 + MMU**2, target)


def dsdx_ref(x, m_v, g=1.0, e_beam=E15, target="W", kind="kinematic"):
    x, mv, e = MP(x), MP(m_v), MP(e_beam)
    if x * e <= mv or x >= 1 - MMU / e:
        return MP(0)
    alpha = MP(float(C.ALPHA))
    beta = mp.sqrt(1 - (mv / (x * e)) ** 2)
    u0 = _u0(x, mv)
    tmax = mv**2 + MMU**2
    c2 = x * (1 - x) * (mv**2 + 2 * MMU**2)
    h = 1 - x + x**2 / 2
    pre = 4 * alpha**2 * MP(g) ** 2 / (4 * mp.pi) * beta
    if kind != "ww":
        return pre * chi_ref(x, mv, e, target, kind) * (h / u0 - c2 / (6 * u0**2))
    umax = 2 * e * (1 - x) * mp.sqrt(tmax)   # χ(t_min(U)) = 0 beyond

    def f(u):
        return (h / u**2 - c2 * (u - u0) / u**4) * _chi((u / (2 * e * (1 - x))) ** 2, tmax, target)

    pts = [float(u0 * k) for k in (1, 2, 10, 100) if u0 * k < umax] + [float(umax)]
    return pre * _outer(lambda u: f(MP(u)), pts)


def _outer(f, pts):
    """∫ f over the panels pts (floats) by scipy quad at epsrel 1e-13; f is a 40-digit integrand."""
    return MP(sum(quad(lambda v: float(f(v)), a, b, epsabs=0.0, epsrel=1e-13, limit=200)[0]
                  for a, b in zip(pts[:-1], pts[1:], strict=True)))


def sigma_ref(m_v, g=1.0, e_beam=E15, e_out_max=float(C.M3_E_OUT_MAX), target="W",
              kind="kinematic"):
    mv, e = MP(m_v), MP(e_beam)
    lo = max(1 - MP(e_out_max) / e, mv / e)
    hi = 1 - MMU / e
    # in v = ln(1 − x): the spectrum piles up at x → 1 for m_V ≫ m_μ
    pts = sorted({float(mp.log(1 - lo)), float(mp.log(1 - hi)),
                  *(v for v in (math.log(k) for k in (0.3, 0.1, 0.03, 0.01))
                    if mp.log(1 - hi) < v < mp.log(1 - lo))})
    return _outer(lambda v: mp.exp(v) * dsdx_ref(1 - mp.exp(MP(v)), mv, g, e, target, kind), pts)


def yield_ref(m_v, g=1.0, e_beam=E15, thickness_x0=float(C.M3_TARGET_X0),
              e_out_max=float(C.M3_E_OUT_MAX), target="W", kind="kinematic"):
    _, a, x0, _, _ = target_ref(target)
    return (MP(thickness_x0) * x0 * MP(float(C.N_AVOGADRO)) / a
            * sigma_ref(m_v, g, e_beam, e_out_max, target, kind) * MP(float(C.HBARC_GEV_CM)) ** 2)


def events_ref(m_v, g, n_mu, *args, **kw):
    return MP(n_mu) * yield_ref(m_v, g, *args, **kw)


def reach_ref(m_v, n_mu, n_signal=None, *args, **kw):
    ns = MP(poisson_upper_limit(0)) if n_signal is None else MP(n_signal)
    return mp.sqrt(ns / (MP(n_mu) * yield_ref(m_v, 1.0, *args, **kw)))


MV = logspace(1e-6, 10.0, 8)           # m_V from ≪ m_μ to beyond it
X_EDGE = [1e-4, 0.01, 0.5, 0.9, 0.99, 0.999]

CASES = [
    Case(m3.target_properties, target_ref, [("W",), ("Pb",)]),
    Case(m3.g2_elastic, g2_ref, [(t, tg) for t in logspace(1e-16, 1e4, 21) for tg in ("W", "Pb")]),
    Case(m3.t_min, t_min_ref,
         [(x, mv, e, k) for x in (1e-6, 0.3, 0.9, 1 - 1e-6) for mv in (1e-6, 0.1, 10.0)
          for e in (1.0, E15, 1e3) for k in m3.KINDS]),
    Case(m3.chi_flux, chi_ref,
         [(x, mv, E15, tg, k) for x in X_EDGE for mv in MV for tg in ("W",) for k in ("kinematic", "iww")
          if x * E15 > mv]
         + [(0.5, 0.01, 1e3, "Pb", "kinematic"), (0.9999, 1e-3, 1.0, "W", "kinematic"),
            (0.999, 1e-4, 0.2, "W", "kinematic")]),
    Case(m3.dsigma_dx, dsdx_ref,
         [(x, mv, 1.0, E15, "W", k) for x in X_EDGE for mv in MV for k in ("kinematic", "iww")
          if x * E15 > mv * 1.0001]
         + [(mv / E15 * (1 + 1e-6), mv) for mv in (1e-3, 0.1, 5.0)]        # β → 0 at threshold
         + [(1 - float(MMU) / E15 * (1 + 1e-9), 0.01)]                   # the kinematic end
         + [(0.5, 0.01, 3e-4, 160.0, "Pb")]),
    Case(m3.dsigma_dx, dsdx_ref,
         [(0.45, 1e-3, 1.0, E15, "W", "ww"), (0.9, 0.3, 1.0, E15, "W", "ww")], label="ww"),
    Case(m3.sigma_signal, sigma_ref,
         [(mv,) for mv in (1e-5, 0.05, 1.0, 5.0)]
         + [(0.01, 1.0, E15, 9.0, "W", "iww"), (0.1, 1e-4, 100.0, 50.0, "Pb")]),
    Case(m3.yield_per_muon, yield_ref, [(0.01, 1e-4)]),
    Case(m3.expected_events, events_ref, [(0.3, 1e-3, 1e13)]),
    Case(m3.g_reach, reach_ref, [(1.0, 1e13, 10.0)]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
