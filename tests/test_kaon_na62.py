"""K⁺ → μ⁺ ν V (dialm.kaon.na62): |M|², Dalitz limits, dΓ/dm²_miss, BR, the MC."""

import math

import mpmath as mp
import numpy as np
import pytest

from dialm import constants as C
from dialm.kaon import na62
from dialm.kaon.na62 import (
    br_k_mu_nu_v,
    dalitz_m23sq_limits,
    dgamma_dm2miss,
    lambda_mu,
    mc_m2miss_histogram,
    msq_k_mu_nu_v,
    na62_expected_events,
    na62_g_reach,
)

MK, MMU = float(C.M_KPLUS), float(C.M_MU)
HI = (MK - MMU) ** 2
MASSES = [0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.38]


def test_lambda_mu_is_the_talks_number():
    assert lambda_mu() == pytest.approx(8.7e-8, rel=0.01)


def test_two_body_limit_width_matches_the_pdg_branching_ratio():
    # Σ|M(K→μν)|² = λ²(m_K² − m_μ²)/2 gives Γ(K→μν); with PDG inputs B ≈ 0.6356 (up to rad. corr.)
    gam = lambda_mu() ** 2 * (MK ** 2 - MMU ** 2) / 2 * (MK ** 2 - MMU ** 2) / (16 * math.pi * MK ** 3)
    br = gam * float(C.TAU_KPLUS_S) / float(C.HBAR_GEV_S)
    assert br == pytest.approx(float(C.BR_KPLUS_MUNU), rel=0.04)


@pytest.mark.parametrize("mv", MASSES)
def test_dalitz_limits_and_msq_nonnegative(mv):
    s12 = np.linspace(mv ** 2, HI, 41)
    lo, hi = dalitz_m23sq_limits(s12, mv)
    assert np.all(hi >= lo - 1e-15)
    # ends of the m12² range: the range of m23² closes to a point
    assert hi[0] - lo[0] == pytest.approx(0.0, abs=1e-7)
    assert hi[-1] - lo[-1] == pytest.approx(0.0, abs=1e-7)  # √ of a rounding error
    # m23² ≥ (m_V + m_μ)², ≤ (m_K)²
    assert np.all(lo >= (mv + MMU) ** 2 - 1e-12) and np.all(hi <= MK ** 2 + 1e-7)
    t = np.linspace(0, 1, 21)[:, None]
    s23 = lo[1:-1] + t * (hi[1:-1] - lo[1:-1])
    m = msq_k_mu_nu_v(s12[1:-1], s23, mv, 1.0)
    assert np.all(m >= -1e-12 * np.max(np.abs(m)))


def test_dalitz_limits_against_four_vectors():
    # build events in the K rest frame from random angles; their invariants lie inside the limits
    rng = np.random.default_rng(4)
    mv = 0.1
    for _ in range(200):
        s12 = rng.uniform(mv ** 2, HI)
        lo, hi = dalitz_m23sq_limits(s12, mv)
        m12 = math.sqrt(s12)
        e2 = (s12 + mv ** 2) / (2 * m12)
        e3 = (MK ** 2 - s12 - MMU ** 2) / (2 * m12)
        cth = rng.uniform(-1, 1)
        s23 = mv ** 2 + MMU ** 2 + 2 * (e2 * e3 - math.sqrt(e2 ** 2 - mv ** 2)
                                         * math.sqrt(e3 ** 2 - MMU ** 2) * cth)
        assert lo - 1e-14 <= s23 <= hi + 1e-14


def _dgamma_mp(s12, mv, g):
    lo, hi = dalitz_m23sq_limits(s12, mv)
    a = MK ** 2 - MMU ** 2
    m2 = mp.mpf(MMU) ** 2
    lam2 = mp.mpf(lambda_mu()) ** 2

    def f(s23):
        d = s23 - m2
        return g ** 2 * lam2 * (2 + (s12 + 2 * m2 - 2 * MK ** 2) / d - a * (mv ** 2 + 2 * m2) / d ** 2
                                + 2 * (a ** 2 + mv ** 2 * m2) / (s12 * d) - mv ** 2 * a / s12 ** 2
                                + (s23 + m2 - 2 * MK ** 2) / s12)
    return mp.quad(f, [lo, hi]) / (256 * mp.pi ** 3 * MK ** 3)


@pytest.mark.parametrize("mv", [0.001, 0.03, 0.2, 0.38])
def test_dgamma_against_mpmath(mv):
    mp.mp.dps = 30
    for x in (0.2, 0.5, 0.9):
        s12 = mv ** 2 + x * (HI - mv ** 2)
        ref = float(_dgamma_mp(s12, mv, 1e-3))
        assert dgamma_dm2miss(s12, mv, 1e-3) == pytest.approx(ref, rel=1e-9)


def test_dgamma_zero_outside_and_nonnegative_inside():
    mv = 0.1
    s = np.linspace(-0.01, 0.2, 500)
    d = dgamma_dm2miss(s, mv, 1e-3)
    inside = (s > mv ** 2) & (s < HI)
    assert np.all(d[~inside] == 0.0) and np.all(d[inside] > 0.0)


@pytest.mark.parametrize("mv", [0.001, 0.05, 0.3])
def test_br_against_independent_quadrature(mv):
    # scipy's adaptive quad in ln m²_miss on 29 pieces (the spectrum spans 12 e-folds at 1 MeV)
    from scipy.integrate import quad

    def f(y):
        return math.exp(y) * dgamma_dm2miss(math.exp(y), mv, 1.0)

    pts = np.linspace(math.log(mv ** 2), math.log(HI), 30)
    ref = sum(quad(f, a, b, epsabs=0, epsrel=1e-12, limit=200)[0]
              for a, b in zip(pts[:-1], pts[1:], strict=True))
    ref *= float(C.TAU_KPLUS_S) / float(C.HBAR_GEV_S)
    assert br_k_mu_nu_v(mv, 1.0) == pytest.approx(ref, rel=1e-10)


def test_br_scales_as_g_squared_and_cut():
    mv = np.array(MASSES)
    b1 = br_k_mu_nu_v(mv, 1e-3)
    assert np.allclose(br_k_mu_nu_v(mv, 3e-3), 9 * b1, rtol=1e-13)
    assert np.allclose(br_k_mu_nu_v(mv, -1e-3), b1, rtol=1e-13)
    cut = br_k_mu_nu_v(mv, 1e-3, 0.05)
    assert np.all(cut <= b1) and np.all(cut[mv ** 2 >= 0.05] == b1[mv ** 2 >= 0.05])
    assert np.all(np.diff(b1) < 0)     # heavier V: less phase space
    assert isinstance(br_k_mu_nu_v(0.1, 1e-3), float)


def test_mc_histogram_matches_dgamma_chi2():
    mv, g = 0.1, 1e-3
    edges = np.linspace(mv ** 2, HI, 21)
    h, e = mc_m2miss_histogram(mv, g, edges, 400_000, seed=7)
    exact = np.array([quad_bin(a, b, mv, g) for a, b in zip(edges[:-1], edges[1:], strict=True)])
    chi2 = float(np.sum(((h - exact) / e) ** 2))
    # 20 degrees of freedom: P(chi2 > 45) < 1e-3
    assert chi2 < 45, chi2
    # and seeded: reproducible
    h2, _ = mc_m2miss_histogram(mv, g, edges, 400_000, seed=7)
    assert np.array_equal(h, h2)


def quad_bin(a, b, mv, g):
    x, w = np.polynomial.legendre.leggauss(40)
    s = 0.5 * (b - a) * x + 0.5 * (a + b)
    return 0.5 * (b - a) * float(np.sum(w * dgamma_dm2miss(s, mv, g)))


def test_reach_and_events_are_consistent():
    g = na62_g_reach(0.05)
    assert na62_expected_events(0.05, g) == pytest.approx(2.3, rel=1e-12)
    assert na62_expected_events(0.05, g, n_kaons=2 * float(C.NA62V_N_K_ASSUMED)) == \
        pytest.approx(4.6, rel=1e-12)


@pytest.mark.parametrize("call, match", [
    (lambda: br_k_mu_nu_v(0.4, 1e-3), "m_v = 0.4 is outside.*kinematically closed"),
    (lambda: br_k_mu_nu_v(MK - MMU, 1e-3), "kinematically closed"),
    (lambda: dgamma_dm2miss(0.05, 0.5, 1e-3), "kinematically closed"),
    (lambda: br_k_mu_nu_v(-0.1, 1e-3), r"m_v = -0.1 is outside the allowed range 0 < m_v"),
    (lambda: br_k_mu_nu_v(0.0, 1e-3), "m_v = 0"),
    (lambda: br_k_mu_nu_v(0.1, math.nan), "g_v = nan.*must be finite"),
    (lambda: dgamma_dm2miss(0.05, 0.1, math.inf), "g_v = inf"),
    (lambda: msq_k_mu_nu_v(0.05, 0.005, 0.1, 1.0), "m23sq"),
    (lambda: dalitz_m23sq_limits(0.2, 0.1), "m12sq = 0.2"),
    (lambda: br_k_mu_nu_v(0.1, 1e-3, -0.1), "m2miss_min"),
    (lambda: mc_m2miss_histogram(0.1, 1e-3, [0.1, 0.05]), "edges"),
    (lambda: mc_m2miss_histogram(0.1, 1e-3, [0.05, 0.1], seed=-1), "seed"),
    (lambda: na62_expected_events(0.1, 1e-3, acceptance=1.5), "acceptance"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# -- the K⁺ → μ⁺νγ inner-bremsstrahlung background ----------------------------------------------
R = (MMU / MK) ** 2


@pytest.mark.parametrize("cos_theta", [-0.95, -0.5, 0.0, 0.5, 0.95])
def test_f_ib_soft_limit_is_lows_eikonal_factor(cos_theta):
    # A soft photon (energy w, angle theta to the muon, kaon rest frame): Low's theorem gives
    # d Gamma = Gamma_munu (alpha/2pi) w (-J^2) dw dcos, J = p_mu/(p_mu.k) - p_K/(p_K.k).  In (x, y):
    # dw dcos = (M/2) dx * 2 dy / (x y0 beta), so f_IB/(1 - r)^2 must equal w(-J^2) M/(x y0 beta).
    from dialm.kaon.na62 import f_ib_k_mu_nu_gamma

    x = 1e-4
    e0, p0 = (MK ** 2 + MMU ** 2) / (2 * MK), (MK ** 2 - MMU ** 2) / (2 * MK)
    beta, y0 = p0 / e0, 2 * e0 / MK
    w = x * MK / 2
    pk, pm = MK * w, w * (e0 - p0 * cos_theta)
    minus_j2 = 2 * e0 * MK / (pm * pk) - MMU ** 2 / pm ** 2 - MK ** 2 / pk ** 2
    soft = w * minus_j2 * MK / (x * y0 * beta)
    y = 1 + R - x + x * y0 * (1 - beta * cos_theta) / 2   # 2 p_mu.k / M^2 = x y (1 - beta cos)/2
    assert f_ib_k_mu_nu_gamma(x, y) / (1 - R) ** 2 == pytest.approx(soft, rel=2e-3)


def test_f_ib_positive_inside_and_zero_outside_the_dalitz_region():
    from dialm.kaon.na62 import f_ib_k_mu_nu_gamma

    rng = np.random.default_rng(5)
    y = rng.uniform(2 * math.sqrt(R) + 1e-6, 1 + R - 1e-6, 2000)
    root = np.sqrt(y ** 2 - 4 * R)
    lo, hi = 1 - (y + root) / 2, 1 - (y - root) / 2
    x = lo + rng.uniform(0.001, 0.999, y.size) * (hi - lo)
    assert np.all(f_ib_k_mu_nu_gamma(x, y) > 0)
    assert np.all(f_ib_k_mu_nu_gamma(np.maximum(lo - 0.01, 1e-3), y)[lo > 0.011] == 0)
    assert np.all(f_ib_k_mu_nu_gamma(np.minimum(hi + 0.01, 1.0), y)[hi < 0.989] == 0)


@pytest.mark.parametrize("m2", [0.01, 0.05, 0.1, 0.14])
def test_ib_spectrum_matches_scipy_quad(m2):
    from scipy.integrate import quad

    from dialm.kaon.na62 import dgamma_dm2miss_mu_nu_gamma, f_ib_k_mu_nu_gamma

    y = 1 + R - m2 / MK ** 2
    root = math.sqrt(y ** 2 - 4 * R)
    val, _ = quad(lambda x: f_ib_k_mu_nu_gamma(x, y), 1 - (y + root) / 2, 1 - (y - root) / 2,
                  epsabs=0, epsrel=1e-12)
    gamma_munu = lambda_mu() ** 2 * (MK ** 2 - MMU ** 2) ** 2 / (32 * math.pi * MK ** 3)
    ref = gamma_munu * C.ALPHA / (2 * math.pi) / (1 - R) ** 2 / MK ** 2 * val
    assert dgamma_dm2miss_mu_nu_gamma(m2) == pytest.approx(ref, rel=2e-9)


def test_ib_spectrum_zero_outside_and_photon_cut_reduces_it():
    from dialm.kaon.na62 import dgamma_dm2miss_mu_nu_gamma

    assert dgamma_dm2miss_mu_nu_gamma(-0.01) == 0.0
    assert dgamma_dm2miss_mu_nu_gamma(HI * 1.001) == 0.0
    s = np.linspace(0.01, 0.15, 15)
    full, hard = dgamma_dm2miss_mu_nu_gamma(s), dgamma_dm2miss_mu_nu_gamma(s, e_gamma_min=0.1)
    assert np.all(hard <= full) and np.all(full > 0)
    assert np.all(np.diff(full) < 0)   # falls towards the end point


def test_background_and_sensitivity_scalings():
    from dialm.kaon.na62 import na62_background_events, signal_for_sensitivity

    b1, b2 = na62_background_events(1e-6), na62_background_events(2e-6)
    assert b2 == pytest.approx(2 * b1, rel=1e-12)
    assert na62_background_events(1e-6, n_kaons=2e13) == pytest.approx(2 * b1, rel=1e-12)
    assert na62_background_events(0.0) == 0.0
    assert signal_for_sensitivity(0.0) == 2.3
    assert signal_for_sensitivity(1e4, 0.0) == pytest.approx(128.155, rel=1e-5)
    # a systematic floor: s/B -> 1.28 delta for large B
    assert signal_for_sensitivity(1e8, 0.1) / 1e8 == pytest.approx(0.128155 * math.sqrt(1 + 1e-6), rel=1e-4)


@pytest.mark.parametrize("call, name", [
    (lambda: na62.f_ib_k_mu_nu_gamma(-0.1, 0.8), "x"),
    (lambda: na62.f_ib_k_mu_nu_gamma(0.3, 1.2), "y"),
    (lambda: na62.dgamma_dm2miss_mu_nu_gamma(0.05, -1.0), "e_gamma_min"),
    (lambda: na62.dgamma_dm2miss_mu_nu_gamma(float("nan")), "m2miss"),
    (lambda: na62.dgamma_dm2miss_mu_nu_gamma(1e-20), "m2miss"),
    (lambda: na62.na62_background_events(1.5), "photon_inefficiency"),
    (lambda: na62.na62_background_events(1e-5, m2miss_cut=0.0), "m2miss_cut"),
    (lambda: na62.signal_for_sensitivity(-1.0), "background"),
    (lambda: na62.signal_for_sensitivity(1.0, -0.1), "rel_sys"),
])
def test_background_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=rf"\b{name} = "):
        call()


def test_gamma_in_bins_matches_nested_quad_and_sums_to_the_width():
    from scipy.integrate import quad

    from dialm.kaon.na62 import gamma_in_bins

    mv = 0.05
    edges = np.linspace(mv ** 2, HI, 61)
    w = gamma_in_bins(edges, mv, 1.0)
    gamma_k = float(C.HBAR_GEV_S) / float(C.TAU_KPLUS_S)
    assert w.sum() == pytest.approx(br_k_mu_nu_v(mv, 1.0) * gamma_k, rel=1e-11)
    for i in (0, 30, 59):
        ref = quad(lambda s: dgamma_dm2miss(s, mv, 1.0), edges[i], edges[i + 1], epsabs=0,
                   epsrel=1e-12, limit=200)[0]
        assert w[i] == pytest.approx(ref, rel=1e-9)
    with pytest.raises(ValueError, match="edges"):
        gamma_in_bins([0.1, 0.05], mv, 1.0)
    with pytest.raises(ValueError, match=r"\bm_v = "):
        gamma_in_bins(edges, 0.5, 1.0)
