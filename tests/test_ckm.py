"""Tests of dialm.ckm: unitarity, rephasing invariance, the triangles, and the error paths."""

import math

import numpy as np
import pytest

from dialm import constants as C
from dialm.ckm import (
    b_triangle_apex,
    ckm_matrix,
    jarlskog,
    kaon_lambdas,
    rhobar_etabar_from_rho_eta,
    wolfenstein_parameters,
)

RNG_SEED = 20000917


def random_params(rng, shape):
    """Random Wolfenstein parameters over a wide, allowed region (not only near the data)."""
    lam = rng.uniform(0.05, 0.6, shape)
    A = rng.uniform(0.3, 1.5, shape)
    rhobar = rng.uniform(-1.0, 1.0, shape)
    etabar = rng.uniform(-1.0, 1.0, shape)
    return lam, A, rhobar, etabar


def explicit_rotations(lam, A, rhobar, etabar):
    """An independent construction: V = R23 · U13(δ) · R12 with explicit 3×3 matrices."""
    s12, s23 = lam, A * lam**2
    c12, c23 = math.sqrt(1 - s12**2), math.sqrt(1 - s23**2)
    apex = complex(rhobar, etabar)
    z = A * lam**3 * apex * math.sqrt(1 - A**2 * lam**4) / (
        math.sqrt(1 - lam**2) * (1 - A**2 * lam**4 * apex))
    s13, delta = abs(z), np.angle(z)
    c13 = math.sqrt(1 - s13**2)
    R23 = np.array([[1, 0, 0], [0, c23, s23], [0, -s23, c23]], dtype=complex)
    U13 = np.array([[c13, 0, s13 * np.exp(-1j * delta)], [0, 1, 0],
                    [-s13 * np.exp(1j * delta), 0, c13]], dtype=complex)
    R12 = np.array([[c12, s12, 0], [-s12, c12, 0], [0, 0, 1]], dtype=complex)
    return R23 @ U13 @ R12


@pytest.mark.parametrize("shape", [(), (7,), (4, 5), (2, 3, 4)])
def test_unitary_to_machine_precision(shape):
    rng = np.random.default_rng(RNG_SEED)
    V = ckm_matrix(*random_params(rng, shape))
    assert V.shape == shape + (3, 3)
    eye = np.eye(3)
    VdV = np.conj(np.swapaxes(V, -1, -2)) @ V
    VVd = V @ np.conj(np.swapaxes(V, -1, -2))
    assert np.max(np.abs(VdV - eye)) < 2e-15
    assert np.max(np.abs(VVd - eye)) < 2e-15


def test_broadcasting_of_mixed_shapes():
    V = ckm_matrix(np.array([0.2, 0.22, 0.24])[:, None], 0.8, np.array([0.1, 0.2]), 0.35)
    assert V.shape == (3, 2, 3, 3)
    assert np.allclose(V[1, 0], ckm_matrix(0.22, 0.8, 0.1, 0.35), atol=0, rtol=0)
    assert isinstance(jarlskog(ckm_matrix(0.22, 0.8, 0.1, 0.35)), float)
    assert jarlskog(V).shape == (3, 2)


def test_agrees_with_explicit_rotation_product():
    rng = np.random.default_rng(RNG_SEED + 1)
    for lam, A, rb, eb in zip(*random_params(rng, (50,)), strict=False):
        V1 = ckm_matrix(lam, A, rb, eb)
        V2 = explicit_rotations(lam, A, rb, eb)
        assert np.max(np.abs(V1 - V2)) < 5e-16


def test_jarlskog_is_rephasing_invariant():
    rng = np.random.default_rng(RNG_SEED + 2)
    V = ckm_matrix(*random_params(rng, (200,)))
    phi_up = rng.uniform(-np.pi, np.pi, (200, 3))
    phi_down = rng.uniform(-np.pi, np.pi, (200, 3))
    Vp = np.exp(1j * phi_up)[:, :, None] * V * np.exp(-1j * phi_down)[:, None, :]
    # the phases really change the matrix elements ...
    assert np.max(np.abs(Vp - V)) > 0.1
    # ... but not J, the kaon-triangle area, nor the B-triangle apex
    assert np.allclose(jarlskog(Vp), jarlskog(V), rtol=1e-12, atol=1e-17)
    lu, _, lt = kaon_lambdas(Vp)
    assert np.allclose(np.imag(np.conj(lu) * lt), jarlskog(V), rtol=1e-12, atol=1e-17)
    assert np.allclose(b_triangle_apex(Vp), b_triangle_apex(V), rtol=1e-12)
    # every one of the nine invariants Im(V_ij V_kl V*_il V*_kj) is ±J
    J = jarlskog(V)
    for i, k in [(0, 1), (0, 2), (1, 2)]:
        for j, l in [(0, 1), (0, 2), (1, 2)]:
            q = np.imag(Vp[:, i, j] * Vp[:, k, l] * np.conj(Vp[:, i, l]) * np.conj(Vp[:, k, j]))
            sign = (-1) ** ((i + k + 1) + (j + l + 1))  # the epsilon-tensor pattern
            assert np.allclose(q, sign * J, rtol=1e-11, atol=1e-17)


def test_kaon_triangle_closes_and_J_is_its_doubled_area():
    rng = np.random.default_rng(RNG_SEED + 3)
    V = ckm_matrix(*random_params(rng, (300,)))
    lu, lc, lt = kaon_lambdas(V)
    assert np.max(np.abs(lu + lc + lt) / np.abs(lu)) < 2e-15  # a few ulps of the long side
    # λ_u is real in the standard parametrisation, so J = λ_u Im λ_t (review eq. 19)
    assert np.max(np.abs(np.imag(lu))) == 0.0
    assert np.allclose(np.real(lu) * np.imag(lt), jarlskog(V), rtol=1e-12, atol=1e-18)


def test_b_triangle_apex_is_rhobar_etabar_exactly():
    rng = np.random.default_rng(RNG_SEED + 4)
    lam, A, rb, eb = random_params(rng, (500,))
    apex = b_triangle_apex(ckm_matrix(lam, A, rb, eb))
    assert np.max(np.abs(apex - (rb + 1j * eb))) < 1e-14


def test_wolfenstein_parameters_round_trip():
    rng = np.random.default_rng(RNG_SEED + 5)
    p = random_params(rng, (100,))
    back = wolfenstein_parameters(ckm_matrix(*p))
    for a, b in zip(p, back, strict=False):
        assert np.max(np.abs(a - b)) < 1e-13


def test_jarlskog_leading_order():
    """J = A²λ⁶η̄ (1 + O(λ⁴)): the relative correction shrinks like λ⁴."""
    A, rb, eb = 0.83, 0.16, 0.35
    lams = np.array([0.4, 0.2, 0.1, 0.05])
    ratio = jarlskog(ckm_matrix(lams, A, rb, eb)) / (A**2 * lams**6 * eb) - 1
    scaled = ratio / lams**4
    assert np.all(np.abs(ratio) < 0.3 * lams**2)  # at least O(λ²) ...
    assert np.allclose(scaled[1:], scaled[-1], rtol=0.1)  # ... and in fact O(λ⁴)


def test_moduli_of_vus_and_vcb():
    """|V_us| = λ c13 and |V_cb| = Aλ² c13 exactly; λ = |V_us|/sqrt(|V_ud|² + |V_us|²)."""
    rng = np.random.default_rng(RNG_SEED + 6)
    lam, A, rb, eb = random_params(rng, (100,))
    V = ckm_matrix(lam, A, rb, eb)
    c13 = np.sqrt(1 - np.abs(V[:, 0, 2]) ** 2)
    assert np.allclose(np.abs(V[:, 0, 1]), lam * c13, rtol=1e-15)
    assert np.allclose(np.abs(V[:, 1, 2]), A * lam**2 * c13, rtol=1e-15)
    assert np.allclose(np.abs(V[:, 0, 1]) / np.hypot(np.abs(V[:, 0, 0]), np.abs(V[:, 0, 1])),
                       lam, rtol=1e-15)
    # and at the physical point c13 = 1 − 7e-6, so |V_us| = λ to 7 digits
    Vp = ckm_matrix(C.CKM_LAMBDA_PDG2024, C.CKM_A_PDG2024, C.CKM_RHOBAR_PDG2024,
                    C.CKM_ETABAR_PDG2024)
    assert abs(abs(Vp[0, 1]) / C.CKM_LAMBDA_PDG2024 - 1) < 1e-5
    assert abs(abs(Vp[1, 2]) / (C.CKM_A_PDG2024 * C.CKM_LAMBDA_PDG2024**2) - 1) < 1e-5


def test_pdg2024_magnitudes_and_J():
    """The PDG 2024 central Wolfenstein parameters reproduce PDG's |V_ij| within their errors."""
    V = ckm_matrix(C.CKM_LAMBDA_PDG2024, C.CKM_A_PDG2024, C.CKM_RHOBAR_PDG2024,
                   C.CKM_ETABAR_PDG2024)
    for i in range(3):
        for j in range(3):
            ref = C.CKM_ABS_V_PDG2024[i][j]
            assert abs(abs(V[i, j]) - ref) < 0.5 * ref.sigma_sym, (i, j)
    assert abs(jarlskog(V) - C.CKM_J_PDG2024) < 0.5 * C.CKM_J_PDG2024.sigma_sym


def test_rhobar_conversion():
    rb, eb = rhobar_etabar_from_rho_eta(0.2196, 0.14, 0.38)
    assert isinstance(rb, float)
    assert rb == pytest.approx(0.14 * (1 - 0.2196**2 / 2), rel=1e-15)
    assert eb == pytest.approx(0.38 * (1 - 0.2196**2 / 2), rel=1e-15)
    with pytest.raises(ValueError, match="lam"):
        rhobar_etabar_from_rho_eta(1.2, 0.1, 0.3)


@pytest.mark.parametrize(
    "args, name",
    [
        ((0.0, 0.8, 0.1, 0.3), "lam"),
        ((-0.2, 0.8, 0.1, 0.3), "lam"),
        ((1.0, 0.8, 0.1, 0.3), "lam"),
        ((1.5, 0.8, 0.1, 0.3), "lam"),
        ((math.nan, 0.8, 0.1, 0.3), "lam"),
        ((0.22, 0.0, 0.1, 0.3), "A"),
        ((0.22, -0.8, 0.1, 0.3), "A"),
        ((0.22, math.inf, 0.1, 0.3), "A"),
        ((0.22, 0.8, math.nan, 0.3), "rhobar"),
        ((0.22, 0.8, 0.1, -math.inf), "etabar"),
        ((0.9, 1.3, 0.1, 0.3), "A\\*lam\\*\\*2"),  # A λ² = 1.05 > 1
        ((0.5, 1.0, 30.0, 30.0), "s13"),  # |V_ub| would exceed 1
        ((0.22, 0.8, [0.1, 0.2], [0.3, np.nan]), "etabar"),
    ],
)
def test_bad_parameters_raise(args, name):
    with pytest.raises(ValueError, match=name):
        ckm_matrix(*args)


def test_bad_parameter_message_names_value_and_range():
    with pytest.raises(ValueError,
                       match=r"^ckm_matrix: lam = 1\.5 is outside the allowed range 0 < lam < 1$"):
        ckm_matrix(1.5, 0.8, 0.1, 0.3)
    with pytest.raises(ValueError,
                       match=r"^ckm_matrix: A = -0\.8 is outside the allowed range 0 < A < inf$"):
        ckm_matrix(0.22, -0.8, 0.1, 0.3)
    with pytest.raises(ValueError, match=r"^ckm_matrix: etabar = nan is outside the allowed range "
                                         r"-inf < etabar < inf; etabar must be finite$"):
        ckm_matrix(0.22, 0.8, 0.1, [0.3, np.nan])
    with pytest.raises(ValueError, match=r"^ckm_matrix: A\*lam\*\*2 = 1\.053\d* is outside the allowed "
                                         r"range 0 < A\*lam\*\*2 < 1; s23 = A\*lam\*\*2 is a sine"):
        ckm_matrix(0.9, 1.3, 0.1, 0.3)
    with pytest.raises(ValueError, match=r"^ckm_matrix: s13 = \S+ is outside the allowed range "
                                         r"0 <= s13 <= 1; s13 = \|V_ub\|"):
        ckm_matrix(0.5, 1.0, 30.0, 30.0)
    with pytest.raises(TypeError):
        ckm_matrix("abc", 0.8, 0.1, 0.3)


@pytest.mark.parametrize("func", [jarlskog, kaon_lambdas, b_triangle_apex,
                                  wolfenstein_parameters])
def test_bad_matrix_shapes(func):
    for bad in (np.eye(2), np.zeros(3), np.ones((3, 4)), np.ones((2, 3, 2)), 1.0):
        with pytest.raises(ValueError, match="shape"):
            func(bad)
    with pytest.raises(ValueError, match="finite"):
        func(np.full((3, 3), np.nan))
    with pytest.raises(TypeError):
        func([["a", "b", "c"]] * 3)


def test_b_triangle_undefined_for_diagonal_matrix():
    with pytest.raises(ValueError, match="V_cd"):
        b_triangle_apex(np.eye(3))
