"""M³, a muon missing-momentum experiment: μN → μNV bremsstrahlung of a muon-philic vector.

The vector V of gauged L_μ − L_τ couples as g V_α μ̄γ^αμ.  A muon of energy E on a thick target
radiates it coherently off the nucleus, μ(p) N → μ(p') N V(k); V escapes (V → νν̄ or dark matter)
and the muon leaves with E' = (1 − x) E, x = E_V/E.  M³ (Kahn, Krnjaic, Tran, Whitbeck,
arXiv:1804.03144; the "Muon Missing Momentum" slides of the talk) keeps events with
E' < E_out,max (9 GeV of a 15 GeV beam), i.e. x > 1 − E_out,max/E.

The cross section is the Weizsäcker–Williams (WW) one of Bjorken, Essig, Schuster & Toro
(arXiv:0906.0580, appendix A) with the lepton mass kept (Liu & Miller, arXiv:1705.01633, as
implemented in NA64's Geant4 package DMG4) and ε²α replaced by α_V = g²/4π.  The book's chapter
(book/singlets/m3.md) derives, in sympy, from that angular distribution, with χ taken at the
angle θ_V = 0::

    dσ/dx = 4 α² α_V β_V χ(x) [ (1 − x + x²/2)/U₀ − x(1 − x)(m_V² + 2m_μ²)/(6 U₀²) ]
    U₀ = m_V² (1 − x)/x + m_μ² x,        β_V = sqrt(1 − m_V²/(x E)²)

with the effective photon flux of the atom (elastic: screened nucleus, Tsai 1974)::

    χ = ∫_{t_min}^{t_max} dt (t − t_min)/t² G₂(t),   t_max = m_V² + m_μ²
    G₂(t) = Z² [a²t/(1 + a²t)]² [1/(1 + t/d)]²,   a = 111 Z^(-1/3)/m_e,  d = 0.164 GeV² A^(-2/3)

``kind="kinematic"`` (the default) takes t_min(x) = (U₀/(2E(1 − x)))², the minimum momentum
transfer for the emission at zero angle; ``kind="iww"`` the x-independent
t_min = (m_V²/2E)² of the "improved" WW of Bjorken et al., which neglects the muon mass there
(fine for m_V ≫ m_μ, too large a flux for m_V ≲ m_μ); ``kind="ww"`` keeps χ inside the angular
integral, t_min(U) = (U/(2E(1 − x)))² at each angle (the full WW: slower, a 3-d integral).
Limits (the chapter's sympy series): m_V ≪ m_μ: dσ/dx → 2α²α_Vχ[(4/3)(1 − x) + x²]/(m_μ² x)
(a 1/m_μ² cross section with the Bethe–Heitler shape); m_V ≫ m_μ:
dσ/dx → 4α²α_Vχ x(1 − x + x²/3)/(m_V²(1 − x)) (1/m_V², hard spectrum).

The yield per muon on target in a target of thickness T (in radiation lengths X₀, g/cm²) is
N_V/N_μ = (T X₀ N_A/A) σ_sig, σ_sig = ∫ dx dσ/dx over the signal region, with the cross section
converted to cm² by (ħc)².  Thin-target approximation: the muon's energy loss in the target
(≈ 0.5 GeV, 3 % of 15 GeV, by ionisation in 50 X₀ of tungsten) and the V's angular acceptance are ignored; the
detection efficiency is 1.

Numerics: χ by Gauss–Legendre in ln t on equal panels; σ_sig by Gauss–Legendre in ln(1 − x)
(numba kernels).  Accuracy: each function states its own (tests/test_accuracy_m3.py).  Units: GeV,
GeV⁻² for cross sections (``dsigma_dx``, ``sigma_signal``), cm² only in ``yield_per_muon``.
"""

from __future__ import annotations

import math

import numpy as np

from dialm import constants as C
from dialm._jit import njit
from dialm._validate import choice, first_bad, range_error, real, scalar_or_array
from dialm.limits import poisson_upper_limit

__all__ = [
    "TARGETS",
    "KINDS",
    "target_properties",
    "g2_elastic",
    "t_min",
    "chi_flux",
    "dsigma_dx",
    "sigma_signal",
    "yield_per_muon",
    "expected_events",
    "g_reach",
]

#: Target materials: (Z, A [g/mol], X₀ [g/cm²]) from constants.py.
TARGETS = {
    "W": (float(C.W_Z), float(C.W_A), float(C.W_X0)),
    "Pb": (float(C.PB_Z), float(C.PB_A), float(C.PB_X0)),
}
#: Choices of the flux: "kinematic" (χ at θ_V = 0, t_min(x) with the muon mass), "iww"
#: (t_min = (m_V²/2E)²), "ww" (χ at every angle inside the angular integral).
KINDS = ("kinematic", "iww", "ww")

_MMU = float(C.M_MU)
_ME = float(C.M_E)
_ALPHA = float(C.ALPHA)
_GEV2_TO_CM2 = float(C.HBARC_GEV_CM) ** 2          # 1 GeV⁻² = 3.894e-28 cm²
_NA = float(C.N_AVOGADRO)

#: Quadrature sizes: χ uses _T_PANELS equal panels in ln t with _T_NODES Gauss–Legendre nodes each;
#: σ_sig uses _X_PANELS panels in ln(1 − x) with _X_NODES nodes each.
_T_PANELS, _T_NODES = 12, 10
_X_PANELS, _X_NODES = 3, 16
_U_PANELS = 4    # kind="ww": panels of _X_NODES nodes in ln(U/U₀)
_TX, _TW = np.polynomial.legendre.leggauss(_T_NODES)
_XX, _XW = np.polynomial.legendre.leggauss(_X_NODES)


def target_properties(target="W"):
    """(Z, A, X₀, a², d): atomic number, atomic weight [g/mol], radiation length [g/cm²], the
    screening parameter a² [GeV⁻²] (a = 111 Z^(-1/3)/m_e) and the nuclear size d [GeV²]
    (0.164 GeV² A^(-2/3)) of a target material (Tsai 1974; Bjorken et al. 2009).

    Accuracy: ≤ 5e-15 relative, W and Pb (vs the 40-digit formulas).


    >>> z, a, x0, a2, d = target_properties("W")
    >>> z, round(d * 1e3, 3)
    (74.0, 5.072)
    """
    z, a, x0 = TARGETS[choice("target_properties", "target", target, tuple(TARGETS))]
    scr = float(C.FF_SCREENING_A) * z ** (-1.0 / 3.0) / _ME
    return z, a, x0, scr * scr, float(C.FF_NUCLEAR_D) * a ** (-2.0 / 3.0)


# --------------------------------------------------------------------------------------------
# numba kernels
# --------------------------------------------------------------------------------------------
@njit(cache=True)
def _g2(t, z, a2, d):
    s = a2 * t / (1.0 + a2 * t)
    n = 1.0 / (1.0 + t / d)
    return z * z * s * s * n * n


@njit(cache=True)
def _u0(x, mv, mmu):
    return mv * mv * (1.0 - x) / x + mmu * mmu * x


@njit(cache=True)
def _tmin(x, mv, e, mmu, kind):
    if kind == 0:
        q = _u0(x, mv, mmu) / (2.0 * e * (1.0 - x))
    else:
        q = mv * mv / (2.0 * e)
    return q * q


@njit(cache=True)
def _chi(tmin, tmax, z, a2, d, tx, tw, npan):
    """∫ dt (t − t_min)/t² G₂(t) = ∫ du (1 − t_min/t) G₂(t), u = ln t."""
    if tmin >= tmax:
        return 0.0
    ulo = math.log(tmin)
    width = (math.log(tmax) - ulo) / npan
    acc = 0.0
    for p in range(npan):
        c = ulo + (p + 0.5) * width
        for i in range(tx.size):
            t = math.exp(c + 0.5 * width * tx[i])
            acc += tw[i] * (1.0 - tmin / t) * _g2(t, z, a2, d)
    return 0.5 * width * acc


@njit(cache=True)
def _chi_kernel(tmin, tmax, z, a2, d, tx, tw, npan, out):
    for i in range(tmin.size):
        out[i] = _chi(tmin[i], tmax[i], z, a2, d, tx, tw, npan)


@njit(cache=True)
def _dsdx(x, mv, e, mmu, alpha, z, a2, d, kind, tx, tw, npan):
    """dσ/dx at g = 1 (α_V = 1/4π) in GeV⁻²; 0 outside m_V/E < x < 1 − m_μ/E."""
    if x * e <= mv or x >= 1.0 - mmu / e:
        return 0.0
    beta = math.sqrt(1.0 - (mv / (x * e)) ** 2)
    u0 = _u0(x, mv, mmu)
    tmax = mv * mv + mmu * mmu
    c2 = x * (1.0 - x) * (mv * mv + 2.0 * mmu * mmu)
    pre = 4.0 * alpha * alpha / (4.0 * math.pi) * beta
    if kind == 2:
        return pre * _angular_ww(x, u0, c2, e, tmax, z, a2, d, tx, tw, npan)
    chi = _chi(_tmin(x, mv, e, mmu, kind), tmax, z, a2, d, tx, tw, npan)
    return pre * chi * ((1.0 - x + 0.5 * x * x) / u0 - c2 / (6.0 * u0 * u0))


@njit(cache=True)
def _angular_ww(x, u0, c2, e, tmax, z, a2, d, tx, tw, npan):
    """∫₀^∞ dW [(1 − x + x²/2)/U² − c2 W/U⁴] χ(t_min(U)), U = U₀ + W = U₀ eᵛ, t_min = (U/2E(1−x))².

    χ vanishes for U ≥ U_max = 2E(1 − x) sqrt(t_max), which ends the integral."""
    umax = 2.0 * e * (1.0 - x) * math.sqrt(tmax)
    if u0 >= umax:
        return 0.0
    vtop = math.log(umax / u0)
    width = vtop / _U_PANELS
    h = 1.0 - x + 0.5 * x * x
    acc = 0.0
    for p in range(_U_PANELS):
        c = (p + 0.5) * width
        for i in range(_XX.size):
            u = u0 * math.exp(c + 0.5 * width * _XX[i])
            q = u / (2.0 * e * (1.0 - x))
            chi = _chi(q * q, tmax, z, a2, d, tx, tw, npan)
            acc += _XW[i] * (h / u - c2 * (u - u0) / (u * u * u)) * chi
    return 0.5 * width * acc


@njit(cache=True)
def _dsdx_kernel(x, mv, e, mmu, alpha, z, a2, d, kind, tx, tw, npan, out):
    for i in range(x.size):
        out[i] = _dsdx(x[i], mv[i], e[i], mmu, alpha, z, a2, d, kind, tx, tw, npan)


@njit(cache=True)
def _sigma(mv, e, xlo, mmu, alpha, z, a2, d, kind, tx, tw, npan, xx, xw, nxpan):
    """∫_{xlo}^{1 − m_μ/E} dσ/dx dx, Gauss–Legendre in v = ln(1 − x) (dx = −(1 − x) dv)."""
    lo = max(xlo, mv / e)
    hi = 1.0 - mmu / e
    if lo >= hi:
        return 0.0
    vhi = math.log(1.0 - lo)
    vlo = math.log(1.0 - hi)
    width = (vhi - vlo) / nxpan
    acc = 0.0
    for p in range(nxpan):
        c = vlo + (p + 0.5) * width
        for i in range(xx.size):
            om = math.exp(c + 0.5 * width * xx[i])     # 1 − x
            acc += xw[i] * om * _dsdx(1.0 - om, mv, e, mmu, alpha, z, a2, d, kind, tx, tw, npan)
    return 0.5 * width * acc


@njit(cache=True)
def _sigma_kernel(mv, e, xlo, mmu, alpha, z, a2, d, kind, tx, tw, npan, xx, xw, nxpan, out):
    for i in range(mv.size):
        out[i] = _sigma(mv[i], e[i], xlo[i], mmu, alpha, z, a2, d, kind, tx, tw, npan, xx, xw,
                        nxpan)


# --------------------------------------------------------------------------------------------
# public functions
# --------------------------------------------------------------------------------------------
def _kind_code(kind, *, caller):
    return KINDS.index(choice(caller, "kind", kind, KINDS))


def g2_elastic(t, target="W"):
    """The elastic (coherent) form factor G₂(t) = Z²[a²t/(1 + a²t)]²[1/(1 + t/d)]² of the atom
    (screened nucleus; dimensionless) at momentum transfer t = −q² > 0 in GeV².

    → Z² for 1/a² ≪ t ≪ d; ∝ t² below the screening scale 1/a², ∝ t⁻² above the nuclear size d.

    Accuracy: ≤ 1e-14 relative for 1e-16 ≤ t ≤ 1e4 GeV², W and Pb (vs the 40-digit formula).


    >>> round(g2_elastic(1e-6) / 74**2, 4)
    0.9989
    """
    caller = "g2_elastic"
    t = real(caller, "t", t, 0.0, unit="GeV^2")
    z, _, _, a2, d = target_properties(choice(caller, "target", target, tuple(TARGETS)))
    s = a2 * t / (1.0 + a2 * t)
    return scalar_or_array(z * z * s * s / (1.0 + t / d) ** 2)


def _check_x(x, m_v, e, *, caller):
    """x, m_V, E broadcast; 0 < x < 1, m_V > 0, E > m_μ."""
    x = real(caller, "x", x, 0.0, 1.0)
    mv = real(caller, "m_v", m_v, 0.0, unit="GeV")
    e = real(caller, "e_beam", e, _MMU, unit="GeV")
    return np.broadcast_arrays(x, mv, e)


def t_min(x, m_v, e_beam=C.M3_E_BEAM, kind="kinematic"):
    """The lower limit t_min of the photon-flux integral in GeV²: (U₀/(2E(1 − x)))² with
    U₀ = m_V²(1 − x)/x + m_μ² x (``kind="kinematic"``; for ``"ww"`` its value at θ_V = 0), or
    (m_V²/2E)² (``kind="iww"``).

    Accuracy: ≤ 7e-15 relative for 1e-6 ≤ x ≤ 1 − 1e-6, 1e-6 ≤ m_v ≤ 10 GeV, 1 ≤ e_beam ≤ 1e3 GeV
    (vs the 40-digit formula).


    >>> round(t_min(0.5, 0.01) * 1e7, 3)
    1.435
    """
    caller = "t_min"
    code = _kind_code(kind, caller=caller)
    x, mv, e = _check_x(x, m_v, e_beam, caller=caller)
    return scalar_or_array(_t_min_array(x, mv, e, code))


def _t_min_array(x, mv, e, code):
    if code in (0, 2):
        q = (mv * mv * (1.0 - x) / x + _MMU * _MMU * x) / (2.0 * e * (1.0 - x))
    else:
        q = mv * mv / (2.0 * e) + 0.0 * x
    return q * q


def chi_flux(x, m_v, e_beam=C.M3_E_BEAM, target="W", kind="kinematic"):
    """The effective photon flux χ = ∫_{t_min}^{t_max} dt (t − t_min)/t² G₂(t) (dimensionless),
    t_max = m_V² + m_μ², t_min from :func:`t_min`; 0 when t_min ≥ t_max.  Broadcasts.

    For tungsten χ/Z² is of order ln(d/t_min) − 2 (the nucleus is a point charge between the
    screening radius and its own size).

    Accuracy: ≤ 1e-9 relative for 1e-4 ≤ x ≤ 0.999, 1e-6 ≤ m_v ≤ 10 GeV (3e-15 for kind='kinematic';
    6e-10 for 'iww' at m_v ≪ m_μ) (vs mp.quad).


    >>> round(chi_flux(0.5, 0.01) / 74**2, 2)
    8.41
    """
    caller = "chi_flux"
    _kind_code(kind, caller=caller)
    x, mv, e = _check_x(x, m_v, e_beam, caller=caller)
    z, _, _, a2, d = target_properties(choice(caller, "target", target, tuple(TARGETS)))
    tmin = np.ascontiguousarray(_t_min_array(x, mv, e, KINDS.index(kind)), dtype=float).ravel()
    tmax = np.ascontiguousarray(mv * mv + _MMU * _MMU, dtype=float).ravel()
    out = np.empty(tmin.size)
    _chi_kernel(tmin, tmax, z, a2, d, _TX, _TW, _T_PANELS, out)
    return scalar_or_array(out.reshape(x.shape))


def dsigma_dx(x, m_v, g=1.0, e_beam=C.M3_E_BEAM, target="W", kind="kinematic"):
    """dσ/dx(μN → μNV) in GeV⁻² (WW approximation, see the module docstring), x = E_V/E.

    Zero where the emission is closed (x E ≤ m_V or x ≥ 1 − m_μ/E).  ∝ g².  Broadcasts over
    x, m_v, g, e_beam.

    Accuracy: ≤ 1e-9 relative for 1e-4 ≤ x up to the kinematic end, 1e-6 ≤ m_v ≤ 10 GeV, all kinds
    (vs the closed form with mp.quad χ).


    >>> round(dsigma_dx(0.5, 0.01), 1)
    63.3
    """
    caller = "dsigma_dx"
    code = _kind_code(kind, caller=caller)
    x, mv, e = _check_x(x, m_v, e_beam, caller=caller)
    g = real(caller, "g", g)
    z, _, _, a2, d = target_properties(choice(caller, "target", target, tuple(TARGETS)))
    x, mv, e, g = np.broadcast_arrays(x, mv, e, g)
    out = np.empty(x.size)
    _dsdx_kernel(np.ascontiguousarray(x).ravel(), np.ascontiguousarray(mv).ravel(),
                 np.ascontiguousarray(e).ravel(), _MMU, _ALPHA, z, a2, d, code, _TX, _TW,
                 _T_PANELS, out)
    return scalar_or_array(out.reshape(x.shape) * g * g)


def _sigma_array(m_v, g, e_beam, e_out_max, target, kind, *, caller):
    """σ_sig as an array; errors name ``caller``."""
    code = _kind_code(kind, caller=caller)
    mv, e, xlo = _signal_inputs(m_v, e_beam, e_out_max, caller=caller)
    g = real(caller, "g", g)
    z, _, _, a2, d = target_properties(choice(caller, "target", target, tuple(TARGETS)))
    mv, e, xlo, g = np.broadcast_arrays(mv, e, xlo, g)
    out = np.empty(mv.size)
    _sigma_kernel(np.ascontiguousarray(mv).ravel(), np.ascontiguousarray(e).ravel(),
                  np.ascontiguousarray(xlo).ravel(), _MMU, _ALPHA, z, a2, d, code, _TX, _TW,
                  _T_PANELS, _XX, _XW, _X_PANELS, out)
    return out.reshape(mv.shape) * g * g


def _yield_array(m_v, g, e_beam, thickness_x0, e_out_max, target, kind, *, caller):
    """N_V/N_μ as an array; errors name ``caller``."""
    thick = real(caller, "thickness_x0", thickness_x0, 0.0, unit="X0")
    _, a, x0, _, _ = target_properties(choice(caller, "target", target, tuple(TARGETS)))
    sig = _sigma_array(m_v, g, e_beam, e_out_max, target, kind, caller=caller)
    return thick * x0 * _NA / a * sig * _GEV2_TO_CM2


def _signal_inputs(m_v, e_beam, e_out_max, *, caller):
    mv = real(caller, "m_v", m_v, 0.0, unit="GeV")
    e = real(caller, "e_beam", e_beam, _MMU, unit="GeV")
    eo = real(caller, "e_out_max", e_out_max, _MMU, unit="GeV")
    mv, e, eo = np.broadcast_arrays(mv, e, eo)
    bad = eo >= e
    if bad.any():
        raise range_error(caller, "e_out_max", first_bad(eo, bad), _MMU, float(first_bad(e, bad)),
                          unit="GeV", reason="the signal region E_out < e_out_max needs "
                          "m_mu < e_out_max < e_beam")
    closed = mv >= e - _MMU
    if closed.any():
        raise range_error(caller, "m_v", first_bad(mv, closed), 0.0, float(first_bad(e - _MMU, closed)),
                          unit="GeV", reason="the emission mu N -> mu N V needs m_v < e_beam - m_mu")
    return mv, e, 1.0 - eo / e


def sigma_signal(m_v, g=1.0, e_beam=C.M3_E_BEAM, e_out_max=C.M3_E_OUT_MAX, target="W",
                 kind="kinematic"):
    """σ_sig = ∫ dx dσ/dx over the signal region E_out = (1 − x)E < e_out_max, in GeV⁻².

    The x range is max(1 − e_out_max/E, m_V/E) < x < 1 − m_μ/E.  ∝ g².  Broadcasts over m_v,
    g, e_beam, e_out_max; m_v ≥ e_beam − m_μ or e_out_max ≥ e_beam raise ValueError.

    Accuracy: ≤ 4e-12 relative for 1e-5 ≤ m_v ≤ 5 GeV (vs mp.quad over x of the mp.quad dσ/dx).


    >>> round(sigma_signal(0.01), 3)
    23.411
    """
    return scalar_or_array(_sigma_array(m_v, g, e_beam, e_out_max, target, kind, caller="sigma_signal"))


def yield_per_muon(m_v, g=1.0, e_beam=C.M3_E_BEAM, thickness_x0=C.M3_TARGET_X0,
                   e_out_max=C.M3_E_OUT_MAX, target="W", kind="kinematic"):
    """Signal V's per muon on target, N_V/N_μ = (T X₀ N_A/A) σ_sig (thin-target approximation).

    ``thickness_x0`` is the target thickness T in radiation lengths (> 0); σ_sig from
    :func:`sigma_signal`, converted to cm² with (ħc)².  ∝ g² and ∝ T.  Broadcasts.

    Accuracy: ≤ 4e-12 relative for 1e-5 ≤ m_v ≤ 5 GeV, as sigma_signal (vs mp.quad over x).


    >>> round(yield_per_muon(0.01, 1e-4) * 1e11, 3)
    10.093
    """
    return scalar_or_array(_yield_array(m_v, g, e_beam, thickness_x0, e_out_max,
                                        target, kind, caller="yield_per_muon"))


def expected_events(m_v, g, n_mu, e_beam=C.M3_E_BEAM, thickness_x0=C.M3_TARGET_X0,
                    e_out_max=C.M3_E_OUT_MAX, target="W", kind="kinematic"):
    """Expected signal events N_μ × N_V/N_μ for ``n_mu`` muons on target (efficiency 1).

    Accuracy: ≤ 4e-12 relative for 1e-5 ≤ m_v ≤ 5 GeV, as sigma_signal (vs mp.quad over x).


    >>> round(expected_events(0.01, 1e-4, 1e10), 3)
    1.009
    """
    caller = "expected_events"
    n = real(caller, "n_mu", n_mu, 0.0)
    return scalar_or_array(n * _yield_array(m_v, g, e_beam, thickness_x0, e_out_max, target,
                                            kind, caller=caller))


def g_reach(m_v, n_mu, n_signal=None, e_beam=C.M3_E_BEAM, thickness_x0=C.M3_TARGET_X0,
            e_out_max=C.M3_E_OUT_MAX, target="W", kind="kinematic"):
    """The coupling g that gives ``n_signal`` expected events — the background-free reach.

    ``n_signal`` defaults to the 90 % CL Poisson upper limit for no background and none
    observed, ``dialm.limits.poisson_upper_limit(0)`` = 2.303.  The yield is ∝ g², so
    g = sqrt(n_signal/(n_mu × yield(g = 1))) ∝ (n_mu T)^(-1/2).

    Accuracy: ≤ 2e-12 relative for 1e-5 ≤ m_v ≤ 5 GeV, half sigma_signal's (vs mp.quad over x).


    >>> round(g_reach(0.01, 1e10) * 1e4, 3)
    1.51
    """
    caller = "g_reach"
    ns = poisson_upper_limit(0) if n_signal is None else real(caller, "n_signal", n_signal, 0.0)
    n = real(caller, "n_mu", n_mu, 0.0)
    y = _yield_array(m_v, 1.0, e_beam, thickness_x0, e_out_max, target, kind, caller=caller)
    return scalar_or_array(np.sqrt(ns / (n * y)))
