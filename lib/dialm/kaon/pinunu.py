"""K → π ν ν̄: the Inami–Lim function X₀, the K_ℓ3 normalisation and the two branching ratios.

Sections:

* **X₀(x)** — :func:`inami_lim_x0`, the Z-penguin-minus-box function of s → d ν ν̄ (closed form,
  Taylor series about x = 1; numba).
* **Normalisations** — :func:`kappa_from_kl3` (κ from K⁺ → π⁰e⁺ν) and :func:`grossman_nir_factor`.
* **Amplitude and branching ratios** — :func:`pinunu_amplitude`, :func:`br_kplus_pinunu`,
  :func:`br_kl_pi0nunu` for a CKM matrix or a stack of them.

Sources: Barker & Kettell 2000, sec. 2.3, eqs. 26–28; Buchalla & Buras 1999; Buchalla, Buras &
Lautenbacher, RMP 68 (1996) 1125; Grossman & Nir, PLB 398 (1997) 163.  Chapter:
book/kaons/pinunu.md.  Dimensionless except where a docstring says otherwise (lifetimes in s).
"""

from __future__ import annotations

import math

import numpy as np

from dialm import constants as C
from dialm._jit import njit
from dialm._validate import ckm_stack, range_error, real, scalar_or_array
from dialm.kaon._common import kappa_at, sd_amplitude

__all__ = [
    "X0_SERIES_HALF_WIDTH",
    "inami_lim_x0",
    "kappa_from_kl3",
    "grossman_nir_factor",
    "pinunu_amplitude",
    "br_kplus_pinunu",
    "br_kl_pi0nunu",
]

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
    caller = "inami_lim_x0"
    arr = real(caller, "x", x, 0.0, low_open=False)
    flat = np.ascontiguousarray(arr, dtype=np.float64).ravel()
    out = np.empty_like(flat)
    _x0_kernel(flat, out)
    out = out.reshape(arr.shape)
    if not np.all(np.isfinite(out)):
        raise range_error(caller, "x", arr[~np.isfinite(out)].flat[0], 0.0, 1e300, low_open=False,
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
    caller = "kappa_from_kl3"
    br = real(caller, "br_ke3", br_ke3, 0.0, 1.0)
    r = real(caller, "r_k", r_k, 0.0)
    a = real(caller, "alpha", alpha, 0.0)
    s2 = real(caller, "sin2_theta_w", sin2_theta_w, 0.0, 1.0)
    lam = real(caller, "lam", lam, 0.0, 1.0)
    return scalar_or_array(r * 3.0 * a * a * br * lam**8 / (2.0 * math.pi**2 * s2 * s2))


def grossman_nir_factor(tau_l=C.TAU_KL_S, tau_plus=C.TAU_KPLUS_S,
                        r_ratio=None, delta_em=0.0):
    """The Grossman–Nir factor G with B(K_L→π⁰νν̄) ≤ G · B(K⁺→π⁺νν̄).

    Physics: for a ΔI = 1/2 s → d ν ν̄ transition, isospin gives A(K_L) = Im-part of A(K⁺) (up to a
    phase), so Γ(K_L)/Γ(K⁺) ≤ r_KL/r_K⁺ and G = (τ_L/τ₊)(r_KL/r_K⁺)/(1 + Δ_EM) (Grossman & Nir,
    PLB 398 (1997) 163).  Lifetimes in seconds (> 0); ``r_ratio`` = r_KL/r_K⁺ (> 0), the
    isospin-breaking and phase-space ratio of the two K_ℓ3 normalisations; None takes the value
    implied by Mescia & Smith (2007), (κ_L/κ₊)/(τ_L/τ₊) with the lifetimes of dialm.particles
    (PDG 2026; 1.044), so that the default G is κ_L/κ₊/(1 + Δ_EM);
    delta_em > −1 is the K⁺ QED correction.  Dimensionless; broadcasts.

    Accuracy: ≤ 2e-15 relative for all allowed inputs (vs mpmath).

    >>> round(grossman_nir_factor(51.7e-9, 12.386e-9, 0.944 / 0.901), 2)
    4.37
    """
    caller = "grossman_nir_factor"
    tl = real(caller, "tau_l", tau_l, 0.0, unit="s")
    tp = real(caller, "tau_plus", tau_plus, 0.0, unit="s")
    if r_ratio is None:
        r_ratio = (float(C.KPNN_KAPPA_L) / float(C.KPNN_KAPPA_PLUS)) / (
            float(C.TAU_KL_S) / float(C.TAU_KPLUS_S))
    rr = real(caller, "r_ratio", r_ratio, 0.0)
    de = real(caller, "delta_em", delta_em, -1.0)
    return scalar_or_array(tl / tp * rr / (1.0 + de))


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
    caller = "pinunu_amplitude"
    M = ckm_stack(caller, V, unitarity_tol)
    return scalar_or_array(sd_amplitude(M, x_t, p_c, lam, caller=caller)[0])


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
    caller = "br_kplus_pinunu"
    M = ckm_stack(caller, V, unitarity_tol)
    a, lam_arr = sd_amplitude(M, x_t, p_c, lam, caller=caller)
    de = real(caller, "delta_em", delta_em, -1.0)
    kap = kappa_at(kappa_plus, lam_ref, lam_arr, caller=caller, name="kappa_plus")
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
    caller = "br_kl_pi0nunu"
    M = ckm_stack(caller, V, unitarity_tol)
    a, lam_arr = sd_amplitude(M, x_t, p_c, lam, caller=caller)
    kap = kappa_at(kappa_l, lam_ref, lam_arr, caller=caller, name="kappa_l")
    return scalar_or_array(kap * np.imag(a) ** 2)
