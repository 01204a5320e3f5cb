"""Tests for dialm.singlets: the three singlet routes and the bounds on U(1)_{L_mu - L_tau}."""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest
from scipy.special import kn

from dialm import constants as C
from dialm import singlets as S
from dialm.g2 import delta_a_mu, g_for_delta_a

MMU, ME, MTAU = float(C.M_MU), float(C.M_E), float(C.M_TAU)
V = float(C.V_EW)


# --------------------------------------------------------------------------------------------
# route 1
# --------------------------------------------------------------------------------------------
def test_dark_photon_is_a_vector_of_coupling_eps_e():
    m = np.logspace(-3, 1, 9)
    for ml in (MMU, ME):
        assert np.allclose(S.dark_photon_delta_a(m, 2e-3, ml),
                           delta_a_mu("vector", m, 2e-3 * S.E_CHARGE, ml), rtol=1e-14)
    # massless limit: eps^2 alpha / 2 pi
    assert math.isclose(S.dark_photon_delta_a(1e-9, 1e-3), 1e-6 * C.ALPHA / (2 * math.pi),
                        rel_tol=1e-6)


def test_dark_photon_eps_round_trip():
    m = np.logspace(-3, 1, 7)
    eps = S.dark_photon_eps_for_delta_a(m, 2.5e-9)
    assert np.allclose(S.dark_photon_delta_a(m, eps), 2.5e-9, rtol=1e-12)
    assert S.dark_photon_eps_for_delta_a(0.1, 0.0) == 0.0
    with pytest.raises(ValueError, match="delta_a"):
        S.dark_photon_eps_for_delta_a(0.1, -1e-9)


def test_delta_a_e_from_alpha():
    # alpha from a_e itself gives zero; Cs and Rb give the literature's -1.0e-12 and +0.34e-12
    v, s = S.delta_a_e_from_alpha(C.LAND_ALPHA_INV_AE_2023, 0.0)
    assert v == 0.0 and math.isclose(s, 1.27e-13, rel_tol=0.02)
    v, s = S.delta_a_e_from_alpha(C.LAND_ALPHA_INV_CS_2018, C.LAND_ALPHA_INV_CS_2018.sigma)
    assert math.isclose(v, -1.02e-12, rel_tol=0.02) and math.isclose(s, 2.6e-13, rel_tol=0.03)
    v, s = S.delta_a_e_from_alpha(C.LAND_ALPHA_INV_RB_2020, C.LAND_ALPHA_INV_RB_2020.sigma)
    assert math.isclose(v, 3.4e-13, rel_tol=0.03) and math.isclose(s, 1.6e-13, rel_tol=0.05)
    # the derivative against a brute-force mpmath difference of the QED series
    with mp.workdps(30):
        def ae(ai):
            x = 1 / (mp.mpf(ai) * mp.pi)
            return x / 2 + float(C.LAND_AE_C2) * x**2 + float(C.LAND_AE_C3) * x**3
        a0 = mp.mpf("137.035999166")
        ref = ae(a0) - ae(mp.mpf("137.035999046"))
    v, _ = S.delta_a_e_from_alpha(137.035999046)
    assert abs(v / float(ref) - 1) < 1e-6
    for bad in (float("nan"), 50.0, "x"):
        with pytest.raises(ValueError, match="delta_a_e_from_alpha: alpha_inv"):
            S.delta_a_e_from_alpha(bad)
    with pytest.raises(ValueError, match="sigma_alpha_inv"):
        S.delta_a_e_from_alpha(137.0, -1e-9)


def test_higgs_mixed():
    assert math.isclose(S.higgs_mixed_coupling(MMU, 1.0), MMU / V)
    assert S.higgs_mixed_coupling(MMU, 0.0) == 0.0
    m = np.logspace(-3, 0.5, 8)
    st = S.higgs_mixed_sin_theta_for_delta_a(m, 251e-11)
    assert np.allclose(delta_a_mu("scalar", m, S.higgs_mixed_coupling(MMU, np.minimum(st, 1)))
                       [st <= 1], 251e-11)
    assert (st > 0.5).all()           # never a small mixing
    assert st[-1] > 1.0               # impossible at all above a few hundred MeV
    with pytest.raises(ValueError, match="sin_theta"):
        S.higgs_mixed_coupling(MMU, 1.5)
    with pytest.raises(ValueError, match="m_f"):
        S.higgs_mixed_coupling(-1.0, 0.5)


# --------------------------------------------------------------------------------------------
# route 2
# --------------------------------------------------------------------------------------------
def test_operator_coupling():
    assert math.isclose(S.operator_coupling(1.0, V / math.sqrt(2)), 1.0)
    assert np.allclose(S.operator_coupling([1, 2], 1e4), [V / math.sqrt(2) / 1e4, 2 * V / math.sqrt(2) / 1e4])
    with pytest.raises(ValueError, match="big_m"):
        S.operator_coupling(1.0, 0.0)


def _amp_mp(tau):
    """4 ∫∫ (1-4xy)/(1-4 tau xy) over the simplex, mpmath (tau < 1)."""
    tau = mp.mpf(tau)
    return 4 * mp.quad(lambda x: mp.quad(lambda y: (1 - 4 * x * y) / (1 - 4 * tau * x * y),
                                         [0, 1 - x]), [0, 1])


def test_diphoton_amplitude_limits_and_feynman_parameters():
    assert abs(S.diphoton_amplitude(1e-12) - 4 / 3) < 1e-12
    for tau in (1e-4, 1e-3 * 0.999, 1e-3 * 1.001, 0.1, 0.5, 0.9):
        assert abs(S.diphoton_amplitude(tau) / complex(_amp_mp(tau)) - 1) < 1e-10, tau
    assert math.isclose(S.diphoton_amplitude(1.0).real, 2.0, rel_tol=1e-12)
    # above threshold: the asymptotic form (2/tau)[1 - (ln 4 tau - i pi)^2 / 4]
    t = 1e6
    asym = 2 / t * (1 - 0.25 * (math.log(4 * t) - 1j * math.pi) ** 2)
    assert abs(S.diphoton_amplitude(t) / asym - 1) < 1e-5
    a = S.diphoton_amplitude(np.array([0.5, 2.0, 10.0]))
    assert a.dtype == complex and a[0].imag == 0.0 and a[1].imag != 0.0
    # continuity at tau = 1
    assert abs(S.diphoton_amplitude(1 - 1e-9) - S.diphoton_amplitude(1 + 1e-9)) < 1e-3
    with pytest.raises(ValueError, match="tau"):
        S.diphoton_amplitude(-0.1)


def test_scalar_widths():
    g = 1e-3
    w = S.scalar_widths(1e-3, g)
    light = C.ALPHA**2 * g**2 * 1e-9 / (144 * math.pi**3 * MMU**2)
    assert math.isclose(w["gamma_gamma"], light, rel_tol=1e-4)
    assert w["mu_mu"] == 0.0 and w["invisible"] == 0.0
    w = S.scalar_widths(1.0, g, g_chi=0.1, m_chi=0.01)
    beta = math.sqrt(1 - 4 * MMU**2)
    assert math.isclose(w["mu_mu"], g**2 * beta**3 / (8 * math.pi), rel_tol=1e-12)
    assert w["invisible"] > w["mu_mu"] > w["gamma_gamma"]
    assert math.isclose(w["total"], w["mu_mu"] + w["invisible"] + w["gamma_gamma"])
    w = S.scalar_widths(np.array([0.1, 0.3]), g)
    assert w["total"].shape == (2,)
    with pytest.raises(ValueError, match="m_s"):
        S.scalar_widths(0.0, g)
    with pytest.raises(ValueError, match="m_chi"):
        S.scalar_widths(0.1, g, m_chi=-1.0)


# --------------------------------------------------------------------------------------------
# route 3: anomalies
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("model", ["Y", "B-L", "Le-Lmu", "Le-Ltau", "Lmu-Ltau", "B-3Le", "B-3Lmu",
                                   "B-3Ltau"])
def test_anomaly_free(model):
    assert all(v == 0 for v in S.anomaly_coefficients(S.u1_charges(model)).values())


@pytest.mark.parametrize("model, failing", [("B", {"X-SU(2)^2", "X-Y^2"}),
                                            ("L", {"X-SU(2)^2", "X-Y^2"}),
                                            ("Lmu", {"X-SU(2)^2", "X-Y^2"}),
                                            ("Y+Lmu", {"X-SU(2)^2", "X-Y^2", "X^2-Y", "X^3"})])
def test_anomalous(model, failing):
    an = S.anomaly_coefficients(S.u1_charges(model))
    assert {k for k, v in an.items() if v != 0} == failing
    if model == "Lmu":
        assert an["X-SU(2)^2"] == 1 and an["X-Y^2"] == Fraction(-1, 2)


def test_b_minus_l_needs_right_handed_neutrinos():
    q = S.u1_charges("B-L")
    for i in range(3):
        q[("nu^c", i)] = Fraction(0)
    an = S.anomaly_coefficients(q)
    assert an["X-grav^2"] == -3 and an["X^3"] == -3   # the three nu^c (charge +1) are missing
    # but L_mu - L_tau does not care: nu^c_mu and nu^c_tau cancel pairwise
    q = S.u1_charges("Lmu-Ltau")
    for i in range(3):
        q[("nu^c", i)] = Fraction(0)
    assert all(v == 0 for v in S.anomaly_coefficients(q).values())


def test_anomaly_bad_input():
    with pytest.raises(ValueError, match="model"):
        S.u1_charges("B-2L")
    with pytest.raises(ValueError, match="18 keys"):
        S.anomaly_coefficients({("Q", 0): 1})
    q = S.u1_charges("B")
    q[("Q", 0)] = "one"
    with pytest.raises(ValueError, match="rational"):
        S.anomaly_coefficients(q)


# --------------------------------------------------------------------------------------------
# L_mu - L_tau decays
# --------------------------------------------------------------------------------------------
def test_lmu_ltau_widths():
    g = 1e-3
    w = S.lmu_ltau_widths(0.1, g)
    assert math.isclose(w["nu_mu"], g**2 * 0.1 / (24 * math.pi)) and w["nu_mu"] == w["nu_tau"]
    assert w["mu_mu"] == 0.0 and w["tau_tau"] == 0.0
    assert 0 < w["e_e"] / w["total"] < 3e-5
    w = S.lmu_ltau_widths(100.0, g)   # far above thresholds: 1 : 1 : 2 : 2
    assert math.isclose(w["mu_mu"] / w["nu_mu"], 2.0, rel_tol=1e-5)
    assert math.isclose(w["tau_tau"] / w["nu_mu"], 2.0, rel_tol=1e-3)
    # widths scale like g^2
    w2 = S.lmu_ltau_widths(0.5, 2 * g)
    assert math.isclose(w2["total"], 4 * S.lmu_ltau_widths(0.5, g)["total"])
    with pytest.raises(ValueError, match="m_v"):
        S.lmu_ltau_widths(-0.1, g)


def test_invisible_fraction():
    m = np.array([0.01, 0.2, 2 * MMU * (1 - 1e-9)])
    assert (S.lmu_ltau_invisible_fraction(m) == 1.0).all()
    assert S.lmu_ltau_invisible_fraction(2 * MMU * (1 + 1e-6)) > 0.99
    w = S.lmu_ltau_widths(0.5, 1e-3)
    assert math.isclose(S.lmu_ltau_invisible_fraction(0.5), w["invisible"] / (w["total"] - w["e_e"]))
    assert abs(S.lmu_ltau_invisible_fraction(1e3) - 1 / 3) < 1e-5


def test_kinetic_mixing():
    assert math.isclose(S.kinetic_mixing_lmu_ltau(1.0),
                        S.E_CHARGE * math.log(MTAU**2 / MMU**2) / (12 * math.pi**2))
    assert math.isclose(1 / S.kinetic_mixing_lmu_ltau(1.0), 69.3, rel_tol=0.01)  # "g/70"


# --------------------------------------------------------------------------------------------
# BBN
# --------------------------------------------------------------------------------------------
def test_entropy_fraction_boson():
    assert abs(S.entropy_fraction_boson(0.0) - 1) < 1e-12
    for x in (0.5, 1.0, 3.0, 10.0, 30.0):
        series = 45 / (4 * math.pi**4) * x**3 * sum(kn(3, n * x) / n for n in range(1, 400))
        assert abs(S.entropy_fraction_boson(x) / series - 1) < 1e-9, x
    f = S.entropy_fraction_boson(np.linspace(0, 20, 50))
    assert (np.diff(f) < 0).all()
    with pytest.raises(ValueError, match="x"):
        S.entropy_fraction_boson(-1.0)


def test_delta_neff_estimate():
    # massless vector: 3 [(1 + 3/5.25)^(4/3) - 1]
    assert math.isclose(S.delta_neff_estimate(1e-9), 3 * ((1 + 3 / 5.25) ** (4 / 3) - 1),
                        rel_tol=1e-9)
    assert S.delta_neff_estimate(0.1) < 1e-15
    mb = S.bbn_mass_bound(0.5)
    assert math.isclose(S.delta_neff_estimate(mb), 0.5, rel_tol=1e-9)
    assert S.bbn_mass_bound(0.2) > mb > S.bbn_mass_bound(1.0)
    with pytest.raises(ValueError, match="delta_neff_max"):
        S.bbn_mass_bound(3.0)
    with pytest.raises(ValueError, match="t_dec"):
        S.delta_neff_estimate(0.01, t_dec=0.0)


# --------------------------------------------------------------------------------------------
# trident
# --------------------------------------------------------------------------------------------
def test_trident():
    s2 = float(C.SIN2W_MZ)
    assert S.trident_ratio(1.0, 0.0) == 1.0
    g, m = 2e-3, 1.0
    shift = 2 * g**2 * V**2 / m**2
    ref = ((1 + 4 * s2 + shift) ** 2 + 1) / ((1 + 4 * s2) ** 2 + 1)
    assert math.isclose(S.trident_ratio(m, g), ref, rel_tol=1e-14)
    # EFT check, L = -sqrt2 G_F (nu P_L nu)(mu (C_V - C_A g5) mu): C_V = 1/2 + 2 s_W^2, C_A = 1/2,
    # delta C_V = g^2 / (sqrt2 G_F m^2) = g^2 v^2 / m^2
    cv, ca, dcv = 0.5 + 2 * s2, 0.5, g**2 * V**2 / m**2
    assert math.isclose(S.trident_ratio(m, g), ((cv + dcv) ** 2 + ca**2) / (cv**2 + ca**2))
    lim = S.trident_g_limit(np.array([0.1, 1.0, 10.0]))
    assert np.allclose(S.trident_ratio(np.array([0.1, 1.0, 10.0]), lim), S.CCFR_RATIO_MAX_95)
    assert np.allclose(lim / np.array([0.1, 1.0, 10.0]), lim[1])      # g/m constant: contact
    q2 = S.trident_q2_calibrated()
    d = C.A_MU_EXP_2021.ufloat() - C.A_MU_SM_WP2020.ufloat()
    assert math.isclose(S.trident_g_limit(0.4, q2_eff=q2), g_for_delta_a("vector", 0.4, d.n - 2 * d.s))
    assert math.isclose(S.CCFR_RATIO_MAX_95, 0.82 + 1.645 * 0.28, rel_tol=1e-4)
    with pytest.raises(ValueError, match="ratio_max"):
        S.trident_g_limit(1.0, 0.9)
    with pytest.raises(ValueError, match="g_cross"):
        S.trident_q2_calibrated(0.4, 1e-5)
    with pytest.raises(ValueError, match="q2_eff"):
        S.trident_ratio(1.0, 1e-3, q2_eff=-1.0)


def test_babar():
    m, g, header = S.load_babar_muonic()
    assert "1606.03501" in header and "BaBar2016muonic" in header
    assert (m[0], m[-1]) == S.BABAR_RANGE and abs(g.min() - 7e-4) < 0.5e-4   # the abstract
    assert np.allclose(S.babar_muonic_limit(m), g)
    i = np.searchsorted(m, 0.4)
    assert min(g[i - 1], g[i]) <= S.babar_muonic_limit(0.4) <= max(g[i - 1], g[i])
    for bad in (0.2, 11.0, float("nan")):
        with pytest.raises(ValueError, match="babar_muonic_limit: m_v"):
            S.babar_muonic_limit(bad)


def test_constraints():
    c = S.lmu_ltau_constraints(0.001, 5e-4)
    assert c["bbn"] and c["bbn_talk"] and c["in_2021_band"]
    c = S.lmu_ltau_constraints(0.3, 2e-3)
    assert c["babar"] and c["ccfr"] and c["excluded"]
    c = S.lmu_ltau_constraints(0.03, 5e-4)     # the 2021 survivor window
    assert c["in_2021_band"] and not (c["bbn"] or c["neff_full"] or c["ccfr"] or c["babar"])
    c = S.lmu_ltau_constraints(0.01, 5e-4)     # allowed by the estimate, not by the full history
    assert c["neff_full"] and not c["bbn"] and c["excluded"]
    assert c["g2_2025"] and c["excluded"]       # ... which the 2025 comparison now closes
    c = S.lmu_ltau_constraints(0.03, 1e-4)
    assert not c["excluded"] and not c["in_2021_band"]
    assert math.isclose(c["delta_a_mu"], delta_a_mu("vector", 0.03, 1e-4))
    with pytest.raises(ValueError, match="m_v"):
        S.lmu_ltau_constraints(0.0, 1e-3)


# --------------------------------------------------------------------------------------------
# ΔN_eff from the full ν–V–γ thermal history (dialm.neff, re-exported as S.delta_neff)
# --------------------------------------------------------------------------------------------
def _fermion_entropy_fraction(x):
    """s(m/T = x)/s(0) of a Fermi–Dirac gas (mp.quad of the defining integral)."""
    def s(xx):
        return mp.quad(lambda u: u**2 * (mp.sqrt(u**2 + xx**2) + u**2 / (3 * mp.sqrt(u**2 + xx**2)))
                       / (mp.exp(mp.sqrt(u**2 + xx**2)) + 1), [0, mp.inf])
    return float(s(x) / s(0))


def _n_eff_instant(t_dec):
    """N_eff of the SM with instantaneous decoupling at t_dec and massive e±, from entropy alone:
    (T_ν/T_γ)³ = 2/(2 + (7/8)·4·σ_F(m_e/t_dec)), N_eff = 3[(11/4)(T_ν/T_γ)³]^{4/3}."""
    r3 = 2.0 / (2.0 + 3.5 * _fermion_entropy_fraction(ME / t_dec))
    return 3.0 * (11.0 / 4.0 * r3) ** (4.0 / 3.0)


def test_delta_neff_is_re_exported_and_broadcasts():
    from dialm import neff
    assert S.delta_neff is neff.delta_neff
    m = np.array([[1e-3, 1e-2], [2e-2, 0.1]])
    out = S.delta_neff(m)
    assert out.shape == (2, 2)
    assert np.allclose(out.ravel(), [S.delta_neff(v) for v in m.ravel()], rtol=0, atol=0)
    assert isinstance(S.delta_neff(0.01), float)
    # heavier V, less heating: monotonic
    assert np.all(np.diff(S.delta_neff(np.geomspace(1e-3, 0.1, 8))) < 0)


def test_sm_n_eff_of_the_method():
    from dialm.neff import neff_history
    h = neff_history()
    # the method's published SM value 3.045 includes the QED plasma correction and m_e in the
    # rates, which these equations leave out (≈ +0.01 together); without them it is below
    assert 3.030 < h["n_eff"] < float(C.NEFF_SM_ESCUDERO2020)
    assert abs(h["n_eff"] - float(C.NEFF_SM_ESCUDERO2020)) < 0.012
    # ν_e, coupled to e± by W and Z exchange, ends warmer than ν_μ,τ
    assert h["tnue_over_tgamma"][-1] > h["tnumutau_over_tgamma"][-1] > (4 / 11) ** (1 / 3)
    assert h["energy_residual"] < 1e-6


def test_heavy_v_decouples_from_n_eff():
    # V heavier than ~10 T_dec annihilates while everything is in equilibrium: no trace
    assert abs(S.delta_neff(0.2)) < 1e-6
    assert abs(S.delta_neff(1.0)) < 1e-9
    assert 0 < S.delta_neff(0.05) < 1e-3


def test_instantaneous_decoupling_conserves_each_sectors_entropy():
    from dialm.neff import neff_history
    for m, fl in [(None, "mu_tau"), (0.005, "all"), (0.005, "mu_tau"), (0.0, "all")]:
        h = neff_history(m, flavours=fl, t_dec=2e-3)
        assert np.allclose(h["entropy_em"], 1.0, atol=2e-8)
        assert np.allclose(h["entropy_nu"], 1.0, atol=2e-8)
    # and the SM N_eff of instantaneous decoupling with massive e± from entropy alone
    for td in (1e-3, 2e-3, 5e-3):
        h = neff_history(None, t_dec=td)
        assert math.isclose(h["n_eff"], _n_eff_instant(td), rel_tol=1e-7)


def test_full_solution_agrees_with_the_estimate_where_it_must():
    # weak rates off below T_dec, V with every flavour: exactly the estimate's assumptions; the
    # only difference is the SM normalisation (massive e± at T_dec): ΔN/N_SM = estimate/3
    for td in (1e-3, 2e-3):
        n_sm = _n_eff_instant(td)
        for m in (1e-4, 2e-3, 5e-3, 1e-2):
            full = S.delta_neff(m, flavours="all", t_dec=td, rtol=1e-12)
            est = S.delta_neff_estimate(m, td)
            # measured: 1.2e-7 at T_dec = 1 MeV, m = 10 MeV with the CODATA 2022 m_e (-8e-9 with
            # CODATA 2018's, 1.35e-9 lower): at that level the agreement moves with m_e
            assert math.isclose(full / n_sm, est / 3.0, rel_tol=2e-7), (td, m, full, est)


def test_light_decaying_boson_versus_a_massless_one():
    # truly massless V in equilibrium with the neutrinos through their decoupling: extra radiation
    # of 3 bosonic states at T_ν, ΔN_eff = 3 · (8/7)(1/2) = 12/7 times (T_ν/T_ν^inst)⁴
    td = 2e-3
    n_sm = _n_eff_instant(td)
    assert math.isclose(S.delta_neff(0.0, flavours="all", t_dec=td), 12 / 7 * n_sm / 3,
                        rel_tol=1e-7)
    # a light V that becomes non-relativistic after decoupling gives its entropy to the ν:
    # 3[(1 + 4/7)^{4/3} − 1] (all flavours), larger than 12/7
    light = S.delta_neff(1e-7, flavours="all", t_dec=td)
    assert math.isclose(light, n_sm * ((11 / 7) ** (4 / 3) - 1), rel_tol=1e-6)
    assert light > 12 / 7 + 0.7
    # the same ordering with the full weak rates and V on ν_μ, ν_τ only; ΔN(m → 0) close to
    # the two-flavour entropy estimate (2/3 N_SM)[(1 + 6/7)^{4/3} − 1]
    massless, decaying = S.delta_neff(0.0), S.delta_neff(1e-7)
    assert abs(massless - 12 / 7) < 0.03
    assert abs(decaying / (2 / 3 * 3.04 * ((13 / 7) ** (4 / 3) - 1)) - 1) < 0.02
    assert decaying > massless


def test_full_solution_exceeds_the_instantaneous_estimate_at_15_to_20_mev():
    # gradual decoupling: V's entropy still reaches the ν after T = 2 MeV
    for m in (0.015, 0.02):
        assert S.delta_neff(m) > 2 * S.delta_neff_estimate(m)


def test_neff_mass_bound_is_where_the_full_curve_crosses():
    for dn in (0.1, 0.285, 1.0):
        m = S.neff_mass_bound(dn)
        assert math.isclose(S.delta_neff(m), dn, rel_tol=1e-6)
    # the full history excludes more than the estimate with the same criterion
    assert S.neff_mass_bound(0.5) > S.bbn_mass_bound(0.5)
    assert S.neff_mass_bound(0.285, flavours="all") < S.neff_mass_bound(0.285)
