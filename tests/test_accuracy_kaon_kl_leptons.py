"""The stated accuracy of dialm.kaon.kl_leptons: K_L → ℓℓ, K_L → π⁰ℓℓ (book/kaons/kl_mumu.md, kl_pi0ll.md).

Each reference is re-derived from the physics formula of the docstring at 40 digits in mpmath
(mp.quad for the integrals), never from the float code.  The Monte-Carlo functions are checked
against deterministic integrals of their model (STATISTICAL).
"""

from __future__ import annotations

import functools
import math

import mpmath as mp
import numpy as np
import pytest
from _accuracy import Case, check, edge_points, logspace
from _accuracy import exact_mpf as F
from scipy import integrate

from dialm import constants as C
from dialm.ckm import ckm_matrix
from dialm.kaon import kl_leptons as K
from dialm.kaon.pinunu import pinunu_amplitude

ME, MMU, MPI0 = float(C.M_E), float(C.M_MU), float(C.M_PI0)
M_KL, M_PI = float(C.M_K0), float(C.M_PI0)      # the pi0 l l phase-space masses



# --------------------------------------------------------------------------------------------
# K_L -> l l
# --------------------------------------------------------------------------------------------
def absorptive_ref(ml, mm, alpha=C.ALPHA):
    r = F(ml) / F(mm)
    b = mp.sqrt(1 - 4 * r * r)
    return F(alpha) ** 2 * r * r / (2 * b) * mp.log((1 + b) / (1 - b)) ** 2


_ABS_POINTS = ([(r * mm, mm) for mm in (M_KL, MPI0, 0.547862, 1.0)
                for r in logspace(1e-8, 0.45, 12)]
               + [(0.5 * mm * (1 - d), mm) for mm in (M_KL, MPI0, 1.0)
                  for d in (1e-3, 1e-6, 1e-9, 1e-12)]
               + [(ME, M_KL), (MMU, M_KL), (ME, MPI0), (MMU, 0.547862), (MMU, 0.2113167511)])


def y0_ref(x):
    with mp.workdps(90):                 # the closed form cancels as 0/0 at x → 1
        x = F(x)
        if x == 0:
            return mp.mpf(0)
        if x == 1:
            return mp.mpf(5) / 16
        return x / 8 * ((x - 4) / (x - 1) + 3 * x / (x - 1) ** 2 * mp.log(x))


_Y0_POINTS = ([(0.0,)] + [(x,) for x in logspace(1e-300, 9.9e299, 41)]
              + [(x,) for x in logspace(1e-6, 1e6, 49)]
              + [(1 + s * d,) for s in (1, -1) for d in (1e-15, 1e-12, 1e-8, 1e-4, 0.01, 0.0999,
                                                         0.1, 0.1001, 0.3)]
              + [(1.0,), ((162.5 / 80.3692) ** 2,)])


def kappa_mu_ref(br, a, s2, lam, tr):
    return F(tr) * F(a) ** 2 * F(br) * F(lam) ** 8 / (mp.pi ** 2 * F(s2) ** 2)


_KAPPA_POINTS = [(0.6356, 1 / 127.9, 0.231, 0.225, 51.16 / 12.38), (1e-8, 1e-3, 1e-6, 1e-3, 1e-3),
                 (0.999, 0.5, 0.999, 0.999, 1e3), (0.5, 1 / 137.036, 0.5, 0.5, 4.13)]


def _ckm_mp(V):
    return [[mp.mpc(complex(V[i, j])) for j in range(3)] for i in range(3)]


def br_kl_mumu_sd_ref(V, **kw):
    """κ_μ (λ/λ_ref)⁸ [Re(Y_t λ_t + λ⁴ P_c λ_c) e^{−i arg λ_u}/λ⁵]² from the matrix entries."""
    M = _ckm_mp(V)
    lam = abs(M[0][1]) / mp.sqrt(abs(M[0][0]) ** 2 + abs(M[0][1]) ** 2)
    lu = mp.conj(M[0][1]) * M[0][0]
    lc = mp.conj(M[1][1]) * M[1][0]
    lt = mp.conj(M[2][1]) * M[2][0]
    kappa = kappa_mu_ref(C.BR_KPLUS_MUNU, C.ALPHA_MZ, C.SIN2W_MZ, C.KPNN_LAMBDA_REF,
                         F(C.TAU_KL_S) / F(C.TAU_KPLUS_S))
    kappa *= (lam / F(C.KPNN_LAMBDA_REF)) ** 8
    y_t = F(C.KLLL_ETA_Y) * y0_ref((float(C.M_T_MSBAR) / float(C.M_W))
                                   ** 2)
    # the x_t of the float code is (m_t/M_W)² rounded once: use the same float argument
    a = (y_t * lt + lam ** 4 * F(C.KLLL_PC_Y) * lc) * mp.conj(lu) / abs(lu) / lam ** 5
    return kappa * mp.re(a) ** 2


_PDG = (0.22501, 0.826, 0.1591, 0.3523)
_CKM_POINTS = [(ckm_matrix(*p),) for p in [
    _PDG, (0.2243, 0.8, -0.5, 0.1), (0.22501, 0.826, 0.5, 0.7), (0.1, 1.2, 0.0, 0.3),
    (0.3, 0.6, 0.9, -0.2), (0.22501, 0.826, 1.0, 1e-6), (0.22501, 0.826, -2.0, 2.0),
]]


def _rho0(lam=0.22501, A=0.826):
    """ρ̄ where B_SD vanishes (η̄ = 0.3523), found on the float function: the zero row below."""
    from scipy.optimize import brentq
    return brentq(lambda r: float(np.real(pinunu_amplitude(ckm_matrix(lam, A, r, 0.3523),
                                                            x_t=K._Y_T_2024, p_c=0.115))),
                  0.8, 1.6, xtol=1e-15)


_RHO0 = _rho0()
# near the zero of B_SD, Re a = (Y_t Re λ_t + λ⁴P_c Re λ_c)/λ⁵ cancels between terms of size
# ~A²Y_t: the float error is absolute, ε κ (A²Y_t)², so the scale is B_SD at the PDG point (8e-10)
_CKM_ZERO = [(ckm_matrix(0.22501, 0.826, _RHO0 * (1 + e), 0.3523),) for e in (-1e-3, -1e-6, 1e-6)]


def direct_coeff_ref(tr, a, br, yv, ya, lam):
    return F(tr) * F(a) ** 2 * F(br) * (F(yv) ** 2 + F(ya) ** 2) * F(lam) ** 8 / (4 * mp.pi ** 2)


def indirect_ref(br_ks, eps=C.EPS_K, tau_l=C.TAU_KL_S, tau_s=C.TAU_KS_S):
    return F(eps) ** 2 * F(tau_l) / F(tau_s) * F(br_ks)


def total_ref(bv, ba, bm, bc=0.0, phase=None, sign=1.0, overlap=1.0):
    ph = mp.pi / 2 - F(C.PHI_EPS) if phase is None else F(phase)
    return (F(bm) + F(bv) + F(ba) + 2 * F(sign) * mp.cos(ph) * F(overlap)
            * mp.sqrt(F(bm) * F(bv)) + F(bc))


# --------------------------------------------------------------------------------------------
# K_L -> pi0 l l
# --------------------------------------------------------------------------------------------
def dgamma_ref(s, ml, current="V", m_pole=C.M_KSTAR_PLUS):
    """(4/3) β λ^{1/2} · {λ(1 + 2m²/s) (V); λβ² + 6m²(M_K² − m_π²)²/s (A)} · |f|²."""
    s, ml, mpole = F(s), F(ml), F(m_pole)
    mk, mpi = F(M_KL), F(M_PI)
    if s <= 4 * ml ** 2 or s >= (mk - mpi) ** 2:
        return mp.mpf(0)
    lam = s ** 2 + mk ** 4 + mpi ** 4 - 2 * (s * mk ** 2 + s * mpi ** 2 + mk ** 2 * mpi ** 2)
    beta = mp.sqrt(1 - 4 * ml ** 2 / s)
    ff = 1 if mpole == 0 else 1 / (1 - s / mpole ** 2)
    if current == "A":
        core = lam * beta ** 2 + 6 * ml ** 2 * (mk ** 2 - mpi ** 2) ** 2 / s
    else:
        core = lam * (1 + 2 * ml ** 2 / s)
    return mp.mpf(4) / 3 * beta * mp.sqrt(lam) * core * ff ** 2


_S_TOP = (M_KL - M_PI) ** 2
_DG_POINTS = [(s, ml, cur, mpole)
              for ml in (0.0, ME, MMU, 0.15) for cur in ("V", "A") for mpole in (0.0, 0.8955)
              for s in edge_points(4 * ml * ml, _S_TOP, (1e-12, 1e-8, 1e-4, 1e-2, 0.3))]


def phase_space_ref(ml, current="V", m_pole=C.M_KSTAR_PLUS):
    lo, hi = 4 * F(ml) ** 2, (F(M_KL) - F(M_PI)) ** 2
    pts = [lo] + [lo * k for k in (2, 10, 100, 1e4) if lo * k < hi] + [hi]
    if lo == 0:
        pts = [mp.mpf(0), hi * mp.mpf("1e-6"), hi * mp.mpf("1e-3"), hi]
    with mp.workdps(30):                  # 30-digit quadrature: ample against the 1e-13 bound
        return mp.quad(lambda s: dgamma_ref(s, ml, current, m_pole), pts)


_PS_POINTS = [(ml, cur, mpole) for ml in (0.0, 1e-6, ME, 0.01, MMU, 0.15, 0.181, 0.1813)
              for cur in ("V", "A") for mpole in (0.0, 0.8955)]


CASES = [
    Case(K.absorptive_ratio, absorptive_ref, _ABS_POINTS),
    Case(K.inami_lim_y0, y0_ref, _Y0_POINTS),
    Case(K.kappa_mu, kappa_mu_ref, _KAPPA_POINTS),
    Case(K.br_kl_mumu_sd, br_kl_mumu_sd_ref, _CKM_POINTS),
    Case(K.br_kl_mumu_sd, br_kl_mumu_sd_ref, _CKM_ZERO, floor=8e-10, label="near zero"),
    Case(K.br_kl_pi0ee_direct_coefficient, direct_coeff_ref,
         [(51.7 / 12.386, 1 / 129, 0.0482, 4.78, -4.27, 0.22), (1e-3, 1e-4, 1e-9, 1e-3, 0.0, 1e-3),
          (1e3, 0.5, 0.999, -100.0, 3e5, 0.999)]),
    Case(K.br_indirect_from_ks, indirect_ref, [(b,) for b in (0.0, 1e-12, 5.8e-9, 0.3, 0.999)]),
    Case(K.br_kl_pi0ll_total, total_ref,
         [(1.3e-12, 1.1e-12, 1.6e-11), (1.3e-12, 1.1e-12, 1.6e-11, 0.0, None, -1.0),
          (1e-12, 0.0, 1e-12, 5e-12, 0.3, 1.0, 0.5), (0.0, 0.0, 0.0), (1e-20, 1e-3, 0.5, 0.1)]),
    # B_mix + B_V − 2√(B_mix B_V) = (√B_mix − √B_V)² → 0: the error is absolute, ε (B_mix + B_V)
    Case(K.br_kl_pi0ll_total, total_ref,     # floor: B_mix + B_V of these rows
         [(1e-12, 0.0, 1e-12, 0.0, 0.0, -1.0), (1e-12, 0.0, 1.0000001e-12, 0.0, 0.0, -1.0),
          (4e-12, 0.0, 1e-12, 0.0, 1e-4, -1.0)], floor=2e-12, label="cancelling"),
    Case(K.pi0ll_dgamma_ds, dgamma_ref, _DG_POINTS),
    Case(K.pi0ll_phase_space, phase_space_ref, _PS_POINTS),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)


# --------------------------------------------------------------------------------------------
# Monte Carlo: the Greenlee model against a deterministic integral of the same model
# --------------------------------------------------------------------------------------------
def _greenlee_integrand(u, c, mlo, mhi, omega_min):
    """The model's weighted measure at u = ln x (x = m_ee²/M_K²), c = cos θ* (γ* frame):
    (1 + c²) w_KW(x) [2 ln(2E/m_e) − 1] ∫ P(y) dy over the y with M_γγ in (mlo, mhi) and
    ω = yE > omega_min; the partner lepton is c → −c, which the even 1 + c² already covers."""
    mk, me = M_KL, ME
    r = (me / mk) ** 2
    x = math.exp(u)
    if x <= 4 * r:
        return 0.0
    b = math.sqrt(1 - 4 * r / x)
    w_kw = (1 - x) ** 3 * (1 + 2 * r / x) * b
    mee = mk * math.sqrt(x)
    p = (mk * mk - mee * mee) / (2 * mk)
    gam, bg = math.sqrt(p * p + mee * mee) / mee, p / mee
    el, q = 0.5 * mee, 0.5 * mee * b
    e_lab = gam * el + bg * q * c
    pz = gam * q * c + bg * el                      # along the γ* direction, −n̂₁
    pabs = math.hypot(pz, q * math.sqrt(max(1 - c * c, 0.0)))
    kk = 2 * e_lab * p * (1 + pz / pabs)            # M_γγ² = y kk
    ymin = omega_min / e_lab
    if ymin >= 1:
        return 0.0
    lo = max(ymin, mlo * mlo / kk) if kk > 0 else ymin
    hi = min(1.0, mhi * mhi / kk) if kk > 0 else 1.0
    if hi <= lo:
        return 0.0

    def prim(y):                                    # ∫ (1 + (1 − y)²)/y dy
        return 2 * math.log(y) - 2 * y + 0.5 * y * y
    coll = max(2 * math.log(2 * e_lab / me) - 1, 0.0)
    return (1 + c * c) * w_kw * coll * (prim(hi) - prim(lo))


@functools.cache
def _greenlee_model_integral(mlo, mhi, omega_min):
    ulo = math.log(4 * (ME / M_KL) ** 2)
    return integrate.nquad(lambda c, u: _greenlee_integrand(u, c, mlo, mhi, omega_min),
                           [[-1, 1], [ulo, 0.0]],
                           opts=[{"epsrel": 1e-7, "limit": 200},
                                 {"epsrel": 1e-7, "limit": 200,
                                  "points": [math.log(x) for x in (1e-4, 1e-3, 1e-2, 0.1)]}])[0]


def greenlee_model_fraction(mlo, mhi, omega_min=float(C.KLLL_EEGG_EMIN)):
    """The exact (quadrature, epsrel 1e-7) weighted fraction of the model with mlo < M_γγ < mhi."""
    return (_greenlee_model_integral(mlo, mhi, omega_min)
            / _greenlee_model_integral(0.0, 1.0, omega_min))


@pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")  # 1e-7 ≪ MC σ
def test_greenlee_window_fraction_matches_model_integral():
    """Seeded (seed 7, 200 000 events): each window fraction within 4 of its returned MC σ of the
    deterministic integral of the model, and the σ's themselves small (< 10 %)."""
    hw = np.array([0.002, 0.01, 0.04])
    fr, err = K.greenlee_window_fraction(hw, 200_000, seed=7)
    m0 = M_PI
    for h, f_, e_ in zip(hw, fr, err, strict=True):
        ref = greenlee_model_fraction(m0 - h, m0 + h)
        assert abs(f_ - ref) < 4 * e_, (h, f_, ref, e_)
        assert e_ < 0.1 * f_


@pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")  # 1e-7 ≪ MC σ
def test_greenlee_mgg_histogram_matches_model_integral():
    """Seeded (seed 5, 200 000 events): the weighted M_γγ histogram in 8 bins against the model's
    exact bin fractions, χ² (weighted-MC variances) below dof + 5√(2 dof)."""
    m, w = K.greenlee_mgg(200_000, seed=5)
    edges = np.array([0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5])
    h, _ = np.histogram(m, edges, weights=w)
    h2, _ = np.histogram(m, edges, weights=w * w)
    ref = np.array([greenlee_model_fraction(a, b) for a, b in zip(edges[:-1], edges[1:],
                                                                   strict=True)])
    var = h2 - 2 * ref * h2 + ref ** 2 * np.sum(w * w)       # Σ_in w²(1−F)² + Σ_out w² F²
    keep = ref > 1e-4
    chi2 = float(np.sum((h[keep] - ref[keep]) ** 2 / var[keep]))
    dof = int(keep.sum())
    assert chi2 < dof + 5 * math.sqrt(2 * dof), (chi2, h, ref)


STATISTICAL = {
    K.greenlee_mgg:
        "tests/test_accuracy_kaon_kl_leptons.py::test_greenlee_mgg_histogram_matches_model_integral",
    K.greenlee_window_fraction:
        "tests/test_accuracy_kaon_kl_leptons.py::test_greenlee_window_fraction_matches_model_integral",
}
