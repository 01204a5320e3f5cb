"""K⁺ → μ⁺ ν_μ V (NA62): an invisible L_μ − L_τ vector radiated from the muon or the neutrino.

Sections:

* **Signal** — :func:`lambda_mu`, :func:`msq_k_mu_nu_v` (|M|², double-double where it cancels),
  :func:`dalitz_m23sq_limits`, :func:`dgamma_dm2miss`, :func:`br_k_mu_nu_v`,
  :func:`gamma_in_bins`, the seeded Monte Carlo :func:`mc_m2miss_histogram` (numba kernels).
* **Background K⁺ → μ⁺νγ** — inner bremsstrahlung: :func:`f_ib_k_mu_nu_gamma`,
  :func:`dgamma_dm2miss_mu_nu_gamma` (``IB_M2MISS_FLOOR``), :func:`na62_background_events`.
* **Reach** — :func:`signal_for_sensitivity`, :func:`na62_expected_events`, :func:`na62_g_reach`.

Invariants (the talk's labels): 1 = ν_μ, 2 = V, 3 = μ⁺; m12² = (p_ν + p_V)² = (p_K − p_μ)² is the
missing mass squared, m23² = (p_V + p_μ)².  Sources: Krnjaic, Marques-Tavares, Redigolo &
Tobioka, PRL 124 (2020) 041802, arXiv:1902.07715 (signal, the projection); Bijnens, Ecker &
Gasser, NPB 396 (1993) 81 (background).  Chapter: book/singlets/na62.md (Part II).  Masses in
GeV, invariants in GeV², widths in GeV.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from dialm import _dd
from dialm import constants as C
from dialm._jit import njit
from dialm._validate import count, range_error, real, rng_seed, scalar_or_array

__all__ = ["msq_k_mu_nu_v", "dalitz_m23sq_limits", "dgamma_dm2miss", "br_k_mu_nu_v",
           "mc_m2miss_histogram", "na62_expected_events", "na62_g_reach", "lambda_mu",
           "f_ib_k_mu_nu_gamma", "dgamma_dm2miss_mu_nu_gamma", "na62_background_events",
           "signal_for_sensitivity", "gamma_in_bins", "IB_M2MISS_FLOOR"]

_MK = float(C.M_KPLUS)
_MMU = float(C.M_MU)
_GAMMA_K = float(C.HBAR_GEV_S) / float(C.TAU_KPLUS_S)        # K⁺ total width [GeV]


# Squares of the float masses as double-doubles: m_μ², a = m_K² − m_μ², (m_K − m_μ)²; with them
# the distances to the edges of the Dalitz plot keep their digits.
_MM2_HI, _MM2_LO = _dd.from_fraction(Fraction(_MMU) ** 2)
_A_HI, _A_LO = _dd.from_fraction(Fraction(_MK) ** 2 - Fraction(_MMU) ** 2)
_END2_HI, _END2_LO = _dd.from_fraction((Fraction(_MK) - Fraction(_MMU)) ** 2)
_OPEN2 = float((Fraction(_MK) + Fraction(_MMU)) ** 2)
_NODES_23 = 48   # Gauss–Legendre nodes of the m23² integral (in ln(m23² − m_μ²))
_NODES_12 = 96   # Gauss–Legendre nodes of the m12² integral (smoothstep in ln m12²)
_X23, _W23 = np.polynomial.legendre.leggauss(_NODES_23)
_X12, _W12 = np.polynomial.legendre.leggauss(_NODES_12)
_NODES_BIN = 12  # m12² nodes per histogram bin (a bin is narrow: 4e-14 against 96 nodes)
_XBIN, _WBIN = np.polynomial.legendre.leggauss(_NODES_BIN)
_BIN_SHORT_SPAN = 0.05  # bins shorter than this in ln m²_miss get _NODES_BIN nodes, others _NODES_12


def lambda_mu():
    """λ_μ = 2 G_F f_K m_μ |V_us| (dimensionless), the K⁺ → μ⁺ν amplitude with the muon's
    helicity flip: Σ|M(K⁺ → μ⁺ν)|² = λ_μ² (m_K² − m_μ²)/2.  Inputs from constants.py (PDG 2024,
    FLAG 2024).  The talk quotes ≃ 8.7e-8.

    Accuracy: ≤ 1e-15 relative (vs mpmath).

    >>> round(lambda_mu() * 1e8, 2)
    8.64
    """
    return float(2.0 * C.G_F * C.NA62V_F_K * C.M_MU * C.V_US)


_LAM = lambda_mu()


@njit(cache=True)
def _bracket_dd(sh, sl, dh, dl, mv):
    """|M|²/(g²λ_μ²) at m12² = sh + sl and d = m23² − m_μ² = dh + dl (double-doubles).

    The talk's bracket times m12⁴ d² is, with a = m_K² − m_μ² and σ = m12² + d − a,
        N = m12² d (σ² + a² + 2m_V²m_μ²) − a[(m_V² + 2m_μ²) m12⁴ + m_V² d²],
    which vanishes at the corner (m_V², a) of the Dalitz plot and nearly so along its lower edge
    at small m_V (collinear μV): evaluated in double-double it keeps ~1e-16 relative accuracy."""
    vh, vl = _dd.two_prod(mv, mv)
    th, tl = _dd.add(sh, sl, dh, dl)
    th, tl = _dd.add(th, tl, -_A_HI, -_A_LO)                          # σ
    th, tl = _dd.mul(th, tl, th, tl)
    ah, al = _dd.mul(_A_HI, _A_LO, _A_HI, _A_LO)
    th, tl = _dd.add(th, tl, ah, al)
    mh, ml = _dd.mul(vh, vl, _MM2_HI, _MM2_LO)
    th, tl = _dd.add(th, tl, 2.0 * mh, 2.0 * ml)                      # σ² + a² + 2m_V²m_μ²
    ph, pl = _dd.mul(sh, sl, dh, dl)
    th, tl = _dd.mul(th, tl, ph, pl)
    s2h, s2l = _dd.mul(sh, sl, sh, sl)
    ch, cl = _dd.add(vh, vl, 2.0 * _MM2_HI, 2.0 * _MM2_LO)
    uh, ul = _dd.mul(ch, cl, s2h, s2l)
    d2h, d2l = _dd.mul(dh, dl, dh, dl)
    wh, wl = _dd.mul(vh, vl, d2h, d2l)
    uh, ul = _dd.add(uh, ul, wh, wl)
    uh, ul = _dd.mul(uh, ul, _A_HI, _A_LO)
    nh, nl = _dd.add(th, tl, -uh, -ul)
    return (nh + nl) / (s2h * d2h)


@njit(cache=True)
def _bracket(sh, sl, dh, dl, mv):
    """:func:`_bracket_dd`, in plain float64 where N cancels by less than 64 (its rounding error
    ≲ 64 · 2ε ≈ 1.4e-14 relative: most of the plot), in double-double elsewhere (the corner, the
    lower edge at small m_V, near threshold).  64 rather than 8 keeps the NA62 sliders fast: the
    double-double path costs ~5× and 8 sent most heavy-m_V points there."""
    v = mv * mv
    sig = (sh - _A_HI) + dh
    p1 = sh * dh * (sig * sig + _A_HI * _A_HI + 2.0 * v * _MM2_HI)
    p2 = _A_HI * ((v + 2.0 * _MM2_HI) * sh * sh + v * dh * dh)
    n = p1 - p2
    if p1 + p2 + 2.0 * sh * dh * abs(sig) * (sh + dh + _A_HI) < 64.0 * abs(n):
        return n / (sh * sh * dh * dh)
    return _bracket_dd(sh, sl, dh, dl, mv)


@njit(cache=True)
def _msq_one(s12, s23, mv, g, lam, mk, mmu):
    dh, dl = _dd.add(s23, 0.0, -_MM2_HI, -_MM2_LO)
    # a rate is never negative: outside the Dalitz region the formula is, and is cut to 0
    return g * g * lam * lam * max(_bracket(s12, 0.0, dh, dl, mv), 0.0)


@njit(cache=True)
def _kallen_k_mu(s12):
    """Källén λ(m_K², m12², m_μ²) = ((m_K − m_μ)² − m12²)((m_K + m_μ)² − m12²) in GeV⁴, the first
    factor from the double-double (m_K − m_μ)² so that it keeps its digits at the end point; 0
    beyond it."""
    return max(((_END2_HI - s12) + _END2_LO) * (_OPEN2 - s12), 0.0)


@njit(cache=True)
def _dalitz_edges(s12, mv):
    """Edges of the Dalitz plot at fixed m12² (PDG kinematics, eq. 49.23, in the (νV) frame),
    each as a distance that keeps its digits: (d_min, d_max) of d = m23² − m_μ², (t_min,
    t_max) of t = m_K² − m23² = 2 p_K·p_ν, and the width 4q₂q₃.  With E₂ = (m12² + m_V²)/2m12,
    q₂ = (m12² − m_V²)/2m12, E₃ = (a − m12²)/2m12 and q₃ = √λ(m_K², m12², m_μ²)/2m12:
    d = m_V² + 2(E₂E₃ ∓ q₂q₃) and t = 2q₂(m12 + E₃ ± q₃); E₂E₃ − q₂q₃ = (m_V²E₃² + m_μ²q₂²)/(E₂E₃ + q₂q₃) and
    E₃ − q₃ = m_μ²/(E₃ + q₃) remove the cancellations.  m12² inside the range."""
    m12 = math.sqrt(s12)
    vh, vl = _dd.two_prod(mv, mv)
    u = (s12 - vh) - vl                                   # m12² − m_V²
    e2 = (s12 + vh) / (2.0 * m12)
    q2 = u / (2.0 * m12)
    e3 = ((_A_HI - s12) + _A_LO) / (2.0 * m12)
    q3 = math.sqrt(_kallen_k_mu(s12)) / (2.0 * m12)
    ee = e2 * e3 + q2 * q3
    dmin = vh + 2.0 * (vh * e3 * e3 + q2 * q2 * _MM2_HI) / ee
    dmax = vh + 2.0 * ee
    tmin = 2.0 * q2 * (m12 + _MM2_HI / (e3 + q3))
    tmax = 2.0 * q2 * (m12 + e3 + q3)
    return dmin, dmax, tmin, tmax, 4.0 * q2 * q3        # the last: d_max − d_min = t_max − t_min


@njit(cache=True)
def _m23_limits(s12, mv, mk, mmu):
    """(m23²_min, m23²_max) at fixed m12²; m12² inside the range."""
    dmin, dmax, _, _, _ = _dalitz_edges(s12, mv)
    return mmu * mmu + dmin, mmu * mmu + dmax


@njit(cache=True)
def _dgamma_one(s12, mv, g, lam, mk, mmu, x23, w23):
    """∫ |M|² dm23² /(256π³m_K³).  Near m23² = m_K² (the corner of the plot, t_max < m_K²/4) the
    rule is linear in t = m_K² − m23², elsewhere linear in ln d, d = m23² − m_μ² (the 1/d² peak of
    the small-m_V plot); the nodes are placed from the edge they are near, so that a range of
    width 1e-12 keeps its digits."""
    if s12 <= mv * mv or s12 >= (mk - mmu) ** 2:
        return 0.0
    dmin, _, tmin, tmax, width = _dalitz_edges(s12, mv)
    acc = 0.0
    if tmax < 0.25 * mk * mk:
        half = 0.5 * width
        for i in range(x23.size):
            t = tmin + half * (x23[i] + 1.0)
            dh, dl = _dd.add(_A_HI, _A_LO, -t, 0.0)
            acc += w23[i] * _bracket(s12, 0.0, dh, dl, mv)
    else:
        half = 0.5 * math.log1p(width / dmin)
        for i in range(x23.size):
            d = dmin * math.exp(half * (x23[i] + 1.0))
            acc += w23[i] * d * _bracket(s12, 0.0, d, 0.0, mv)
    return g * g * lam * lam * half * acc / (256.0 * math.pi ** 3 * mk ** 3)


@njit(cache=True)
def _dgamma_kernel(s12, mv, g, lam, mk, mmu, x23, w23, out):
    for i in range(s12.size):
        out[i] = _dgamma_one(s12[i], mv[i], g[i], lam, mk, mmu, x23, w23)


@njit(cache=True)
def _gamma_one(mv, g, s12min, lam, mk, mmu, x23, w23, x12, w12, s12max=np.inf):
    lo = max(mv * mv, s12min)
    span = _log_span(lo, s12max)
    if span <= 0.0:
        return 0.0
    acc = 0.0
    for i in range(x12.size):
        t = 0.5 * (x12[i] + 1.0)
        s = t * t * (3.0 - 2.0 * t)              # smoothstep: removes the √ endpoint behaviour
        ds = 6.0 * t * (1.0 - t)
        s12 = lo * math.exp(span * s)
        acc += 0.5 * w12[i] * ds * span * s12 * _dgamma_one(s12, mv, g, lam, mk, mmu, x23, w23)
    return acc


@njit(cache=True)
def _log_span(lo, hi):
    """ln(min(hi, (m_K − m_μ)²)/lo), with all its digits when the range is short (≤ 0 if empty)."""
    if hi >= _END2_HI:
        diff = (_END2_HI - lo) + _END2_LO
    else:
        diff = hi - lo
    return math.log1p(diff / lo) if diff > 0.0 else 0.0


@njit(cache=True)
def _gamma_kernel(mv, g, s12min, lam, mk, mmu, x23, w23, x12, w12, out):
    for i in range(mv.size):
        out[i] = _gamma_one(mv[i], g[i], s12min[i], lam, mk, mmu, x23, w23, x12, w12)


@njit(cache=True)
def _bins_kernel(edges, mv, g, lam, mk, mmu, x23, w23, xb, wb, x12, w12, out):
    """Bins short in ln m²_miss get the short rule (xb, wb), the others the full one (x12, w12):
    at small m_V a bin of 1/50 of the range can span 8 e-folds of a steep spectrum."""
    for i in range(edges.size - 1):
        short = _log_span(max(mv * mv, edges[i]), edges[i + 1]) < _BIN_SHORT_SPAN
        out[i] = _gamma_one(mv, g, edges[i], lam, mk, mmu, x23, w23, xb if short else x12,
                            wb if short else w12, edges[i + 1])


def _check_open(m_v, *, caller):
    top = _MK - _MMU
    bad = m_v >= top
    if bad.any():
        raise range_error(caller, "m_v", m_v[bad].flat[0], 0.0, top, unit="GeV",
                          reason="K+ -> mu+ nu V is kinematically closed for m_v >= m_K - m_mu")


def _masses(m_v, g_v, *, caller):
    m_v = real(caller, "m_v", m_v, 0.0, unit="GeV")
    g_v = real(caller, "g_v", g_v)
    _check_open(m_v, caller=caller)
    return m_v, g_v


def msq_k_mu_nu_v(m12sq, m23sq, m_v, g_v):
    """Spin- and polarisation-summed |M(K⁺ → μ⁺ ν_μ V)|² (dimensionless).

    V couples to the L_μ − L_τ current g_V V_α (μ̄γ^αμ + ν̄_μγ^αP_Lν_μ) and is radiated from the
    μ⁺ or the ν_μ of K⁺ → μ⁺ν (axial current, f_K).  With m12² = (p_ν + p_V)², m23² = (p_V + p_μ)²:

        |M|² = g_V² λ_μ² [2 + (m12² + 2m_μ² − 2m_K²)/(m23² − m_μ²)
               − (m_K² − m_μ²)(m_V² + 2m_μ²)/(m23² − m_μ²)² + 2((m_K² − m_μ²)² + m_V²m_μ²)/(m12²(m23² − m_μ²))
               − m_V²(m_K² − m_μ²)/m12⁴ + (m23² + m_μ² − 2m_K²)/m12²],

    λ_μ = 2G_F f_K m_μ|V_us| (:func:`lambda_mu`) — the talk's formula (Krnjaic et al.,
    arXiv:1902.07715), re-derived with Dirac traces in book/singlets/na62.md.  It cancels at the
    corner (m_V², m_K²) of the Dalitz plot and along its lower edge at small m_V; where it
    cancels it is evaluated in double-double arithmetic.  Inputs in GeV² (m12sq > 0, m23sq > m_μ²) and GeV;
    non-negative only inside the Dalitz region (:func:`dalitz_m23sq_limits`), 0 outside.
    Broadcasts.

    Accuracy: ≤ 2e-14 relative for m_V ≥ 0.1 MeV in the Dalitz region, edges and corners
    included (vs mpmath).

    >>> round(msq_k_mu_nu_v(0.05, 0.1, 0.1, 1e-3) * 1e20, 4)
    9.1864
    """
    caller = "msq_k_mu_nu_v"
    s12 = real(caller, "m12sq", m12sq, 0.0, unit="GeV^2")
    s23 = real(caller, "m23sq", m23sq, _MMU ** 2, unit="GeV^2")
    m_v, g_v = _masses(m_v, g_v, caller=caller)
    s12, s23, m_v, g_v = np.broadcast_arrays(s12, s23, m_v, g_v)
    out = np.empty(s12.shape)
    it = np.nditer([s12, s23, m_v, g_v, out], op_flags=[["readonly"]] * 4 + [["writeonly"]])
    for a, b, c, d, o in it:
        o[...] = _msq_one(float(a), float(b), float(c), float(d), _LAM, _MK, _MMU)
    return scalar_or_array(out)


def dalitz_m23sq_limits(m12sq, m_v):
    """The Dalitz range (m23²_min, m23²_max) in GeV² of K⁺ → ν V μ⁺ at fixed m12² (GeV²).

    m12sq must lie in the allowed range m_V² ≤ m12² ≤ (m_K − m_μ)²; standard three-body kinematics
    (PDG 2024, Kinematics review, eq. 49.23), rewritten without cancellations (m_V → 0, m12² at
    either end).  Broadcasts; returns two arrays (floats for scalars).

    Accuracy: ≤ 5e-15 relative for 1 keV ≤ m_V < m_K − m_μ, m12² at both ends included (vs mpmath).

    >>> [round(x, 5) for x in dalitz_m23sq_limits(0.05, 0.1)]
    [0.06016, 0.20123]
    """
    caller = "dalitz_m23sq_limits"
    m_v = real(caller, "m_v", m_v, 0.0, unit="GeV")
    _check_open(m_v, caller=caller)
    s12 = real(caller, "m12sq", m12sq, 0.0, unit="GeV^2")
    s12, m_v = np.broadcast_arrays(s12, m_v)
    bad = (s12 < m_v ** 2) | (s12 > (_MK - _MMU) ** 2)
    if bad.any():
        i = np.flatnonzero(bad.ravel())[0]
        raise range_error(caller, "m12sq", s12.flat[i], float(m_v.flat[i]) ** 2, (_MK - _MMU) ** 2,
                          low_open=False, high_open=False, unit="GeV^2")
    lo, hi = np.empty(s12.shape), np.empty(s12.shape)
    for i in range(s12.size):
        lo.flat[i], hi.flat[i] = _m23_limits(float(s12.flat[i]), float(m_v.flat[i]), _MK, _MMU)
    return scalar_or_array(lo), scalar_or_array(hi)


def dgamma_dm2miss(m2miss, m_v, g_v):
    """dΓ(K⁺ → μ⁺ν_μV)/dm²_miss in GeV⁻¹ (GeV per GeV²), m²_miss = (p_K − p_μ)² = m12².

    dΓ/dm²_miss = 1/(256π³m_K³) ∫ |M|² dm23² over the Dalitz range (the talk's formula), with
    :func:`msq_k_mu_nu_v`.  The m23² integral is a 48-node Gauss–Legendre rule in
    ln(m23² − m_μ²), or in m_K² − m23² near the corner m23² = m_K² (numba), with the nodes placed
    from the Dalitz edges.  Zero outside m_V² < m²_miss < (m_K − m_μ)².  Broadcasts.  Closed phase
    space (m_V ≥ m_K − m_μ), m_V ≤ 0 or a non-finite g_V raise ``ValueError``.

    Accuracy: ≤ 3e-14 relative for m_V ≥ 0.1 MeV, m²_miss to 1e-12 of both ends (vs mpmath closed form).

    >>> round(dgamma_dm2miss(0.05, 0.1, 1e-3) * 1e23, 4)
    1.1226
    """
    caller = "dgamma_dm2miss"
    s12 = real(caller, "m2miss", m2miss, unit="GeV^2")
    m_v, g_v = _masses(m_v, g_v, caller=caller)
    s12, m_v, g_v = (np.array(a, dtype=np.float64)
                     for a in np.broadcast_arrays(s12, m_v, g_v))
    out = np.empty(s12.shape)
    _dgamma_kernel(s12.ravel(), m_v.ravel(), g_v.ravel(), _LAM, _MK, _MMU, _X23, _W23,
                   out.reshape(-1))
    return scalar_or_array(out)


def br_k_mu_nu_v(m_v, g_v, m2miss_min=0.0):
    """B(K⁺ → μ⁺ν_μV; m²_miss > m2miss_min) = Γ/Γ_K (dimensionless), V invisible.

    Integrates :func:`dgamma_dm2miss` over m²_miss from max(m_V², m2miss_min) to (m_K − m_μ)²
    (96-node Gauss–Legendre in a smoothstep of ln m²_miss; numba); Γ_K = ħ/τ_K (PDG 2024).
    Exactly ∝ g_V².  Broadcasts over m_v, g_v, m2miss_min (GeV, –, GeV²).

    Accuracy: ≤ 1e-11 relative for m_V ≥ 0.1 MeV, cut ≤ (1 − 1e-6)(m_K − m_μ)² (vs mpmath quad).

    >>> round(br_k_mu_nu_v(0.1, 1e-3) * 1e8, 4)
    1.7791
    """
    return scalar_or_array(_branching(m_v, g_v, m2miss_min, caller="br_k_mu_nu_v"))


def _branching(m_v, g_v, cut, *, caller, cut_name="m2miss_min"):
    """The array of :func:`br_k_mu_nu_v`, its checks reported under ``caller`` (the cut as
    ``cut_name``)."""
    m_v, g_v = _masses(m_v, g_v, caller=caller)
    cut = real(caller, cut_name, cut, 0.0, low_open=False, unit="GeV^2")
    m_v, g_v, cut = (np.array(a, dtype=np.float64)
                     for a in np.broadcast_arrays(m_v, g_v, cut))
    out = np.empty(m_v.shape)
    _gamma_kernel(m_v.ravel(), g_v.ravel(), cut.ravel(), _LAM, _MK, _MMU, _X23, _W23, _X12, _W12,
                  out.reshape(-1))
    return out / _GAMMA_K


# -- the Standard-Model background K⁺ → μ⁺νγ (inner bremsstrahlung) ---------------------------
# x = 2E_γ/m_K, y = 2E_μ/m_K in the kaon rest frame, r = m_μ²/m_K²; m²_miss = m_K²(1 + r − y).
_R_MU, _R_MU_LO = _dd.from_fraction((Fraction(_MMU) / Fraction(_MK)) ** 2)
_GAMMA_MUNU = _LAM ** 2 * (_MK ** 2 - _MMU ** 2) ** 2 / (32.0 * math.pi * _MK ** 3)  # tree, GeV
_NODES_IB = 64
_NODES_BKG = 96   # m²_miss nodes of na62_background_events
#: Below this m²_miss (GeV²) the IB rate is the soft-photon divergence at the K → μν peak (and
#: x² underflows); :func:`dgamma_dm2miss_mu_nu_gamma` refuses 0 < m²_miss < IB_M2MISS_FLOOR.
IB_M2MISS_FLOOR = 1e-12
_XIB, _WIB = np.polynomial.legendre.leggauss(_NODES_IB)


@njit(cache=True)
def _x_limits(w, r):
    """Photon-energy range (x_min, x_max) at fixed w = m²_miss/m_K² = 1 + r − y.

    x_min·(1 − y/2 + root/2) = w exactly, which keeps x_min accurate as w → 0 (soft photons),
    where 1 − (y + root)/2 would cancel to zero."""
    y = 1.0 + r - w
    root = math.sqrt(max(y * y - 4.0 * r, 0.0))
    return w / (1.0 - 0.5 * y + 0.5 * root), 1.0 - 0.5 * (y - root)


@njit(cache=True)
def _f_ib_w(x, w, r):
    """f_IB at photon energy x and w = m²_miss/m_K² = 1 + r − y (2p_ν·k/m_K²), inside the
    region; z = x − w = 2p_μ·k/m_K² > 0.  Written in w so that soft photons (w → 0) keep digits."""
    z = x - w
    return w / (x * x * z) * (x * x + 2.0 * (1.0 - x) * (1.0 - r) - 2.0 * x * r * (1.0 - r) / z)


@njit(cache=True)
def _f_ib(x, y, r, r_lo):
    """f_IB(x, y) of Bijnens, Ecker & Gasser (1993); 0 outside the Dalitz region."""
    if y < 2.0 * math.sqrt(r) or y > 1.0 + r:
        return 0.0
    w = ((1.0 - y) + r) + r_lo   # 1 − y is exact for y ≥ 1/2: w keeps its digits as y → 1 + r
    lo, hi = _x_limits(w, r)
    if x <= 0.0 or x < lo or x > hi:
        return 0.0
    return _f_ib_w(x, w, r)


@njit(cache=True)
def _dgamma_ib_kernel(s12, xmin_cut, r, mk, gamma0, alpha, xg, wg, out):
    """dΓ_IB/dm²_miss = Γ_μν (α/2π)/(1 − r)² (1/m_K²) ∫ dx f_IB(x, y), Gauss–Legendre in
    ln z, z = x − w = 2p_μ·k/m_K²: f_IB has its 1/z, 1/z² peak within δz ~ w of the lower end,
    which ln x (27 e-folds at m²_miss = 1e-12 GeV²) resolved only to 4e-3."""
    pref = gamma0 * alpha / (2.0 * math.pi) / ((1.0 - r) ** 2 * mk * mk)
    for i in range(s12.size):
        w = s12[i] / (mk * mk)
        y = 1.0 + r - w
        out[i] = 0.0
        if s12[i] <= 0.0 or y <= 2.0 * math.sqrt(r):
            continue
        # root = x_max − x_min = √(y² − 4r), y ∓ 2√r = ((m_K ∓ m_μ)² − m²_miss)/m_K²
        root = math.sqrt(_kallen_k_mu(s12[i])) / (mk * mk)
        ymr = 4.0 * r / (y + root)                    # y − root without cancellation
        hi = 1.0 - 0.5 * ymr
        lo = w / hi
        if xmin_cut >= hi:
            continue
        if xmin_cut > lo:
            zlo = xmin_cut - w
            span = math.log1p((hi - xmin_cut) / zlo)
        else:   # x_min − w = w (y − root)/(2 − y + root) exactly
            zlo = w * ymr / (2.0 - ymr)
            span = math.log1p(root / zlo)
        ulo = math.log(zlo)
        half = 0.5 * span
        acc = 0.0
        for k in range(xg.size):
            z = math.exp(ulo + half * (xg[k] + 1.0))
            acc += wg[k] * z * _f_ib_w(z + w, w, r)
        out[i] = pref * half * acc


def f_ib_k_mu_nu_gamma(x, y):
    """The inner-bremsstrahlung density f_IB(x, y) of K⁺ → μ⁺νγ (dimensionless).

    d²Γ_IB/dx dy = Γ(K⁺ → μ⁺ν) (α/2π) f_IB(x, y)/(1 − r)², x = 2E_γ/m_K, y = 2E_μ/m_K,
    r = m_μ²/m_K² (Bijnens, Ecker & Gasser, Nucl. Phys. B396 (1993) 81, hep-ph/9209261; PDG
    review "Form factors for radiative pion and kaon decays"):

        f_IB = (1 − y + r)/(x²(x + y − 1 − r)) · [x² + 2(1 − x)(1 − r) − 2xr(1 − r)/(x + y − 1 − r)].

    The normalisation is checked against Low's soft-photon theorem (eikonal current of the K⁺ and
    μ⁺) in tests/test_kaon_na62.py.  Zero outside the Dalitz region.  Broadcasts.

    Accuracy: ≤ 5e-15 relative in the Dalitz region, x ≥ 1e-6, y → 1 + r included (vs mpmath).

    >>> round(f_ib_k_mu_nu_gamma(0.3, 0.8), 4)
    47.4717
    """
    caller = "f_ib_k_mu_nu_gamma"
    x = real(caller, "x", x, 0.0, 1.0, high_open=False)
    y = real(caller, "y", y, 0.0, 1.0 + _R_MU, high_open=False)
    x, y = np.broadcast_arrays(x, y)
    out = np.array([_f_ib(float(a), float(b), _R_MU, _R_MU_LO) for a, b in zip(x.ravel(), y.ravel(),
                                                                        strict=True)])
    return scalar_or_array(out.reshape(x.shape))


def dgamma_dm2miss_mu_nu_gamma(m2miss, e_gamma_min=0.0):
    """dΓ(K⁺ → μ⁺νγ, inner bremsstrahlung)/dm²_miss in GeV⁻¹, m²_miss = (p_K − p_μ)² (GeV²).

    The integral of :func:`f_ib_k_mu_nu_gamma` over the photon energy at fixed muon energy
    (64-node Gauss–Legendre in ln(x − w), w = m²_miss/m_K²; numba), normalised to the tree-level
    Γ(K⁺ → μ⁺ν) of :func:`lambda_mu` like the signal.  ``e_gamma_min`` (GeV, kaon rest frame)
    keeps only photons harder than it.  The IB spectrum grows roughly like 1/m²_miss towards
    m²_miss → 0 (soft or collinear photons): the reason for the talk's cut m²_miss > 0.05 GeV².  Zero for
    m²_miss ≤ 0 or beyond (m_K − m_μ)²; ``ValueError`` for 0 < m²_miss < ``IB_M2MISS_FLOOR``
    = 1e-12 GeV² (inside the divergent two-body peak).  Broadcasts over ``m2miss``.

    Accuracy: ≤ 5e-14 relative for 1e-12 GeV² ≤ m²_miss, end point included, any cut (vs mpmath closed form).

    >>> round(dgamma_dm2miss_mu_nu_gamma(0.05) / dgamma_dm2miss_mu_nu_gamma(0.1), 3)
    3.305
    """
    caller = "dgamma_dm2miss_mu_nu_gamma"
    s12 = np.array(real(caller, "m2miss", m2miss, unit="GeV^2"), dtype=np.float64)
    e_min = real(caller, "e_gamma_min", e_gamma_min, 0.0, 0.5 * _MK, low_open=False, unit="GeV",
                 scalar=True)
    soft = (s12 > 0) & (s12 < IB_M2MISS_FLOOR)
    if soft.any():
        raise range_error(caller, "m2miss", s12[soft].flat[0], IB_M2MISS_FLOOR, None, low_open=False,
                          unit="GeV^2", reason="the soft-photon divergence of the two-body peak: "
                          "m2miss <= 0 gives 0, m2miss >= 1e-12 GeV^2 is computed")
    out = np.empty(s12.size)
    _dgamma_ib_kernel(s12.ravel(), 2.0 * float(e_min) / _MK, _R_MU, _MK, _GAMMA_MUNU,
                      float(C.ALPHA), _XIB, _WIB, out)
    return scalar_or_array(out.reshape(s12.shape))


def na62_background_events(photon_inefficiency, n_kaons=C.NA62V_N_K_ASSUMED,
                           acceptance=C.NA62V_ACCEPTANCE, downscale=C.NA62V_DOWNSCALE,
                           m2miss_cut=C.NA62V_M2MISS_CUT):
    """Expected K⁺ → μ⁺νγ events with m²_miss above the cut whose photon is missed.

    N_bkg = N_K · A / downscale · η_γ · B_IB(m²_miss > cut), B_IB from
    :func:`dgamma_dm2miss_mu_nu_gamma` (96-point Gauss–Legendre in a smoothstep of ln m²_miss)
    over Γ_K.  η_γ, the
    probability that the photon escapes the vetoes, is a model parameter (the book's assumption:
    NA62's real background also has upstream decays and K → 3π, see the chapter).  Broadcasts
    over ``photon_inefficiency``; ``m2miss_cut`` (GeV²) from ``IB_M2MISS_FLOOR`` to (m_K − m_μ)².

    Accuracy: ≤ 3e-12 relative for 1e-10 GeV² ≤ cut ≤ (1 − 1e-6)(m_K − m_μ)² (vs mpmath quad).

    >>> round(na62_background_events(1e-5), 1)
    80.5
    """
    caller = "na62_background_events"
    eta = real(caller, "photon_inefficiency", photon_inefficiency, 0.0, 1.0, low_open=False,
               high_open=False)
    n_k = real(caller, "n_kaons", n_kaons, 0.0, scalar=True)
    acc = real(caller, "acceptance", acceptance, 0.0, 1.0, high_open=False, scalar=True)
    ds = real(caller, "downscale", downscale, 1.0, low_open=False, scalar=True)
    # below IB_M2MISS_FLOOR the cut would reach into the divergent two-body peak
    cut = real(caller, "m2miss_cut", m2miss_cut, IB_M2MISS_FLOOR, (_MK - _MMU) ** 2, low_open=False,
               unit="GeV^2", scalar=True)
    return scalar_or_array(n_k * acc / ds * _br_ib_above(float(cut)) * eta)


@functools.lru_cache(maxsize=64)
def _br_ib_above(cut):
    """B(K⁺ → μ⁺νγ, m²_miss > cut), cached: a slider that moves η_γ or N_K does not re-integrate.

    Gauss–Legendre in a smoothstep of ln m²_miss: it removes the √ end point at (m_K − m_μ)²,
    which plain Gauss–Legendre in ln m²_miss resolved only to 2e-6 (64 nodes)."""
    xg, wg = np.polynomial.legendre.leggauss(_NODES_BKG)
    span = math.log1p(((_END2_HI - cut) + _END2_LO) / cut)     # ln((m_K − m_μ)²/cut), all digits
    t = 0.5 * (xg + 1.0)
    m2 = cut * np.exp(span * t * t * (3.0 - 2.0 * t))
    jac = 0.5 * span * 6.0 * t * (1.0 - t) * m2
    return float(np.sum(wg * jac * dgamma_dm2miss_mu_nu_gamma(m2)) / _GAMMA_K)


def signal_for_sensitivity(background, rel_sys=0.0):
    """Signal events a counting experiment needs for a 90 % CL expected exclusion.

    s₉₀ = max(2.3, 1.2816 √(B + (δ_B·B)²)): the background-free Poisson 2.3 events, or the
    one-sided 90 % Gaussian quantile of the background's statistical and systematic spread
    (relative systematic ``rel_sys`` = δ_B) — the simple sensitivity the talk's "vary systematics"
    slide illustrates.  Broadcasts.

    Accuracy: ≤ 2e-15 relative for 0 ≤ background ≤ 1e150 (vs mpmath, z = √2 erf⁻¹(0.8)).

    >>> signal_for_sensitivity(0.0), round(signal_for_sensitivity(100.0, 0.1), 2)
    (2.3, 18.12)
    """
    caller = "signal_for_sensitivity"
    b = real(caller, "background", background, 0.0, low_open=False)
    d = real(caller, "rel_sys", rel_sys, 0.0, low_open=False)
    return scalar_or_array(np.maximum(2.3, 1.2815515655446004 * np.sqrt(b + (d * b) ** 2)))


def _one_mass_and_edges(m_v, g_v, edges, edges_low, edges_low_open=False, *, caller):
    """Checks of the histogram functions: one m_v and g_v, increasing bin edges in GeV²."""
    if np.ndim(m_v) != 0:
        raise ValueError(f"{caller}: m_v must be a scalar (one mass per call); got shape "
                         f"{np.shape(m_v)}")
    m_v = float(_masses(m_v, g_v, caller=caller)[0])
    g_v = real(caller, "g_v", g_v, scalar=True)
    edges = np.ascontiguousarray(real(caller, "edges", edges, edges_low, low_open=edges_low_open,
                                      unit="GeV^2"), dtype=np.float64)
    if edges.ndim != 1 or edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError(f"{caller}: edges must be a 1-d increasing array of at least 2 bin edges")
    return m_v, float(g_v), edges


def gamma_in_bins(edges, m_v, g_v):
    """Partial width Γ(K⁺ → μ⁺ν_μV) in GeV in each bin [edges[i], edges[i+1]] of m²_miss (GeV²).

    Each bin is integrated like :func:`br_k_mu_nu_v` (a smoothstep in ln m²_miss that removes the
    square-root behaviour at the Dalitz end points m_V² and (m_K − m_μ)², here 12 × 48
    Gauss–Legendre nodes per bin; numba): relative accuracy ≤ 1e-12 against nested scipy quad
    (bench) for bins of ≤ 1/50 of the range (wide bins: use :func:`br_k_mu_nu_v`).  What a
    histogram of the spectrum should be compared with (:func:`mc_m2miss_histogram`).

    Accuracy: ≤ 5e-13 relative for any bins, 1 MeV ≤ m_V ≤ 300 MeV (vs mpmath quad).

    >>> w = gamma_in_bins(np.linspace(0.0, 0.2, 51), 0.1, 1e-3)
    >>> bool(abs(w.sum() / (br_k_mu_nu_v(0.1, 1e-3) * _GAMMA_K) - 1) < 1e-10)
    True
    """
    m_v, g_v, edges = _one_mass_and_edges(m_v, g_v, edges, 0.0,
                                           caller="gamma_in_bins")
    out = np.empty(edges.size - 1)
    _bins_kernel(edges, m_v, g_v, _LAM, _MK, _MMU, _X23, _W23, _XBIN, _WBIN, _X12, _W12, out)
    return out


@njit(cache=True)
def _mc_kernel(mv, g, edges, n, seed, lam, mk, mmu, hist, hist2):
    np.random.seed(seed)  # noqa: NPY002 (numba has its own generator; seeded here)
    lo, hi = mv * mv, (mk - mmu) ** 2
    norm = (hi - lo) / (256.0 * math.pi ** 3 * mk ** 3 * n)
    nb = edges.size - 1
    for _ in range(n):
        s12 = lo + (hi - lo) * np.random.random()  # noqa: NPY002
        a, b = _m23_limits(s12, mv, mk, mmu)
        s23 = a + (b - a) * np.random.random()  # noqa: NPY002
        w = norm * (b - a) * _msq_one(s12, s23, mv, g, lam, mk, mmu)
        if s12 < edges[0] or s12 >= edges[nb]:
            continue
        j = np.searchsorted(edges, s12, side="right") - 1
        hist[j] += w
        hist2[j] += w * w


def mc_m2miss_histogram(m_v, g_v, edges, n_events=200_000, seed=2019):
    """Monte Carlo of K⁺ → μ⁺ν_μV: the partial width in bins of m²_miss, with its MC error.

    Events are drawn flat in the Dalitz plot (phase space is flat in (m12², m23²)): m12² uniform on
    [m_V², (m_K − m_μ)²], then m23² uniform in its range, each weighted by |M|² and the Jacobian;
    numba kernel seeded inside with ``seed``.  Returns (Γ per bin [GeV], its 1σ MC error [GeV]);
    Γ per bin / bin width converges to :func:`dgamma_dm2miss`.  ``edges`` in GeV², increasing.

    Accuracy: statistical — seeded χ² of the histogram against the exact partial widths.

    >>> h, e = mc_m2miss_histogram(0.1, 1e-3, [0.02, 0.08, 0.14], 20_000, seed=1)
    >>> bool(abs(h[0] / 0.06 / dgamma_dm2miss(0.05, 0.1, 1e-3) - 1) < 0.2)
    True
    """
    caller = "mc_m2miss_histogram"
    m_v, g_v, edges = _one_mass_and_edges(m_v, g_v, edges, 0.0, edges_low_open=True,
                                           caller=caller)
    n = count(caller, "n_events", n_events, low=1, scalar=True)
    seed = rng_seed(caller, "seed", seed)
    hist, hist2 = np.zeros(edges.size - 1), np.zeros(edges.size - 1)
    _mc_kernel(m_v, g_v, edges, n, seed, _LAM, _MK, _MMU, hist, hist2)
    # per-bin MC error of a sum of weights: sqrt(Σw² − (Σw)²/n)
    err = np.sqrt(np.maximum(hist2 - hist ** 2 / n, 0.0))
    return hist, err


def na62_expected_events(m_v, g_v, n_kaons=C.NA62V_N_K_ASSUMED, acceptance=C.NA62V_ACCEPTANCE,
                         downscale=C.NA62V_DOWNSCALE, m2miss_cut=C.NA62V_M2MISS_CUT):
    """Expected signal events N = N_K · B(K⁺ → μ⁺νV; m²_miss > cut) · A / downscale.

    The talk's projection (arXiv:1902.07715): m²_miss > 0.05 GeV², acceptance 0.35, 1/400 of
    single-muon events kept; N_K (number of K⁺ decays) is this book's assumption
    (constants.NA62V_N_K_ASSUMED).  Broadcasts.

    Accuracy: ≤ 1e-11 relative, that of :func:`br_k_mu_nu_v` (vs mpmath quad).

    >>> round(na62_expected_events(0.1, 1e-3), 1)
    89.1
    """
    return scalar_or_array(_expected_events(m_v, g_v, n_kaons, acceptance, downscale, m2miss_cut,
                                            caller="na62_expected_events"))


def _expected_events(m_v, g_v, n_kaons, acceptance, downscale, m2miss_cut, *, caller):
    """The array of :func:`na62_expected_events`, its checks reported under ``caller``."""
    n_k = real(caller, "n_kaons", n_kaons, 0.0)
    acc = real(caller, "acceptance", acceptance, 0.0, 1.0, high_open=False)
    ds = real(caller, "downscale", downscale, 1.0, low_open=False)
    return n_k * acc / ds * _branching(m_v, g_v, m2miss_cut, caller=caller, cut_name="m2miss_cut")


def na62_g_reach(m_v, n_signal=2.3, n_kaons=C.NA62V_N_K_ASSUMED,
                 acceptance=C.NA62V_ACCEPTANCE, downscale=C.NA62V_DOWNSCALE,
                 m2miss_cut=C.NA62V_M2MISS_CUT):
    """The coupling g_V that gives ``n_signal`` expected events (default 2.3: a 90 % CL Poisson
    limit with no background and none observed) — the background-free reach (B ∝ g_V²).

    Accuracy: ≤ 5e-12 relative, half that of :func:`br_k_mu_nu_v` (vs mpmath quad).

    >>> round(na62_g_reach(0.1) * 1e4, 3)
    1.607
    """
    caller = "na62_g_reach"
    ns = real(caller, "n_signal", n_signal, 0.0)
    return scalar_or_array(np.sqrt(ns / _expected_events(m_v, 1.0, n_kaons, acceptance, downscale,
                                                         m2miss_cut, caller=caller)))
