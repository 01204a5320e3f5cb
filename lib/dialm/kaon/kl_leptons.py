"""K_L → ℓ⁺ℓ⁻ and K_L → π⁰ℓ⁺ℓ⁻: the two-photon bound, the short distance, the three contributions.

Sections:

* **K_L → ℓ⁺ℓ⁻** — :func:`absorptive_ratio` (the unitarity bound from the on-shell γγ state),
  :func:`inami_lim_y0`, :func:`kappa_mu` and :func:`br_kl_mumu_sd` (the short-distance part, the
  s → d amplitude of K → πνν̄ with Y_t for X_t, shared through :mod:`dialm.kaon._common`).
* **K_L → π⁰ℓ⁺ℓ⁻** — :func:`br_kl_pi0ee_direct_coefficient` (direct CP violation),
  :func:`br_indirect_from_ks` (mixing), :func:`br_kl_pi0ll_total` (their interference and the
  CP-conserving part), the dilepton spectrum :func:`pi0ll_dgamma_ds` and its integral
  :func:`pi0ll_phase_space` (numba).
* **The Greenlee background K_L → e⁺e⁻γγ** — the seeded Monte Carlo :func:`greenlee_mgg` and
  :func:`greenlee_window_fraction`.

Sources: Barker & Kettell 2000, secs. 2.1–2.2 and 3.1; Sehgal, Phys. Rev. 183 (1969) 1511 (the
two-photon absorptive part); Buchalla & Buras 1999 (K_L → μμ short distance); Donoghue & Gabbiani
1995 (K_L → π⁰ee, direct CP violation); Buchalla, D'Ambrosio & Isidori 2003 and Isidori, Smith &
Unterdorfer 2004 (the three contributions); Greenlee 1990.  Chapters: book/kaons/kl_mumu.md
(K_L → ℓℓ) and book/kaons/kl_pi0ll.md (K_L → π⁰ℓℓ).
Masses in GeV, lifetimes in s.
"""

from __future__ import annotations

import math

import numpy as np

from dialm import _dd
from dialm import constants as C
from dialm._jit import njit
from dialm._validate import choice, ckm_stack, count, first_bad, range_error, real, rng_seed, scalar_or_array
from dialm.kaon._common import kappa_at, sd_amplitude
from dialm.kaon.two_photons import kroll_wada

__all__ = [
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
    "Y0_SERIES_HALF_WIDTH",
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

    (Sehgal 1969; Barker & Kettell 2000, eq. 24; derived in book/kaons/kl_mumu.md).  The
    logarithm is evaluated as 2 ln((1+β)/(2m_ℓ/M)) (no cancellation for m_ℓ ≪ M, e.g. electrons)
    and as 2 artanh β near threshold, β from (M − 2m_ℓ)(M + 2m_ℓ).  Masses in GeV,
    m_meson > 2 m_lepton > 0
    (else ValueError: the decay is closed).  alpha is α(0) by default.  Broadcasts.

    Accuracy: ≤ 1e-14 relative for 1e-8 ≤ m_ℓ/M < 0.5, up to 1 − 2m_ℓ/M = 1e-12 (vs mpmath).

    >>> round(absorptive_ratio(0.1056583755, 0.497611) * 1e5, 3)
    1.195
    """
    caller = "absorptive_ratio"
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    mm = real(caller, "m_meson", m_meson, 0.0, unit="GeV")
    a = real(caller, "alpha", alpha, 0.0)
    ml, mm = np.broadcast_arrays(ml, mm)
    closed = mm <= 2.0 * ml
    if closed.any():
        i = np.flatnonzero(closed.ravel())[0]
        raise range_error(caller, "m_meson", mm.flat[i], 2.0 * float(ml.flat[i]), unit="GeV",
                          reason="P -> l+ l- is closed for m_meson <= 2 m_lepton")
    r = ml / mm
    beta, log_ = _two_photon_log(r, ml, mm)
    return scalar_or_array(a * a * r * r / (2.0 * beta) * log_ * log_)


#: Below |x − 1| = Y0_SERIES_HALF_WIDTH the Taylor series of Y₀ about x = 1 is used.
Y0_SERIES_HALF_WIDTH = 0.1
_Y0_SERIES_TERMS = 30


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
    caller = "inami_lim_y0"
    xa = real(caller, "x", x, 0.0, 1e300, low_open=False)
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
    caller = "kappa_mu"
    br = real(caller, "br_kmu2", br_kmu2, 0.0, 1.0)
    a = real(caller, "alpha", alpha, 0.0)
    s2 = real(caller, "sin2_theta_w", sin2_theta_w, 0.0, 1.0)
    lam = real(caller, "lam", lam, 0.0, 1.0)
    tr = real(caller, "tau_ratio", tau_ratio, 0.0)
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
    caller = "br_kl_mumu_sd"
    M = ckm_stack(caller, V, unitarity_tol)
    yt = _Y_T_2024 if y_t is None else y_t
    pc = float(C.KLLL_PC_Y) if p_c is None else p_c
    a, lam_arr = sd_amplitude(M, yt, pc, lam, caller=caller, top_name="y_t")
    kap = kappa_at(_KAPPA_MU_2024 if kappa is None else kappa, lam_ref, lam_arr, caller=caller,
                   name="kappa")
    return scalar_or_array(kap * np.real(a) ** 2)


def br_kl_pi0ee_direct_coefficient(tau_ratio, alpha, br_ke3, y7v, y7a, lam):
    """The coefficient c in B(K_L → π⁰e⁺e⁻)_dir = c · A⁴ η² (Barker & Kettell 2000, eq. 25).

    B_dir = (τ_L/τ₊) α² B(K⁺→π⁰e⁺ν) (y_7V² + y_7A²) (Im λ_t)² / (4π² |V_us|²) with
    Im λ_t = A²λ⁵η and |V_us| = λ, so c = (τ_L/τ₊) α² B(K_e3) (y_7V² + y_7A²) λ⁸/(4π²).
    The y's are in the normalisation of the review's formula (Donoghue & Gabbiani 1995):
    y_7A = −Y(x_t)/sin²θ_W, y_7V ≈ 2π × 0.7 (NLO, scale dependent).  Isospin relates
    ⟨π⁰|s̄γ_μd|K⁰⟩ to ⟨π⁰|s̄γ_μu|K⁺⟩ (derived in book/kaons/kl_pi0ll.md).  Broadcasts.

    Accuracy: ≤ 2e-15 relative for all allowed inputs (vs mpmath).

    >>> round(br_kl_pi0ee_direct_coefficient(51.7 / 12.386, 1 / 129, 0.0482, 4.78, -4.27, 0.22)
    ...       * 1e11, 2)
    6.91
    """
    caller = "br_kl_pi0ee_direct_coefficient"
    tr = real(caller, "tau_ratio", tau_ratio, 0.0)
    a = real(caller, "alpha", alpha, 0.0)
    br = real(caller, "br_ke3", br_ke3, 0.0, 1.0)
    yv = real(caller, "y7v", y7v)
    ya = real(caller, "y7a", y7a)
    lam = real(caller, "lam", lam, 0.0, 1.0)
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
    caller = "br_indirect_from_ks"
    b = real(caller, "br_ks", br_ks, 0.0, 1.0, low_open=False)
    e = real(caller, "eps", eps, 0.0)
    tl = real(caller, "tau_l", tau_l, 0.0, unit="s")
    ts = real(caller, "tau_s", tau_s, 0.0, unit="s")
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
    caller = "br_kl_pi0ll_total"
    bv = real(caller, "b_dir_v", b_dir_v, 0.0, low_open=False)
    ba = real(caller, "b_dir_a", b_dir_a, 0.0, low_open=False)
    bm = real(caller, "b_mix", b_mix, 0.0, low_open=False)
    bc = real(caller, "b_cpc", b_cpc, 0.0, low_open=False)
    ph = real(caller, "phase", math.pi / 2 - float(C.PHI_EPS) if phase is None else phase)
    sg = real(caller, "sign", sign)
    if np.any(np.abs(np.abs(sg) - 1.0) > 0):
        raise ValueError(f"{caller}: sign = {first_bad(sg, np.abs(np.abs(sg) - 1.0) > 0)!r} is not "
                         "one of the allowed values (1, -1)")
    ov = real(caller, "overlap", overlap, 0.0, 1.0, low_open=False, high_open=False)
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


def _pi0ll_inputs(m_lepton, m_pole, current, *, caller):
    current = choice(caller, "current", current, _CURRENTS)
    ml = real(caller, "m_lepton", m_lepton, 0.0, low_open=False, unit="GeV")
    top = 0.5 * (_M_KL - _M_PI0)
    if np.any(ml >= top):
        raise range_error(caller, "m_lepton", first_bad(ml, ml >= top), 0.0, top, low_open=False,
                          unit="GeV", reason="K_L -> pi0 l+ l- is closed")
    mp = real(caller, "m_pole", m_pole, 0.0, low_open=False, unit="GeV")
    low_pole = (mp > 0) & (mp <= _M_KL - _M_PI0)
    if np.any(low_pole):
        raise range_error(caller, "m_pole", first_bad(mp, low_pole), _M_KL - _M_PI0, unit="GeV",
                          reason="a pole inside the physical region (m_pole = 0 means f = 1)")
    return current == "A", ml, mp


def pi0ll_dgamma_ds(s, m_lepton, current="V", m_pole=C.M_KSTAR_PLUS):
    """The dilepton spectrum of K_L → π⁰ℓ⁺ℓ⁻ for a pure V or A lepton current, up to a constant.

    With the hadronic current f(s) P^μ (P = p_K + p_π) and ℓ̄γ_μℓ (V) or ℓ̄γ_μγ₅ℓ (A), the integral
    of Σ|M|² over the Dalitz variable t at fixed s = m_ℓℓ² is (derived with sympy in
    book/kaons/kl_pi0ll.md)

        V: (4/3) β λ^{1/2} · λ (1 + 2m²/s) |f|²,
        A: (4/3) β λ^{1/2} · [λ β² + 6 m² (M_K² − m_π²)²/s] |f|²,

    λ = λ(M_K², m_π², s), β = √(1 − 4m²/s).  dΓ/ds is this over 256π³M_K³ times the couplings.
    f(s) = 1/(1 − s/m_pole²) (vector-meson pole; m_pole = 0: f = 1).  Returned in GeV⁴ (per
    unit |f(0)|²); zero outside 4m² < s < (M_K − m_π)².  Broadcasts over s and m_lepton.

    Accuracy: ≤ 1e-14 relative for 4m² < s < (M_K − m_π)², to 1e-12 of the range off the ends (vs mpmath).

    >>> round(pi0ll_dgamma_ds(0.05, 0.000511) * 1e3, 4)
    7.3199
    """
    caller = "pi0ll_dgamma_ds"
    axial, ml, mp = _pi0ll_inputs(m_lepton, m_pole, current, caller=caller)
    sa = real(caller, "s", s, 0.0, low_open=False, unit="GeV^2")
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
    caller = "pi0ll_phase_space"
    axial, ml, mp = _pi0ll_inputs(m_lepton, m_pole, current, caller=caller)
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
    K_L → γ γ*(→ e⁺e⁻) with the Kroll–Wada pair-mass spectrum (:func:`~dialm.kaon.two_photons.kroll_wada`)
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
    return _greenlee_sample(n_events, omega_min, seed, caller="greenlee_mgg")


def _greenlee_sample(n_events, omega_min, seed, *, caller):
    """:func:`greenlee_mgg`, its checks reported under ``caller``."""
    n = count(caller, "n_events", n_events, low=1, scalar=True)
    wmin = real(caller, "omega_min", omega_min, 0.0, 0.2, scalar=True, unit="GeV")
    seed = rng_seed(caller, "seed", seed)
    rng = np.random.default_rng(seed)
    mk, me = _M_KL, float(C.M_E)
    r = (me / mk) ** 2
    # Kroll–Wada: sample u = ln x uniformly on [ln 4r, 0), weight x dΓ/dx ∝ (1−x)³(1+2r/x)√(1−4r/x)
    u = rng.uniform(math.log(4.0 * r), 0.0, n)
    x = np.exp(u)
    w_kw = x * kroll_wada(x, me, mk)
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
    caller = "greenlee_window_fraction"
    hw = real(caller, "half_width", half_width, 0.0, unit="GeV")
    mc = real(caller, "m_center", m_center, 0.0, scalar=True, unit="GeV")
    mgg, w = _greenlee_sample(n_events, omega_min, seed, caller=caller)
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
