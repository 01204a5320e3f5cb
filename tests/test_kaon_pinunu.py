"""Tests of dialm.kaon.pinunu (K → π ν ν̄): the Inami–Lim function, the branching ratios of
Barker & Kettell (2000) eq. 26, the review's numerical forms and the Grossman–Nir bound."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from dialm import constants as C
from dialm.ckm import ckm_matrix, kaon_lambdas
from dialm.kaon.pinunu import (
    X0_SERIES_HALF_WIDTH,
    br_kl_pi0nunu,
    br_kplus_pinunu,
    grossman_nir_factor,
    inami_lim_x0,
    kappa_from_kl3,
    pinunu_amplitude,
)

RNG_SEED = 19970216
PDG = (C.CKM_LAMBDA_PDG2024, C.CKM_A_PDG2024, C.CKM_RHOBAR_PDG2024, C.CKM_ETABAR_PDG2024)


# --------------------------------------------------------------------------------------------
# X0 against a 40-digit reference
# --------------------------------------------------------------------------------------------
def x0_mp(x, dps=40):
    with mp.workdps(dps):
        x = mp.mpf(x)
        if x == 1:
            return mp.mpf(11) / 16
        return x / 8 * ((x + 2) / (x - 1) + (3 * x - 6) / (x - 1) ** 2 * mp.log(x))


def _grid():
    return np.unique(np.concatenate([
        np.logspace(-3, 3, 601),                     # the brief's range
        np.logspace(-6, 6, 121),                     # and beyond
        1 + np.linspace(-0.25, 0.25, 401),           # through the series window
        1 + np.logspace(-15, -1, 57), 1 - np.logspace(-15, -1, 57),
        [1.0, 1 - X0_SERIES_HALF_WIDTH, 1 + X0_SERIES_HALF_WIDTH,
         np.nextafter(1 - X0_SERIES_HALF_WIDTH, 0), np.nextafter(1 + X0_SERIES_HALF_WIDTH, 2)],
    ]))


def test_x0_matches_mpmath_to_1e_13():
    xs = _grid()
    got = inami_lim_x0(xs)
    rel = np.array([abs(float((mp.mpf(g) - x0_mp(x)) / x0_mp(x)))
                    for g, x in zip(got, xs, strict=True)])
    assert rel.max() < 1e-13, (rel.max(), xs[np.argmax(rel)])


def test_x0_at_one_and_zero():
    assert inami_lim_x0(1.0) == 11 / 16
    assert inami_lim_x0(0.0) == 0.0
    # continuous through the series window edges
    for edge in (1 - X0_SERIES_HALF_WIDTH, 1 + X0_SERIES_HALF_WIDTH):
        lo, hi = inami_lim_x0(np.nextafter(edge, 0)), inami_lim_x0(np.nextafter(edge, 2))
        assert abs(hi - lo) < 1e-14


def test_series_coefficients_are_the_sympy_ones():
    x, e = sp.symbols("x epsilon")
    X0 = x / 8 * ((x + 2) / (x - 1) + (3 * x - 6) / (x - 1) ** 2 * sp.log(x))
    ser = sp.series(X0.subs(x, 1 + e), e, 0, 14).removeO()
    assert ser.coeff(e, 0) == sp.Rational(11, 16)
    assert ser.coeff(e, 1) == sp.Rational(3, 8)
    for n in range(2, 14):
        assert ser.coeff(e, n) == sp.Rational(3 * (-1) ** (n + 1), 4 * n * (n + 2))


def test_x0_is_c0_minus_4_b0():
    """The gauge-independent combination of Buchalla, Buras & Lautenbacher (1996)."""
    xs = np.array([0.01, 0.3, 2.0, 4.1, 30.0, 500.0])
    C0 = xs / 8 * ((xs - 6) / (xs - 1) + (3 * xs + 2) / (xs - 1) ** 2 * np.log(xs))
    B0 = 0.25 * (xs / (1 - xs) + xs * np.log(xs) / (xs - 1) ** 2)
    assert np.allclose(inami_lim_x0(xs), C0 - 4 * B0, rtol=1e-13, atol=0)


def test_x0_limits():
    # x -> 0: X0 = -(x/4)(1 + 3 ln x) + O(x^2 ln x)
    for x in (1e-6, 1e-8, 1e-10):
        lead = -(x / 4) * (1 + 3 * math.log(x))
        assert abs(inami_lim_x0(x) / lead - 1) < 20 * x * abs(math.log(x))
    # x -> oo: X0 = x/8 + (3/8) ln x + 3/8 + O(ln x / x); so X0 / (x/8) -> 1 but X0 - x/8 grows
    for x in (1e4, 1e6, 1e8):
        asym = x / 8 + 3 / 8 * math.log(x) + 3 / 8
        assert abs(inami_lim_x0(x) - asym) < 10 * math.log(x) / x
        assert abs(inami_lim_x0(x) / (x / 8) - 1) < 4 * math.log(x) / x
    assert inami_lim_x0(1e8) - 1e8 / 8 > 7.0  # (3/8)(ln 1e8 + 1) = 7.3: not a constant offset


def test_x0_monotonic_and_positive():
    xs = np.logspace(-5, 5, 3001)
    v = inami_lim_x0(xs)
    assert np.all(v > 0) and np.all(np.diff(v) > 0)


def test_x0_broadcasting_and_types():
    assert isinstance(inami_lim_x0(4.0), float)
    assert inami_lim_x0(np.full((2, 3), 4.0)).shape == (2, 3)
    assert inami_lim_x0([]).shape == (0,)


# --------------------------------------------------------------------------------------------
# branching ratios
# --------------------------------------------------------------------------------------------
def random_ckm(rng, n):
    lam = rng.uniform(0.1, 0.4, n)
    A = rng.uniform(0.3, 1.5, n)
    return ckm_matrix(lam, A, rng.uniform(-1, 1, n), rng.uniform(-1, 1, n)), lam


def test_br_scale_with_lambda_t():
    """Without charm, B(K+) ∝ |λ_t|² and B(K_L) ∝ (Im λ_t)² at fixed normalisation λ."""
    rng = np.random.default_rng(RNG_SEED)
    V, _ = random_ckm(rng, 300)
    lu, lc, lt = kaon_lambdas(V)
    bp = br_kplus_pinunu(V, p_c=0.0, lam=0.225)
    bl = br_kl_pi0nunu(V, p_c=0.0, lam=0.225)
    im_t = np.imag(lt * np.conj(lu)) / np.abs(lu)
    ratio_p = bp / np.abs(lt) ** 2
    ratio_l = bl / im_t**2
    want_p = C.KPNN_KAPPA_PLUS * (1 + C.KPNN_DELTA_EM) * C.KPNN_X_T**2 / 0.225**10
    want_l = C.KPNN_KAPPA_L * C.KPNN_X_T**2 / 0.225**10
    assert np.allclose(ratio_p, want_p, rtol=1e-12)
    assert np.allclose(ratio_l, want_l, rtol=1e-12)


def test_br_kplus_is_eq26_with_charm():
    rng = np.random.default_rng(RNG_SEED + 1)
    V, lam = random_ckm(rng, 100)
    lu, lc, lt = kaon_lambdas(V)
    lam_w = np.abs(V[:, 0, 1]) / np.hypot(np.abs(V[:, 0, 0]), np.abs(V[:, 0, 1]))
    xc = lam_w**4 * 0.4
    want = (5e-11 * (lam_w / 0.225) ** 8 * (1 - 0.003) / lam_w**10
            * np.abs(1.5 * lt + xc * lc) ** 2)
    got = br_kplus_pinunu(V, kappa_plus=5e-11, x_t=1.5, p_c=0.4, delta_em=-0.003)
    assert np.allclose(got, want, rtol=1e-12)


def test_agrees_with_buras_form_in_standard_convention():
    """κ₊(1+Δ)[(Im λ_t X_t/λ⁵)² + (Re λ_c P_c/λ + Re λ_t X_t/λ⁵)²] drops only Im λ_c P_c."""
    V = ckm_matrix(*PDG)
    lu, lc, lt = kaon_lambdas(V)
    lam = C.CKM_LAMBDA_PDG2024 / math.sqrt(1 - 0)  # |V_us|/sqrt(|V_ud|^2+|V_us|^2) = lambda exactly
    kap = C.KPNN_KAPPA_PLUS * (lam / 0.225) ** 8 * (1 + C.KPNN_DELTA_EM)
    buras = kap * ((lt.imag * C.KPNN_X_T / lam**5) ** 2
                   + (lc.real * C.KPNN_P_C / lam + lt.real * C.KPNN_X_T / lam**5) ** 2)
    ours = br_kplus_pinunu(V)
    assert abs(ours / buras - 1) < 5e-4


def test_rephasing_invariance():
    rng = np.random.default_rng(RNG_SEED + 2)
    V = ckm_matrix(*PDG)
    for _ in range(20):
        P = np.diag(np.exp(1j * rng.uniform(0, 2 * np.pi, 3)))
        Q = np.diag(np.exp(1j * rng.uniform(0, 2 * np.pi, 3)))
        Vp = P @ V @ Q.conj()
        assert abs(br_kplus_pinunu(Vp) / br_kplus_pinunu(V) - 1) < 1e-12
        assert abs(br_kl_pi0nunu(Vp) / br_kl_pi0nunu(V) - 1) < 1e-12


def test_stack_broadcasting():
    rng = np.random.default_rng(RNG_SEED + 3)
    V = ckm_matrix(rng.uniform(0.2, 0.25, (4, 5)), 0.8, rng.uniform(0, 0.3, (4, 5)), 0.35)
    assert br_kplus_pinunu(V).shape == (4, 5)
    assert br_kl_pi0nunu(V, x_t=np.linspace(1.4, 1.6, 5)).shape == (4, 5)
    one = br_kplus_pinunu(V[2, 3])
    assert isinstance(one, float) and one == pytest.approx(br_kplus_pinunu(V)[2, 3], rel=1e-14)
    assert isinstance(pinunu_amplitude(V[0, 0]), complex)


# --------------------------------------------------------------------------------------------
# the review's numbers (Barker & Kettell 2000, eqs. 26-28) from Buchalla & Buras (1999) inputs
# --------------------------------------------------------------------------------------------
def _xt_1999():
    return C.KPNN_ETA_X_1996 * inami_lim_x0((C.KPNN_MT_MSBAR_1999 / C.KPNN_MW_1999) ** 2)


def test_kappas_1999_from_ke3_and_lifetimes():
    kp = kappa_from_kl3(C.KPNN_BR_KE3_1998, C.KPNN_R_KPLUS_1996, C.KPNN_ALPHA_MZ_1999,
                        C.KPNN_SIN2W_1999, C.KPNN_LAMBDA_REF_1999)
    assert abs(kp / C.KPNN_KAPPA_PLUS_1999 - 1) < 2e-3
    gn = grossman_nir_factor(C.KPNN_TAU_KL_1998, C.KPNN_TAU_KPLUS_1998,
                             C.KPNN_R_KL_1996 / C.KPNN_R_KPLUS_1996)
    assert abs(kp * gn / C.KPNN_KAPPA_L_1999 - 1) < 3e-3
    assert round(gn, 1) == C.KPNN_BK_GN_FACTOR  # the review's 4.4


def test_review_numerical_coefficients():
    """4.08e-10 A⁴η² and 8.88e-11 A⁴[(ρ̄₀−ρ̄)² + (ση̄)²] with ρ̄₀ = 1.4, to the quoted digits."""
    lam, xt = C.KPNN_LAMBDA_REF_1999, _xt_1999()
    coeff_l = C.KPNN_KAPPA_L_1999 * xt**2
    sigma = (1 - lam**2 / 2) ** -2
    coeff_p = C.KPNN_KAPPA_PLUS_1999 * xt**2 / sigma
    rho0 = 1 + C.KPNN_P0_1999 / (C.CKM_A_2000**2 * xt)
    assert abs(coeff_l / C.KPNN_BK_COEFF_KL - 1) < 2e-3
    assert abs(coeff_p / C.KPNN_BK_COEFF_KPLUS - 1) < 2e-3
    assert round(rho0, 1) == C.KPNN_BK_RHOBAR0


@pytest.mark.parametrize("A, rhobar, etabar, tol", [(0.819, 0.1366, 0.3708, 5e-3),
                                                     (0.7, -0.2, 0.2, 2.5e-2),
                                                     (0.9, 0.4, 0.5, 5e-3)])
def test_full_formula_vs_numerical_forms(A, rhobar, etabar, tol):
    """The exact eq. 26 against the review's leading-order numerical forms.

    They drop O(λ²) relative corrections to Re λ_t and Re λ_c: 0.3 % at the review's point, up to
    2 % for ρ̄ < 0 (Re λ_t ∝ (1 − ρ̄) then carries λ² corrections of its own).
    """
    lam, xt, p0 = C.KPNN_LAMBDA_REF_1999, _xt_1999(), C.KPNN_P0_1999
    V = ckm_matrix(lam, A, rhobar, etabar)
    kw = dict(lam_ref=lam, x_t=xt, p_c=p0, lam=lam)
    bl = br_kl_pi0nunu(V, kappa_l=C.KPNN_KAPPA_L_1999, **kw)
    bp = br_kplus_pinunu(V, kappa_plus=C.KPNN_KAPPA_PLUS_1999, delta_em=0.0, **kw)
    eta = etabar / (1 - lam**2 / 2)
    sigma = (1 - lam**2 / 2) ** -2
    rho0 = 1 + p0 / (A**2 * xt)
    num_l = C.KPNN_KAPPA_L_1999 * xt**2 * A**4 * eta**2
    num_p = C.KPNN_KAPPA_PLUS_1999 * xt**2 / sigma * A**4 * ((rho0 - rhobar) ** 2
                                                            + (sigma * etabar) ** 2)
    assert abs(bl / num_l - 1) < tol
    assert abs(bp / num_p - 1) < tol


# --------------------------------------------------------------------------------------------
# Grossman–Nir
# --------------------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(lam=st.floats(0.02, 0.6), A=st.floats(0.1, 2.0), rb=st.floats(-2.0, 2.0),
       eb=st.floats(-2.0, 2.0), xt=st.floats(0.5, 3.0), pc=st.floats(0.0, 1.0))
def test_grossman_nir_holds_for_random_unitary_ckm(lam, A, rb, eb, xt, pc):
    if A**2 * lam**4 >= 0.9:
        return
    try:
        V = ckm_matrix(lam, A, rb, eb)
    except ValueError:  # s13 > 1: not a CKM matrix
        return
    bound = (C.KPNN_KAPPA_L / C.KPNN_KAPPA_PLUS) / (1 + C.KPNN_DELTA_EM)
    bp = br_kplus_pinunu(V, x_t=xt, p_c=pc)
    bl = br_kl_pi0nunu(V, x_t=xt, p_c=pc)
    assert bl <= bound * bp * (1 + 1e-12)


def test_grossman_nir_factor_today():
    g = grossman_nir_factor(delta_em=C.KPNN_DELTA_EM)
    assert abs(g - C.KPNN_KAPPA_L / C.KPNN_KAPPA_PLUS / (1 + C.KPNN_DELTA_EM)) < 1e-12
    assert round(g, 1) == 4.3
    # saturated when the K+ amplitude is purely imaginary (rho-bar at rho-bar_0)
    V = ckm_matrix(*PDG)
    a = pinunu_amplitude(V)
    assert abs(a.imag) < abs(a)


# --------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------
GOOD_V = ckm_matrix(*PDG)


@pytest.mark.parametrize("func", [br_kplus_pinunu, br_kl_pi0nunu, pinunu_amplitude])
@pytest.mark.parametrize("V, words", [
    (np.eye(2), ["V", "shape"]),
    (np.ones((3, 3)), ["unitary", "allowed range"]),
    (GOOD_V * 1.001, ["unitary", "allowed range"]),
    (np.full((3, 3), np.nan), ["finite"]),
])
def test_bad_matrix(func, V, words):
    with pytest.raises(ValueError) as err:
        func(V)
    for w in words:
        assert w in str(err.value)


@pytest.mark.parametrize("func, kwargs, name", [
    (br_kplus_pinunu, dict(kappa_plus=-1e-11), "kappa_plus"),
    (br_kplus_pinunu, dict(x_t=0.0), "x_t"),
    (br_kplus_pinunu, dict(p_c=-0.1), "p_c"),
    (br_kplus_pinunu, dict(delta_em=-1.5), "delta_em"),
    (br_kplus_pinunu, dict(lam=1.2), "lam"),
    (br_kplus_pinunu, dict(lam_ref=0.0), "lam_ref"),
    (br_kl_pi0nunu, dict(kappa_l=np.nan), "kappa_l"),
    (br_kl_pi0nunu, dict(x_t=-1.0), "x_t"),
    (br_kl_pi0nunu, dict(p_c=[0.4, -0.4]), "p_c"),
])
def test_bad_parameters(func, kwargs, name):
    with pytest.raises(ValueError) as err:
        func(GOOD_V, **kwargs)
    msg = str(err.value)
    assert name in msg and "allowed range" in msg
    value = list(kwargs.values())[0]
    shown = repr(float(np.min(value))) if np.ndim(value) else repr(float(value))
    assert shown in msg or "nan" in msg


@pytest.mark.parametrize("x, shown, finite", [(-1.0, "-1.0", True), (np.inf, "inf", False),
                                              (np.nan, "nan", False), ([1.0, -0.5], "-0.5", True)])
def test_bad_x0(x, shown, finite):
    with pytest.raises(ValueError) as err:
        inami_lim_x0(x)
    expected = f"inami_lim_x0: x = {shown} is outside the allowed range 0 <= x < inf"
    if not finite:
        expected += "; x must be finite"
    assert str(err.value) == expected


def test_x0_does_not_overflow():
    """X₀ ≈ x/8 is finite for every finite x; x(x + 2) used to overflow above x ≈ 1.3e154."""
    for x in (1e155, 1e300, 1e308, np.finfo(float).max):
        assert inami_lim_x0(x) == pytest.approx(float(x0_mp(x)), rel=1e-15)


@pytest.mark.parametrize("kwargs, name", [
    (dict(br_ke3=1.2, r_k=0.9, alpha=0.0078, sin2_theta_w=0.23, lam=0.22), "br_ke3"),
    (dict(br_ke3=0.05, r_k=-0.9, alpha=0.0078, sin2_theta_w=0.23, lam=0.22), "r_k"),
    (dict(br_ke3=0.05, r_k=0.9, alpha=0.0078, sin2_theta_w=1.0, lam=0.22), "sin2_theta_w"),
])
def test_bad_kappa_inputs(kwargs, name):
    with pytest.raises(ValueError, match=name):
        kappa_from_kl3(**kwargs)


def test_bad_lifetime():
    with pytest.raises(ValueError, match="tau_l"):
        grossman_nir_factor(tau_l=-5e-8)
