"""Tests of the HVP part of dialm.g2: the kernel K(s), the model R(s) and a_mu^{HVP,LO}."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from dialm import constants as C
from dialm import g2
from dialm.g2 import a_mu_hvp_lo, hvp_kernel, hvp_lo_parts, r_ratio

M2 = float(C.M_MU) ** 2


def k_ref(r):
    """40-digit quadrature of the Feynman-parameter form at r = s/m²."""
    with mp.workdps(40):
        r = mp.mpf(r)
        f = lambda x: x**2 * (1 - x) / (x**2 + (1 - x) * r)  # noqa: E731
        pts = sorted({mp.mpf(0), mp.mpf(1) / 2, 1 - 1 / (1 + r), 1 - 1 / (1 + mp.sqrt(r)),
                      mp.mpf(1)})
        return mp.quad(f, pts)


@pytest.mark.parametrize("r", [0.05, 0.5, 1.74, 3.9, 3.9999999, 4.0, 4.0000001, 4.5, 16.0,
                               49.9, 50.1, 300.0, 1e3, 1e5, 1e7, 1e10])
def test_kernel_vs_mpmath(r):
    assert hvp_kernel(r * M2) == pytest.approx(float(k_ref(r)), rel=1e-11, abs=0)


def test_kernel_over_the_book_range_1e9():
    s = np.geomspace(4 * float(C.M_PIPLUS) ** 2, 1e4, 40)
    got = hvp_kernel(s)
    ref = np.array([float(k_ref(x / M2)) for x in s])
    assert np.max(np.abs(got / ref - 1)) < 1e-9


def test_kernel_threshold_and_large_s():
    assert hvp_kernel(4 * M2) == pytest.approx(8 * math.log(2) - 5.5, rel=1e-13)
    s = 1e8
    assert hvp_kernel(s) * 3 * s / M2 == pytest.approx(1.0, rel=1e-7)
    assert hvp_kernel([1.0, 2.0]).shape == (2,)
    assert isinstance(hvp_kernel(1.0), float)


def test_a_mu_hvp_lo_within_5_percent_of_wp2020():
    a = a_mu_hvp_lo()
    assert abs(a / C.A_MU_HVP_LO_WP2020 - 1) < 0.05
    parts = hvp_lo_parts()
    assert sum(parts.values()) == pytest.approx(a, rel=1e-12)
    assert 0.6 < parts["pipi"] / a < 0.8


def test_cumulative_is_monotone_and_ends_at_total():
    e = np.array([0.5, 0.8, 1.0, 2.0, 5.0, 20.0, np.inf])
    cum = a_mu_hvp_lo(e_max=e)
    assert np.all(np.diff(cum) > 0)
    assert cum[-1] == pytest.approx(a_mu_hvp_lo(), rel=1e-14)
    assert a_mu_hvp_lo(e_max=0.2) == 0.0


def test_quadrature_converged():
    """Doubling the panels changes the result by < 1e-6 relative."""
    def run(npipi, ncont):
        out = np.empty(1)
        parts = np.empty((1, 6))
        d = g2.HVP_DEFAULTS
        pars = np.array([d["m_rho"], d["gamma_rho"], d["eps_rho_omega"], d["alpha_s_mz"]])
        g2._hvp_many(np.array([np.inf]), out, parts, pars, d["e_cut"], float(C.M_MU),
                     float(C.ALPHA), g2._FIXED, g2._NARROW, g2._NARROW_GROUP, g2._HVP_SC,
                     g2._HVP_SD, g2.HVP_R_SERIES, g2._GL_X, g2._GL_W, npipi, ncont)
        return out[0]
    base = run(g2._N_PANELS_PIPI, g2._N_PANELS_CONT)
    assert base == pytest.approx(a_mu_hvp_lo(), rel=1e-14)
    assert run(2 * g2._N_PANELS_PIPI, 2 * g2._N_PANELS_CONT) == pytest.approx(base, rel=1e-6)


def test_r_ratio_physics():
    # far above the rho: pQCD with 3 flavours just above e_cut, 5 flavours at 20 GeV
    assert 2.0 < r_ratio(1.5) < 2.4
    assert 11 / 3 < r_ratio(20.0) < 11 / 3 * 1.1
    # near threshold |F_pi| ~ 1: R ~ beta^3/4
    e = 2 * float(C.M_PIPLUS) * 1.01
    beta = math.sqrt(1 - 1 / 1.01**2)
    assert r_ratio(e) / (beta**3 / 4) == pytest.approx(1.2, abs=0.2)
    assert r_ratio(0.2) == 0.0


def test_widget_parameters_move_a_mu():
    a0 = a_mu_hvp_lo()
    assert a_mu_hvp_lo(m_rho=0.770) > a0          # lighter rho: more weight at low s
    assert a_mu_hvp_lo(gamma_rho=0.155) != a0


@pytest.mark.parametrize("kw, name", [
    (dict(m_rho=-0.7), "m_rho"), (dict(m_rho=float("nan")), "m_rho"),
    (dict(gamma_rho=0.0), "gamma_rho"), (dict(eps_rho_omega=0.5), "eps_rho_omega"),
    (dict(e_cut=3.0), "e_cut"), (dict(alpha_s_mz=-0.1), "alpha_s_mz"),
    (dict(e_max=-1.0), "e_max"), (dict(e_max=float("nan")), "e_max")])
def test_bad_inputs_a_mu(kw, name):
    with pytest.raises(ValueError, match=name):
        a_mu_hvp_lo(**kw)


@pytest.mark.parametrize("s", [0.0, -1.0, float("inf"), float("nan")])
def test_bad_inputs_kernel(s):
    with pytest.raises(ValueError, match="s = "):
        hvp_kernel(s)
    with pytest.raises(ValueError, match="sqrt_s"):
        r_ratio(s)


def test_bad_mass_kernel():
    with pytest.raises(ValueError, match="m = "):
        hvp_kernel(1.0, m=0.0)


def _c_rho1450_from_cmd2(m_rho, gamma_rho, gamma_ee):
    """c' for which the book's F_pi (no rho-omega mixing) has the narrow-resonance rho peak
    |F_pi(M^2)|^2 = 36 Gamma_ee / (alpha^2 beta^3 Gamma) (B(rho -> pi pi) = 1)."""
    from scipy.optimize import brentq

    m_pi = float(C.M_PIPLUS)
    beta = math.sqrt(1 - 4 * m_pi**2 / m_rho**2)
    peak = 36 * gamma_ee / (float(C.ALPHA) ** 2 * beta**3 * gamma_rho)
    bw = g2._gs_bw(m_rho, m_rho, gamma_rho, m_pi)
    bw1 = g2._gs_bw(m_rho, float(C.M_RHO1450), float(C.GAMMA_RHO1450), m_pi)
    return brentq(lambda c: abs((bw + c * bw1) / (1 + c)) ** 2 - peak, -0.3, 0.2)


def test_rho1450_amplitude_is_the_one_cmd2_rho_parameters_imply():
    ins = [float(C.HVP_CMD2_M_RHO), float(C.HVP_CMD2_GAMMA_RHO), float(C.HVP_CMD2_GAMMA_EE_RHO)]
    c = _c_rho1450_from_cmd2(*ins)
    assert c == pytest.approx(float(C.HVP_C_RHO1450), abs=5e-5)
    # its error: the three CMD-2 errors in quadrature
    errs = [C.HVP_CMD2_M_RHO.sigma, C.HVP_CMD2_GAMMA_RHO.sigma, C.HVP_CMD2_GAMMA_EE_RHO.sigma]
    shifts = [_c_rho1450_from_cmd2(*[v + (e if j == i else 0.0) for j, v in enumerate(ins)]) - c
              for i, e in enumerate(errs)]
    assert math.hypot(*shifts) == pytest.approx(C.HVP_C_RHO1450.sigma, abs=2e-4)
