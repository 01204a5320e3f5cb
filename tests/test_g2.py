"""Tests for dialm.g2: one-loop Δa_ℓ from a light neutral scalar, pseudoscalar, vector, axial vector."""

from __future__ import annotations

import math
import re

import mpmath as mp
import numpy as np
import pytest

from dialm import g2
from dialm.constants import ALPHA, M_E, M_MU
from dialm.g2 import KINDS, delta_a_mu, g_for_delta_a, loop_function

PREF = 1.0 / (8.0 * math.pi**2)


# --------------------------------------------------------------------------------------------
# an independent high-precision reference: mpmath quadrature of the Feynman-parameter integrand
# --------------------------------------------------------------------------------------------
def _numerator(kind, z, r):
    if kind == "scalar":
        return (1 - z) ** 2 * (1 + z)
    if kind == "pseudoscalar":
        return -((1 - z) ** 3)
    if kind == "vector":
        return 2 * z * (1 - z) ** 2
    if kind == "axial":
        return -2 * z * (1 - z) * (3 + z) - 4 * (1 - z) ** 3 / r**2
    if kind == "axial_transverse":  # the g^{mu nu} part of the unitary-gauge propagator only
        return -2 * z * (1 - z) * (3 + z)
    raise KeyError(kind)


def reference(kind, r, dps=32):
    """∫₀¹ N/D dz with mpmath tanh-sinh, split at the scales r, r², 1/r, 1/r² of D near z = 0, 1."""
    with mp.workdps(dps):
        r = mp.mpf(r)
        pts = {mp.mpf(0), mp.mpf(1)}
        for s in (r**2, 1 / r**2, r, 1 / r):
            for f in (mp.mpf(1), mp.mpf(10), mp.mpf("0.1")):
                for p in (s * f, 1 - s * f):
                    if 0 < p < 1:
                        pts.add(p)
        return mp.quad(lambda z: _numerator(kind, z, r) / ((1 - z) ** 2 + r**2 * z), sorted(pts))


ACCURACY_R = np.concatenate([np.logspace(-4, 4, 17),
                             [0.999e-3, 1.001e-3, 1.999, 2.0, 2.001, 4.19, 4.21, 30.0]])


@pytest.mark.parametrize("kind", KINDS)
def test_accuracy_against_mpmath(kind):
    """1e-10 relative (the brief asks 1e-9) for m/m_ℓ in [1e-4, 1e4], incl. the crossovers."""
    got = loop_function(kind, ACCURACY_R)
    for r, v in zip(ACCURACY_R, got, strict=False):
        ref = reference(kind, r)
        assert abs(mp.mpf(v) / ref - 1) < 1e-10, (kind, r, v, ref)


def test_reference_is_trustworthy():
    """The quadrature reference agrees with the exact closed form at 40 digits (Schwinger-like r)."""
    with mp.workdps(40):
        r = mp.mpf("0.3")
        j = 2 * mp.acos(r / 2) / (r * mp.sqrt(4 - r**2))
        x = r**2
        exact = (1 - 2 * x) + (x * x - 2 * x) * mp.log(x) + (-(x**3) + 4 * x * x - 2 * x) * j
        assert abs(reference("vector", r, dps=40) / exact - 1) < mp.mpf(10) ** -35


# --------------------------------------------------------------------------------------------
# limits against closed forms
# --------------------------------------------------------------------------------------------
def test_light_limits():
    """m ≪ m_ℓ: Δa → 3g²/16π² (S), −g²/16π² (P), g²/8π² (V), −g² m_ℓ²/(4π² m²) (A)."""
    g, m = 1e-3, 1e-9  # r ~ 1e-8: corrections O(r) ~ 3e-8
    assert delta_a_mu("scalar", m, g) == pytest.approx(3 * g**2 / (16 * math.pi**2), rel=1e-7)
    assert delta_a_mu("pseudoscalar", m, g) == pytest.approx(-(g**2) / (16 * math.pi**2), rel=1e-7)
    assert delta_a_mu("vector", m, g) == pytest.approx(g**2 / (8 * math.pi**2), rel=1e-7)
    assert delta_a_mu("axial", m, g) == pytest.approx(-(g**2) * M_MU**2 / (4 * math.pi**2 * m**2),
                                                      rel=1e-7)
    # the next terms of the small-r series: -π r, then r² ln r (chapter's sympy series)
    r = 1e-4
    lr = math.log(r)
    assert loop_function("vector", r) == pytest.approx(1 - math.pi * r - (4 * lr + 1) * r**2,
                                                       rel=1e-11)
    assert loop_function("scalar", r) == pytest.approx(1.5 - math.pi * r - 3 * lr * r**2,
                                                       rel=1e-11)


def test_heavy_limits():
    """m ≫ m_ℓ: the logs of Jegerlehner & Nyffeler's heavy-mass forms, corrections O(ln r²/r²)."""
    r = 1e3
    L = math.log(r * r)
    lead = {"scalar": (L - 7 / 6) / r**2, "pseudoscalar": -(L - 11 / 6) / r**2,
            "vector": 2 / (3 * r**2), "axial": -10 / (3 * r**2)}
    for kind, v in lead.items():
        assert loop_function(kind, r) == pytest.approx(v, rel=5e-5), kind
    # heavy scalar in the form g² m_μ²/(4π² m²) (ln(m/m_μ) − 7/12)
    g, m = 0.5, 500.0
    expect = g**2 * M_MU**2 / (4 * math.pi**2 * m**2) * (math.log(m / M_MU) - 7 / 12)
    assert delta_a_mu("scalar", m, g) == pytest.approx(expect, rel=1e-5)


def test_schwinger_limit():
    """A massless vector with the photon's coupling g = e gives Schwinger's α/2π."""
    e = math.sqrt(4 * math.pi * ALPHA)
    assert delta_a_mu("vector", 1e-12, e) == pytest.approx(ALPHA / (2 * math.pi), rel=1e-9)
    assert delta_a_mu("vector", 1e-15, e, m_lepton=M_E) == pytest.approx(ALPHA / (2 * math.pi),
                                                                        rel=1e-9)


def test_electron_is_the_same_function_of_the_mass_ratio():
    m = np.logspace(-5, 1, 13)
    for kind in KINDS:
        got = delta_a_mu(kind, m, 1e-4, m_lepton=M_E)
        same = delta_a_mu(kind, m * (M_MU / M_E), 1e-4)
        np.testing.assert_allclose(got, same, rtol=1e-12)
    # heavy vector: the electron's shift is (m_e/m_μ)² smaller
    assert (delta_a_mu("vector", 1e4, 1.0, m_lepton=M_E) / delta_a_mu("vector", 1e4, 1.0)
            == pytest.approx((M_E / M_MU) ** 2, rel=1e-6))


def test_signs_over_all_masses():
    """Scalar and vector raise a_ℓ, pseudoscalar and axial lower it, at every mass."""
    r = np.logspace(-6, 6, 241)
    assert (loop_function("scalar", r) > 0).all()
    assert (loop_function("vector", r) > 0).all()
    assert (loop_function("pseudoscalar", r) < 0).all()
    assert (loop_function("axial", r) < 0).all()


@pytest.mark.parametrize("r", [1e-3, 0.1, 1.0, 3.0, 30.0])
def test_axial_is_transverse_plus_goldstone_pseudoscalar(r):
    """Unitary gauge: I_A(r) = I_A^{g^{μν}}(r) + (2/r)² I_P(r), i.e. the longitudinal mode is a
    pseudoscalar with coupling 2 g m_ℓ/m (exact, not only at small m)."""
    got = loop_function("axial", r) - 4 / r**2 * loop_function("pseudoscalar", r)
    assert abs(mp.mpf(got) / reference("axial_transverse", r) - 1) < 1e-9
    m = r * M_MU
    da = delta_a_mu("axial", m, 1e-3) - delta_a_mu("pseudoscalar", m, 2e-3 * M_MU / m)
    assert da == pytest.approx(1e-6 * PREF * got, rel=1e-9)


def test_large_r_table_matches_sympy():
    """The stored 20-term large-r expansion is sympy's series of the exact closed form."""
    sp = pytest.importorskip("sympy")
    t, Lt = sp.symbols("t Lt", positive=True)
    r = 1 / t
    n = len(g2._LARGE_TABLE[0])
    x = r**2
    series_j = (sp.series(2 * t**2 * sp.log((1 + sp.sqrt(1 - 4 * t**2)) / 2) / sp.sqrt(1 - 4 * t**2),
                          t, 0, 2 * n + 12).removeO()
                + Lt / 2 * sp.series(2 * t**2 / sp.sqrt(1 - 4 * t**2), t, 0, 2 * n + 12).removeO())
    closed = {  # P + A L + B J from the polynomial division by D (chapter)
        "scalar": (sp.Rational(3, 2) - x, x**2 / 2 - 3 * x / 2, -(x**3) / 2 + 5 * x**2 / 2 - 2 * x),
        "pseudoscalar": (-sp.Rational(1, 2) - x, x**2 / 2 - x / 2, -(x**3) / 2 + 3 * x**2 / 2),
        "vector": (1 - 2 * x, x**2 - 2 * x, -(x**3) + 4 * x**2 - 2 * x),
        "axial": (5 - 2 * x - 2 / x, x**2 - 4 * x + 2, -(x**3) + 6 * x**2 - 8 * x),
    }
    for row, kind in enumerate(KINDS):
        p, a, b = closed[kind]
        expr = sp.expand(p + a * Lt + b * series_j)
        for k in range(1, n + 1):
            coeff = sp.expand(expr.coeff(t, 2 * k))
            c, d = coeff.coeff(Lt, 0), coeff.coeff(Lt, 1)
            assert float(c) == g2._LARGE_C[row, k - 1], (kind, k)
            assert float(d) == g2._LARGE_D[row, k - 1], (kind, k)
        for k in range(-8, 2):
            assert sp.simplify(expr.coeff(t, k)) == 0, (kind, k)


# --------------------------------------------------------------------------------------------
# shapes and types
# --------------------------------------------------------------------------------------------
def test_broadcasting_shapes():
    m = np.logspace(-3, 1, 5)[:, None]
    g = np.logspace(-5, -2, 4)
    out = delta_a_mu("vector", m, g)
    assert out.shape == (5, 4)
    np.testing.assert_allclose(out[:, 1], delta_a_mu("vector", m[:, 0], g[1]), rtol=1e-15)
    ml = np.array([M_E, M_MU])[:, None, None]
    assert delta_a_mu("scalar", m, g, m_lepton=ml).shape == (2, 5, 4)
    assert g_for_delta_a("scalar", m, [1e-9, 2e-9]).shape == (5, 2)
    assert loop_function("axial", np.ones((2, 3, 4))).shape == (2, 3, 4)


def test_scalar_in_float_out():
    for value in (delta_a_mu("scalar", 0.01, 1e-3), delta_a_mu("axial", np.float32(0.5), 1),
                  delta_a_mu("vector", np.array(0.1), np.array(1e-4)),
                  g_for_delta_a("vector", 0.01, 2.5e-9), loop_function("pseudoscalar", 2.0)):
        assert type(value) is float


def test_g_for_delta_a_round_trip_and_signs():
    m = np.logspace(-3, 2, 11)
    for kind, da in (("scalar", 251e-11), ("vector", 251e-11), ("pseudoscalar", -88e-11),
                     ("axial", -88e-11)):
        g = g_for_delta_a(kind, m, da)
        np.testing.assert_allclose(delta_a_mu(kind, m, g), da, rtol=1e-13)
    assert g_for_delta_a("vector", 0.01, 0.0) == 0.0
    # the talk's light-vector number: Δa = 1.3e-10 (g/1e-4)² ⇒ g = 4.45e-4 for Δa = 251e-11
    assert g_for_delta_a("vector", 1e-6, 251e-11) == pytest.approx(4.45e-4, rel=2e-3)


# --------------------------------------------------------------------------------------------
# bad input: a ValueError naming the parameter, the value and the allowed range
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_mass(bad):
    shown = re.escape(repr(bad))
    with pytest.raises(ValueError, match=rf"^delta_a_mu: m = {shown} is outside the allowed range "
                                         r"0 < m < inf \(GeV\)"):
        delta_a_mu("scalar", [0.1, bad], 1e-3)
    with pytest.raises(ValueError, match=rf"^g_for_delta_a: m = {shown} is outside the allowed range "
                                         r"0 < m < inf \(GeV\)"):
        g_for_delta_a("vector", bad, 1e-9)


@pytest.mark.parametrize("bad", [0.0, -0.1, float("nan"), float("-inf")])
def test_bad_lepton_mass(bad):
    with pytest.raises(ValueError, match=rf"^delta_a_mu: m_lepton = {re.escape(repr(bad))} is outside "
                                         r"the allowed range 0 < m_lepton < inf \(GeV\)"):
        delta_a_mu("vector", 0.1, 1e-3, m_lepton=bad)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_bad_coupling(bad):
    shown = re.escape(repr(bad))
    with pytest.raises(ValueError, match=rf"^delta_a_mu: g = {shown} is outside the allowed range "
                                         r"-inf < g < inf; g must be finite$"):
        delta_a_mu("vector", 0.1, [1e-3, bad])
    with pytest.raises(ValueError, match=rf"^g_for_delta_a: delta_a = {shown} is outside the allowed "
                                         r"range -inf < delta_a < inf; delta_a must be finite$"):
        g_for_delta_a("vector", 0.1, bad)


@pytest.mark.parametrize("bad", ["tensor", "Scalar", 2, None])
def test_bad_kind(bad):
    with pytest.raises(ValueError, match=rf"^delta_a_mu: kind = {re.escape(repr(bad))} is not one of "
                                         r"the allowed values \('scalar', 'pseudoscalar', "
                                         r"'vector', 'axial'\)$"):
        delta_a_mu(bad, 0.1, 1e-3)


def test_bad_ratio():
    with pytest.raises(ValueError, match=r"^loop_function: r = -1\.0 is outside the allowed range "
                                         r"0 < r < inf$"):
        loop_function("vector", -1.0)


@pytest.mark.parametrize("kind,da", [("pseudoscalar", 251e-11), ("axial", 1e-9),
                                     ("vector", -1e-9), ("scalar", -1e-12)])
def test_wrong_sign_for_kind(kind, da):
    rng = "0 <= delta_a < inf" if da < 0 else "-inf < delta_a <= 0"
    sign = "> 0" if da < 0 else "< 0"
    with pytest.raises(ValueError, match=rf"^g_for_delta_a: delta_a = {re.escape(repr(da))} is outside "
                                         rf"the allowed range {rng}; a {kind} gives Δa {sign} "
                                         r"for every mass$"):
        g_for_delta_a(kind, 0.05, da)
