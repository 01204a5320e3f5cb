"""Tests of dialm.kaon.kl_leptons (K_L → ℓ⁺ℓ⁻ and K_L → π⁰ℓ⁺ℓ⁻): the two-photon unitarity bound, Y₀,
the short-distance K_L → μμ rate, the π⁰ℓℓ phase space, the three contributions and the Greenlee
background model (book/kaons/kl_mumu.md, kl_pi0ll.md)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from scipy import integrate

from dialm import constants as C
from dialm.ckm import ckm_matrix
from dialm.kaon.kl_leptons import (
    absorptive_ratio,
    br_indirect_from_ks,
    br_kl_mumu_sd,
    br_kl_pi0ee_direct_coefficient,
    br_kl_pi0ll_total,
    greenlee_mgg,
    greenlee_window_fraction,
    inami_lim_y0,
    kappa_mu,
    pi0ll_dgamma_ds,
    pi0ll_phase_space,
)

PDG = (C.CKM_LAMBDA_PDG2024, C.CKM_A_PDG2024, C.CKM_RHOBAR_PDG2024, C.CKM_ETABAR_PDG2024)


# --------------------------------------------------------------------------------------------
# the unitarity bound
# --------------------------------------------------------------------------------------------
def ratio_mp(r, alpha=C.ALPHA, dps=50):
    with mp.workdps(dps):
        r = mp.mpf(r)
        b = mp.sqrt(1 - 4 * r * r)
        return mp.mpf(alpha) ** 2 * r * r / (2 * b) * mp.log((1 + b) / (1 - b)) ** 2


def test_review_number_1195():
    """Barker & Kettell eq. 24: Γ(K_L→μμ)/Γ(K_L→γγ) ≥ 1.195e-5."""
    got = absorptive_ratio(C.M_MU, C.M_K0)
    assert round(got * 1e5, 3) == 1.195 == round(float(C.KLLL_BK_UNITARITY_RATIO) * 1e5, 3)
    # below the measured ratio of eq. 22 (the bound is a bound)
    assert got < C.KLLL_BK_MUMU_GG_RATIO


@pytest.mark.parametrize("r", [1e-8, 1e-6, 1.0269e-3, 3.786e-3, 0.05, 0.2123, 0.3, 0.45, 0.4999,
                               0.4999999])
def test_against_mpmath(r):
    got = absorptive_ratio(r, 1.0)
    assert got == pytest.approx(float(ratio_mp(r)), rel=1e-13)


def test_electron_limit():
    """m_ℓ ≪ M: β → 1 and the ratio → 2α² r² ln²(1/r) (1 + O(r² ln r)); a naive float formula
    with ln((1+β)/(1−β)) loses every digit there, ours does not."""
    for r in (1e-4, 1e-6, 1e-8):
        lead = 2.0 * C.ALPHA**2 * r * r * math.log(1.0 / r) ** 2
        got = absorptive_ratio(r, 1.0)
        assert got / lead - 1 == pytest.approx(0.0, abs=5 * r * r * math.log(1 / r) + 1e-14)
    b = math.sqrt(1 - 4e-16)
    naive = C.ALPHA**2 * 1e-16 / 2 * math.log((1 + b) / (1 - b)) ** 2
    assert naive == 0.0 or abs(naive / absorptive_ratio(1e-8, 1.0) - 1) > 1e-3


def test_electron_modes_against_measurements():
    """K_L → ee (E871's four events) and π⁰ → ee lie above their bounds; η → μμ too."""
    kl_ee = absorptive_ratio(C.M_E, C.M_K0) * C.BR_KL_GG
    assert 2.5e-12 < kl_ee < 3.2e-12 < C.KLLL_BR_KL_EE_1998
    pi_ee = absorptive_ratio(C.M_E, C.M_PI0) * C.BR_PI0_GG
    assert 4.5e-8 < pi_ee < C.BR_PI0_EE
    eta_mm = absorptive_ratio(C.M_MU, C.M_ETA) * C.BR_ETA_GG
    assert 4.0e-6 < eta_mm < C.BR_ETA_MUMU


def test_scaling_and_broadcast():
    """Only m_ℓ/M matters (dimensionless ratio); arrays broadcast; α² scaling."""
    r1 = absorptive_ratio(C.M_MU, C.M_K0)
    assert absorptive_ratio(10 * C.M_MU, 10 * C.M_K0) == pytest.approx(r1, rel=1e-15)
    out = absorptive_ratio([C.M_E, C.M_MU], C.M_K0)
    assert out.shape == (2,) and out[1] == pytest.approx(r1, rel=1e-15)
    assert absorptive_ratio(C.M_MU, C.M_K0, alpha=2 * C.ALPHA) == pytest.approx(4 * r1)


def test_threshold_behaviour():
    """Near threshold β → 0: ln((1+β)/(1−β)) ≈ 2β, the ratio ≈ α²·2β·r² → 0 continuously."""
    for beta in (1e-3, 1e-6):
        r = math.sqrt(1 - beta * beta) / 2
        assert absorptive_ratio(r, 1.0) == pytest.approx(C.ALPHA**2 * r * r * 2 * beta, rel=1e-5)


@pytest.mark.parametrize("ml, mm, name", [(-0.1, 0.5, "m_lepton"), (0.0, 0.5, "m_lepton"),
                                          (0.1, -0.5, "m_meson"), (0.3, 0.5, "m_meson"),
                                          (0.25, 0.5, "m_meson"), (np.nan, 0.5, "m_lepton"),
                                          (0.1, np.inf, "m_meson")])
def test_bad_input(ml, mm, name):
    with pytest.raises(ValueError, match=rf"absorptive_ratio: {name} = "):
        absorptive_ratio(ml, mm)


def test_closed_message():
    with pytest.raises(ValueError, match="closed for m_meson <= 2 m_lepton"):
        absorptive_ratio(C.M_MU, 0.2)
    with pytest.raises(TypeError):
        absorptive_ratio("muon", 0.5)


# --------------------------------------------------------------------------------------------
# Y0 and K_L -> mu mu (SD)
# --------------------------------------------------------------------------------------------
def y0_mp(x, dps=40):
    with mp.workdps(dps):
        x = mp.mpf(x)
        if x == 1:
            return mp.mpf(5) / 16
        return x / 8 * ((x - 4) / (x - 1) + 3 * x / (x - 1) ** 2 * mp.log(x))


@pytest.mark.parametrize("x", [1e-6, 1e-3, 0.3, 0.9, 0.9001, 0.99, 1 - 1e-9, 1.0, 1 + 1e-12,
                               1.05, 1.0999, 1.1001, 4.263, 30.0, 1e3, 1e6])
def test_y0_mpmath(x):
    assert inami_lim_y0(x) == pytest.approx(float(y0_mp(x)), rel=1e-13)


def test_y0_limits():
    assert inami_lim_y0(0.0) == 0.0
    assert inami_lim_y0(1.0) == 5 / 16
    x = 1e6
    assert inami_lim_y0(x) / (x / 8) == pytest.approx(1.0, rel=1e-4)   # Y0 → x/8 (non-decoupling)
    with pytest.raises(ValueError, match="inami_lim_y0: x = -1.0"):
        inami_lim_y0(-1.0)


def test_kappa_mu_and_sd_formula():
    """B_SD with today's inputs within the error of Gorbahn–Haisch's 0.79(12)e-9; the Wolfenstein
    form agrees with the exact evaluation to O(λ²)."""
    k = kappa_mu(C.BR_KPLUS_MUNU, C.ALPHA_MZ, C.SIN2W_MZ, 0.225,
                 C.TAU_KL_S / C.TAU_KPLUS_S)
    b = br_kl_mumu_sd(ckm_matrix(*PDG))
    assert abs(b - C.KLLL_SM_MUMU_SD_2006) < C.KLLL_SM_MUMU_SD_2006.sigma
    lam, A, rb, eb = PDG
    V = ckm_matrix(lam, A, rb, eb)
    yt, pc = 0.95, 0.115
    rho0 = 1 + pc / (A**2 * yt)
    approx = k * (lam / 0.225) ** 8 * yt**2 * A**4 * (rho0 - rb) ** 2 * (1 - lam**2 / 2) ** 2
    exact = br_kl_mumu_sd(V, kappa=k, y_t=yt, p_c=pc)
    assert exact == pytest.approx(approx, rel=0.03)


def test_sd_independent_of_etabar_and_zero_at_rho0():
    """B_SD ∝ (Re amplitude)²: no η̄ dependence at leading order, zero near ρ̄₀."""
    rb = np.linspace(-1, 2, 3001)
    b = br_kl_mumu_sd(ckm_matrix(C.CKM_LAMBDA_PDG2024, C.CKM_A_PDG2024, rb, 0.35))
    rmin = rb[np.argmin(b)]
    assert 1.1 < rmin < 1.3 and b.min() < 1e-13
    b1 = br_kl_mumu_sd(ckm_matrix(*PDG[:3], 0.2))
    b2 = br_kl_mumu_sd(ckm_matrix(*PDG[:3], 0.5))
    assert b1 == pytest.approx(b2, rel=0.05)             # eta enters at O(lambda^2 eta^2)


def test_direct_coefficient_review():
    c = br_kl_pi0ee_direct_coefficient(C.KPNN_TAU_KL_1998 / C.KPNN_TAU_KPLUS_1998,
                                       C.KPNN_ALPHA_MZ_1999, C.KPNN_BR_KE3_1998, 4.78, -4.27, 0.22)
    assert c == pytest.approx(float(C.KLLL_BK_COEFF_PI0EE), rel=5e-3)
    # linear in y7V² + y7A², so a sign flip of either y changes nothing
    c2 = br_kl_pi0ee_direct_coefficient(4.17, 1 / 129, 0.0482, -4.78, 4.27, 0.22)
    assert c2 == pytest.approx(c, rel=2e-3)


def test_indirect_and_total():
    b_mix = br_indirect_from_ks(C.KLLL_NA48_KS_PI0EE_2003)
    assert b_mix == pytest.approx(C.EPS_K**2 * C.TAU_KL_S / C.TAU_KS_S * 5.8e-9)
    # review: B(K_S) = 1e-9 gives about 3e-12
    assert 2.5e-12 < br_indirect_from_ks(1e-9) < 3.2e-12
    tot_p = br_kl_pi0ll_total(1e-12, 1e-12, 1.6e-11, sign=1.0)
    tot_m = br_kl_pi0ll_total(1e-12, 1e-12, 1.6e-11, sign=-1.0)
    assert tot_p + tot_m == pytest.approx(2 * (1.6e-11 + 2e-12))      # interference is odd
    assert br_kl_pi0ll_total(1e-12, 0, 1e-12, phase=0.0) == pytest.approx(4e-12)  # |a + b|²
    assert br_kl_pi0ll_total(1e-12, 0, 1e-12, phase=math.pi / 2) == pytest.approx(2e-12)
    with pytest.raises(ValueError, match="sign = 0.5"):
        br_kl_pi0ll_total(1e-12, 0, 1e-12, sign=0.5)
    with pytest.raises(ValueError, match="b_mix = -1"):
        br_kl_pi0ll_total(1e-12, 0, -1e-12)


# --------------------------------------------------------------------------------------------
# phase space of K_L -> pi0 l l
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ml", [0.0, float(C.M_E), float(C.M_MU), 0.15])
@pytest.mark.parametrize("current", ["V", "A"])
@pytest.mark.parametrize("m_pole", [0.0, float(C.M_KSTAR_PLUS)])
def test_phase_space_against_quad(ml, current, m_pole):
    lo, hi = 4 * ml * ml, (C.M_K0 - C.M_PI0) ** 2
    # split at 100 x threshold: quad alone misses the steep rise of beta for electrons
    mid = min(max(100 * lo, 1e-6), 0.5 * hi)
    ref = sum(integrate.quad(lambda s: pi0ll_dgamma_ds(s, ml, current, m_pole), a, b,
                             epsabs=0, epsrel=1e-13, limit=200)[0] for a, b in ((lo, mid),
                                                                                 (mid, hi)))
    assert pi0ll_phase_space(ml, current, m_pole) == pytest.approx(ref, rel=1e-10)


def test_phase_space_limits():
    """V and A coincide for massless leptons; the muon mode is suppressed by about 5."""
    assert pi0ll_phase_space(0.0, "A") == pytest.approx(pi0ll_phase_space(0.0, "V"), rel=1e-14)
    rv = pi0ll_phase_space(C.M_MU, "V", 0.0) / pi0ll_phase_space(C.M_E, "V", 0.0)
    assert 0.18 < rv < 0.25
    # the ISU ratio of the indirect (vector) coefficients, 3.7/15.7, within 3 %
    rvp = pi0ll_phase_space(C.M_MU) / pi0ll_phase_space(C.M_E)
    assert rvp == pytest.approx(3.7 / 15.7, rel=0.03)
    # the massless f = 1 integrand is (4/3) λ^{3/2}
    mk, mp_ = C.M_K0, C.M_PI0
    with mp.workdps(30):
        a2, b2 = mp.mpf(mk) ** 2, mp.mpf(mp_) ** 2
        ref = float(mp.quad(lambda s: mp.mpf(4) / 3 * ((a2 - b2) ** 2 - 2 * s * (a2 + b2) + s * s)
                            ** mp.mpf(1.5), [0, (mp.sqrt(a2) - mp.sqrt(b2)) ** 2]))
    assert pi0ll_phase_space(0.0, "V", 0.0) == pytest.approx(ref, rel=1e-12)


@pytest.mark.parametrize("kwargs, words", [
    (dict(m_lepton=-0.1), "m_lepton = -0.1"), (dict(m_lepton=0.2), "closed"),
    (dict(m_lepton=0.1, current="S"), "current = 'S'"),
    (dict(m_lepton=0.1, m_pole=0.3), "pole inside"), (dict(m_lepton=0.1, m_pole=-1), "m_pole"),
])
def test_phase_space_bad(kwargs, words):
    with pytest.raises(ValueError, match=words):
        pi0ll_phase_space(**kwargs)


def test_dgamma_zero_outside():
    assert pi0ll_dgamma_ds(0.01, C.M_MU) == 0.0
    assert pi0ll_dgamma_ds(0.2, C.M_E) == 0.0
    assert pi0ll_dgamma_ds(0.05, C.M_MU) > 0


# --------------------------------------------------------------------------------------------
# Greenlee background model
# --------------------------------------------------------------------------------------------
def test_greenlee_model():
    m, w = greenlee_mgg(100_000, seed=11)
    assert w.sum() == pytest.approx(1.0) and np.all(w >= 0)
    assert m.max() < C.M_K0
    m2, w2 = greenlee_mgg(100_000, seed=11)
    assert np.array_equal(m, m2) and np.array_equal(w, w2)                 # seeded
    fr, err = greenlee_window_fraction([0.002, 0.005, 0.01], 100_000, seed=11)
    assert np.all(np.diff(fr) > 0) and np.all(err < 0.1 * fr)
    assert 0.01 < fr[0] < 0.04 and 0.03 < fr[1] < 0.08
    # the window fraction grows about linearly with the width for narrow windows
    assert fr[2] / fr[1] == pytest.approx(2.0, rel=0.15)


def test_greenlee_bad():
    with pytest.raises(ValueError, match="n_events = 0"):
        greenlee_mgg(0)
    with pytest.raises(ValueError, match="omega_min = -0.1"):
        greenlee_mgg(10, omega_min=-0.1)
    with pytest.raises(ValueError, match="half_width = 0.0"):
        greenlee_window_fraction(0.0, 100)
