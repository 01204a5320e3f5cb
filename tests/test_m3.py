"""dialm.m3: the WW cross section of μN → μNV, the photon flux χ, the M³ yield and reach."""

import math

import mpmath as mp
import numpy as np
import pytest

from dialm import constants as C
from dialm.limits import poisson_upper_limit
from dialm.m3 import (
    chi_flux,
    dsigma_dx,
    expected_events,
    g2_elastic,
    g_reach,
    sigma_signal,
    t_min,
    target_properties,
    yield_per_muon,
)

MMU = float(C.M_MU)
ALPHA = float(C.ALPHA)
Z, A, X0, A2, D = target_properties("W")


def chi_mp(tmin, tmax, z=Z, a2=A2, d=D):
    """χ by mpmath quadrature (30 digits), split at the two scales of G₂."""
    with mp.workdps(30):
        def f(t):
            return (t - tmin) / t ** 2 * z ** 2 * (a2 * t / (1 + a2 * t)) ** 2 / (1 + t / d) ** 2
        pts = [mp.mpf(tmin)] + [p for p in (1 / a2, d) if tmin < p < tmax] + [mp.mpf(tmax)]
        return float(mp.quad(f, pts))


def dsdx_mp(x, mv, e=15.0, kind="kinematic"):
    """The WW dσ/dx (g = 1) from the closed form, with χ by mpmath."""
    if kind == "kinematic":
        u0 = mv ** 2 * (1 - x) / x + MMU ** 2 * x
        tmin = (u0 / (2 * e * (1 - x))) ** 2
    else:
        u0 = mv ** 2 * (1 - x) / x + MMU ** 2 * x
        tmin = (mv ** 2 / (2 * e)) ** 2
    chi = chi_mp(tmin, mv ** 2 + MMU ** 2)
    beta = math.sqrt(1 - (mv / (x * e)) ** 2)
    br = (1 - x + x ** 2 / 2) / u0 - x * (1 - x) * (mv ** 2 + 2 * MMU ** 2) / (6 * u0 ** 2)
    return 4 * ALPHA ** 2 / (4 * math.pi) * beta * chi * br


# --------------------------------------------------------------------------------------------
# the form factor and χ
# --------------------------------------------------------------------------------------------
def test_form_factor_limits():
    # point nucleus between the screening radius and the nuclear size; t² below, t⁻² above
    assert g2_elastic(math.sqrt(1 / A2 * D)) == pytest.approx(Z ** 2, rel=2e-3)
    t = 1e-14
    assert g2_elastic(t) == pytest.approx(Z ** 2 * (A2 * t) ** 2, rel=1e-3)
    t = 10.0
    assert g2_elastic(t) == pytest.approx(Z ** 2 * (D / t) ** 2, rel=1e-2)
    assert np.all(np.asarray(g2_elastic(np.geomspace(1e-14, 10, 50))) > 0)


@pytest.mark.parametrize("x,mv,e,kind", [
    (0.5, 0.01, 15.0, "kinematic"), (0.5, 0.01, 15.0, "iww"), (0.9, 1.0, 15.0, "kinematic"),
    (0.41, 0.001, 15.0, "iww"), (0.99, 0.3, 15.0, "kinematic"), (0.45, 0.1, 50.0, "iww"),
    (0.6, 3.0, 15.0, "iww"), (0.7, 0.05, 160.0, "kinematic"),
])
def test_chi_against_mpmath(x, mv, e, kind):
    tmin = t_min(x, mv, e, kind)
    assert chi_flux(x, mv, e, kind=kind) == pytest.approx(chi_mp(tmin, mv ** 2 + MMU ** 2), rel=1e-10)


def test_chi_point_nucleus_log():
    # for 1/a² ≪ t_min ≪ d ≪ t_max: χ/Z² ≈ ln(d/t_min) − 2 (point charge with a nuclear cut-off)
    tmin, tmax = 1e-7, 10.0
    assert chi_mp(tmin, tmax) / Z ** 2 == pytest.approx(math.log(D / tmin) - 2, abs=0.05)


def test_chi_vanishes_when_closed():
    # t_min ≥ t_max (only beyond the physical end point x = 1 − m_μ/E): no flux
    x, mv, e = 0.9999, 0.001, 1.0
    assert t_min(x, mv, e) > mv ** 2 + MMU ** 2
    assert chi_flux(x, mv, e) == 0.0


# --------------------------------------------------------------------------------------------
# the cross section
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["kinematic", "iww"])
def test_dsigma_dx_against_closed_form_with_mpmath_chi(kind):
    rng = np.random.default_rng(18)
    for _ in range(15):
        mv = 10 ** rng.uniform(-3, 0.3)
        x = rng.uniform(max(0.05, 1.5 * mv / 15), 0.99)
        assert dsigma_dx(x, mv, kind=kind) == pytest.approx(dsdx_mp(x, mv, kind=kind), rel=1e-9)


def ww_mp(x, mv, e=15.0):
    """The full WW dσ/dx (χ at every angle), as a nested mpmath quadrature."""
    u0 = mv ** 2 * (1 - x) / x + MMU ** 2 * x
    tmax = mv ** 2 + MMU ** 2
    c2 = x * (1 - x) * (mv ** 2 + 2 * MMU ** 2)
    umax = 2 * e * (1 - x) * math.sqrt(tmax)
    h = 1 - x + x ** 2 / 2

    def f(u):
        tmin = float((u / (2 * e * (1 - x))) ** 2)
        chi = chi_mp(tmin, tmax) if tmin < tmax else 0.0
        return (h / u ** 2 - c2 * (u - u0) / u ** 4) * chi

    with mp.workdps(15):
        val = mp.quad(f, [u0, 2 * u0, 10 * u0, umax])
    return 4 * ALPHA ** 2 / (4 * math.pi) * math.sqrt(1 - (mv / (x * e)) ** 2) * float(val)


@pytest.mark.parametrize("x,mv", [(0.5, 0.01), (0.9, 0.3), (0.6, 2.0), (0.45, 0.001)])
def test_full_ww_against_nested_mpmath(x, mv):
    assert dsigma_dx(x, mv, kind="ww") == pytest.approx(ww_mp(x, mv), rel=1e-9)


def test_flux_treatments_are_ordered():
    # χ is largest at θ_V = 0: the full WW lies below the "kinematic" one; "iww" above both
    x = np.linspace(0.41, 0.99, 12)
    for mv in (0.001, 0.1, 1.0):
        ww, kin, iww = (np.asarray(dsigma_dx(x, mv, kind=k)) for k in ("ww", "kinematic", "iww"))
        assert np.all(ww < kin) and np.all(kin < iww)


def test_limits_light_and_heavy():
    # m_V ≪ m_μ: 2α²α_V χ [(4/3)(1 − x) + x²]/(m_μ² x) (the Bethe–Heitler shape);
    # m_V ≫ m_μ: 4α²α_V χ x(1 − x + x²/3)/(m_V²(1 − x))
    pref = 4 * ALPHA ** 2 / (4 * math.pi)
    x, mv = 0.5, 1e-5
    light = pref / 2 * chi_flux(x, mv) * (4 / 3 * (1 - x) + x ** 2) / (MMU ** 2 * x)
    assert dsigma_dx(x, mv) == pytest.approx(light, rel=1e-6)
    x, mv, e = 0.5, 5.0, 500.0
    heavy = pref * chi_flux(x, mv, e) * x * (1 - x + x ** 2 / 3) / (mv ** 2 * (1 - x))
    assert dsigma_dx(x, mv, e_beam=e) == pytest.approx(heavy, rel=2e-3)   # O(m_μ²/m_V²) and β


def test_scaling_with_g_squared_and_positivity():
    x = np.linspace(0.01, 0.99, 50)
    for mv in (0.001, 0.05, 0.3, 2.0):
        s1 = np.asarray(dsigma_dx(x, mv, 1.0))
        assert np.all(s1 >= 0)
        np.testing.assert_allclose(dsigma_dx(x, mv, 3e-4), 9e-8 * s1, rtol=1e-14)
        assert sigma_signal(mv, 2e-3) == pytest.approx(4e-6 * sigma_signal(mv), rel=1e-14)


def test_closed_regions_give_zero():
    assert dsigma_dx(0.01, 0.2) == 0.0                          # x E < m_V
    assert dsigma_dx(1 - 0.5 * MMU / 15, 0.01) == 0.0            # x > 1 − m_μ/E


def test_sigma_signal_against_mpmath_integral():
    mv = 0.1
    with mp.workdps(20):
        ref = mp.quad(lambda x: dsigma_dx(float(x), mv), [0.4, 0.9, 0.99, 1 - MMU / 15])
    assert sigma_signal(mv) == pytest.approx(float(ref), rel=1e-8)


def test_signal_region_grows_with_e_out_max():
    s = np.asarray(sigma_signal(0.05, 1.0, 15.0, np.array([3.0, 6.0, 9.0, 12.0])))
    assert np.all(np.diff(s) > 0)


def test_yield_scaling_and_reach():
    y = yield_per_muon(0.05, 1e-4)
    assert yield_per_muon(0.05, 1e-4, thickness_x0=100.0) == pytest.approx(2 * y, rel=1e-14)
    assert expected_events(0.05, 1e-4, 1e12) == pytest.approx(1e12 * y, rel=1e-14)
    g = g_reach(0.05, 1e10)
    assert expected_events(0.05, g, 1e10) == pytest.approx(poisson_upper_limit(0), rel=1e-12)
    assert g_reach(0.05, 1e13) == pytest.approx(g / math.sqrt(1e3), rel=1e-12)
    assert g_reach(0.05, 1e10, n_signal=4 * poisson_upper_limit(0)) == pytest.approx(2 * g, rel=1e-12)
    # hand calculation of the yield: n T σ with σ in cm²
    n_t = float(C.M3_TARGET_X0) * X0 * float(C.N_AVOGADRO) / A
    assert y == pytest.approx(n_t * sigma_signal(0.05, 1e-4) * float(C.HBARC_GEV_CM) ** 2, rel=1e-14)


def test_reach_rises_with_mass_and_iww_is_larger_flux():
    m = np.geomspace(1e-3, 2.0, 30)
    g = np.asarray(g_reach(m, 1e10))
    assert np.all(np.diff(g) > -1e-3 * g[:-1])
    assert np.all(np.asarray(g_reach(m, 1e10, kind="iww")) < g)


def test_broadcasting_and_scalars():
    assert isinstance(dsigma_dx(0.5, 0.01), float)
    out = dsigma_dx(np.array([[0.5], [0.6]]), np.array([0.01, 0.02, 0.03]))
    assert out.shape == (2, 3)
    assert out[1, 2] == pytest.approx(dsigma_dx(0.6, 0.03), rel=1e-15)
    assert np.asarray(g_reach(np.array([0.01, 0.1]), 1e10, e_beam=np.array([15.0, 30.0]))).shape == (2,)


BAD = [
    (dsigma_dx, (1.2, 0.01), {}, "x = 1.2"),
    (dsigma_dx, (0.5, -0.01), {}, "m_v = -0.01"),
    (dsigma_dx, (0.5, 0.01, float("nan")), {}, "g = nan"),
    (dsigma_dx, (0.5, 0.01), {"e_beam": 0.05}, "e_beam = 0.05"),
    (dsigma_dx, (0.5, 0.01), {"target": "Fe"}, "target = 'Fe'"),
    (dsigma_dx, (0.5, 0.01), {"kind": "exact"}, "kind = 'exact'"),
    (chi_flux, (0.0, 0.01), {}, "x = 0.0"),
    (g2_elastic, (-1e-3,), {}, "t = -0.001"),
    (sigma_signal, (0.01,), {"e_out_max": 20.0}, "e_out_max = 20.0"),
    (sigma_signal, (14.95,), {}, "m_v = 14.95"),
    (yield_per_muon, (0.01,), {"thickness_x0": 0.0}, "thickness_x0 = 0.0"),
    (expected_events, (0.01, 1e-4, -5.0), {}, "n_mu = -5.0"),
    (g_reach, (0.01, 1e10), {"n_signal": -1.0}, "n_signal = -1.0"),
    (g_reach, ("abc", 1e10), {}, "m_v = 'abc'"),
]


@pytest.mark.parametrize("f,args,kw,text", BAD)
def test_bad_input(f, args, kw, text):
    with pytest.raises(ValueError, match=f"{f.__name__}: {text}"):
        f(*args, **kw)
