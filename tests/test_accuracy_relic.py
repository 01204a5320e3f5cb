"""Stated accuracy of dialm.relic (see tests/_accuracy.py).

References, each re-derived from the physics and not from the float code:

* the plasma — the not-a-knot cubic spline through Borsanyi et al.'s table (log10 T), set up and
  solved here at 40 digits from the CSV's decimal strings, above 3.16 MeV; below, the ideal gas
  γ + e± + 3ν (Fermi–Dirac integrals and their y-derivatives by QUADPACK at rtol 1e-13; instant ν
  decoupling at 1 MeV, entropy conserved).  g_ρ, g_s, g_*^{1/2} interpolate a grid of these
  linearly in log T: the bounds are those of the interpolation (and of the 3e-4 step where the two
  descriptions meet at 3.16 MeV), the grid itself (:func:`gstar_table`) is compared node by node;
* K_ν e^z, Y_eq, Γ_V, σ, σv_Møl, the a + (3/2)b/x expansion: the closed forms at 40 digits
  (mp.besselk, mp.diff);
* the Gondolo–Gelmini average: mp.quad of the defining integral in s with breakpoints at the
  thresholds and around the resonance;
* the Boltzmann equation (stiff; mpmath impractical): scipy's Radau (solve_ivp, rtol 1e-12,
  atol 1e-14) on the equation written here again in ln Y against ln x — with the package's g_s,
  g_*^{1/2} tables (np.interp of :func:`gstar_table`) as input, scipy's K₂, and the annihilation
  after x = 10⁴ integrated by QUADPACK; the inverse problems (⟨σv⟩ or g_V for a given Ωh²) by one
  Newton step of that reference from the package's answer (slope by a second reference solve);
* for the L_μ−L_τ model the reference ⟨σv⟩(x) is the Gondolo–Gelmini integral by QUADPACK
  (rtol 1e-12) on 161 points, a cubic spline in ln x.
"""

from __future__ import annotations

import csv
import functools
import math
import warnings
from importlib import resources

import mpmath as mp
import numpy as np
import pytest
import scipy.special as sps
from _accuracy import Case, check, logspace
from scipy.integrate import IntegrationWarning, quad, solve_ivp
from scipy.interpolate import CubicSpline

from dialm import constants as C
from dialm import relic as R

MMU, MTAU, ME = float(C.M_MU), float(C.M_TAU), float(C.M_E)
TD = float(C.RELIC_T_NU_DECOUPLING)
AD = float(C.RELIC_ALPHA_D)


def _m(x):
    return mp.mpf(float(x))


# ============================================================================================
# the plasma
# ============================================================================================
def _borsanyi():
    """(log10(T/GeV), g_ρ, g_s) of the CSV at 40 digits from its decimal strings."""
    text = resources.files("dialm").joinpath("data/gstar_borsanyi2016.csv").read_text()
    rows = list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))
    with mp.workdps(40):
        lt = [mp.mpf(r["log10_T_MeV"]) - 3 for r in rows]
        grho = [mp.mpf(r["g_rho"]) for r in rows]
        gs = [mp.mpf(r["g_rho"]) / mp.mpf(r["g_rho_over_g_s"]) for r in rows]
    return lt, grho, gs


class _NotAKnot:
    """The not-a-knot cubic spline through (x_i, y_i) in mpmath: second derivatives M_i from the
    interior continuity equations and a continuous third derivative at x_1 and x_{n−2}."""

    def __init__(self, x, y):
        n = len(x)
        h = [x[i + 1] - x[i] for i in range(n - 1)]
        A = mp.zeros(n, n)
        b = mp.zeros(n, 1)
        A[0, 0], A[0, 1], A[0, 2] = h[1], -(h[0] + h[1]), h[0]
        for i in range(1, n - 1):
            A[i, i - 1], A[i, i], A[i, i + 1] = h[i - 1], 2 * (h[i - 1] + h[i]), h[i]
            b[i] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
        A[n - 1, n - 3], A[n - 1, n - 2], A[n - 1, n - 1] = h[n - 2], -(h[n - 3] + h[n - 2]), h[n - 3]
        self.x, self.y, self.h, self.M = x, y, h, mp.lu_solve(A, b)

    def __call__(self, t, nu=0):
        i = max(j for j in range(len(self.h)) if self.x[j] <= t or j == 0)
        h, M0, M1 = self.h[i], self.M[i], self.M[i + 1]
        u = t - self.x[i]
        b = (self.y[i + 1] - self.y[i]) / h - h * (2 * M0 + M1) / 6
        if nu == 1:
            return b + M0 * u + (M1 - M0) / (2 * h) * u * u
        return self.y[i] + b * u + M0 / 2 * u * u + (M1 - M0) / (6 * h) * u**3


@functools.cache
def _splines():
    lt, grho, gs = _borsanyi()
    with mp.workdps(40):
        return lt, _NotAKnot(lt, grho), _NotAKnot(lt, gs)


@functools.cache
def _fd(y):
    """One fermionic dof of mass y·T: (30ρ/π²T⁴, 45s/2π²T³) and their y-derivatives (QUADPACK)."""
    def f(e):
        return math.exp(-e) / (1.0 + math.exp(-e))

    def q(g):  # (QUADPACK's roundoff warning where e± are negligible, ~e^{−y}: harmless)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IntegrationWarning)
            return quad(g, 0.0, max(60.0, y + 60.0), epsabs=0.0, epsrel=1e-13, limit=200,
                        points=[y] if y > 0 else None)[0] / (2 * math.pi**2)

    rho = q(lambda k: k * k * math.hypot(k, y) * f(math.hypot(k, y)))
    p = q(lambda k: k**4 / (3 * math.hypot(k, y)) * f(math.hypot(k, y)))
    # d/dy: de/dy = y/e, df/de = −f(1 − f)
    drho = q(lambda k: k * k * y / math.hypot(k, y) * (f(math.hypot(k, y)) - math.hypot(k, y)
                                                          * f(math.hypot(k, y)) * (1 - f(math.hypot(k, y)))))
    dp = q(lambda k: k**4 / 3 * y / math.hypot(k, y) ** 2 * (-f(math.hypot(k, y)) * (1 - f(math.hypot(k, y)))
                                                             - f(math.hypot(k, y)) / math.hypot(k, y)))
    c_r, c_s = 30 / math.pi**2, 45 / (2 * math.pi**2)
    return c_r * rho, c_s * (rho + p), c_s * (drho + dp)


@functools.cache
def _plasma_ideal(T):
    """(g_ρ, g_s, g_*^{1/2}) of γ + e± + 3ν at T (GeV); ν decouple at T_d, then (T_ν/T)³ =
    (2 + g_e,s(T))/(2 + g_e,s(T_d)) by entropy conservation."""
    y = ME / T
    er, es, des = (4 * v for v in _fd(y))
    h_dec = 2 + 4 * _fd(ME / TD)[1]
    nu = 3 * 2 * 7 / 8
    if T >= TD:
        tnu, dgs_dy = 1.0, des
    else:
        tnu = ((2 + es) / h_dec) ** (1 / 3)
        dgs_dy = des * (1 + nu / h_dec)
    grho, gs = 2 + er + nu * tnu**4, 2 + es + nu * tnu**3
    dlng = -y * dgs_dy / gs                       # d ln g_s / d ln T = −y d ln g_s/dy
    return grho, gs, gs / math.sqrt(grho) * (1 + dlng / 3)


def _plasma(lt):
    """(g_ρ, g_s, g_*^{1/2}) at log10(T/GeV) = lt: the spline at and above the join, the ideal gas
    below, held constant above the table's last point (282 GeV)."""
    lt_b, sp_r, sp_s = _splines()
    if lt < R._LT_JOIN:
        return _plasma_ideal(10.0**lt)
    t = min(_m(lt), lt_b[-1])
    grho, gs = sp_r(t), sp_s(t)
    dlng = sp_s(t, 1) / gs / mp.log(10) if _m(lt) < lt_b[-1] else 0
    return grho, gs, gs / mp.sqrt(grho) * (1 + dlng / 3)


def ref_gstar_table():
    lt = R.gstar_table()[0]
    cols = [_plasma(float(v)) for v in lt]
    return [lt.tolist()] + [[c[k] for c in cols] for k in range(3)]


def ref_g_rho(T):
    return _plasma(math.log10(T))[0]


def ref_g_s(T):
    return _plasma(math.log10(T))[1]


def ref_gstar_half(T):
    return _plasma(math.log10(T))[2]


_T_JOIN = 10.0**R._LT_JOIN
# the whole range (today to above the electroweak scale), the e± and QCD eras densely, both sides
# of ν decoupling (1 MeV), of the join (3.16 MeV) and of the table's end (282 GeV).  The
# definition steps at all three: the two descriptions disagree by 3e-4 at the join; g_*^{1/2}
# steps by 0.6 % at T_d (d ln g_s/d ln T jumps with instantaneous decoupling) and by 1.6 % at
# 282 GeV (g_s held constant above, the spline's slope below).  The grid spreads each step over
# the one cell (0.002 in log10 T) above it, which the docstrings exclude and the points avoid.
_CELL = 10.0**R._DLT
T_POINTS = [(t,) for t in logspace(1e-8, 1e4, 41) + logspace(3e-4, 3e-3, 23) + logspace(0.1, 0.3, 15)
            + [TD * (1 - 1e-9), TD * _CELL * 1.0001, _T_JOIN * (1 - 1e-4), _T_JOIN * _CELL * 1.0001,
               10**2.4499, 10**2.45 * _CELL * 1.0001,
               0.14092887984196772, 0.1415793779954873, 8.729713683874596e-05]]   # worst cells


# ============================================================================================
# closed forms
# ============================================================================================
def ref_bessel_kve(nu, z):
    return mp.besselk(nu, _m(z)) * mp.exp(_m(z))


def ref_y_eq(x, m_chi, g_chi=2.0):
    x = _m(x)
    gs = _m(R.g_s(m_chi / float(x)))           # the package's g_s: an input of the formula
    return 45 * _m(g_chi) * x**2 * mp.besselk(2, x) / (4 * mp.pi**4 * gs)


def _width_mp(mv, gv, ad, mchi=None):
    mv, gv = _m(mv), _m(gv)
    gam = 2 * gv**2 * mv / (24 * mp.pi)                                  # ν_μ, ν_τ (left-handed)
    chans = [(gv**2, _m(MMU)), (gv**2, _m(MTAU))]
    if mchi is not None:
        chans.append((4 * mp.pi * _m(ad), _m(mchi)))
    for g2, mf in chans:
        if 2 * mf < mv:
            gam += g2 * mv / (12 * mp.pi) * (1 + 2 * mf**2 / mv**2) * mp.sqrt(1 - 4 * mf**2 / mv**2)
    return gam


def ref_width_v(m_v, g_v, alpha_d=AD, m_chi=None):
    return _width_mp(m_v, g_v, alpha_d, m_chi)


def _sigma_mp(s, mchi, mv, gv, ad):
    """(σ(χχ̄ → V* → μμ, ττ, νν̄) in GeV⁻², β_χ): g_χ²g_V²/(12π s β_χ) (s + 2m_χ²)
    /|s − m_V² + i m_VΓ_V|² × [Σ_{μ,τ} β_f (s + 2m_f²) + s] (two left-handed ν: one Dirac)."""
    s, mchi, mv, gv = _m(s), _m(mchi), _m(mv), _m(gv)
    gam = _width_mp(mv, gv, ad, mchi)
    beta = mp.sqrt(1 - 4 * mchi**2 / s)
    chan = s
    for mf in (_m(MMU), _m(MTAU)):
        if 4 * mf**2 < s:
            chan += mp.sqrt(1 - 4 * mf**2 / s) * (s + 2 * mf**2)
    return (4 * mp.pi * _m(ad) * gv**2 / (12 * mp.pi * s * beta) * (s + 2 * mchi**2)
            / ((s - mv**2) ** 2 + mv**2 * gam**2) * chan), beta


def ref_sigma_annihilation(s, m_chi, m_v, g_v, alpha_d=AD):
    return _sigma_mp(s, m_chi, m_v, g_v, alpha_d)[0]


def ref_sigma_v_mol(s, m_chi, m_v, g_v, alpha_d=AD):
    sig, beta = _sigma_mp(s, m_chi, m_v, g_v, alpha_d)
    return 2 * beta * sig * _m(R.CM3_PER_S_PER_GEV2)


def ref_sigma_v_nonrel(x, m_chi, m_v, g_v, alpha_d=AD):
    # σv_Møl(ε) at s = 4m²(1 + ε): a = its value at ε = 0 (the β_χ of v_Møl cancels the 1/β_χ of σ
    # analytically: evaluate the product in closed form), b = its ε-derivative there (mp.diff)
    m2 = _m(m_chi) ** 2

    def sv(eps):
        s = 4 * m2 * (1 + eps)
        mv, gv, ad = _m(m_v), _m(g_v), _m(alpha_d)
        gam = _width_mp(m_v, g_v, alpha_d, m_chi)
        chan = s
        for mf in (_m(MMU), _m(MTAU)):
            chan += mp.sqrt(1 - 4 * mf**2 / s) * (s + 2 * mf**2)
        return (2 * 4 * mp.pi * ad * gv**2 / (12 * mp.pi * s) * (s + 2 * m2)
                / ((s - mv**2) ** 2 + mv**2 * gam**2) * chan)

    def sv_open(eps):  # only the channels open at threshold (as the expansion's a, b)
        s = 4 * m2 * (1 + eps)
        mv, gv, ad = _m(m_v), _m(g_v), _m(alpha_d)
        gam = _width_mp(m_v, g_v, alpha_d, m_chi)
        chan = s
        for mf in (_m(MMU), _m(MTAU)):
            if mf**2 < m2:
                chan += mp.sqrt(1 - 4 * mf**2 / s) * (s + 2 * mf**2)
        return (2 * 4 * mp.pi * ad * gv**2 / (12 * mp.pi * s) * (s + 2 * m2)
                / ((s - mv**2) ** 2 + mv**2 * gam**2) * chan)

    a = sv_open(0)
    b = mp.diff(sv_open, 0)
    return (a + mp.mpf(3) / 2 * b / _m(x)) * _m(R.CM3_PER_S_PER_GEV2)


def _width_f(mv, gv, ad, mchi):
    return float(_width_mp(mv, gv, ad, mchi))


def _gg_quadpack(x, m, mv, gv, ad, gam=None, epsrel=1e-13):
    """Gondolo–Gelmini ⟨σv⟩ in GeV⁻²: 1/(8m⁴TK₂(x)²) ∫_{4m²}^∞ σ(s)(s − 4m²)√s K₁(√s/T) ds, in
    ε = s/4m² − 1: (4x/K₂(x)²) ∫_0^∞ (β_χσ)(ε) (1 + ε)√ε K₁(2x√(1 + ε)) dε, by QUADPACK in pieces
    split at the μ, τ thresholds and at ε_V + k m_VΓ_V/4m² (k = 0, ±1, ±3, ±10, ±30, ±100).
    s − 4m², s − 4m_f², s − m_V² are formed from ε and the differences of the masses (no
    cancellation next to a threshold or the resonance); scaled Bessel functions (no overflow)."""
    gam = _width_f(mv, gv, ad, m) if gam is None else gam
    m2 = m * m
    dv = (2 * m - mv) * (2 * m + mv)                 # 4m² − m_V²
    dfs = [(mf, 4 * (m - mf) * (m + mf)) for mf in (MMU, MTAU)]  # 4m² − 4m_f²
    g2 = 4 * math.pi * ad * gv * gv

    def sigma_beta(e):
        s = 4 * m2 * (1 + e)
        chan = s
        for mf, df in dfs:
            b2 = 4 * m2 * e + df
            if b2 > 0:
                chan += math.sqrt(b2 / s) * (s + 2 * mf * mf)
        return g2 / (12 * math.pi * s) * (s + 2 * m2) / ((4 * m2 * e + dv) ** 2 + (mv * gam) ** 2) * chan

    def integrand(e):
        z = 2 * x * math.sqrt(1 + e)
        return sigma_beta(e) * (1 + e) * math.sqrt(e) * sps.kve(1, z) * math.exp(2 * x - z)

    e_max = (1 + 40 / x) ** 2 - 1                     # beyond: e^{−80} of the peak
    pts = {0.0, e_max}
    pts.update(-df / (4 * m2) for _, df in dfs if 0 < -df / (4 * m2) < e_max)
    ks = (0, 1, -1, 3, -3, 10, -10, 30, -30, 100, -100)
    pts.update(-dv / (4 * m2) + k * mv * gam / (4 * m2) for k in ks
               if 0 < -dv / (4 * m2) + k * mv * gam / (4 * m2) < e_max)
    pts = sorted(pts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IntegrationWarning)
        tot = sum(quad(integrand, a, b, epsabs=0.0, epsrel=epsrel, limit=500)[0]
                  for a, b in zip(pts[:-1], pts[1:], strict=True))
    return 4 * x * tot / sps.kve(2, x) ** 2


def ref_sigma_v_thermal(x, m_chi, m_v, g_v, alpha_d=AD, rtol=1e-9):
    return _gg_quadpack(x, m_chi, m_v, g_v, alpha_d) * R.CM3_PER_S_PER_GEV2


CASES = [
    Case(R.g_rho, ref_g_rho, T_POINTS, label="table"),
    Case(R.g_s, ref_g_s, T_POINTS, label="table"),
    Case(R.gstar_half, ref_gstar_half, T_POINTS, label="table"),
    Case(R.gstar_table, ref_gstar_table, [()]),
    # K_ν e^z: tiny z (K_ν ~ z^−ν), the trapezoidal rule's steps, its switch to the asymptotic
    # series at z = 30, huge z
    *[Case(R.bessel_kve, ref_bessel_kve, [(nu, z) for z in logspace(1e-12, 1e6, 151)
                                          + [29.999999, 30.0, 30.000001]], label=f"nu={nu}")
      for nu in (1, 2)],
    # relativistic to deep freeze-out (Y_eq ~ e^{−x} underflows near x = 745), four masses
    Case(R.y_eq, ref_y_eq, [(x, m) for m in (1e-3, 0.1, 100.0, 1e4)
                            for x in logspace(1e-3, 700.0, 37) + [0.5, 30.0]]),
    Case(R.y_eq, ref_y_eq, [(x, 10.0, g) for x in (0.01, 3.0, 25.0) for g in (1.0, 4.0)], label="g_chi"),
]

# ------------------------------------------------------------------ the L_mu - L_tau model
_MODELS = [  # (m_chi, m_V, g_V, alpha_D): benchmark, near resonance from both sides, heavy, light
    (0.1, 0.3, 3e-5, AD), (0.1, 0.2 * (1 + 1e-3), 1e-3, AD), (0.1, 0.2 * (1 - 1e-3), 1e-3, AD),
    (0.1, 0.2 * (1 - 1e-9), 1e-3, AD), (1.0, 3.0, 1e-3, 0.05), (30.0, 100.0, 0.3, AD),
    (1e-3, 3e-3, 1e-5, AD), (0.05, 0.01, 1e-4, 1.0),
]
_MV_EDGES = [2 * MMU * (1 + d) for d in (1e-12, 1e-8, 1e-4)] + [2 * MTAU * (1 + d) for d in (1e-12, 1e-6)]
WIDTH_POINTS = ([(mv, g) for mv in logspace(1e-3, 1e3, 25) + _MV_EDGES for g in (1e-5, 0.5)]
                + [(mv, 1e-3, ad, mc) for mv in (0.03, 0.3, 5.0) for ad in (1e-4, AD, 4 * math.pi)
                   for mc in (mv / 3, mv / 2 * (1 - 1e-12), mv / 2 * (1 + 1e-12), 1.0)]
                + [(2 * mc * (1 + d), 1e-3, AD, mc) for mc in (0.01, 1.0) for d in (1e-12, 1e-8, 1e-4)])


def _s_points(mc, mv):
    s0 = 4 * mc * mc
    pts = [s0 * (1 + d) for d in (1e-12, 1e-8, 1e-4, 0.01, 0.1)] + logspace(s0 * 1.2, s0 * 1e6, 9)
    pts += [mv * mv * (1 + d) for d in (-1e-6, 0.0, 1e-6) if mv * mv * (1 + d) > s0]
    pts += [4 * mf * mf * (1 + d) for mf in (MMU, MTAU) for d in (1e-12, 1e-6) if 4 * mf * mf > s0]
    return pts


SIGMA_POINTS = [(s, mc, mv, g, ad) for mc, mv, g, ad in _MODELS for s in _s_points(mc, mv)]
# x from relativistic to deep freeze-out; m_chi next to the μ and τ thresholds (b ∝ 1/β_f there)
# and to the resonance m_V = 2m_chi
NONREL_POINTS = ([(x, mc, mv, g, ad) for mc, mv, g, ad in _MODELS for x in (1.0, 20.0, 1e4)]
                 + [(20.0, mf * (1 + d), 3.0 * mf, 1e-3, AD) for mf in (MMU, MTAU)
                    for d in (1e-8, 1e-4, -1e-4, -1e-8)]
                 + [(20.0, 0.1, 0.2 * (1 + d), 1e-3, AD) for d in (1e-6, -1e-6)])
THERMAL_POINTS = ([(x, mc, mv, g, ad) for mc, mv, g, ad in _MODELS for x in (1.0, 5.0, 20.0, 100.0, 1e3)]
                  + [(15.0, 0.1, 0.21, 1e-3, AD), (50.0, MMU * 1.001, 0.5, 1e-3, AD),
                     (20.0, MTAU * (1 - 1e-3), 1.0, 1e-3, AD), (2e3, 30.0, 100.0, 0.3, AD)])

CASES += [
    Case(R.width_v, ref_width_v, WIDTH_POINTS),
    Case(R.sigma_v_mol, ref_sigma_v_mol, SIGMA_POINTS),
    Case(R.sigma_annihilation, ref_sigma_annihilation, SIGMA_POINTS),
    Case(R.sigma_v_nonrel, ref_sigma_v_nonrel, NONREL_POINTS),
    Case(R.sigma_v_thermal, ref_sigma_v_thermal, THERMAL_POINTS),
]


# ============================================================================================
# the Boltzmann equation (scipy Radau at rtol 1e-12 on the equation written again)
# ============================================================================================
_LT, _GRHO, _GS, _GSH = R.gstar_table()
_MPL = float(C.RELIC_M_PLANCK)
_OMEGA_PER_MY = float(C.RELIC_S0_CM3) / float(C.RELIC_RHO_CRIT_H2)
_CONV = R.CM3_PER_S_PER_GEV2
X_END = 1e4


def _gs(T):
    return float(np.interp(math.log10(T), _LT, _GS))


def _gsh(T):
    return float(np.interp(math.log10(T), _LT, _GSH))


def _solve(m, sv, g=2.0, x_out=(X_END,)):
    """Y(x_out) and Y_∞ of dY/dx = −√(π/45) M_Pl g_*^{1/2} m ⟨σv⟩(x) (Y² − Y_eq²)/x², Y(1) = Y_eq(1),
    Y_eq = 45 g x² K₂(x)/(4π⁴ g_s): solve_ivp's Radau in W = ln Y against t = ln x, analytic
    Jacobian; after x = 10⁴ (Y_eq ≈ 0) 1/Y_∞ = 1/Y(10⁴) + ∫ λ dx/x² by QUADPACK, ⟨σv⟩ held at 10⁴.
    ``sv``: ⟨σv⟩(x) in GeV⁻²."""
    def lam(x):
        return math.sqrt(math.pi / 45) * _MPL * m * _gsh(m / x) * sv(min(x, X_END))

    def ln_yeq(x):
        return (math.log(45 * g / (4 * math.pi**4)) + 2 * math.log(x) + math.log(sps.kve(2, x)) - x
                - math.log(_gs(m / x)))

    def rhs(t, w):
        x = math.exp(t)
        return [-(lam(x) / x) * (math.exp(w[0]) - math.exp(2 * ln_yeq(x) - w[0]))]

    def jac(t, w):
        x = math.exp(t)
        return [[-(lam(x) / x) * (math.exp(w[0]) + math.exp(2 * ln_yeq(x) - w[0]))]]

    sol = solve_ivp(rhs, (0.0, math.log(X_END)), [ln_yeq(1.0)], method="Radau", jac=jac,
                    rtol=1e-12, atol=1e-14, t_eval=np.log(np.asarray(x_out, dtype=float)))
    y = np.exp(sol.y[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IntegrationWarning)
        tail = quad(lambda u: lam(math.exp(u)) * math.exp(-u), math.log(X_END), math.log(X_END) + 50,
                    epsabs=0.0, epsrel=1e-12, limit=2000)[0]
    return y, 1.0 / (1.0 / y[-1] + tail) if x_out[-1] == X_END else None


@functools.cache
def _omega_const(m, sigma_v, g=2.0, dirac=False):
    _, y_inf = _solve(m, lambda x: sigma_v / _CONV, g)
    return (2.0 if dirac else 1.0) * m * y_inf * _OMEGA_PER_MY


def ref_omega_h2(m_chi, sigma_v, g_chi=2.0, dirac=False, tol=1e-9):
    return _omega_const(m_chi, sigma_v, g_chi, dirac)


def ref_boltzmann_y(x, m_chi, sigma_v, g_chi=2.0, tol=1e-9):
    y, _ = _solve(m_chi, lambda _x: sigma_v / _CONV, g_chi, tuple(x) + ((X_END,) if x[-1] != X_END else ()))
    # the step count is the integrator's own bookkeeping (no reference value): taken from the call
    return list(y[:len(x)]), R.boltzmann_y(x, m_chi, sigma_v, g_chi, tol)[1]


def _newton(x0, f0, f1, h):
    """One Newton step for ln f = 0 from ln x0, slope from f at x0 and x0·e^h (secant)."""
    slope = (math.log(f1) - math.log(f0)) / h
    return x0 * math.exp(-math.log(f0) / slope)


def ref_sigma_v_for_omega(m_chi, omega=float(C.RELIC_OMEGA_DM_H2), g_chi=2.0, dirac=False, tol=1e-9):
    sv = float(R.sigma_v_for_omega(m_chi, omega, g_chi, dirac, tol))   # start of the Newton step
    h = 0.01
    f0 = _omega_const(m_chi, sv, g_chi, dirac) / omega
    f1 = _omega_const(m_chi, sv * math.exp(h), g_chi, dirac) / omega
    return _newton(sv, f0, f1, h)


def _xf_ref(m, sv, g, c):
    """x_f = ln[45 √(π/2) c(c+2) g λ(x_f) / (4π⁴ g_s(m/x_f) √x_f)] by bisection to 1 ulp."""
    def f(x):
        lam = math.sqrt(math.pi / 45) * _MPL * m * _gsh(m / x) * sv
        return math.log(45 * math.sqrt(math.pi / 2) * c * (c + 2) * g * lam
                        / (4 * math.pi**4 * _gs(m / x) * math.sqrt(x))) - x
    lo, hi = 1.0, 500.0
    while hi - lo > 4e-16 * hi:
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    return 0.5 * (lo + hi)


def ref_freeze_out_approx(m_chi, sigma_v, g_chi=2.0, dirac=False, c_fo=R.C_FREEZE_OUT, integral=True):
    sv = sigma_v / _CONV
    xf = _xf_ref(m_chi, sv, g_chi, c_fo)

    if integral:
        # ∫_{x_f}^∞ λ dx/x² = √(π/45) M_Pl ⟨σv⟩ ∫_0^{T_f} g_*^{1/2} dT (x = m/T): QUADPACK cell by
        # cell of the table (g_*^{1/2} has a kink at every node), constant below its first node
        T_f = m_chi / xf
        nodes = [t for t in 10.0**_LT if t < T_f] + [T_f]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IntegrationWarning)
            tot = _GSH[0] * nodes[0] + sum(quad(_gsh, a, b, epsabs=0.0, epsrel=1e-13)[0]
                                           for a, b in zip(nodes[:-1], nodes[1:], strict=True))
        inv_y = math.sqrt(math.pi / 45) * _MPL * sv * tot
    else:
        inv_y = math.sqrt(math.pi / 45) * _MPL * m_chi * _gsh(m_chi / xf) * sv / xf
    return xf, (2.0 if dirac else 1.0) * m_chi / inv_y * _OMEGA_PER_MY


# ------------------------------------------------------------------ the L_mu - L_tau model
@functools.cache
def _omega_model(m_chi, m_v, g_v, alpha_d):
    """Ωh² of the Dirac χ (both species): ⟨σv⟩(x) by QUADPACK on 161 points in ln x, a cubic
    spline of ln⟨σv⟩ between them, then the reference Boltzmann solve."""
    lx = np.linspace(0.0, math.log(X_END), 161)
    ln_sv = np.log([_gg_quadpack(math.exp(t), m_chi, m_v, g_v, alpha_d, epsrel=1e-12) for t in lx])
    spline = CubicSpline(lx, ln_sv)
    _, y_inf = _solve(m_chi, lambda x: math.exp(float(spline(math.log(x)))), 2.0)
    return 2.0 * m_chi * y_inf * _OMEGA_PER_MY


def ref_omega_h2_lmutau(m_chi, m_v, g_v, alpha_d=AD, n_x=R.N_X_TABLE, tol=1e-9, rtol=1e-9):
    return _omega_model(m_chi, m_v, g_v, alpha_d)


def ref_thermal_target_g(m_v, ratio=float(C.RELIC_MASS_RATIO), alpha_d=AD,
                         omega=float(C.RELIC_OMEGA_DM_H2), **_):
    g = float(R.thermal_target_g(m_v, ratio, alpha_d, omega))         # start of the Newton step
    h = 0.01
    f0 = _omega_model(ratio * m_v, m_v, g, alpha_d) / omega
    f1 = _omega_model(ratio * m_v, m_v, g * math.exp(h), alpha_d) / omega
    return _newton(g, f0, f1, h)


CASES += [
    # MeV to 10 TeV dark matter (T_f from 0.5 MeV, through the QCD era, to above the table's end);
    # ⟨σv⟩ over four decades around the thermal value
    Case(R.omega_h2, ref_omega_h2, [(0.01, 2.2e-26), (0.3, 2.2e-26), (3.0, 1e-24), (100.0, 2.2e-26),
                                    (100.0, 1e-28), (1e4, 2.2e-26)]),
    Case(R.boltzmann_y, ref_boltzmann_y, [([1.5, 10.0, 20.0, 25.0, 40.0, 100.0, 1e3, 1e4], 100.0, 2.2e-26),
                                          ([2.0, 15.0, 30.0, 300.0], 0.05, 5e-26)]),
    Case(R.freeze_out_approx, ref_freeze_out_approx,
         [(m, sv) for m in (0.01, 0.3, 100.0, 1e4) for sv in (2.2e-26, 1e-24)]),
    Case(R.freeze_out_approx, ref_freeze_out_approx, [(m, 2.2e-26) for m in (0.01, 0.3, 100.0, 1e4)],
         kwargs={"integral": False}, label="textbook"),
    Case(R.sigma_v_for_omega, ref_sigma_v_for_omega, [(0.01,), (0.3,), (100.0,), (1e4,)]),
    Case(R.omega_h2_lmutau, ref_omega_h2_lmutau, [(0.1, 0.3, 3e-5), (0.1, 0.21, 1e-4), (1.0, 3.0, 1e-3)]),
    Case(R.thermal_target_g, ref_thermal_target_g, [(0.3,), (0.03,)]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
