"""dialm.relic: g*(T), Bessel functions, the Radau Boltzmann solver, Ωh², the L_μ−L_τ annihilation."""

import math

import mpmath as mp
import numpy as np
import pytest
import scipy.special as sps
from scipy.integrate import solve_ivp

from dialm import constants as C
from dialm import relic as R

MMU, MTAU = float(C.M_MU), float(C.M_TAU)


# --------------------------------------------------------------------------------------------
# the plasma
# --------------------------------------------------------------------------------------------
def test_gstar_limits():
    # today: photons + neutrinos at T_nu/T = (2/h(1 MeV))^(1/3); g_s(0) ~ 3.94, g_rho ~ 3.39
    assert R.g_s(1e-6) == pytest.approx(3.94, abs=0.01)
    assert R.g_rho(1e-6) == pytest.approx(3.39, abs=0.01)
    # 10 MeV: gamma + e + 3 nu = 10.75 (Borsanyi: 10.76)
    assert R.g_rho(0.01) == pytest.approx(10.76, abs=0.01)
    # the table's points are reproduced by the spline
    for lt, grho, ratio in [(2.0, 17.61, 1.02324), (3.0, 73.48, 1.01778), (5.0, 102.17, 1.00750)]:
        T = 10 ** (lt - 3)
        assert R.g_rho(T) == pytest.approx(grho, rel=2e-4)
        assert R.g_s(T) == pytest.approx(grho / ratio, rel=2e-4)
    # above the table: held constant
    assert R.g_rho(1e3) == pytest.approx(104.98, rel=1e-6)


def test_gstar_monotone_and_half():
    T = np.geomspace(1e-6, 200.0, 2000)
    gs = R.g_s(T)
    # entropy dof do not decrease with T, up to the cubic spline's wiggle between the table's
    # points at 3-18 MeV and the join to the ideal gas at 3.16 MeV (< 2e-3 in g_s)
    assert np.all(np.diff(gs) > -2e-3)
    # g_*^{1/2} = g_s/sqrt(g_rho)(1 + dlng_s/3dlnT): where g_s is flat, g_s/sqrt(g_rho)
    for t in (1e-5, 0.01):
        assert R.gstar_half(t) == pytest.approx(R.g_s(t) / math.sqrt(R.g_rho(t)), rel=2e-3)


def test_bessel_against_scipy_and_mpmath():
    z = np.geomspace(1e-3, 1e4, 3000)
    for nu in (1, 2):
        assert np.max(np.abs(R.bessel_kve(nu, z) / sps.kve(nu, z) - 1)) < 2e-12
    for zz in (0.01, 1.0, 29.9, 30.1, 500.0):
        ref = float(mp.besselk(2, zz) * mp.exp(zz))
        assert R.bessel_kve(2, zz) == pytest.approx(ref, rel=1e-12)


def test_y_eq_nonrelativistic_limit():
    x = np.array([20.0, 50.0, 200.0])
    m = 100.0
    nr = 45 * 2 / (4 * math.pi**4) * np.sqrt(math.pi / 2) * x**1.5 * np.exp(-x) / R.g_s(m / x)
    # K2(x) ~ sqrt(pi/2x) e^-x (1 + 15/8x): ratio -> 1 + 15/(8x)
    assert np.allclose(R.y_eq(x, m) / nr, 1 + 15 / (8 * x) + 105 / (128 * x**2), rtol=2e-4)


# --------------------------------------------------------------------------------------------
# the integrator
# --------------------------------------------------------------------------------------------
def test_radau_order_conditions():
    A, c = R.RADAU_A, R.RADAU_C
    b = A[-1]
    assert np.allclose(A.sum(axis=1), c, atol=1e-15)
    for k in range(5):                                   # B(5): quadrature order 5
        assert np.dot(b, c**k) == pytest.approx(1 / (k + 1), abs=1e-15)
    for k in range(3):                                   # C(3): stage order 3
        assert np.allclose(A @ c**k, c ** (k + 1) / (k + 1), atol=1e-15)


def _scipy_reference(m, sv_cm3, x_end=1e4):
    """Radau of scipy on the same equation in W = ln Y vs ln x, very tight tolerances."""
    sv = sv_cm3 / R.CM3_PER_S_PER_GEV2
    lam0 = math.sqrt(math.pi / 45) * float(C.RELIC_M_PLANCK) * m * sv

    def ln_yeq(x):                     # in logs (Y_eq underflows), scipy's K_2
        return (math.log(45 * 2 / (4 * math.pi**4)) + 2 * math.log(x) + math.log(sps.kve(2, x)) - x
                - math.log(R.g_s(m / x)))

    def rhs(t, w):
        x = math.exp(t)
        lam = lam0 * R.gstar_half(m / x)
        lye = ln_yeq(x)
        return [-(lam / x) * (math.exp(w[0]) - math.exp(2 * lye - w[0]))]

    def jac(t, w):
        x = math.exp(t)
        lam = lam0 * R.gstar_half(m / x)
        lye = ln_yeq(x)
        return [[-(lam / x) * (math.exp(w[0]) + math.exp(2 * lye - w[0]))]]

    sol = solve_ivp(rhs, (0.0, math.log(x_end)), [ln_yeq(1.0)], method="Radau", jac=jac,
                    rtol=1e-10, atol=1e-11)
    return math.exp(sol.y[0, -1])


@pytest.mark.parametrize("m,sv", [(100.0, 2.2e-26), (0.1, 5e-26)])
def test_boltzmann_matches_scipy_radau(m, sv):
    y, _ = R.boltzmann_y([1e4], m, sv, tol=1e-11)
    assert y[0] == pytest.approx(_scipy_reference(m, sv), rel=1e-6)


def test_omega_scaling_and_tolerance():
    om1 = R.omega_h2(100.0, 2.2e-26)
    om2 = R.omega_h2(100.0, 4.4e-26)
    # Ω ∝ x_f/<σv>, x_f grows by ~ln 2: ratio a little above 1/2
    assert 0.5 < om2 / om1 < 0.54
    assert R.omega_h2(100.0, 2.2e-26, tol=1e-6) == pytest.approx(om1, rel=1e-5)
    assert R.omega_h2(100.0, 2.2e-26, dirac=True) == pytest.approx(2 * om1, rel=1e-12)


def test_steigman_dasgupta_beacom_curve():
    # SDB12 (arXiv:1204.3622): <σv> = 2.2e-26 cm³/s above 10 GeV; maximum 5.2e-26 at ~0.3 GeV.
    # Their normalisation Ω h² = 0.11 (WMAP era; from memory). Tolerances 5 % and 8 %: a
    # different g*(T) table (theirs pre-dates Borsanyi 2016).
    for m in (10.0, 100.0, 1000.0):
        assert R.sigma_v_for_omega(m, omega=0.11) == pytest.approx(2.2e-26, rel=0.08)
    assert R.sigma_v_for_omega(0.3, omega=0.11) == pytest.approx(5.2e-26, rel=0.08)
    # the brief's anchor: 2.2e-26 gives Ωh² ≈ 0.12 at 100 GeV (to 7 %)
    assert R.omega_h2(100.0, 2.2e-26) == pytest.approx(0.12, rel=0.07)
    # the maximum sits between 0.1 and 1 GeV
    ms = np.geomspace(0.03, 30, 13)
    sv = R.sigma_v_for_omega(ms)
    assert 0.1 <= ms[np.argmax(sv)] <= 1.0


def test_freeze_out_approx_close_to_numerics():
    for m in (0.01, 1.0, 100.0, 1000.0):
        xf, om = R.freeze_out_approx(m, 2.2e-26)
        assert 13 < xf < 30
        assert om == pytest.approx(R.omega_h2(m, 2.2e-26), rel=0.01)
        _, om_textbook = R.freeze_out_approx(m, 2.2e-26, integral=False)
        assert om_textbook == pytest.approx(R.omega_h2(m, 2.2e-26), rel=0.12)


# --------------------------------------------------------------------------------------------
# L_mu - L_tau
# --------------------------------------------------------------------------------------------
def test_width_channels():
    mv, g = 0.05, 1e-3
    assert R.width_v(mv, g, 0.5) == pytest.approx(2 * g**2 * mv / (24 * math.pi), rel=1e-14)
    mv = 5.0
    exp = 2 * g**2 * mv / (24 * math.pi)
    for mf in (MMU, MTAU):
        r = 4 * mf**2 / mv**2
        exp += g**2 * mv / (12 * math.pi) * (1 + r / 2) * math.sqrt(1 - r)
    assert R.width_v(mv, g, 0.5) == pytest.approx(exp, rel=1e-14)


def test_cross_section_high_energy_limit():
    # s >> all masses: σ -> g_χ² g_V² (2 + 1)/(12π s) (μ, τ Dirac + two half-neutrinos)
    s, ad, g = 1e6, 0.5, 1e-3
    gchi2 = 4 * math.pi * ad
    sig = R.sigma_annihilation(s, 0.1, 0.3, g, ad)
    assert sig == pytest.approx(gchi2 * g**2 * 3 / (12 * math.pi * s), rel=1e-5)


def test_nonrel_expansion_matches_thermal_at_large_x():
    # far from thresholds and resonance: m_chi = 1 GeV, m_V = 3 GeV (μ open, τ open above 1.777)
    for x in (50.0, 200.0):
        th = R.sigma_v_thermal(x, 1.0, 3.0, 1e-3)
        nr = R.sigma_v_nonrel(x, 1.0, 3.0, 1e-3)
        assert th == pytest.approx(nr, rel=3 / x**2 * 10)


def test_thermal_average_against_quadpack():
    # the Gondolo-Gelmini formula as written (in s, unscaled K1, K2) by scipy's QUADPACK, near the
    # resonance and the muon threshold; mpmath's tanh-sinh is not reliable here (4th digit)
    from scipy.integrate import quad
    m, mv, g, ad, x = 0.1, 0.21, 1e-3, 0.5, 15.0
    gam = R.width_v(mv, g, ad, m)
    gchi2 = 4 * math.pi * ad
    T = m / x

    def sv(s):
        chan = s
        for mf in (MMU, MTAU):
            if s > 4 * mf**2:
                chan += math.sqrt(1 - 4 * mf**2 / s) * (s + 2 * mf**2)
        return gchi2 * g**2 / (6 * math.pi * s) * (s + 2 * m**2) * chan / ((s - mv**2) ** 2 + mv**2 * gam**2)

    def integrand(s):
        sigma = sv(s) / (2 * math.sqrt(1 - 4 * m**2 / s))
        return sigma * (s - 4 * m**2) * math.sqrt(s) * sps.kv(1, math.sqrt(s) / T)

    lo = 4 * m**2
    ref = quad(integrand, lo, 8 * lo, points=[mv**2, 4 * MMU**2], epsabs=0, epsrel=1e-12, limit=500)[0]
    ref /= 8 * m**4 * T * sps.kv(2, x) ** 2
    ours = R.sigma_v_thermal(x, m, mv, g, ad) / R.CM3_PER_S_PER_GEV2
    assert ours == pytest.approx(ref, rel=1e-8)


def test_omega_lmutau_table_convergence_and_target():
    g = R.thermal_target_g(0.3)
    assert R.omega_h2_lmutau(0.1, 0.3, g) == pytest.approx(float(C.RELIC_OMEGA_DM_H2), rel=1e-4)
    assert R.omega_h2_lmutau(0.1, 0.3, g, n_x=160) == pytest.approx(0.12, rel=3e-3)
    # coarse widget setting within 1 % of the precise one
    fast = R.thermal_target_g(0.3, n_x=24, tol=1e-6, rtol=1e-5, refine=False)
    assert fast == pytest.approx(g, rel=0.01)
    # σv ∝ α_D g_V²/D with D = (4m² − m_V²)² + m_V²Γ_V² (far from resonance): g_V ∝ (D/α_D)^{1/2}
    mv, mchi = 0.03, 0.01
    g2 = R.thermal_target_g(mv, alpha_d=0.05)
    g1 = R.thermal_target_g(mv, alpha_d=0.5)
    d = [(4 * mchi**2 - mv**2) ** 2 + mv**2 * R.width_v(mv, g, a, mchi) ** 2
         for g, a in ((g2, 0.05), (g1, 0.5))]
    assert g2 / g1 == pytest.approx(math.sqrt(10 * d[0] / d[1]), rel=0.01)


# --------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda: R.omega_h2(-1.0, 2e-26),
    lambda: R.omega_h2(100.0, 0.0),
    lambda: R.omega_h2(100.0, float("nan")),
    lambda: R.omega_h2(100.0, 2e-26, dirac="yes"),
    lambda: R.g_rho(-1.0),
    lambda: R.bessel_kve(3, 1.0),
    lambda: R.bessel_kve(1, 0.0),
    lambda: R.sigma_v_mol(0.01, 0.1, 0.3, 1e-3),          # below threshold
    lambda: R.thermal_target_g(0.3, ratio=0.9),
    lambda: R.thermal_target_g(0.3, alpha_d=-0.1),
    lambda: R.boltzmann_y([10.0, 5.0], 100.0, 2e-26),
    lambda: R.width_v(0.0, 1e-3),
])
def test_bad_input(call):
    with pytest.raises(ValueError):
        call()
