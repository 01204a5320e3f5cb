"""Rare kaon decays: short-distance loop functions and branching ratios.

Sections (later chapters add theirs below):

* **K → π ν ν̄** — the Inami–Lim function X₀(x) of the Z-penguin and box diagrams, the
  K_ℓ3-normalised branching ratios of K⁺ → π⁺νν̄ and K_L → π⁰νν̄ for a CKM matrix, and the
  Grossman–Nir ratio (Barker & Kettell 2000, sec. 2.3, eqs. 26–28; Buchalla & Buras 1999;
  Buchalla, Buras & Lautenbacher, RMP 68 (1996) 1125).

Everything is dimensionless except where a docstring says otherwise (masses in GeV, lifetimes in s).
Public functions broadcast like ufuncs; a scalar in gives a float out.  Bad input raises
``ValueError`` naming the parameter, the value and the allowed range.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np
from numba import njit

from dialm import _dd
from dialm import constants as C
from dialm._validate import choice, ckm_stack, count, first_bad, range_error, real, rng_seed, scalar_or_array

__all__ = [
    "X0_SERIES_HALF_WIDTH",
    "inami_lim_x0",
    "kappa_from_kl3",
    "grossman_nir_factor",
    "pinunu_amplitude",
    "br_kplus_pinunu",
    "br_kl_pi0nunu",
]


# ============================================================================================
# K → π ν ν̄
# ============================================================================================
#: Below |x − 1| = X0_SERIES_HALF_WIDTH the Taylor series of X₀ about x = 1 is used: the closed form
#: is 0/0 at x = 1 and loses ~1e-16/|x − 1| relative accuracy near it.
X0_SERIES_HALF_WIDTH = 0.1
_X0_SERIES_TERMS = 26  # the n-th coefficient is ~ 3/(4n²); 0.1^26 leaves < 1e-28


@njit(cache=True)
def _x0_one(x):
    if x == 0.0:
        return 0.0
    e = x - 1.0
    if abs(e) < X0_SERIES_HALF_WIDTH:
        # X0(1+e) = 11/16 + 3/8 e + sum_{n>=2} (-1)^(n+1) 3/(4 n (n+2)) e^n   (exact coefficients)
        acc = 0.0
        for n in range(_X0_SERIES_TERMS, 1, -1):
            sign = 1.0 if n % 2 == 1 else -1.0
            acc = acc * e + sign * 3.0 / (4.0 * n * (n + 2))
        return 11.0 / 16.0 + e * (3.0 / 8.0 + e * acc)
    # closed form, written without (x-1)^2 so that it neither overflows nor loses digits at large x
    r = x / (x - 1.0)
    return 0.125 * x * ((x + 2.0) / (x - 1.0)) + 0.375 * (x - 2.0) / (x - 1.0) * r * math.log(x)


@njit(cache=True)
def _x0_kernel(x, out):
    for i in range(x.size):
        out[i] = _x0_one(x[i])


def inami_lim_x0(x):
    """The Inami–Lim function X₀(x) of s → d ν ν̄ (Z penguin minus four times the WW box).

    X₀(x) = x/8 · [(x + 2)/(x − 1) + (3x − 6)/(x − 1)² · ln x] = C₀(x) − 4 B₀(x),
    with x = m_t²/M_W² (Inami & Lim, Prog. Theor. Phys. 65 (1981) 297; Buchalla, Buras &
    Lautenbacher, RMP 68 (1996) 1125, eq. XI.7).  Dimensionless, gauge independent.  Limits:
    X₀ → −(x/4)(1 + 3 ln x) for x → 0, X₀(1) = 11/16, X₀ = x/8 + (3/8) ln x + 3/8 + O(ln x/x)
    for x → ∞.  Near x = 1 (|x − 1| < 0.1) the exact Taylor series
    11/16 + 3(x−1)/8 + Σ_{n≥2} (−1)ⁿ⁺¹ 3(x−1)ⁿ/(4n(n+2)) replaces the 0/0 closed form.

    Accuracy: ≤ 1e-14 relative for 0 ≤ x ≤ 1.7e308, x = 1 ± 1e-15 included (vs mpmath closed form).

    Parameters
    ----------
    x : array_like
        m_t²/M_W², finite and >= 0 (X₀(0) = 0).

    >>> round(inami_lim_x0(1.0), 12), round(inami_lim_x0((166 / 80.4) ** 2), 4)
    (0.6875, 1.5154)
    >>> inami_lim_x0([0.5, 4.0]).round(6)
    array([0.467291, 1.462098])
    """
    func = "inami_lim_x0"
    arr = real(func, "x", x, 0.0, low_open=False)
    flat = np.ascontiguousarray(arr, dtype=np.float64).ravel()
    out = np.empty_like(flat)
    _x0_kernel(flat, out)
    out = out.reshape(arr.shape)
    if not np.all(np.isfinite(out)):
        raise range_error(func, "x", arr[~np.isfinite(out)].flat[0], 0.0, 1e300, low_open=False,
                          reason="X0(x) overflows float64")
    return scalar_or_array(out)


def kappa_from_kl3(br_ke3, r_k, alpha, sin2_theta_w, lam):
    """The K_ℓ3 normalisation κ = r_K · 3α² B(K⁺→π⁰e⁺ν) λ⁸ / (2π² sin⁴θ_W) of K → πνν̄.

    Physics: the hadronic matrix element ⟨π|s̄γ_μd|K⟩ is taken from K⁺ → π⁰e⁺ν by isospin; r_K
    corrects for isospin breaking and phase space (Marciano & Parsa 1996: r_K⁺ = 0.901,
    r_KL = 0.944); the factor 3 is the sum over neutrino flavours of the review's eq. 26 and λ⁸
    makes κ the coefficient of |X_t λ_t/λ⁵ + …|² (Buchalla & Buras 1999).  For K_L multiply by
    τ_L/τ₊ (see :func:`grossman_nir_factor`).  Dimensionless; broadcasts.

    Parameters: br_ke3 in (0, 1); r_k > 0; alpha > 0; sin2_theta_w in (0, 1); lam in (0, 1).

    Accuracy: ≤ 2e-15 relative for all allowed inputs (vs mpmath).

    >>> round(kappa_from_kl3(0.0482, 0.901, 1 / 129, 0.23, 0.22) * 1e11, 2)
    4.11
    """
    func = "kappa_from_kl3"
    br = real(func, "br_ke3", br_ke3, 0.0, 1.0)
    r = real(func, "r_k", r_k, 0.0)
    a = real(func, "alpha", alpha, 0.0)
    s2 = real(func, "sin2_theta_w", sin2_theta_w, 0.0, 1.0)
    lam = real(func, "lam", lam, 0.0, 1.0)
    return scalar_or_array(r * 3.0 * a * a * br * lam**8 / (2.0 * math.pi**2 * s2 * s2))


def grossman_nir_factor(tau_l=C.TAU_KL_S, tau_plus=C.TAU_KPLUS_S,
                        r_ratio=None, delta_em=0.0):
    """The Grossman–Nir factor G with B(K_L→π⁰νν̄) ≤ G · B(K⁺→π⁺νν̄).

    Physics: for a ΔI = 1/2 s → d ν ν̄ transition, isospin gives A(K_L) = Im-part of A(K⁺) (up to a
    phase), so Γ(K_L)/Γ(K⁺) ≤ r_KL/r_K⁺ and G = (τ_L/τ₊)(r_KL/r_K⁺)/(1 + Δ_EM) (Grossman & Nir,
    PLB 398 (1997) 163).  Lifetimes in seconds (> 0); ``r_ratio`` = r_KL/r_K⁺ (> 0), the
    isospin-breaking and phase-space ratio of the two K_ℓ3 normalisations; None takes the value
    implied by Mescia & Smith (2007), (κ_L/κ₊)/(τ_L/τ₊) with PDG 2024 lifetimes (1.044);
    delta_em > −1 is the K⁺ QED correction.  Dimensionless; broadcasts.

    Accuracy: ≤ 2e-15 relative for all allowed inputs (vs mpmath).

    >>> round(grossman_nir_factor(51.7e-9, 12.386e-9, 0.944 / 0.901), 2)
    4.37
    """
    func = "grossman_nir_factor"
    tl = real(func, "tau_l", tau_l, 0.0, unit="s")
    tp = real(func, "tau_plus", tau_plus, 0.0, unit="s")
    if r_ratio is None:
        r_ratio = (float(C.KPNN_KAPPA_L) / float(C.KPNN_KAPPA_PLUS)) / (
            float(C.TAU_KL_S) / float(C.TAU_KPLUS_S))
    rr = real(func, "r_ratio", r_ratio, 0.0)
    de = real(func, "delta_em", delta_em, -1.0)
    return scalar_or_array(tl / tp * rr / (1.0 + de))


def _wolfenstein_lambda(M):
    aud, aus = np.abs(M[..., 0, 0]), np.abs(M[..., 0, 1])
    return aus / np.hypot(aud, aus)


def pinunu_amplitude(V, *, x_t=C.KPNN_X_T, p_c=C.KPNN_P_C, lam=None, unitarity_tol=1e-9):
    """The reduced s → d ν ν̄ amplitude a = (X_t λ_t + λ⁴ P_c λ_c)/λ⁵, rotated so that λ_u is real.

    Physics: λ_i = V*_is V_id; X_c = λ⁴ P_c is the charm function averaged over the three lepton
    flavours (Buchalla & Buras 1999; Barker & Kettell eq. 26 writes X_c λ_c).  The common phase of
    the λ_i is convention dependent; multiplying by λ_u*/|λ_u| makes Re a and Im a rephasing
    invariant (equal to the textbook Re, Im in the standard parametrisation, where λ_u is real).
    B(K⁺) ∝ |a|², B(K_L) ∝ (Im a)².  Returns complex (array of shape V.shape[:-2]).

    Accuracy: ≤ 2e-14 relative for Re a, Im a; 0.05 ≤ λ ≤ 0.6, 0.01 ≤ |η̄| ≤ 1 (vs mpmath from V).

    Parameters
    ----------
    V : array_like, shape (..., 3, 3)
        Unitary CKM matrices (rows u, c, t; columns d, s, b).
    x_t, p_c : array_like
        Top function X_t > 0 and charm function P_c >= 0 (defaults: Buras et al. 2015).
    lam : array_like or None
        λ in (0, 1) used in λ⁴P_c and λ⁵; None takes λ = |V_us|/√(|V_ud|²+|V_us|²) from V.
    unitarity_tol : float
        Allowed max|V†V − 1|.

    >>> from dialm.ckm import ckm_matrix
    >>> a = pinunu_amplitude(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523))
    >>> round(a.real, 4), round(a.imag, 4)
    (-1.2219, 0.3647)
    """
    func = "pinunu_amplitude"
    M = ckm_stack(func, V, unitarity_tol)
    xt = real(func, "x_t", x_t, 0.0)
    pc = real(func, "p_c", p_c, 0.0, low_open=False)
    if lam is None:
        lam_arr = _wolfenstein_lambda(M)
    else:
        lam_arr = real(func, "lam", lam, 0.0, 1.0)
    lam_u = np.conj(M[..., 0, 1]) * M[..., 0, 0]
    lam_c = np.conj(M[..., 1, 1]) * M[..., 1, 0]
    lam_t = np.conj(M[..., 2, 1]) * M[..., 2, 0]
    if np.any(np.abs(lam_u) == 0):
        raise ValueError(f"{func}: lambda_u = V*_us V_ud = 0 for this V: the K_L CP phase is "
                         "undefined (need V_ud != 0 and V_us != 0)")
    phase = np.conj(lam_u) / np.abs(lam_u)
    amp = (xt * lam_t + lam_arr**4 * pc * lam_c) * phase / lam_arr**5
    return scalar_or_array(amp)


def _kappa_at(kappa, lam_ref, lam, func, name):
    k = real(func, name, kappa, 0.0)
    lr = real(func, "lam_ref", lam_ref, 0.0, 1.0)
    return k * (lam / lr) ** 8


def br_kplus_pinunu(V, *, kappa_plus=C.KPNN_KAPPA_PLUS, lam_ref=C.KPNN_LAMBDA_REF,
                    x_t=C.KPNN_X_T, p_c=C.KPNN_P_C, delta_em=C.KPNN_DELTA_EM, lam=None,
                    unitarity_tol=1e-9):
    """B(K⁺ → π⁺ν ν̄) for a CKM matrix (or a stack of them), Barker & Kettell (2000) eq. 26.

    B = κ₊(λ) (1 + Δ_EM) |X_t λ_t + X_c λ_c|² / λ¹⁰,  κ₊(λ) = κ₊ (λ/λ_ref)⁸,  X_c = λ⁴ P_c,

    which is eq. 26 with κ₊/λ⁸ = r_K⁺ 3α²B(K_e3)/(2π² sin⁴θ_W) (see :func:`kappa_from_kl3`).  In
    the standard parametrisation it equals Buras et al.'s κ₊(1+Δ_EM)[(Im λ_t X_t/λ⁵)² +
    (Re λ_c P_c/λ + Re λ_t X_t/λ⁵)²] up to the Im λ_c P_c term they drop (≲ 5e-4 relative).
    Dimensionless.  Defaults: κ₊ = 5.173e-11 at λ_ref = 0.225, Δ_EM = −0.003 (Mescia & Smith 2007),
    X_t = 1.481, P_c = 0.404 (Buras, Buttazzo, Girrbach-Noe & Knegjens 2015).

    Accuracy: ≤ 3e-14 relative for 0.05 ≤ λ ≤ 0.6, |ρ̄|, |η̄| ≤ 1.4 (vs mpmath from V's entries).

    Parameters
    ----------
    V : array_like, shape (..., 3, 3)
        Unitary CKM matrices; the other inputs broadcast against V.shape[:-2].
    kappa_plus : array_like, > 0
        κ₊ at λ = lam_ref (0 < lam_ref < 1).
    x_t, p_c : array_like
        X_t > 0, P_c >= 0.
    delta_em : array_like, > −1
    lam : None or array_like in (0, 1)
        λ of the normalisation; None takes it from V.

    >>> from dialm.ckm import ckm_matrix
    >>> round(br_kplus_pinunu(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)) * 1e11, 2)
    8.39
    """
    func = "br_kplus_pinunu"
    M = ckm_stack(func, V, unitarity_tol)
    lam_arr = _wolfenstein_lambda(M) if lam is None else real(func, "lam", lam, 0.0, 1.0)
    de = real(func, "delta_em", delta_em, -1.0)
    kap = _kappa_at(kappa_plus, lam_ref, lam_arr, func, "kappa_plus")
    a = pinunu_amplitude(M, x_t=x_t, p_c=p_c, lam=lam_arr, unitarity_tol=np.inf)
    return scalar_or_array(kap * (1.0 + de) * np.abs(a) ** 2)


def br_kl_pi0nunu(V, *, kappa_l=C.KPNN_KAPPA_L, lam_ref=C.KPNN_LAMBDA_REF, x_t=C.KPNN_X_T,
                  p_c=C.KPNN_P_C, lam=None, unitarity_tol=1e-9):
    """B(K_L → π⁰ν ν̄) for a CKM matrix (or a stack of them), Barker & Kettell (2000) eq. 26.

    B = κ_L(λ) [Im(X_t λ_t + X_c λ_c)]² / λ¹⁰,  κ_L(λ) = κ_L (λ/λ_ref)⁸,  X_c = λ⁴ P_c,

    where Im is taken relative to the phase of λ_u (rephasing invariant; the plain Im in the
    standard parametrisation).  κ_L contains τ_L/τ₊ and r_KL.  Eq. 26 (and Buras et al.) keep only
    X_t Im λ_t; since Im λ_c = −Im λ_t the charm term multiplies that by (1 − λ⁴P_c/X_t)², a
    −1.4e-3 relative shift, kept here so that the K⁺ and K_L amplitudes are the same isospin
    amplitude and the Grossman–Nir bound holds exactly (pass p_c=0 for the textbook form).
    Dimensionless.  Defaults: κ_L = 2.231e-10 at λ_ref = 0.225 (Mescia & Smith 2007), X_t, P_c as
    in :func:`br_kplus_pinunu`.

    Accuracy: ≤ 2e-14 relative for 0.05 ≤ λ ≤ 0.6, 0.01 ≤ |η̄| ≤ 1 (vs mpmath from V's entries).

    >>> from dialm.ckm import ckm_matrix
    >>> round(br_kl_pi0nunu(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)) * 1e11, 3)
    2.968
    """
    func = "br_kl_pi0nunu"
    M = ckm_stack(func, V, unitarity_tol)
    lam_arr = _wolfenstein_lambda(M) if lam is None else real(func, "lam", lam, 0.0, 1.0)
    kap = _kappa_at(kappa_l, lam_ref, lam_arr, func, "kappa_l")
    a = pinunu_amplitude(M, x_t=x_t, p_c=p_c, lam=lam_arr, unitarity_tol=np.inf)
    return scalar_or_array(kap * np.imag(a) ** 2)


# ============================================================================================
# K⁺ → μ⁺ ν V (NA62): an invisible L_μ − L_τ vector radiated from the muon or the neutrino
# ============================================================================================
# Invariants (talk's labels): 1 = ν_μ, 2 = V, 3 = μ⁺;  m12² = (p_ν + p_V)² = (p_K − p_μ)² is the
# missing mass squared, m23² = (p_V + p_μ)².  Source: Krnjaic, Marques-Tavares, Redigolo &
# Tobioka, PRL 124 (2020) 041802, arXiv:1902.07715; derived in book/singlets/na62.md.

_NA62_FUNCS = ("msq_k_mu_nu_v", "dalitz_m23sq_limits", "dgamma_dm2miss", "br_k_mu_nu_v",
               "mc_m2miss_histogram", "na62_expected_events", "na62_g_reach", "lambda_mu",
               "f_ib_k_mu_nu_gamma", "dgamma_dm2miss_mu_nu_gamma", "na62_background_events",
               "signal_for_sensitivity", "gamma_in_bins")
__all__ += list(_NA62_FUNCS)

_MK = float(C.M_KPLUS)
_MMU = float(C.M_MU)
_GAMMA_K = float(C.HBAR_GEV_S) / float(C.TAU_KPLUS_S)        # K⁺ total width [GeV]


# Squares of the float masses as double-doubles: m_K², m_μ², a = m_K² − m_μ², (m_K − m_μ)²; with
# them the distances to the edges of the Dalitz plot keep their digits.
_MK2_HI, _MK2_LO = _dd.from_fraction(Fraction(_MK) ** 2)
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
    kal = max(((_END2_HI - s12) + _END2_LO) * (_OPEN2 - s12), 0.0)   # λ(m_K², m12², m_μ²)
    q3 = math.sqrt(kal) / (2.0 * m12)
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


def _check_open(func, m_v):
    top = _MK - _MMU
    bad = m_v >= top
    if bad.any():
        raise range_error(func, "m_v", m_v[bad].flat[0], 0.0, top, unit="GeV",
                          reason="K+ -> mu+ nu V is kinematically closed for m_v >= m_K - m_mu")


def _masses(func, m_v, g_v):
    m_v = real(func, "m_v", m_v, 0.0, unit="GeV")
    g_v = real(func, "g_v", g_v)
    _check_open(func, m_v)
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
    f = "msq_k_mu_nu_v"
    s12 = real(f, "m12sq", m12sq, 0.0, unit="GeV^2")
    s23 = real(f, "m23sq", m23sq, _MMU ** 2, unit="GeV^2")
    m_v, g_v = _masses(f, m_v, g_v)
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
    f = "dalitz_m23sq_limits"
    m_v = real(f, "m_v", m_v, 0.0, unit="GeV")
    _check_open(f, m_v)
    s12 = real(f, "m12sq", m12sq, 0.0, unit="GeV^2")
    s12, m_v = np.broadcast_arrays(s12, m_v)
    bad = (s12 < m_v ** 2) | (s12 > (_MK - _MMU) ** 2)
    if bad.any():
        i = np.flatnonzero(bad.ravel())[0]
        raise range_error(f, "m12sq", s12.flat[i], float(m_v.flat[i]) ** 2, (_MK - _MMU) ** 2,
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
    f = "dgamma_dm2miss"
    s12 = real(f, "m2miss", m2miss, unit="GeV^2")
    m_v, g_v = _masses(f, m_v, g_v)
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
    f = "br_k_mu_nu_v"
    m_v, g_v = _masses(f, m_v, g_v)
    cut = real(f, "m2miss_min", m2miss_min, 0.0, low_open=False, unit="GeV^2")
    m_v, g_v, cut = (np.array(a, dtype=np.float64)
                     for a in np.broadcast_arrays(m_v, g_v, cut))
    out = np.empty(m_v.shape)
    _gamma_kernel(m_v.ravel(), g_v.ravel(), cut.ravel(), _LAM, _MK, _MMU, _X23, _W23, _X12, _W12,
                  out.reshape(-1))
    return scalar_or_array(out / _GAMMA_K)


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
def _dgamma_ib_kernel(s12, xmin_cut, r, mk, gamma0, alpha, xg, wg, end2_hi, end2_lo, open2, out):
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
        root = math.sqrt(max(((end2_hi - s12[i]) + end2_lo) * (open2 - s12[i]), 0.0)) / (mk * mk)
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
    f = "f_ib_k_mu_nu_gamma"
    x = real(f, "x", x, 0.0, 1.0, high_open=False)
    y = real(f, "y", y, 0.0, 1.0 + _R_MU, high_open=False)
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
    f = "dgamma_dm2miss_mu_nu_gamma"
    s12 = np.array(real(f, "m2miss", m2miss, unit="GeV^2"), dtype=np.float64)
    e_min = real(f, "e_gamma_min", e_gamma_min, 0.0, 0.5 * _MK, low_open=False, unit="GeV",
                 scalar=True)
    soft = (s12 > 0) & (s12 < IB_M2MISS_FLOOR)
    if soft.any():
        raise range_error(f, "m2miss", s12[soft].flat[0], IB_M2MISS_FLOOR, None, low_open=False,
                          unit="GeV^2", reason="the soft-photon divergence of the two-body peak: "
                          "m2miss <= 0 gives 0, m2miss >= 1e-12 GeV^2 is computed")
    out = np.empty(s12.size)
    _dgamma_ib_kernel(s12.ravel(), 2.0 * float(e_min) / _MK, _R_MU, _MK, _GAMMA_MUNU,
                      float(C.ALPHA), _XIB, _WIB, _END2_HI, _END2_LO, _OPEN2, out)
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
    over ``photon_inefficiency``.

    Accuracy: ≤ 3e-12 relative for 1e-10 GeV² ≤ cut ≤ (1 − 1e-6)(m_K − m_μ)² (vs mpmath quad).

    >>> round(na62_background_events(1e-5), 1)
    80.5
    """
    f = "na62_background_events"
    eta = real(f, "photon_inefficiency", photon_inefficiency, 0.0, 1.0, low_open=False,
               high_open=False)
    n_k = real(f, "n_kaons", n_kaons, 0.0, scalar=True)
    acc = real(f, "acceptance", acceptance, 0.0, 1.0, high_open=False, scalar=True)
    ds = real(f, "downscale", downscale, 1.0, low_open=False, scalar=True)
    cut = real(f, "m2miss_cut", m2miss_cut, 0.0, (_MK - _MMU) ** 2, unit="GeV^2", scalar=True)
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
    f = "signal_for_sensitivity"
    b = real(f, "background", background, 0.0, low_open=False)
    d = real(f, "rel_sys", rel_sys, 0.0, low_open=False)
    return scalar_or_array(np.maximum(2.3, 1.2815515655446004 * np.sqrt(b + (d * b) ** 2)))


def _one_mass_and_edges(func, m_v, g_v, edges, edges_low, edges_low_open=False):
    """Checks of the histogram functions: one m_v and g_v, increasing bin edges in GeV²."""
    if np.ndim(m_v) != 0:
        raise ValueError(f"{func}: m_v must be a scalar (one mass per call); got shape "
                         f"{np.shape(m_v)}")
    m_v = float(_masses(func, m_v, g_v)[0])
    g_v = real(func, "g_v", g_v, scalar=True)
    edges = np.ascontiguousarray(real(func, "edges", edges, edges_low, low_open=edges_low_open,
                                      unit="GeV^2"), dtype=np.float64)
    if edges.ndim != 1 or edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError(f"{func}: edges must be a 1-d increasing array of at least 2 bin edges")
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
    m_v, g_v, edges = _one_mass_and_edges("gamma_in_bins", m_v, g_v, edges, 0.0)
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
    f = "mc_m2miss_histogram"
    m_v, g_v, edges = _one_mass_and_edges(f, m_v, g_v, edges, 0.0, edges_low_open=True)
    n = count(f, "n_events", n_events, low=1, scalar=True)
    seed = rng_seed(f, "seed", seed)
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
    f = "na62_expected_events"
    n_k = real(f, "n_kaons", n_kaons, 0.0)
    acc = real(f, "acceptance", acceptance, 0.0, 1.0, high_open=False)
    ds = real(f, "downscale", downscale, 1.0, low_open=False)
    return scalar_or_array(n_k * acc / ds * np.asarray(br_k_mu_nu_v(m_v, g_v, m2miss_cut)))


def na62_g_reach(m_v, n_signal=2.3, n_kaons=C.NA62V_N_K_ASSUMED,
                 acceptance=C.NA62V_ACCEPTANCE, downscale=C.NA62V_DOWNSCALE,
                 m2miss_cut=C.NA62V_M2MISS_CUT):
    """The coupling g_V that gives ``n_signal`` expected events (default 2.3: a 90 % CL Poisson
    limit with no background and none observed) — the background-free reach (B ∝ g_V²).

    Accuracy: ≤ 5e-12 relative, half that of :func:`br_k_mu_nu_v` (vs mpmath quad).

    >>> round(na62_g_reach(0.1) * 1e4, 3)
    1.607
    """
    f = "na62_g_reach"
    ns = real(f, "n_signal", n_signal, 0.0)
    return scalar_or_array(np.sqrt(ns / np.asarray(
        na62_expected_events(m_v, 1.0, n_kaons, acceptance, downscale, m2miss_cut))))


# ============================================================================================
# K_L -> l+ l- and K_L -> pi0 l+ l- (book/kaons/kl_leptons.md)
# ============================================================================================
# Sources: Barker & Kettell 2000, secs. 2.1-2.2 and 3.1; Sehgal, Phys. Rev. 183 (1969) 1511 (the
# two-photon absorptive part); Buchalla & Buras 1999 (K_L -> mu mu short distance); Donoghue &
# Gabbiani 1995 (K_L -> pi0 e e, direct CP violation); Buchalla, D'Ambrosio & Isidori 2003 and
# Isidori, Smith & Unterdorfer 2004 (the three contributions).  Derived in book/kaons/kl_leptons.md.

__all__ += [
    "absorptive_ratio",
    "inami_lim_y0",
    "kappa_mu",
    "br_kl_mumu_sd",
    "br_kl_pi0ee_direct_coefficient",
    "br_indirect_from_ks",
    "br_kl_pi0ll_total",
    "pi0ll_dgamma_ds",
    "pi0ll_phase_space",
    "greenlee_mgg",
    "greenlee_window_fraction",
]


def _two_photon_log(r, ml, mm):
    """ln((1+β)/(1−β)) with β = √(1 − 4r²), r = m_ℓ/M; stable for r → 0 and r → 1/2."""
    # β from (M − 2m)(M + 2m)/M²: M − 2m is exact near threshold, 1 − 2r would carry r's rounding
    beta = np.sqrt((mm - 2.0 * ml) / mm * ((mm + 2.0 * ml) / mm))
    # (1+β)/(1−β) = (1+β)²/(4r²): no cancellation as β → 1; atanh is accurate as β → 0
    big = 2.0 * np.log((1.0 + beta) / (2.0 * r))
    small = 2.0 * np.arctanh(np.minimum(beta, 0.5))
    return beta, np.where(beta < 0.5, small, big)


def absorptive_ratio(m_lepton, m_meson, alpha=C.ALPHA):
    """The unitarity lower bound Γ(P → ℓ⁺ℓ⁻)/Γ(P → γγ) from the on-shell two-photon state.

    For a pseudoscalar P (K_L, π⁰, η, ...) the absorptive part of P → γγ → ℓ⁺ℓ⁻ (Cutkosky cut
    through the two real photons) gives

        Γ(P → ℓℓ)/Γ(P → γγ) ≥ α² m_ℓ² / (2 β M²) · [ln((1+β)/(1−β))]²,   β = √(1 − 4m_ℓ²/M²)

    (Sehgal 1969; Barker & Kettell 2000, eq. 24; derived in book/kaons/kl_leptons.md).  The
    logarithm is evaluated as 2 ln((1+β)/(2m_ℓ/M)) (no cancellation for m_ℓ ≪ M, e.g. electrons)
    and as 2 artanh β near threshold, β from (M − 2m_ℓ)(M + 2m_ℓ).  Masses in GeV,
    m_meson > 2 m_lepton > 0
    (else ValueError: the decay is closed).  alpha is α(0) by default.  Broadcasts.

    Accuracy: ≤ 1e-14 relative for 1e-8 ≤ m_ℓ/M < 0.5, up to 1 − 2m_ℓ/M = 1e-12 (vs mpmath).

    >>> round(absorptive_ratio(0.1056583755, 0.497611) * 1e5, 3)
    1.195
    """
    f = "absorptive_ratio"
    ml = real(f, "m_lepton", m_lepton, 0.0, unit="GeV")
    mm = real(f, "m_meson", m_meson, 0.0, unit="GeV")
    a = real(f, "alpha", alpha, 0.0)
    ml, mm = np.broadcast_arrays(ml, mm)
    closed = mm <= 2.0 * ml
    if closed.any():
        i = np.flatnonzero(closed.ravel())[0]
        raise range_error(f, "m_meson", mm.flat[i], 2.0 * float(ml.flat[i]), unit="GeV",
                          reason="P -> l+ l- is closed for m_meson <= 2 m_lepton")
    r = ml / mm
    beta, log_ = _two_photon_log(r, ml, mm)
    return scalar_or_array(a * a * r * r / (2.0 * beta) * log_ * log_)


#: Below |x − 1| = Y0_SERIES_HALF_WIDTH the Taylor series of Y₀ about x = 1 is used.
Y0_SERIES_HALF_WIDTH = 0.1
_Y0_SERIES_TERMS = 30
__all__ += ["Y0_SERIES_HALF_WIDTH"]


def inami_lim_y0(x):
    """The Inami–Lim function Y₀(x) of s → d ℓ⁺ℓ⁻ (axial part: Z penguin minus the WW box).

    Y₀(x) = x/8 · [(x − 4)/(x − 1) + 3x/(x − 1)² · ln x] = C₀(x) − B₀(x), x = m_t²/M_W²
    (Inami & Lim 1981; Buchalla, Buras & Lautenbacher, RMP 68 (1996) 1125, eq. XI.8).
    Dimensionless, gauge independent.  Y₀(0) = 0, Y₀(1) = 5/16; near x = 1 (|x − 1| < 0.1) the
    exact series 5/16 + (x−1)/4 + Σ_{k≥2} (−1)^{k+1} 3(x−1)^k/(4k(k+1)(k+2)) replaces the 0/0
    closed form.  Broadcasts.

    Accuracy: ≤ 1e-14 relative for 0 ≤ x < 1e300, x = 1 ± 1e-15 included (vs mpmath closed form).

    >>> round(inami_lim_y0(1.0), 12), round(inami_lim_y0((166 / 80.4) ** 2), 4)
    (0.3125, 0.971)
    """
    f = "inami_lim_y0"
    xa = real(f, "x", x, 0.0, 1e300, low_open=False)
    e = xa - 1.0
    near = np.abs(e) < Y0_SERIES_HALF_WIDTH
    es = np.where(near, e, 0.0)          # the series only where it is used (no overflow far out)
    acc = np.zeros_like(xa)
    for k in range(_Y0_SERIES_TERMS, 1, -1):
        acc = acc * es + (1.0 if k % 2 else -1.0) * 3.0 / (4.0 * k * (k + 1) * (k + 2))
    series = 5.0 / 16.0 + es * (0.25 + es * acc)
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = np.where(near | (xa == 0.0), 2.0, xa)
        rr = safe / (safe - 1.0)
        closed = 0.125 * safe * ((safe - 4.0) / (safe - 1.0)) + 0.375 * rr * rr * np.log(safe)
    out = np.where(near, series, np.where(xa == 0.0, 0.0, closed))
    return scalar_or_array(out)


def kappa_mu(br_kmu2, alpha, sin2_theta_w, lam, tau_ratio):
    """κ_μ = (τ_L/τ₊) α² B(K⁺→μ⁺ν) λ⁸ / (π² sin⁴θ_W), the K_μ2 normalisation of K_L → μμ (SD).

    Physics: the axial matrix element ⟨0|s̄γ_μγ₅d|K_L⟩ is taken from K⁺ → μ⁺ν by isospin
    (f_K, |V_us| and the helicity factor m_μ² cancel in the ratio); λ⁸ makes κ_μ the coefficient
    of [Re(Y_t λ_t + λ⁴P_c λ_c)/λ⁵]² (Barker & Kettell 2000, sec. 2.1; Buchalla & Buras 1999).
    Dimensionless; broadcasts.  br_kmu2 in (0, 1), alpha > 0, sin2_theta_w in (0, 1), lam in
    (0, 1), tau_ratio = τ_L/τ₊ > 0.

    Accuracy: ≤ 2e-15 relative for all allowed inputs (vs mpmath).

    >>> round(kappa_mu(0.6356, 1 / 127.9, 0.231, 0.225, 51.16 / 12.38) * 1e9, 3)
    2.003
    """
    f = "kappa_mu"
    br = real(f, "br_kmu2", br_kmu2, 0.0, 1.0)
    a = real(f, "alpha", alpha, 0.0)
    s2 = real(f, "sin2_theta_w", sin2_theta_w, 0.0, 1.0)
    lam = real(f, "lam", lam, 0.0, 1.0)
    tr = real(f, "tau_ratio", tau_ratio, 0.0)
    return scalar_or_array(tr * a * a * br * lam**8 / (math.pi**2 * s2 * s2))


def br_kl_mumu_sd(V, *, kappa=None, lam_ref=C.KPNN_LAMBDA_REF, y_t=None, p_c=None, lam=None,
                  unitarity_tol=1e-9):
    """The short-distance B(K_L → μ⁺μ⁻)_SD for a CKM matrix (or a stack of them).

    B_SD = κ_μ(λ) [Re(Y_t λ_t + λ⁴ P_c(Y) λ_c)/λ⁵]²,  κ_μ(λ) = κ_μ (λ/λ_ref)⁸,

    the real part taken relative to the phase of λ_u (rephasing invariant), i.e. Barker &
    Kettell (2000) sec. 2.1 with Y_c = λ⁴P_c(Y); in Wolfenstein form ≈ κ_μ Y_t² A⁴ (ρ̄₀ − ρ̄)²
    (1 − λ²/2)², ρ̄₀ = 1 + P_c(Y)/(A² Y_t).  Defaults: κ_μ from PDG 2024 inputs
    (:func:`kappa_mu` with B(K_μ2), α̂(M_Z), sin²θ̂_W(M_Z), τ_L/τ₊ at λ_ref = 0.225), Y_t = η_Y Y₀(x_t) at
    m̄_t(m̄_t) (constants KLLL_ETA_Y, M_T_MSBAR), P_c(Y) = 0.115 (Gorbahn & Haisch
    2006).  Dimensionless.

    Accuracy: ≤ 1e-14 relative for CKM matrices, of max(B, 8e-10) near the zero ρ̄ = ρ̄₀ (vs mpmath).

    >>> from dialm.ckm import ckm_matrix
    >>> round(br_kl_mumu_sd(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)) * 1e9, 3)
    0.83
    """
    func = "br_kl_mumu_sd"
    M = ckm_stack(func, V, unitarity_tol)
    lam_arr = _wolfenstein_lambda(M) if lam is None else real(func, "lam", lam, 0.0, 1.0)
    kap = _kappa_at(_KAPPA_MU_2024 if kappa is None else kappa, lam_ref, lam_arr, func, "kappa")
    yt = _Y_T_2024 if y_t is None else y_t
    pc = float(C.KLLL_PC_Y) if p_c is None else p_c
    a = pinunu_amplitude(M, x_t=yt, p_c=pc, lam=lam_arr, unitarity_tol=np.inf)
    return scalar_or_array(kap * np.real(a) ** 2)


def br_kl_pi0ee_direct_coefficient(tau_ratio, alpha, br_ke3, y7v, y7a, lam):
    """The coefficient c in B(K_L → π⁰e⁺e⁻)_dir = c · A⁴ η² (Barker & Kettell 2000, eq. 25).

    B_dir = (τ_L/τ₊) α² B(K⁺→π⁰e⁺ν) (y_7V² + y_7A²) (Im λ_t)² / (4π² |V_us|²) with
    Im λ_t = A²λ⁵η and |V_us| = λ, so c = (τ_L/τ₊) α² B(K_e3) (y_7V² + y_7A²) λ⁸/(4π²).
    The y's are in the normalisation of the review's formula (Donoghue & Gabbiani 1995):
    y_7A = −Y(x_t)/sin²θ_W, y_7V ≈ 2π × 0.7 (NLO, scale dependent).  Isospin relates
    ⟨π⁰|s̄γ_μd|K⁰⟩ to ⟨π⁰|s̄γ_μu|K⁺⟩ (derived in book/kaons/kl_leptons.md).  Broadcasts.

    Accuracy: ≤ 2e-15 relative for all allowed inputs (vs mpmath).

    >>> round(br_kl_pi0ee_direct_coefficient(51.7 / 12.386, 1 / 129, 0.0482, 4.78, -4.27, 0.22)
    ...       * 1e11, 2)
    6.91
    """
    f = "br_kl_pi0ee_direct_coefficient"
    tr = real(f, "tau_ratio", tau_ratio, 0.0)
    a = real(f, "alpha", alpha, 0.0)
    br = real(f, "br_ke3", br_ke3, 0.0, 1.0)
    yv = real(f, "y7v", y7v)
    ya = real(f, "y7a", y7a)
    lam = real(f, "lam", lam, 0.0, 1.0)
    return scalar_or_array(tr * a * a * br * (yv * yv + ya * ya) * lam**8 / (4.0 * math.pi**2))


def br_indirect_from_ks(br_ks, eps=C.EPS_K, tau_l=C.TAU_KL_S,
                        tau_s=C.TAU_KS_S):
    """The indirect (mixing) CP-violating part B(K_L → f)_mix = |ε|² (τ_L/τ_S) B(K_S → f).

    K_L = K₂ + ε K₁: the CP-even K₁ admixture decays like K_S.  Default |ε| and τ_S from PDG
    2024, τ_L = 51.16 ns.  Broadcasts; all inputs > 0 (br_ks < 1).

    Accuracy: ≤ 1e-15 relative for all allowed inputs (vs mpmath).

    >>> round(br_indirect_from_ks(5.8e-9) * 1e11, 2)
    1.65
    """
    f = "br_indirect_from_ks"
    b = real(f, "br_ks", br_ks, 0.0, 1.0, low_open=False)
    e = real(f, "eps", eps, 0.0)
    tl = real(f, "tau_l", tau_l, 0.0, unit="s")
    ts = real(f, "tau_s", tau_s, 0.0, unit="s")
    return scalar_or_array(e * e * tl / ts * b)


def br_kl_pi0ll_total(b_dir_v, b_dir_a, b_mix, b_cpc=0.0, phase=None, sign=1.0, overlap=1.0):
    """Total B(K_L → π⁰ℓ⁺ℓ⁻) from its three contributions and their interference.

    B = B_mix + B_dir,V + B_dir,A + 2 s cos φ · ρ · √(B_mix B_dir,V) + B_CPC.

    The indirect amplitude (ε times the K_S photon penguin, a vector current) interferes only
    with the vector part of the direct amplitude (y_7V; the y_7A part has the other lepton
    parity), with the relative phase φ = π/2 − arg ε (the direct amplitude ∝ i Im λ_t): φ ≈ 46.5°
    with PDG 2024's φ_ε; s = ±1 is the unknown sign of a_S; ρ ≤ 1 is the overlap of the two
    dilepton spectra (1 for identical form factors).  The CP-conserving two-photon part does not
    interfere in the rate (other CP).  All B ≥ 0 (dimensionless); phase in rad (None: from
    constants.PHI_EPS); sign in {+1, −1}; 0 ≤ overlap ≤ 1.  Broadcasts.

    Accuracy: ≤ 1e-15 relative, of max(B, B_mix + B_V) where the interference cancels (vs mpmath).

    >>> round(br_kl_pi0ll_total(1.3e-12, 1.1e-12, 1.6e-11) * 1e11, 2)
    2.47
    """
    f = "br_kl_pi0ll_total"
    bv = real(f, "b_dir_v", b_dir_v, 0.0, low_open=False)
    ba = real(f, "b_dir_a", b_dir_a, 0.0, low_open=False)
    bm = real(f, "b_mix", b_mix, 0.0, low_open=False)
    bc = real(f, "b_cpc", b_cpc, 0.0, low_open=False)
    ph = real(f, "phase", math.pi / 2 - float(C.PHI_EPS) if phase is None else phase)
    sg = real(f, "sign", sign)
    if np.any(np.abs(np.abs(sg) - 1.0) > 0):
        raise ValueError(f"{f}: sign = {first_bad(sg, np.abs(np.abs(sg) - 1.0) > 0)!r} is not "
                         "one of the allowed values (1, -1)")
    ov = real(f, "overlap", overlap, 0.0, 1.0, low_open=False, high_open=False)
    return scalar_or_array(bm + bv + ba + 2.0 * sg * np.cos(ph) * ov * np.sqrt(bm * bv) + bc)


# -- three-body phase space of K_L -> pi0 l+ l- ----------------------------------------------
_M_KL = float(C.M_K0)
_M_PI0 = float(C.M_PI0)
_NODES_PS = 64
_PS_SPLIT = 400.0
_XPS, _WPS = np.polynomial.legendre.leggauss(_NODES_PS)
_CURRENTS = ("V", "A")


@njit(cache=True)
def _pi0ll_rate_one(s, ml, mk, mpi, mpole, axial):
    """∫ dt Σ|M|² / |f(0)|² at fixed s for a V or A lepton current (times P^μ f(s))."""
    lo = 4.0 * ml * ml
    hi = (mk - mpi) ** 2
    if s <= lo or s >= hi:
        return 0.0
    # both edges in double-double: s − 4m² and (M − m_π)² − s keep their digits at the ends
    lo_hi, lo_lo = _dd.two_prod(2.0 * ml, 2.0 * ml)
    dm, dm_e = _dd.two_sum(mk, -mpi)
    hi_hi, hi_lo = _dd.two_prod(dm, dm)
    top = (hi_hi - s) + (hi_lo + 2.0 * dm * dm_e)
    b2 = ((s - lo_hi) - lo_lo) / s
    if top <= 0.0 or b2 <= 0.0:          # outside by less than a rounding of the float edges
        return 0.0
    lam = top * ((mk + mpi) ** 2 - s)
    beta = math.sqrt(b2)
    ff = 1.0 if mpole <= 0.0 else 1.0 / (1.0 - s / (mpole * mpole))
    if axial:
        d = mk * mk - mpi * mpi
        core = lam * beta * beta + 6.0 * ml * ml * d * d / s
    else:
        core = lam * (1.0 + 2.0 * ml * ml / s)
    return 4.0 / 3.0 * beta * math.sqrt(lam) * core * ff * ff


@njit(cache=True)
def _pi0ll_panel(lo, hi, ml, mk, mpi, mpole, axial, xg, wg):
    """Gauss–Legendre in θ on one panel, s = mid − half cos θ (smooth at √ endpoints)."""
    mid, half = 0.5 * (hi + lo), 0.5 * (hi - lo)
    acc = 0.0
    for i in range(xg.size):
        th = 0.5 * math.pi * (xg[i] + 1.0)
        s = mid - half * math.cos(th)
        acc += wg[i] * 0.5 * math.pi * half * math.sin(th) * _pi0ll_rate_one(s, ml, mk, mpi,
                                                                             mpole, axial)
    return acc


@njit(cache=True)
def _pi0ll_integral(ml, mk, mpi, mpole, axial, xg, wg):
    """∫ ds of :func:`_pi0ll_rate_one` over (4m², (M−m_π)²): the threshold panel
    (4m², 400·4m²), where β rises on the scale of 4m² (light leptons), and the rest."""
    lo = 4.0 * ml * ml
    hi = (mk - mpi) ** 2
    split = _PS_SPLIT * lo
    if lo > 0.0 and split < 0.5 * hi:
        return (_pi0ll_panel(lo, split, ml, mk, mpi, mpole, axial, xg, wg)
                + _pi0ll_panel(split, hi, ml, mk, mpi, mpole, axial, xg, wg))
    return _pi0ll_panel(lo, hi, ml, mk, mpi, mpole, axial, xg, wg)


@njit(cache=True)
def _pi0ll_kernel(ml, mpole, axial, mk, mpi, xg, wg, out):
    for i in range(ml.size):
        out[i] = _pi0ll_integral(ml[i], mk, mpi, mpole[i], axial, xg, wg)


def _pi0ll_inputs(f, m_lepton, m_pole, current):
    current = choice(f, "current", current, _CURRENTS)
    ml = real(f, "m_lepton", m_lepton, 0.0, low_open=False, unit="GeV")
    top = 0.5 * (_M_KL - _M_PI0)
    if np.any(ml >= top):
        raise range_error(f, "m_lepton", first_bad(ml, ml >= top), 0.0, top, low_open=False,
                          unit="GeV", reason="K_L -> pi0 l+ l- is closed")
    mp = real(f, "m_pole", m_pole, 0.0, low_open=False, unit="GeV")
    low_pole = (mp > 0) & (mp <= _M_KL - _M_PI0)
    if np.any(low_pole):
        raise range_error(f, "m_pole", first_bad(mp, low_pole), _M_KL - _M_PI0, unit="GeV",
                          reason="a pole inside the physical region (m_pole = 0 means f = 1)")
    return current == "A", ml, mp


def pi0ll_dgamma_ds(s, m_lepton, current="V", m_pole=C.M_KSTAR_PLUS):
    """The dilepton spectrum of K_L → π⁰ℓ⁺ℓ⁻ for a pure V or A lepton current, up to a constant.

    With the hadronic current f(s) P^μ (P = p_K + p_π) and ℓ̄γ_μℓ (V) or ℓ̄γ_μγ₅ℓ (A), the integral
    of Σ|M|² over the Dalitz variable t at fixed s = m_ℓℓ² is (derived with sympy in
    book/kaons/kl_leptons.md)

        V: (4/3) β λ^{1/2} · λ (1 + 2m²/s) |f|²,
        A: (4/3) β λ^{1/2} · [λ β² + 6 m² (M_K² − m_π²)²/s] |f|²,

    λ = λ(M_K², m_π², s), β = √(1 − 4m²/s).  dΓ/ds is this over 256π³M_K³ times the couplings.
    f(s) = 1/(1 − s/m_pole²) (vector-meson pole; m_pole = 0: f = 1).  Returned in GeV⁴ (per
    unit |f(0)|²); zero outside 4m² < s < (M_K − m_π)².  Broadcasts over s and m_lepton.

    Accuracy: ≤ 1e-14 relative for 4m² < s < (M_K − m_π)², to 1e-12 of the range off the ends (vs mpmath).

    >>> round(pi0ll_dgamma_ds(0.05, 0.000511) * 1e3, 4)
    7.3199
    """
    f = "pi0ll_dgamma_ds"
    axial, ml, mp = _pi0ll_inputs(f, m_lepton, m_pole, current)
    sa = real(f, "s", s, 0.0, low_open=False, unit="GeV^2")
    sa, ml, mp = (np.array(a, dtype=np.float64) for a in np.broadcast_arrays(sa, ml, mp))
    out = np.empty(sa.shape)
    for i in range(sa.size):
        out.flat[i] = _pi0ll_rate_one(float(sa.flat[i]), float(ml.flat[i]), _M_KL, _M_PI0,
                                      float(mp.flat[i]), axial)
    return scalar_or_array(out)


def pi0ll_phase_space(m_lepton, current="V", m_pole=C.M_KSTAR_PLUS):
    """∫ ds of :func:`pi0ll_dgamma_ds` over 4m_ℓ² < s < (M_K − m_π)² (GeV⁶), per unit |f(0)|².

    The ratio pi0ll_phase_space(m_μ)/pi0ll_phase_space(m_e) is the phase-space (and helicity)
    suppression of the muon mode for the same short-distance coupling.  64-node Gauss–Legendre
    in θ with s = s_mid − s_half cos θ (numba), which makes the integrand smooth at both ends,
    on two panels split at 400 · 4m² when the threshold is far below the end point (electrons).
    m_lepton ≥ 0 (GeV; 0 is the massless limit), below (M_K − m_π)/2.  Broadcasts.

    Accuracy: ≤ 1e-12 relative for 0 ≤ m_ℓ ≤ 0.1813 GeV, V, A, with and without pole (vs mp.quad).

    >>> r = pi0ll_phase_space(0.1056583755) / pi0ll_phase_space(0.00051099895)
    >>> round(r, 3)
    0.234
    """
    f = "pi0ll_phase_space"
    axial, ml, mp = _pi0ll_inputs(f, m_lepton, m_pole, current)
    ml, mp = (np.array(a, dtype=np.float64).ravel() for a in np.broadcast_arrays(ml, mp))
    shape = np.broadcast_shapes(np.shape(m_lepton), np.shape(m_pole))
    out = np.empty(ml.size)
    _pi0ll_kernel(ml, mp, axial, _M_KL, _M_PI0, _XPS, _WPS, out)
    return scalar_or_array(out.reshape(shape))


# -- the Greenlee background K_L -> e+ e- gamma gamma ----------------------------------------
def _unit_vectors(rng, n):
    c = rng.uniform(-1.0, 1.0, n)
    ph = rng.uniform(0.0, 2.0 * math.pi, n)
    s = np.sqrt(1.0 - c * c)
    return np.stack([s * np.cos(ph), s * np.sin(ph), c], axis=-1)


def greenlee_mgg(n_events=200_000, omega_min=C.KLLL_EEGG_EMIN, seed=1990):
    """Monte Carlo of a bremsstrahlung model of K_L → e⁺e⁻γγ: M_γγ of each event and its weight.

    The model (an illustrative one, the leading-logarithm picture behind Greenlee 1990):
    K_L → γ γ*(→ e⁺e⁻) with the Kroll–Wada pair-mass spectrum
    dΓ/dx ∝ (1 − x)³ (1 + 2r/x) √(1 − 4r/x)/x (x = m_ee²/M_K², r = m_e²/M_K², form factor 1),
    isotropic, the pair angular distribution 1 + cos²θ in the γ* frame; then one lepton (either,
    at random) radiates a collinear photon carrying a fraction y of its energy with the splitting
    spectrum (1 + (1 − y)²)/y (which conserves four-momentum for massless leptons).  Each event is
    weighted by the emission probability ∝ [2 ln(2E/m_e) − 1] ∫ P(y) dy over ω = yE > omega_min
    (the experiments' infrared cut, 5 MeV in the review; GeV).  Returns (M_γγ in GeV, weights
    normalised to sum 1); events with E < omega_min get weight 0.  numpy generator seeded with
    ``seed``.

    Accuracy: statistical — the weighted M_γγ histogram against the model's deterministic integral (χ²).

    >>> m, w = greenlee_mgg(20_000, seed=1)
    >>> bool(abs(w.sum() - 1) < 1e-12) and bool(m.max() < 0.4976)
    True
    """
    f = "greenlee_mgg"
    n = count(f, "n_events", n_events, low=1, scalar=True)
    wmin = real(f, "omega_min", omega_min, 0.0, 0.2, scalar=True, unit="GeV")
    seed = rng_seed(f, "seed", seed)
    rng = np.random.default_rng(seed)
    mk, me = _M_KL, float(C.M_E)
    r = (me / mk) ** 2
    # Kroll–Wada: sample u = ln x uniformly on [ln 4r, 0), weight x dΓ/dx = (1−x)³(1+2r/x)√(1−4r/x)
    u = rng.uniform(math.log(4.0 * r), 0.0, n)
    x = np.exp(u)
    w_kw = (1.0 - x) ** 3 * (1.0 + 2.0 * r / x) * np.sqrt(np.maximum(1.0 - 4.0 * r / x, 0.0))
    mee = mk * np.sqrt(x)
    # two-body K_L → γ1 γ*: |p| in the K_L frame
    p = (mk * mk - mee * mee) / (2.0 * mk)
    n1 = _unit_vectors(rng, n)
    e_star = np.sqrt(p * p + mee * mee)                   # γ* energy; photon 1 has p n1
    # lepton in the γ* rest frame: 1 + cos²θ about the γ* direction (sampled by rejection)
    cth = np.empty(n)
    todo = np.arange(n)
    while todo.size:
        c = rng.uniform(-1.0, 1.0, todo.size)
        keep = rng.uniform(0.0, 2.0, todo.size) < 1.0 + c * c
        cth[todo[keep]] = c[keep]
        todo = todo[~keep]
    phi = rng.uniform(0.0, 2.0 * math.pi, n)
    q = 0.5 * mee * np.sqrt(np.maximum(1.0 - 4.0 * r / x, 0.0))
    el = 0.5 * mee
    # an orthonormal frame with z along the γ* direction (−n1)
    z = -n1
    a = np.where(np.abs(z[:, :1]) < 0.9, np.array([[1.0, 0.0, 0.0]]), np.array([[0.0, 1.0, 0.0]]))
    xa = np.cross(a, z)
    xa /= np.linalg.norm(xa, axis=1, keepdims=True)
    ya = np.cross(z, xa)
    sth = np.sqrt(1.0 - cth * cth)
    pl = q[:, None] * (sth[:, None] * (np.cos(phi)[:, None] * xa + np.sin(phi)[:, None] * ya)
                       + cth[:, None] * z)
    # boost the lepton (E = m_ee/2, p⃗ = pl) along z with γ* velocity b = p/E*
    gam, bg = e_star / mee, p / mee
    pz = np.einsum("ij,ij->i", pl, z)
    e_lab = gam * el + bg * pz
    pz_lab = gam * pz + bg * el
    pl_lab = pl + (pz_lab - pz)[:, None] * z
    # the radiating lepton: the one above (sign +1) or its partner (−p⃗ in the γ* frame)
    other = rng.uniform(size=n) < 0.5
    e_partner = gam * el - bg * pz
    pzp_lab = gam * (-pz) + bg * el
    pp_lab = -pl + (pzp_lab + pz)[:, None] * z
    e_rad = np.where(other, e_partner, e_lab)
    p_rad = np.where(other[:, None], pp_lab, pl_lab)
    # collinear emission: y from (1 + (1−y)²)/y on [y_min, 1); M_γγ² = 2 ω |k1| (1 − cos θ)
    ymin = np.minimum(wmin / e_rad, 1.0)
    i_y = np.where(ymin < 1.0, -2.0 * np.log(ymin) - 2.0 * (1.0 - ymin) + 0.5 * (1.0 - ymin**2),
                   0.0)
    yv = np.empty(n)
    todo = np.flatnonzero(ymin < 1.0)
    yv[ymin >= 1.0] = 1.0
    while todo.size:
        yy = ymin[todo] ** rng.uniform(0.0, 1.0, todo.size)      # log-uniform on [ymin, 1)
        keep = rng.uniform(0.0, 2.0, todo.size) < 1.0 + (1.0 - yy) ** 2
        yv[todo[keep]] = yy[keep]
        todo = todo[~keep]
    omega = yv * e_rad
    cos12 = np.einsum("ij,ij->i", n1, p_rad) / np.linalg.norm(p_rad, axis=1)
    mgg = np.sqrt(np.maximum(2.0 * omega * p * (1.0 - cos12), 0.0))
    coll = np.maximum(2.0 * np.log(2.0 * e_rad / me) - 1.0, 0.0)
    w = w_kw * coll * i_y
    return mgg, w / w.sum()


def greenlee_window_fraction(half_width, n_events=200_000, omega_min=C.KLLL_EEGG_EMIN,
                             seed=1990, m_center=C.M_PI0):
    """The fraction of the :func:`greenlee_mgg` K_L → e⁺e⁻γγ sample with |M_γγ − m_π⁰| < half_width.

    Times B(K_L → e⁺e⁻γγ, ω > omega_min) this is the background that a π⁰ mass window alone
    leaves under K_L → π⁰e⁺e⁻ (before the angular cuts).  half_width in GeV (> 0, broadcasts);
    returns the fraction (and its Monte Carlo error as a second array).

    Accuracy: statistical — the fraction within 4σ (its MC error) of the model's integral.

    >>> fr, err = greenlee_window_fraction(0.005, 50_000, seed=3)
    >>> bool(0.005 < fr < 0.2) and bool(err < 0.2 * fr)
    True
    """
    f = "greenlee_window_fraction"
    hw = real(f, "half_width", half_width, 0.0, unit="GeV")
    mc = real(f, "m_center", m_center, 0.0, scalar=True, unit="GeV")
    mgg, w = greenlee_mgg(n_events, omega_min, seed)
    order = np.argsort(mgg)
    ms, cw, cw2 = mgg[order], np.concatenate([[0.0], np.cumsum(w[order])]), \
        np.concatenate([[0.0], np.cumsum(w[order] ** 2)])
    lo = np.searchsorted(ms, mc - hw, side="left")
    hi = np.searchsorted(ms, mc + hw, side="right")
    frac = cw[hi] - cw[lo]
    # MC error of a weighted fraction (weights sum to 1): sqrt(Σ_in w² (1−F)² + Σ_out w² F²)
    s_in = cw2[hi] - cw2[lo]
    s_out = cw2[-1] - s_in
    err = np.sqrt(s_in * (1.0 - frac) ** 2 + s_out * frac**2)
    return scalar_or_array(frac), scalar_or_array(err)


def _y_t_2024():
    x_t = (float(C.M_T_MSBAR) / float(C.M_W)) ** 2
    return float(C.KLLL_ETA_Y) * float(inami_lim_y0(x_t))


_Y_T_2024 = _y_t_2024()
_KAPPA_MU_2024 = float(kappa_mu(C.BR_KPLUS_MUNU, C.ALPHA_MZ, C.SIN2W_MZ,
                                C.KPNN_LAMBDA_REF,
                                C.TAU_KL_S / C.TAU_KPLUS_S))


# ============================================================================================
# Two photons, form factors and Dalitz decays (book/kaons/two_photons.md)
# ============================================================================================
# P → γγ from L = (f/4M) ε_{μνλσ} F^{μν} F^{λσ} P (review eq. 32, f dimensionless); the
# Kroll–Wada spectrum of P → ℓ⁺ℓ⁻γ with a form factor F(x), x = k²/M² (review eqs. 35–37); the
# double Dalitz modes; radiative K_ℓ2 (Bijnens, Ecker & Gasser, NPB 396 (1993) 81); the ππ phase
# shift of K_e4 (Schenk parametrisation).  Derivations in book/kaons/two_photons.md.

__all__ += ["FormFactor", "form_factor_pointlike", "form_factor_pole", "form_factor_bms",
            "gamma_two_photon", "coupling_from_width", "kroll_wada", "dalitz_ratio",
            "sample_dalitz_x", "double_dalitz_limits", "double_dalitz_ratio",
            "kl2gamma_density", "kl2gamma_x_spectrum", "pipi_phase_shift"]


C_ALPHA = float(C.ALPHA)

_TP_KINDS = ("pointlike", "pole", "bms")
_TP_NODES = 128   # Gauss–Legendre nodes in w (x = 4μ² cosh²w): the integrand is analytic in w
_TP_XW, _TP_WW = np.polynomial.legendre.leggauss(_TP_NODES)
_TP_NODES2 = 64   # per dimension for the double Dalitz integral
_TP_XW2, _TP_WW2 = np.polynomial.legendre.leggauss(_TP_NODES2)


class FormFactor:
    """A named model of the one-virtual-photon form factor F(x) = F(k², 0), x = k²/M², F(0) = 1.

    Build one with :func:`form_factor_pointlike`, :func:`form_factor_pole` or
    :func:`form_factor_bms`; call it on x (array or scalar, dimensionless).  ``kind`` is one of
    ``"pointlike"``, ``"pole"``, ``"bms"``; ``params`` the model's numbers (``alpha`` and
    ``r_v = M_V²/M²`` for the pole, ``alpha_kstar``, ``c`` and the four ``r_V`` for BMS);
    ``m_meson`` the decaying meson's mass in GeV that defines x.  A named model is evaluated
    inside the compiled quadrature of :func:`dalitz_ratio` (a plain callable is evaluated by
    numpy at the quadrature nodes).

    >>> ff = form_factor_bms(-0.2)
    >>> ff.kind, round(float(ff(0.0)), 12), round(float(ff(0.5)), 4)
    ('bms', 1.0, 1.4472)
    """

    __slots__ = ("kind", "params", "m_meson", "_code", "_vec")

    def __init__(self, kind, params, m_meson):
        self.kind = choice("FormFactor", "kind", kind, _TP_KINDS)
        self.params = tuple(float(p) for p in params)
        self.m_meson = float(m_meson)
        self._code = _TP_KINDS.index(kind)
        vec = np.zeros(7)
        vec[: len(self.params)] = self.params
        self._vec = vec

    def __call__(self, x):
        xa = real("FormFactor", "x", x, 0.0, 1.0, low_open=False, high_open=False)
        out = np.empty(xa.shape)
        _ff_kernel(self._code, self._vec, np.ascontiguousarray(xa, dtype=np.float64).ravel(),
                   out.reshape(-1))
        return scalar_or_array(out)

    def __repr__(self):
        return f"FormFactor({self.kind!r}, {self.params}, m_meson={self.m_meson})"

    def __eq__(self, other):
        return (isinstance(other, FormFactor) and other.kind == self.kind
                and other.params == self.params and other.m_meson == self.m_meson)

    def __hash__(self):
        return hash((self.kind, self.params, self.m_meson))


@njit(cache=True)
def _ff_one(code, p, x):
    if code == 0:
        return 1.0
    if code == 1:                      # 1 + α x/(x − r_V)   (review eq. 36 with k₂² = 0)
        return 1.0 + p[0] * x / (x - p[1])
    # BMS (review eq. 37, normalised): p = (α_K*, C, r_ρ, r_ω, r_φ, r_K*)
    rho = 1.0 / (1.0 - x / p[2])
    om = 1.0 / (1.0 - x / p[3])
    ph = 1.0 / (1.0 - x / p[4])
    ks = 1.0 / (1.0 - x / p[5])
    return rho + p[1] * p[0] * ks * (4.0 / 3.0 - rho - om / 9.0 - 2.0 * ph / 9.0)


@njit(cache=True)
def _ff_kernel(code, p, x, out):
    for i in range(x.size):
        out[i] = _ff_one(code, p, x[i])


def form_factor_pointlike(m_meson=C.M_K0):
    """F(x) = 1: the point-like P γ* γ vertex.  ``m_meson`` in GeV (default K⁰).

    Accuracy: exact — returns the model F = 1 (its callable: test_form_factor_values).

    >>> form_factor_pointlike()(0.3)
    1.0
    """
    m = real("form_factor_pointlike", "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    return FormFactor("pointlike", (), m)


def form_factor_pole(alpha=-1.0, m_v=C.M_RHO0, m_meson=C.M_K0):
    """The vector-meson-pole form factor of the review's eq. 36 at k₂² = 0:

        F(x) = 1 + α x/(x − r_V),   r_V = M_V²/M²,

    α = −1 is the single pole 1/(1 − x/r_V).  ``m_v`` must exceed ``m_meson`` (the pole outside
    the Dalitz region 0 ≤ x ≤ 1).  GeV.

    Accuracy: exact — the model (r_V rounded once); F(x) ≤ 1e-14 of mpmath (test_form_factor_values).

    >>> round(form_factor_pole()(0.5), 6), round(1 / (1 - 0.5 * 0.497611**2 / 0.77526**2), 6)
    (1.259437, 1.259437)
    """
    f = "form_factor_pole"
    a = real(f, "alpha", alpha, scalar=True)
    m = real(f, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    mv = real(f, "m_v", m_v, m, unit="GeV", scalar=True)
    return FormFactor("pole", (a, (mv / m) ** 2), m)


def form_factor_bms(alpha_kstar, m_meson=C.M_K0, c=C.TWOPH_BMS_C):
    """The Bergström–Massó–Singer form factor of K_L → γ*γ (review eq. 37, normalised F(0) = 1):

        F(x) = 1/(1 − x/r_ρ) + C α_K*/(1 − x/r_K*) [4/3 − 1/(1 − x/r_ρ) − 1/(9(1 − x/r_ω))
               − 2/(9(1 − x/r_φ))],   r_V = M_V²/M_K²,  C = 2.5.

    The review prints each pole as k²/(k² − M_V²), which vanishes at k² = 0; the normalised form
    (each pole M_V²/(M_V² − k²)) is the one of Bergström, Massó & Singer, PLB 131 (1983) 229, that
    the experiments fit (see the chapter).  α_K* = 0 is the pure ρ pole.

    Accuracy: exact — the model (r_V rounded once); F(x) ≤ 1e-14 of mpmath (test_form_factor_values).

    >>> round(form_factor_bms(0.0)(0.4), 10) == round(form_factor_pole(-1.0)(0.4), 10)
    True
    """
    f = "form_factor_bms"
    a = real(f, "alpha_kstar", alpha_kstar, scalar=True)
    m = real(f, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    cc = real(f, "c", c, scalar=True)
    masses = (C.M_RHO0, C.M_OMEGA, C.M_PHI, C.M_KSTAR0)
    if m >= min(masses):
        raise range_error(f, "m_meson", m, 0.0, float(min(masses)), unit="GeV",
                          reason="the vector-meson poles must lie above the Dalitz region")
    r = tuple((float(mv) / m) ** 2 for mv in masses)
    return FormFactor("bms", (a, cc) + r, m)


def gamma_two_photon(f, m_meson):
    """Γ(P → γγ) = f² M/(16π) in GeV (review eq. 34), for L = (f/4M) ε_{μνλσ}F^{μν}F^{λσ}P.

    ``f`` is dimensionless (the coupling g = f/M of ε·FF·P/4 has dimension 1/GeV); derived with
    an explicit polarisation sum in the chapter.  Broadcasts.

    Accuracy: ≤ 1e-15 relative for all inputs (vs mpmath).

    >>> round(gamma_two_photon(1e-9, 0.5) * 1e20, 6)
    0.994718
    """
    fn = "gamma_two_photon"
    f = real(fn, "f", f)
    m = real(fn, "m_meson", m_meson, 0.0, unit="GeV")
    return scalar_or_array(f * f * m / (16.0 * math.pi))


def coupling_from_width(width, m_meson):
    """|f| = sqrt(16π Γ/M) (dimensionless) from Γ(P → γγ) in GeV: the inverse of
    :func:`gamma_two_photon`.  Broadcasts.

    Accuracy: ≤ 1e-15 relative for all allowed inputs (vs mpmath).

    >>> round(coupling_from_width(gamma_two_photon(3e-9, 0.4976), 0.4976) * 1e9, 12)
    3.0
    """
    fn = "coupling_from_width"
    w = real(fn, "width", width, 0.0, low_open=False, unit="GeV")
    m = real(fn, "m_meson", m_meson, 0.0, unit="GeV")
    return scalar_or_array(np.sqrt(16.0 * math.pi * w / m))


def _lepton_meson(fn, m_lepton, m_meson):
    ml = real(fn, "m_lepton", m_lepton, 0.0, unit="GeV")
    mm = real(fn, "m_meson", m_meson, 0.0, unit="GeV")
    ml, mm = np.broadcast_arrays(ml, mm)
    bad = 2.0 * ml >= mm
    if bad.any():
        i = np.flatnonzero(bad.ravel())[0]
        raise range_error(fn, "m_lepton", ml.flat[i], 0.0, 0.5 * mm.flat[i], unit="GeV",
                          reason="P -> l+ l- gamma is closed for 2 m_lepton >= m_meson")
    return ml, mm


def _ff_resolve(fn, form_factor, m_meson):
    """(code, params, callable): a named model runs compiled; a callable through numpy."""
    if form_factor is None:
        return 0, np.zeros(7), None
    if isinstance(form_factor, FormFactor):
        mm = np.unique(np.asarray(m_meson, dtype=float))
        if form_factor.kind != "pointlike" and np.any(np.abs(mm / form_factor.m_meson - 1) > 1e-9):
            raise ValueError(f"{fn}: form_factor was built for m_meson = {form_factor.m_meson!r} "
                             f"GeV (x = k^2/M^2 depends on M), but m_meson = {mm.tolist()!r}; "
                             "build it with the same m_meson")
        return form_factor._code, form_factor._vec, None
    if callable(form_factor):
        return -1, np.zeros(7), form_factor
    raise ValueError(f"{fn}: form_factor = {form_factor!r} is not one of the allowed values "
                     "(None, a FormFactor from form_factor_pole/form_factor_bms, or a callable "
                     "F(x) of x = k^2/M^2)")


@njit(cache=True)
def _kw_one(x, mu2):
    """(2α/3π)-stripped Kroll–Wada density × x: (1 − x)³ β (1 + 2μ²/x), μ² = m²/M²."""
    if x <= 4.0 * mu2 or x >= 1.0:
        return 0.0
    beta = math.sqrt(1.0 - 4.0 * mu2 / x)
    return (1.0 - x) ** 3 * beta * (1.0 + 2.0 * mu2 / x)


@njit(cache=True)
def _w_nodes(mu2, mu2_lo, xlo, xhi, xg, wg, xs, ws):
    """Nodes and weights of ∫ dx/x g(x) on [xlo, xhi] in w: x = 4μ² cosh² w, dx/x = 2 tanh w dw,
    with the factor β(1 + 2μ²/x)(1 − x)³ included in the weights.  μ² = mu2 + mu2_lo
    (double-double): sinh² w = (x − 4μ²)/4μ² and 1 − x = (1 − 4μ²) − 4μ² sinh² w keep their
    digits at threshold (2m → M) and at x_min."""
    f_hi, f_lo = 4.0 * mu2, 4.0 * mu2_lo
    wlo = 0.0                                     # xlo = float(4μ²) means the threshold
    if xlo > f_hi:
        wlo = math.asinh(math.sqrt(max(((xlo - f_hi) - f_lo) / f_hi, 0.0)))
    whi = math.asinh(math.sqrt(max(((xhi - f_hi) - f_lo) / f_hi, 0.0)))
    c0 = (1.0 - f_hi) - f_lo                      # 1 − 4μ², exact part first (Sterbenz)
    half = 0.5 * (whi - wlo)
    for i in range(xg.size):
        w = wlo + half * (xg[i] + 1.0)
        c = math.cosh(w)
        sh = math.sinh(w)
        t = math.tanh(w)
        xs[i] = f_hi * c * c
        # β = tanh w, 1 + 2μ²/x = 1 + 1/(2cosh²w); dx/x = 2 tanh w dw
        ws[i] = (half * wg[i] * 2.0 * t * t * (1.0 + 0.5 / (c * c))
                 * (c0 - (f_hi + f_lo) * sh * sh) ** 3)


@njit(cache=True)
def _dalitz_kernel(mu2, mu2_lo, xlo, xhi, code, p, xg, wg, out):
    xs = np.empty(xg.size)
    ws = np.empty(xg.size)
    pref = 2.0 * C_ALPHA / (3.0 * math.pi)
    for i in range(mu2.size):
        if xlo[i] >= xhi[i]:
            out[i] = 0.0
            continue
        _w_nodes(mu2[i], mu2_lo[i], xlo[i], xhi[i], xg, wg, xs, ws)
        acc = 0.0
        for j in range(xg.size):
            ff = _ff_one(code, p, xs[j])
            acc += ws[j] * ff * ff
        out[i] = pref * acc



def kroll_wada(x, m_lepton, m_meson, form_factor=None):
    """The Kroll–Wada spectrum (1/Γ_γγ) dΓ(P → ℓ⁺ℓ⁻γ)/dx, x = M_ℓℓ²/M² (dimensionless):

        (2α/3π) (1 − x)³/x · sqrt(1 − 4μ²/x) (1 + 2μ²/x) |F(x)|²,   μ = m_ℓ/M,

    derived in the chapter from eq. 33 with the lepton current (Kroll & Wada, PR 98 (1955) 1355).
    Zero outside 4μ² < x < 1.  ``form_factor``: None (point-like), a :class:`FormFactor` built for
    the same ``m_meson``, or a callable F(x).  Broadcasts over x, m_lepton, m_meson (GeV).

    Accuracy: ≤ 1e-14 relative for 4μ²(1 + 1e-12) ≤ x < 1, 1e-6 ≤ m_ℓ/M < 0.5 (vs mpmath).

    >>> round(kroll_wada(0.1, 0.000511, 0.135) * 1e3, 5)
    11.2889
    """
    fn = "kroll_wada"
    xa = real(fn, "x", x, 0.0, 1.0, low_open=False, high_open=False)
    ml, mm = _lepton_meson(fn, m_lepton, m_meson)
    code, p, func = _ff_resolve(fn, form_factor, mm)
    xa, ml, mm = np.broadcast_arrays(xa, ml, mm)
    mu2 = (ml / mm) ** 2
    base = np.zeros(xa.shape)
    inside = (xa > 4.0 * mu2) & (xa < 1.0)
    xi, mi = xa[inside], mu2[inside]
    # β² = (x − 4μ²)/x with μ² in double-double: x − 4μ²_hi is exact near x_min (Sterbenz), so
    # the threshold keeps its digits instead of amplifying the rounding of μ² as μ²/(x − 4μ²)
    m_hi, m_lo = _dd.ratio_sq(np.ascontiguousarray(ml[inside], dtype=np.float64),
                              np.ascontiguousarray(mm[inside], dtype=np.float64))
    beta2 = np.maximum(((xi - 4.0 * m_hi) - 4.0 * m_lo) / xi, 0.0)   # 0 below the true x_min
    base[inside] = (2.0 * C_ALPHA / (3.0 * math.pi) * (1.0 - xi) ** 3 / xi
                    * np.sqrt(beta2) * (1.0 + 2.0 * mi / xi))
    if func is not None:
        ff = np.zeros(xa.shape)
        ff[inside] = np.asarray(func(xi), dtype=float)
    else:
        ff = np.ones(xa.shape)
        tmp = np.empty(xi.size)
        _ff_kernel(code, p, np.ascontiguousarray(xi, dtype=np.float64), tmp)
        ff[inside] = tmp
    return scalar_or_array(base * ff * ff)


def dalitz_ratio(m_lepton, m_meson, form_factor=None, *, x_min=0.0, x_max=1.0):
    """Γ(P → ℓ⁺ℓ⁻γ)/Γ(P → γγ): the Kroll–Wada spectrum (:func:`kroll_wada`) integrated over
    max(4μ², x_min) < x < x_max (default: all of phase space), x = M_ℓℓ²/M².

    Quadrature: 128-node Gauss–Legendre in w with x = 4μ² cosh² w, which maps the 1/x pole and the
    √ threshold into an analytic integrand, so the rule is exact to rounding; numba for named
    form factors, numpy at the same nodes for a callable.  Point-like π⁰ → e⁺e⁻γ: 0.011850
    (PDG ratio 0.01174/0.98823 = 0.01188 includes radiative corrections).  Broadcasts over
    m_lepton, m_meson, x_min, x_max (GeV, GeV, –, –).

    Accuracy: ≤ 1e-13 relative for 1e-7 ≤ m_ℓ/M, to 1 − 2m_ℓ/M = 1e-12, any x range (vs mpmath quad).

    >>> round(dalitz_ratio(0.00051099895, 0.1349768), 6)
    0.01185
    >>> round(dalitz_ratio(0.1056583755, 0.497611, form_factor_bms(-0.157)), 6)
    0.000642
    """
    fn = "dalitz_ratio"
    ml, mm = _lepton_meson(fn, m_lepton, m_meson)
    lo = real(fn, "x_min", x_min, 0.0, 1.0, low_open=False, high_open=False)
    hi = real(fn, "x_max", x_max, 0.0, 1.0, low_open=False, high_open=False)
    code, p, func = _ff_resolve(fn, form_factor, mm)
    ml, mm, lo, hi = np.broadcast_arrays(ml, mm, lo, hi)
    mu2, mu2_lo = _dd.ratio_sq(np.ascontiguousarray(ml, dtype=np.float64).ravel(),
                               np.ascontiguousarray(mm, dtype=np.float64).ravel())
    xlo = np.maximum(np.ascontiguousarray(lo, dtype=np.float64).ravel(), 4.0 * mu2)
    xhi = np.ascontiguousarray(hi, dtype=np.float64).ravel().copy()
    out = np.empty(mu2.size)
    if func is None:
        _dalitz_kernel(mu2, mu2_lo, xlo, xhi, code, p, _TP_XW, _TP_WW, out)
    else:
        xs, ws = np.empty(_TP_NODES), np.empty(_TP_NODES)
        for i in range(mu2.size):
            if xlo[i] >= xhi[i]:
                out[i] = 0.0
                continue
            _w_nodes(mu2[i], mu2_lo[i], xlo[i], xhi[i], _TP_XW, _TP_WW, xs, ws)
            ff = np.asarray(func(xs.copy()), dtype=float)
            out[i] = 2.0 * C_ALPHA / (3.0 * math.pi) * float(np.dot(ws, ff * ff))
    return scalar_or_array(out.reshape(ml.shape))


def sample_dalitz_x(n, m_lepton, m_meson, form_factor=None, seed=2000, n_grid=4096):
    """``n`` values of x = M_ℓℓ²/M² drawn from the Kroll–Wada spectrum (a seeded numpy MC).

    Inverse-CDF sampling on a grid of ``n_grid`` points in w (x = 4μ² cosh² w, where the density
    is smooth), with linear interpolation of the CDF; ``seed`` seeds ``numpy.random.default_rng``.
    The sample's histogram converges to :func:`kroll_wada`/:func:`dalitz_ratio` (χ² test in the
    unit tests).  Scalars only.

    Accuracy: statistical — χ² of the histogram against dalitz_ratio in bins.

    >>> x = sample_dalitz_x(1000, 0.1056583755, 0.497611, seed=1)
    >>> bool(x.min() > 4 * (0.1056583755 / 0.497611) ** 2), x.shape
    (True, (1000,))
    """
    fn = "sample_dalitz_x"
    n = count(fn, "n", n, low=1, scalar=True)
    ng = count(fn, "n_grid", n_grid, low=16, scalar=True)
    seed = rng_seed(fn, "seed", seed)
    ml = real(fn, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mm = real(fn, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    _lepton_meson(fn, ml, mm)
    mu2 = (ml / mm) ** 2
    w = np.linspace(0.0, math.acosh(math.sqrt(1.0 / (4.0 * mu2))), ng)
    x = np.clip(4.0 * mu2 * np.cosh(w) ** 2, 4.0 * mu2, 1.0)
    dens = np.asarray(kroll_wada(x, ml, mm, form_factor)) * x * 2.0 * np.tanh(w)   # dR/dw
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (dens[1:] + dens[:-1]) * np.diff(w))])
    cdf /= cdf[-1]
    u = np.random.default_rng(seed).random(n)
    return np.clip(4.0 * mu2 * np.cosh(np.interp(u, cdf, w)) ** 2, 4.0 * mu2, 1.0)


def double_dalitz_limits(m1, m2, m_meson):
    """Ranges of k₁² and k₂² (GeV²) in P → (ℓ₁⁺ℓ₁⁻)(ℓ₂⁺ℓ₂⁻): 4m₁² ≤ k₁² ≤ (M − 2m₂)² and
    4m₂² ≤ k₂² ≤ (M − 2m₁)², with √k₁² + √k₂² ≤ M jointly (review sec. 3.1).  Returns
    ((k1_min, k1_max), (k2_min, k2_max)).  Scalars.

    Accuracy: ≤ 1e-15 relative for all open channels, thresholds included (vs mpmath).

    >>> [round(v, 6) for v in double_dalitz_limits(0.1056583755, 0.00051099895, 0.497611)[0]]
    [0.044655, 0.246601]
    """
    return _double_dalitz_limits("double_dalitz_limits", m1, m2, m_meson)


def _double_dalitz_limits(fn, m1, m2, m_meson):
    """:func:`double_dalitz_limits` with its checks reported under the caller's name ``fn``."""
    a = real(fn, "m1", m1, 0.0, unit="GeV", scalar=True)
    b = real(fn, "m2", m2, 0.0, unit="GeV", scalar=True)
    m = real(fn, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    if 2 * (a + b) >= m:
        raise range_error(fn, "m1 + m2", a + b, 0.0, 0.5 * m, unit="GeV",
                          reason="two lepton pairs do not fit: 2(m1 + m2) >= m_meson")
    return (4 * a * a, (m - 2 * b) ** 2), (4 * b * b, (m - 2 * a) ** 2)


@njit(cache=True)
def _dd_kernel(mu1, mu2, code, p, xg, wg):
    """∫∫ dx₁dx₂ λ^{3/2}(1, x₁, x₂)/(x₁x₂) β₁(1 + 2μ₁²/x₁) β₂(1 + 2μ₂²/x₂) |F(x₁)F(x₂)|²."""
    m1s, m2s = mu1 * mu1, mu2 * mu2
    w1hi = math.acosh(math.sqrt((1.0 - 2.0 * mu2) ** 2 / (4.0 * m1s)))
    acc = 0.0
    for i in range(xg.size):
        t = 0.5 * (xg[i] + 1.0)
        s = t * t * (3.0 - 2.0 * t)                 # smoothstep: λ^{3/2} endpoint made smooth
        ds = 6.0 * t * (1.0 - t) * 0.5
        w1 = w1hi * s
        c1, t1 = math.cosh(w1), math.tanh(w1)
        x1 = 4.0 * m1s * c1 * c1
        g1 = 2.0 * t1 * t1 * (1.0 + 0.5 / (c1 * c1))   # dx₁/x₁ β₁(1 + 2μ₁²/x₁) per dw₁
        f1 = _ff_one(code, p, x1)
        x2hi = (1.0 - math.sqrt(x1)) ** 2
        if x2hi <= 4.0 * m2s:
            continue
        w2hi = math.acosh(math.sqrt(x2hi / (4.0 * m2s)))
        inner = 0.0
        for j in range(xg.size):
            tt = 0.5 * (xg[j] + 1.0)
            ss = tt * tt * (3.0 - 2.0 * tt)
            dss = 6.0 * tt * (1.0 - tt) * 0.5
            w2 = w2hi * ss
            c2, t2 = math.cosh(w2), math.tanh(w2)
            x2 = 4.0 * m2s * c2 * c2
            lam = (1.0 - x1 - x2) ** 2 - 4.0 * x1 * x2
            if lam <= 0.0:
                continue
            f2 = _ff_one(code, p, x2)
            inner += (wg[j] * dss * w2hi * 2.0 * t2 * t2 * (1.0 + 0.5 / (c2 * c2))
                      * lam ** 1.5 * f2 * f2)
        acc += wg[i] * ds * w1hi * g1 * f1 * f1 * inner
    return acc


def double_dalitz_ratio(m1, m2, m_meson, form_factor=None, *, identical=False):
    """Γ(P → ℓ₁⁺ℓ₁⁻ℓ₂⁺ℓ₂⁻)/Γ(P → γγ) with a factorised form factor F(x₁)F(x₂):

        2 (α/3π)² ∫∫ dx₁dx₂/(x₁x₂) λ^{3/2}(1, x₁, x₂) β₁(1 + 2μ₁²/x₁) β₂(1 + 2μ₂²/x₂) |F₁F₂|²

    (two off-shell photons; derived in the chapter).  ``identical=True`` (e⁺e⁻e⁺e⁻, μ⁺μ⁻μ⁺μ⁻)
    multiplies by 1/2: two pairings and 1/(2!2!), their interference neglected (a few-% effect).
    Nested 64×64 Gauss–Legendre in the w variables with a smoothstep (numba).  ``form_factor``
    None or a named :class:`FormFactor`.  Scalars.

    Accuracy: ≤ 1e-12 relative for 1e-5 ≤ m/M, 2(m₁ + m₂)/M ≤ 0.98 (vs scipy nested quad, 1e-13).

    >>> round(double_dalitz_ratio(0.1056583755, 0.00051099895, 0.497611) * 1e6, 3)
    2.859
    """
    fn = "double_dalitz_ratio"
    _double_dalitz_limits(fn, m1, m2, m_meson)
    m = float(m_meson)
    if form_factor is not None and not isinstance(form_factor, FormFactor):
        raise ValueError(f"{fn}: form_factor = {form_factor!r} is not one of the allowed values "
                         "(None or a FormFactor)")
    code, p, _ = _ff_resolve(fn, form_factor, m)
    val = _dd_kernel(float(m1) / m, float(m2) / m, code, p, _TP_XW2, _TP_WW2)
    factor = 0.5 if identical else 1.0
    return float(factor * 2.0 * (C_ALPHA / (3.0 * math.pi)) ** 2 * val)


# ---- radiative K_ℓ2: K⁺ → ℓ⁺νγ (Bijnens, Ecker & Gasser, NPB 396 (1993) 81) -----------------
_KL2G_PARTS = ("ib", "sd+", "sd-", "int+", "int-", "sd", "int", "all")


@njit(cache=True)
def _kl2g_terms(x, d, dd, w, r):
    """(f_IB, f_SD+, f_SD−, f_INT+, f_INT−) of BEG at x = 2E_γ/M_K, r = m_ℓ²/M_K², written in
    d = x + y − 1 − r (= 2p_ℓ·k/M_K²) and dd = d − d_min, d_min = r x/(1 − x) (the lower edge of
    y) and w = 1 − y + r = x − d (2p_ν·k/M_K²): with (x + y − 1)(1 − x) − r = (1 − x) dd nothing
    cancels, so the collinear edge d → d_min and the soft-neutrino edge w → 0 keep their digits
    when the caller knows d, dd and w accurately."""
    fib = w / (x * x * d) * (x * x + 2.0 * (1.0 - r) * (1.0 - x) * dd / d)   # = NA62's f_IB
    fsp = d * (1.0 - x) * dd
    fsm = w * ((1.0 - x) * w + r * x)          # (1 − x)(1 − y) + r
    pre = w / (x * d)
    fip = -pre * (1.0 - x) * dd
    fim = pre * (x * x + (1.0 - x) * dd)       # x² − (1 − x)(1 − x − y) − r
    return fib, fsp, fsm, fip, fim


def _kl2g_coeffs(r, mk, fk):
    """A_IB, A_SD, A_INT in units of Γ(K → ℓν)."""
    a = C_ALPHA
    return (a / (2 * math.pi) / (1 - r) ** 2,
            a / (8 * math.pi) / (r * (1 - r) ** 2) * (mk / fk) ** 2,
            a / (2 * math.pi) / (1 - r) * (mk / fk))


def kl2gamma_density(x, y, m_lepton, f_v, f_a, part="all", *, m_k=C.M_KPLUS,
                     f_k=C.NA62V_F_K):
    """(1/Γ(K → ℓν)) d²Γ(K⁺ → ℓ⁺νγ)/dx dy, x = 2E_γ/M_K, y = 2E_ℓ/M_K (K rest frame):

        A_IB f_IB + A_SD [(F_V + F_A)² f_SD+ + (F_V − F_A)² f_SD−]
        + A_INT [(F_V + F_A) f_INT+ + (F_V − F_A) f_INT−],

    A_IB = α/(2π(1 − r)²), A_SD = α/(8π r (1 − r)²) (M_K/F_K)², A_INT = α/(2π(1 − r)) M_K/F_K,
    r = m_ℓ²/M_K² (Bijnens, Ecker & Gasser 1993, their eqs. for K_ℓ2γ; the f's in the chapter).
    F_K = f_K ≈ 156 MeV (the normalisation in which E787's |F_V + F_A| = 0.165 reproduces its
    B(SD⁺) = 1.33e-5: checked in the chapter).  ``part``: "ib", "sd+", "sd-", "int+", "int-",
    "sd", "int" or "all".  Zero outside 0 < x < 1 − r, 1 − x + r/(1 − x) < y < 1 + r.
    Broadcasts over x, y, f_v, f_a.

    Accuracy: ≤ 1e-14 relative in the Dalitz region, to 1e-9 of the y range off its edges (vs mpmath).

    >>> round(kl2gamma_density(0.5, 0.9, 0.1056583755, 0.0945, 0.0425, "sd+") * 1e5, 4)
    7.1744
    """
    fn = "kl2gamma_density"
    part = choice(fn, "part", part, _KL2G_PARTS)
    xa = real(fn, "x", x)
    ya = real(fn, "y", y)
    fv = real(fn, "f_v", f_v)
    fa = real(fn, "f_a", f_a)
    ml = real(fn, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mk = real(fn, "m_k", m_k, ml, unit="GeV", scalar=True)
    fk = real(fn, "f_k", f_k, 0.0, unit="GeV", scalar=True)
    r = (ml / mk) ** 2
    xa, ya, fv, fa = np.broadcast_arrays(xa, ya, fv, fa)
    out = np.zeros(xa.shape)
    inside = (xa > 0) & (xa < 1 - r)           # the y range is decided by dd > 0 and w > 0
    xi, yi = xa[inside], ya[inside]
    r_hi, r_lo = _dd.ratio_sq(ml, mk)          # r to ~1e-32: its rounding would be amplified
    s0, e0 = _dd.two_sum(yi, -1.0)
    s1, e1 = _dd.two_sum(s0, xi)
    d_hi, e2 = _dd.two_sum(s1, -r_hi)
    d_lo = e2 + ((e1 + e0) - r_lo)              # d = x + y − 1 − r as d_hi + d_lo
    d = d_hi + d_lo
    # dd = d − r x/(1 − x) = [(1 − x) d − r x]/(1 − x), the two products in double-double so
    # that the lower edge y → 1 − x + r/(1 − x) keeps its digits
    a, a_e = _dd.two_sum(1.0, -xi)                 # a + a_e = 1 − x exactly
    p1, e1p = _dd.two_prod(a, d_hi)
    p2, e2p = _dd.two_prod(r_hi, xi)
    dd = ((p1 - p2) + ((e1p - e2p) + a * d_lo + a_e * d_hi - r_lo * xi)) / a
    w = ((1.0 - yi) + r_hi) + r_lo              # 1 − y exact: w keeps its digits as y → 1 + r
    # inside the Dalitz region 1 − x + r/(1 − x) < y < 1 + r exactly when dd > 0 and w > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        val = _kl2g_value(part, xi, d, dd, w, r, fv[inside], fa[inside], mk, fk)
    out[inside] = np.where((dd > 0) & (w > 0), val, 0.0)
    return scalar_or_array(out)


def _kl2g_value(part, x, d, dd, w, r, fv, fa, mk, fk):
    """The density of :func:`kl2gamma_density` from (x, d, dd) of :func:`_kl2g_terms`."""
    fib, fsp, fsm, fip, fim = _kl2g_terms(x, d, dd, w, r)
    aib, asd, aint = _kl2g_coeffs(r, mk, fk)
    sp_, sm_ = fv + fa, fv - fa
    terms = {"ib": aib * fib, "sd+": asd * sp_ ** 2 * fsp, "sd-": asd * sm_ ** 2 * fsm,
             "int+": aint * sp_ * fip, "int-": aint * sm_ * fim}
    if part in terms:
        return terms[part]
    if part == "sd":
        return terms["sd+"] + terms["sd-"]
    if part == "int":
        return terms["int+"] + terms["int-"]
    return sum(terms.values())


def kl2gamma_x_spectrum(x, m_lepton, f_v, f_a, part="all", *, y_nodes=64, m_k=C.M_KPLUS,
                        f_k=C.NA62V_F_K):
    """(1/Γ(K → ℓν)) dΓ(K⁺ → ℓ⁺νγ)/dx: :func:`kl2gamma_density` integrated over y at fixed
    x = 2E_γ/M_K (Gauss–Legendre, ``y_nodes`` nodes, in ln(x + y − 1 − r), which flattens the
    collinear peak of inner bremsstrahlung at small lepton–photon angle).  Broadcasts over x.

    Accuracy: ≤ 2e-13 relative for 1e-4 ≤ x ≤ 0.999 (1 − r), e and μ (vs mpmath quad).

    >>> round(kl2gamma_x_spectrum(0.5, 0.1056583755, 0.0945, 0.0425, "sd+") * 1e5, 4)
    2.3617
    """
    fn = "kl2gamma_x_spectrum"
    part = choice(fn, "part", part, _KL2G_PARTS)
    xa = real(fn, "x", x)
    ml = real(fn, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mk = real(fn, "m_k", m_k, ml, unit="GeV", scalar=True)
    fv = real(fn, "f_v", f_v)
    fa = real(fn, "f_a", f_a)
    fk = real(fn, "f_k", f_k, 0.0, unit="GeV", scalar=True)
    n = count(fn, "y_nodes", y_nodes, low=2, scalar=True)
    r = (ml / mk) ** 2
    t, w = np.polynomial.legendre.leggauss(n)
    out = np.zeros(xa.shape)
    inside = (xa > 0) & (xa < 1 - r)
    xi = xa[inside][:, None]
    # integrate in u = ln d, d = x + y − 1 − r ∈ [r x/(1 − x), x]: the collinear 1/d peak of the
    # IB term (sharp for electrons) becomes flat
    ulo, uhi = np.log(r * xi / (1 - xi)), np.log(xi)
    half = 0.5 * (uhi - ulo)
    v = half * (t[None, :] + 1)
    d = np.exp(ulo + v)
    dd = np.exp(ulo) * np.expm1(v)               # d − d_min without cancellation (collinear end)
    xb = np.broadcast_to(xi, d.shape)
    w_ = -xb * np.expm1(v - 2.0 * half)          # x − d without cancellation (soft neutrino)
    dens = np.asarray(_kl2g_value(part, xb, d, dd, w_, r, fv, fa, mk, fk))
    out[inside] = np.sum(dens * d * w[None, :], axis=1) * half[:, 0]
    return scalar_or_array(out)


# ---- ππ phase shifts for K_e4 ---------------------------------------------------------------
def _schenk(s, q2, coeffs, ell, a_scale):
    """q2 = s/4 − 1 is passed in, computed without cancellation at threshold."""
    a, b, c, d, sl = (float(v) for v in coeffs)
    poly = a * a_scale + b * q2 + c * q2 ** 2 + d * q2 ** 3
    return np.arctan(np.sqrt(4.0 * q2 / s) * q2 ** ell * poly * (4.0 - sl) / (s - sl))


def pipi_phase_shift(m_pipi, a00=C.TWOPH_A00_CGL_2001, wave="delta", *, m_pi=C.M_PIPLUS):
    """ππ phase shifts in radians at M_ππ (GeV) from the Schenk parametrisation (Schenk, NPB 363
    (1991) 97) with the Colangelo–Gasser–Leutwyler coefficients (constants.TWOPH_SCHENK_*):

        tan δ_ℓ^I = sqrt(1 − 4M_π²/s) q^{2ℓ} (A + Bq² + Cq⁴ + Dq⁶)(4M_π² − s_ℓ)/(s − s_ℓ),

    q² = s/4 − M_π² (units of M_π).  ``a00`` rescales A₀⁰ = a_0^0 only (B₀⁰ … fixed: an
    illustrative one-parameter family, not the Roy-equation band).  ``wave``: "delta" (δ₀⁰ − δ₁¹,
    what K_e4 measures), "s0" (δ₀⁰) or "p1" (δ₁¹).  Near threshold δ ≈ (2q/√s) a_0^0.
    Defined for 2M_π < M_ππ < 0.8 GeV.  Broadcasts.

    Accuracy: ≤ 1e-14 relative for 2M_π(1 + 1e-15) ≤ M_ππ ≤ 0.8 GeV (vs mpmath).

    >>> round(pipi_phase_shift(0.36), 4)
    0.245
    """
    fn = "pipi_phase_shift"
    wave = choice(fn, "wave", wave, ("delta", "s0", "p1"))
    mp_ = real(fn, "m_pi", m_pi, 0.0, unit="GeV", scalar=True)
    m = real(fn, "m_pipi", m_pipi, 2 * mp_, 0.8, low_open=False, high_open=False, unit="GeV")
    a = real(fn, "a00", a00, 0.0, 1.0)
    s = (m / mp_) ** 2
    q2 = (m - 2.0 * mp_) * (m + 2.0 * mp_) / (4.0 * mp_ * mp_)   # m − 2M_π exact near threshold
    scale = a / float(C.TWOPH_SCHENK_S0[0])
    d0 = _schenk(s, q2, C.TWOPH_SCHENK_S0, 0, scale)
    d1 = _schenk(s, q2, C.TWOPH_SCHENK_P1, 1, 1.0)
    return scalar_or_array({"delta": d0 - d1, "s0": d0, "p1": d1}[wave])
