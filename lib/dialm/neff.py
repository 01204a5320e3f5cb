"""ΔN_eff of a light boson V that stays in equilibrium with the neutrinos: the coupled evolution of
the photon and neutrino temperatures through neutrino decoupling (chapter
``book/singlets/lmu_ltau.md``; re-exported by :mod:`dialm.singlets`).

The method is Escudero's: every species keeps an equilibrium distribution with its own
temperature, and the energy the weak interactions move between the electromagnetic plasma
(γ, e±) and the neutrinos is a collision term in the continuity equations
(M. Escudero, JCAP 02 (2019) 007, arXiv:1812.05605: "two simple coupled differential equations
for the electromagnetic and neutrino sector temperatures"; arXiv:2001.04466, whose rates we use, in
the form of the author's public code nudec_BSM, nuDec_SM_2nu.py).  Escudero, Hooper, Krnjaic and Pierre,
JHEP 03 (2019) 071, arXiv:1901.02010, apply it to the L_μ−L_τ boson: for the couplings that explain
Δa_μ its decays and inverse decays V ↔ νν̄ are far faster than the expansion, so V shares the
temperature T_μτ of ν_μ and ν_τ and has no chemical potential.  The state is (T_γ, T_νe, T_μτ)
as functions of ln a:

    dρ_em/dt  = −3H(ρ_em + p_em) − δρ_νe/δt − 2 δρ_νμ/δt                 (γ, e±)
    dρ_νe/dt  = −4H ρ_νe + δρ_νe/δt
    dρ_μτ/dt  = −3H(ρ_μτ + p_μτ) + 2 δρ_νμ/δt        (ρ_μτ = 2ρ_ν(T_μτ) + ρ_V(T_μτ))

with H² = 8πρ_tot/(3 M_Pl²) and each dρ/dt = (∂ρ/∂T) dT/dt.  The energy-transfer rates
(Maxwell–Boltzmann collision integrals for m_e = 0 with Escudero's Fermi–Dirac factors f_a, f_s):

    δρ_νe/δt = G_F²/π⁵ [4(g_eL² + g_eR²) F(T_γ, T_νe) + 2F(T_μτ, T_νe)]
    δρ_νμ/δt = G_F²/π⁵ [4(g_μL² + g_μR²) F(T_γ, T_μτ) − F(T_μτ, T_νe)]
    F(T₁, T₂) = 32 f_a (T₁⁹ − T₂⁹) + 56 f_s T₁⁴T₂⁴ (T₁ − T₂)

(g_eL = ½ + s_W², g_μL = −½ + s_W², g_R = s_W²).  Left out, as in the simplest form of the method:
the finite-temperature QED equation of state of the e±γ plasma and the electron mass in the rates
(with them the method gives N_eff^SM = 3.045, arXiv:2001.04466, abstract; without, 3.038); they
cancel in ΔN_eff = N_eff − N_eff^SM to well below the precision of any measurement.

Public: :func:`delta_neff`, :func:`neff_history`, :func:`neff_mass_bound`.  Natural units, GeV.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from scipy.integrate import cumulative_simpson, solve_ivp
from scipy.optimize import brentq

from dialm import constants as C
from dialm._jit import njit
from dialm._validate import choice, range_error, real, scalar_or_array

__all__ = ["delta_neff", "neff_history", "neff_mass_bound", "FLAVOURS", "DELTA_NEFF_PLANCK"]

_PI = math.pi
_GF = float(C.G_F)
_S2W = float(C.SIN2W_MZ)
_ME = float(C.M_E)
_MPL = float(C.RELIC_M_PLANCK)
_FA, _FS = float(C.NEFF_FA_FD), float(C.NEFF_FS_FD)
#: 4(g_L² + g_R²) of ν_e (charged and neutral current) and of ν_μ, ν_τ (neutral current only)
_CE = 4.0 * ((0.5 + _S2W) ** 2 + _S2W**2)
_CMU = 4.0 * ((-0.5 + _S2W) ** 2 + _S2W**2)
_RATE = _GF**2 / _PI**5
_RHO_NU1 = 2.0 * 7.0 / 8.0 * _PI**2 / 30.0     # ρ/T⁴ of one neutrino flavour (ν + ν̄)
_RHO_GAM = 2.0 * _PI**2 / 30.0                  # ρ/T⁴ of the photons

#: The CMB bound on ΔN_eff: Planck 2018 + BAO, N_eff = 2.99 ± 0.17 (68 %, the abstract of
#: arXiv:1807.06209) read as a Gaussian at 2σ, minus the Standard-Model 3.045 (arXiv:2001.04466).
DELTA_NEFF_PLANCK = (float(C.LAND_N_EFF_PLANCK) + 2.0 * C.LAND_N_EFF_PLANCK.sigma
                     - float(C.NEFF_SM_ESCUDERO2020))

#: Which neutrinos V is in equilibrium with: ``"mu_tau"`` (the L_μ−L_τ boson: ν_μ, ν_τ; ν_e keeps
#: its own temperature) or ``"all"`` (a boson coupled to every flavour: one neutrino temperature,
#: the assumption of :func:`dialm.singlets.delta_neff_estimate`).
FLAVOURS = ("mu_tau", "all")

#: integration starts in full equilibrium at T = _T_START (weak rates ≈ 2000 H there) and ends
#: when T_γ is below m_e/_X_END and every massive species is gone
_T_START = 0.02
_X_END = 60.0
_RTOL = 1e-10

# Gauss–Legendre nodes for the thermal integrals in s, with w = E/T − m/T = s² (smooth integrands
# for every m/T ≥ 0, bosons at m = 0 included); s up to √70 (e^{-70} tail), 4 panels of 32 nodes.
_GL_X, _GL_W = np.polynomial.legendre.leggauss(32)
_S_TOP = math.sqrt(70.0)
_EDGES = np.linspace(0.0, _S_TOP, 5)
_PANELS = list(zip(_EDGES[:-1], _EDGES[1:], strict=True))
_S = np.concatenate([0.5 * (b - a) * _GL_X + 0.5 * (a + b) for a, b in _PANELS])
_WS = np.concatenate([0.5 * (b - a) * _GL_W for a, b in _PANELS])


@njit(cache=True)
def _thermo(x, sign, s_nodes, weights):
    """(ρ, p, T ∂ρ/∂T) / (g T⁴) of an equilibrium gas with m/T = x, zero chemical potential.

    ``sign`` = +1 Fermi–Dirac, −1 Bose–Einstein.  ρ = g/(2π²)∫u²E f du, p = g/(6π²)∫u⁴/E f du,
    T∂ρ/∂T = g/(2π²)∫u²E² e^E/(e^E ± 1)² du (E, u in units of T), with u² = w(w + 2x), w = s²,
    du = (E/u) 2s ds, and e^E/(e^E ± 1)² = f(1 ∓ f).
    """
    if x > 700.0:
        return 0.0, 0.0, 0.0
    ex = math.exp(-x)
    rho = 0.0
    p = 0.0
    drho = 0.0
    for i in range(s_nodes.size):
        sv = s_nodes[i]
        w = sv * sv
        e = w + x
        u = sv * math.sqrt(w + 2.0 * x)
        q = ex * math.exp(-w)
        f = q / (1.0 + sign * q)
        jw = 2.0 * sv * weights[i]
        rho += jw * u * e * e * f
        p += jw * u * u * u * f
        drho += jw * u * e * e * e * f * (1.0 - sign * f)
    norm = 1.0 / (2.0 * math.pi**2)
    return rho * norm, p * norm / 3.0, drho * norm


@njit(cache=True)
def _f(t1, t2, fa, fs):
    """Escudero's F(T₁, T₂) with the Fermi–Dirac factors f_a, f_s."""
    return 32.0 * fa * (t1**9 - t2**9) + 56.0 * fs * t1**4 * t2**4 * (t1 - t2)


@njit(cache=True)
def _sectors(tg, te, tm, m_v, dof, all_fl, par, s_nodes, weights):
    """ρ, p and T∂ρ/∂T of the three sectors (em; ν_e; ν_μτ + V), as a (3, 3) array.

    ``m_v`` < 0: no V; ``all_fl``: ν_e belongs to the V sector (row 1 zero).
    ``par`` = (m_e, ρ_γ/T⁴, ρ_ν/T⁴ of one flavour, ...).
    """
    out = np.zeros((3, 3))
    me, rgam, rnu1 = par[0], par[1], par[2]
    r, p, d = _thermo(me / tg, 1.0, s_nodes, weights)
    g4 = tg**4
    out[0, 0] = rgam * g4 + 4.0 * r * g4
    out[0, 1] = rgam * g4 / 3.0 + 4.0 * p * g4
    out[0, 2] = 4.0 * rgam * g4 + 4.0 * d * g4
    rv = pv = dv = 0.0
    if m_v >= 0.0:
        rv, pv, dv = _thermo(m_v / tm, -1.0, s_nodes, weights)
        t4 = dof * tm**4
        rv, pv, dv = rv * t4, pv * t4, dv * t4
    n_mt = 2.0
    if all_fl:
        n_mt = 3.0
    else:
        nue = rnu1 * te**4
        out[1, 0], out[1, 1], out[1, 2] = nue, nue / 3.0, 4.0 * nue
    rm = n_mt * rnu1 * tm**4
    out[2, 0], out[2, 1], out[2, 2] = rm + rv, rm / 3.0 + pv, 4.0 * rm + dv
    return out


@njit(cache=True)
def _rhs(y, m_v, dof, all_fl, weak, par, s_nodes, weights):
    """d(ln T)/d(ln a) of (T_γ, T_νe, T_μτ): [−3(ρ + p) + Q/H] / (T ∂ρ/∂T) for each sector."""
    tg, te, tm = math.exp(y[0]), math.exp(y[1]), math.exp(y[2])
    if all_fl:
        te = tm
    sec = _sectors(tg, te, tm, m_v, dof, all_fl, par, s_nodes, weights)
    rho_tot = sec[0, 0] + sec[1, 0] + sec[2, 0]
    hub = math.sqrt(8.0 * math.pi * rho_tot / 3.0) / par[3]
    q_e = 0.0
    q_mu = 0.0
    if weak:
        rate, ce, cmu, fa, fs = par[4], par[5], par[6], par[7], par[8]
        q_e = rate * (ce * _f(tg, te, fa, fs) + 2.0 * _f(tm, te, fa, fs))
        q_mu = rate * (cmu * _f(tg, tm, fa, fs) - _f(tm, te, fa, fs))
    out = np.zeros(3)
    q_nu = q_e + 2.0 * q_mu
    out[0] = (-3.0 * (sec[0, 0] + sec[0, 1]) - q_nu / hub) / sec[0, 2]
    if all_fl:
        out[2] = (-3.0 * (sec[2, 0] + sec[2, 1]) + q_nu / hub) / sec[2, 2]
    else:
        out[1] = (-3.0 * (sec[1, 0] + sec[1, 1]) + q_e / hub) / sec[1, 2]
        out[2] = (-3.0 * (sec[2, 0] + sec[2, 1]) + 2.0 * q_mu / hub) / sec[2, 2]
    return out


#: (m_e, ρ_γ/T⁴, ρ_ν/T⁴ per flavour, M_Pl, G_F²/π⁵, 4(g_eL²+g_eR²), 4(g_μL²+g_μR²), f_a, f_s)
_PAR = np.array([_ME, _RHO_GAM, _RHO_NU1, _MPL, _RATE, _CE, _CMU, _FA, _FS])


class _Model:
    """One thermal history: V of mass ``m_v`` (None: no V) and ``dof`` states, in equilibrium
    with ν_μ, ν_τ (``flavours="mu_tau"``) or every flavour (``"all"``); ``weak`` False switches
    the weak rates off (instantaneous decoupling)."""

    def __init__(self, m_v, dof, flavours, weak):
        self.m_v, self.dof, self.weak = m_v, dof, weak
        self.all = flavours == "all"
        self._m = -1.0 if m_v is None else float(m_v)

    def rhs(self, _x, y):
        return _rhs(y, self._m, self.dof, self.all, self.weak, _PAR, _S, _WS)

    def sectors(self, y):
        """The (3, 3) array of ρ, p, T∂ρ/∂T of (em, ν_e, ν_μτ + V) at state y."""
        tg, te, tm = np.exp(y)
        if self.all:
            te = tm
        return _sectors(tg, te, tm, self._m, self.dof, self.all, _PAR, _S, _WS)


def _solve(m_v, dof, flavours, t_dec, rtol, t_start, method="LSODA"):
    """Integrate from equilibrium at t_start (or t_dec, weak rates off) to the end; the solution."""
    weak = t_dec is None
    t0 = t_start if weak else t_dec
    model = _Model(m_v, dof, flavours, weak)
    light = [_ME] + ([m_v] if m_v else [])
    t_end = min(light) / _X_END
    x_end = math.log(t0 / t_end) + 1.0
    y0 = [math.log(t0)] * 3
    with np.errstate(over="ignore", invalid="ignore"):   # trial steps of the stiff solver
        sol = solve_ivp(model.rhs, (0.0, x_end), y0, method=method, rtol=rtol, atol=rtol * 1e-2,
                        dense_output=True)
    if not sol.success:   # pragma: no cover - a failure of the integrator, not of the input
        raise RuntimeError(f"delta_neff: the integration failed ({sol.message})")
    return model, sol


def _n_eff(model, y):
    """N_eff = (8/7)(11/4)^{4/3} ρ_non-photon/ρ_γ (V included: it is radiation if massless)."""
    sec = model.sectors(y)
    rho_gam = _RHO_GAM * math.exp(4.0 * y[0])
    return 8.0 / 7.0 * (11.0 / 4.0) ** (4.0 / 3.0) * (sec[1, 0] + sec[2, 0]) / rho_gam


@lru_cache(maxsize=4096)
def _n_eff_cached(m_v, dof, flavours, t_dec, rtol, t_start, method="LSODA"):
    model, sol = _solve(m_v, dof, flavours, t_dec, rtol, t_start, method)
    return _n_eff(model, sol.y[:, -1])


def _check(caller, m_v, dof, flavours, t_dec, rtol, allow_none=False):
    """The common argument checks (``caller``: the public function's name).

    Returns (m array or None, dof, flavours, t_dec, rtol)."""
    m = None if (allow_none and m_v is None) else real(caller, "m_v", m_v, 0.0, low_open=False,
                                                        unit="GeV")
    d = float(real(caller, "dof", dof, 0.0, 100.0, scalar=True))
    fl = choice(caller, "flavours", flavours, FLAVOURS)
    td = None if t_dec is None else float(real(caller, "t_dec", t_dec, 1e-4, 0.02, unit="GeV",
                                                scalar=True, low_open=False, high_open=False))
    r = float(real(caller, "rtol", rtol, 1e-13, 1e-4, scalar=True, low_open=False,
                   high_open=False))
    return m, d, fl, td, r


def delta_neff(m_v, dof=3, flavours="mu_tau", t_dec=None, rtol=_RTOL):
    """ΔN_eff = N_eff − N_eff^SM of a boson of mass ``m_v`` (GeV) in equilibrium with the neutrinos.

    Solves the coupled evolution of T_γ, T_νe and T_μτ (module docstring; Escudero, JCAP 02 (2019)
    007, arXiv:1812.05605, with the rates of arXiv:2001.04466; applied to L_μ−L_τ
    in Escudero, Hooper, Krnjaic, Pierre, JHEP 03 (2019) 071, arXiv:1901.02010) from 20 MeV, where
    everything shares one temperature, until the electrons and V are gone; N_eff^SM is the same
    code without V.  ``dof``: V's spin states (3 for a massive vector).  ``flavours``: ``"mu_tau"``
    (L_μ−L_τ) or ``"all"`` (V in equilibrium with every flavour).  ``m_v = 0`` is a truly massless V
    (it stays radiation at the neutrinos' temperature and counts in N_eff: 3·(8/7)·(1/2) = 12/7
    for dof = 3, times the small heating of the neutrinos).  ``t_dec`` (GeV, 0.1–20 MeV)
    replaces the weak rates by instantaneous decoupling at T = t_dec: the assumption of
    :func:`dialm.singlets.delta_neff_estimate`.  Valid while Γ(V → νν̄) ≫ H at T ≈ m_v
    (Γ/H ≈ 5e18 g² (10 MeV/m_v): g ≳ 1e-8).  ``rtol``: the integrator's relative tolerance.

    Accuracy: ≤ 2e-4 relative for 0 ≤ m_v ≤ 0.2 GeV, both flavour settings and instantaneous
    decoupling (vs the same equations with Radau at rtol = 1e-12 started at 40 MeV; relative to
    max(ΔN_eff, 1e-3), i.e. ≤ 2e-7 absolute where V is heavy and the start at 20 MeV shows).
    The physics approximations (no QED plasma correction, no m_e in the rates) shift N_eff^SM by
    ≈ 0.01 and cancel in ΔN_eff.


    >>> round(delta_neff(0.01), 2), round(delta_neff(0.0, flavours="all"), 2)
    (0.45, 1.72)
    """
    caller = "delta_neff"
    m, d, fl, td, r = _check(caller, m_v, dof, flavours, t_dec, rtol)
    sm = _n_eff_cached(None, d, fl, td, r, _T_START)
    flat = np.atleast_1d(m).astype(float).ravel()
    out = np.array([_n_eff_cached(float(v), d, fl, td, r, _T_START) - sm for v in flat])
    return scalar_or_array(out.reshape(np.shape(m)))


def neff_history(m_v=None, dof=3, flavours="mu_tau", t_dec=None, rtol=_RTOL, n=200):
    """The thermal history behind :func:`delta_neff`: temperatures against T_γ, and N_eff.

    ``m_v`` (GeV, ≥ 0) or ``None`` for the Standard Model; the other arguments as in
    :func:`delta_neff`.  Returns a dict of numpy arrays on ``n`` points from 20 MeV (or ``t_dec``)
    to the end: ``t_gamma`` (GeV), ``tnue_over_tgamma``, ``tnumutau_over_tgamma``, ``ln_a``, and
    ``entropy_em``, ``entropy_nu`` (comoving entropy a³(ρ + p)/T of the e±γ plasma and of the
    neutrinos + V, relative to the start: each is conserved when the sectors do not exchange heat,
    e.g. with ``t_dec``), the scalars ``n_eff`` (at the end), ``n_eff_sm`` (the same code without
    V) and ``energy_residual``: the largest relative violation of the total continuity equation
    d(ρa⁴)/d ln a = a⁴(ρ − 3p) along the solution (a check of the equations, ≈ rtol).

    Accuracy: ≤ 5e-5 relative for 0 ≤ m_v ≤ 0.2 GeV, every entry relative to max(|value|, 1) (vs
    the same equations with Radau at rtol = 1e-12 started at 40 MeV): n_eff to ~1e-8; the ratios
    near the 20 MeV start to ~1e-5 (the weak rates, ≈ 2000 H there, hold the sectors equal to
    that level).


    >>> h = neff_history()
    >>> round(h["n_eff"], 3), round(float(h["tnue_over_tgamma"][-1]) * (11 / 4) ** (1 / 3), 4)
    (3.038, 1.0042)
    """
    caller = "neff_history"
    m, d, fl, td, r = _check(caller, m_v, dof, flavours, t_dec, rtol, allow_none=True)
    if m is not None and np.ndim(m) != 0:
        raise range_error(caller, "m_v", m_v, 0.0, reason="m_v must be one mass (a scalar)")
    npts = int(real(caller, "n", n, 2, 100000, scalar=True, low_open=False, high_open=False))
    mv = None if m is None else float(m)
    model, sol = _solve(mv, d, fl, td, r, _T_START)
    x = np.linspace(0.0, sol.t[-1], npts)
    y = sol.sol(x)
    tg, te, tm = np.exp(y)
    if model.all:
        te = tm
    sec = np.array([model.sectors(y[:, i]) for i in range(npts)])
    a3 = np.exp(3.0 * x)
    # comoving entropy a³(ρ + p)/T of each sector, relative to its start
    s_em = a3 * (sec[:, 0, 0] + sec[:, 0, 1]) / tg
    s_nu = a3 * ((sec[:, 1, 0] + sec[:, 1, 1]) / te + (sec[:, 2, 0] + sec[:, 2, 1]) / tm)
    return {
        "t_gamma": tg, "tnue_over_tgamma": te / tg, "tnumutau_over_tgamma": tm / tg, "ln_a": x,
        "entropy_em": s_em / s_em[0], "entropy_nu": s_nu / s_nu[0],
        "n_eff": float(_n_eff(model, sol.y[:, -1])),
        "n_eff_sm": float(_n_eff_cached(None, d, fl, td, r, _T_START)),
        "energy_residual": _energy_residual(model, sol),
    }


def _energy_residual(model, sol, npts=4001):
    """max |ρa⁴ − ρ₀ − ∫a⁴(ρ − 3p) d ln a| / ρa⁴ along the dense solution (Simpson, fine grid)."""
    x = np.linspace(0.0, sol.t[-1], npts)
    y = sol.sol(x)
    sec = np.array([model.sectors(y[:, i]) for i in range(npts)])
    a4 = np.exp(4.0 * x)
    rho = sec[:, :, 0].sum(axis=1)
    prs = sec[:, :, 1].sum(axis=1)
    integral = cumulative_simpson(a4 * (rho - 3.0 * prs), x=x, initial=0.0)
    return float(np.max(np.abs(rho * a4 - rho[0] - integral) / (rho * a4)))


@lru_cache(maxsize=256)
def _mass_bound(dn, dof, flavours, rtol):
    def excess(log_m):
        return _n_eff_cached(math.exp(log_m), dof, flavours, None, rtol, _T_START) \
            - _n_eff_cached(None, dof, flavours, None, rtol, _T_START) - dn
    return math.exp(brentq(excess, math.log(_M_LO), math.log(_M_HI), xtol=1e-10, rtol=1e-12))


_M_LO, _M_HI = 1e-4, 0.2


def neff_mass_bound(delta_neff_max=DELTA_NEFF_PLANCK, dof=3, flavours="mu_tau", rtol=_RTOL):
    """The mass (GeV) above which :func:`delta_neff` < ``delta_neff_max``: the N_eff bound on m_V.

    ``delta_neff_max`` defaults to :data:`DELTA_NEFF_PLANCK` (Planck 2018 + BAO at 2σ, ≈ 0.285);
    it must lie between ΔN_eff(0.2 GeV) and ΔN_eff(0.1 MeV).  Root of ln m by Brent's method on
    the full solution; cached, so a widget pays for it once.

    Accuracy: ≤ 1e-4 relative for 0.001 ≤ delta_neff_max ≤ 2.4, both flavour settings (vs the root
    of the same equations with Radau at rtol = 1e-12 started at 40 MeV).


    >>> round(neff_mass_bound() * 1e3, 1)
    12.0
    """
    caller = "neff_mass_bound"
    _m, d, fl, _td, r = _check(caller, 0.01, dof, flavours, None, rtol)
    dn = float(real(caller, "delta_neff_max", delta_neff_max, 0.0, scalar=True))
    top = _n_eff_cached(_M_LO, d, fl, None, r, _T_START) - _n_eff_cached(None, d, fl, None, r,
                                                                         _T_START)
    bottom = _n_eff_cached(_M_HI, d, fl, None, r, _T_START) - _n_eff_cached(None, d, fl, None, r,
                                                                            _T_START)
    if not bottom < dn < top:
        raise range_error(caller, "delta_neff_max", dn, bottom, top,
                          reason="the bound must lie between Delta N_eff at 0.2 GeV and at 0.1 MeV")
    return _mass_bound(dn, d, fl, r)
