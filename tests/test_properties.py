"""Property tests (hypothesis) across dialm: the physics must hold for every allowed input.

Each property is a theorem of the physics, not of the implementation: rates are non-negative
inside the kinematic region and zero outside it, tree-level rates scale as g², the CKM matrix is
unitary for any parameters.  Examples are derandomised (reproducible runs).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dialm import constants as C
from dialm.ckm import ckm_matrix
from dialm.g2 import KINDS, delta_a_mu, hvp_kernel
from dialm.kaon import (
    IB_M2MISS_FLOOR,
    br_k_mu_nu_v,
    dalitz_m23sq_limits,
    dgamma_dm2miss,
    dgamma_dm2miss_mu_nu_gamma,
    msq_k_mu_nu_v,
)

PROFILE = settings(max_examples=150, deadline=None, derandomize=True)
MK, MMU = float(C.M_KPLUS), float(C.M_MU)
TOP = MK - MMU
unit = st.floats(0.0, 1.0)
log_mass = st.floats(-3.0, math.log10(0.99 * TOP))        # m_V from 1 MeV to just below m_K − m_μ
log_coupling = st.floats(-6.0, 0.0)


@PROFILE
@given(lam=st.floats(0.001, 0.999), A=st.floats(0.001, 3.0), rhobar=st.floats(-2.0, 2.0),
       etabar=st.floats(-2.0, 2.0))
def test_ckm_is_unitary_for_any_parameters(lam, A, rhobar, etabar):
    # the two constraints of the standard parametrisation (sines): refused with a ValueError
    assume(A * lam ** 2 < 1)
    try:
        V = ckm_matrix(lam, A, rhobar, etabar)
    except ValueError as err:
        assert "s13" in str(err)          # |V_ub| = s13 would exceed 1: refused, not NaN
        assume(False)
    assert np.allclose(V.conj().T @ V, np.eye(3), atol=1e-14, rtol=0)


@PROFILE
@given(log_m=log_mass, log_g=log_coupling, u=unit, v=unit)
def test_msq_non_negative_inside_the_dalitz_region(log_m, log_g, u, v):
    m_v, g_v = 10 ** log_m, 10 ** log_g
    s12 = m_v ** 2 + u * (TOP ** 2 - m_v ** 2)
    lo, hi = dalitz_m23sq_limits(s12, m_v)
    s23 = lo + v * (hi - lo)
    assert msq_k_mu_nu_v(s12, max(s23, MMU ** 2 * (1 + 1e-12)), m_v, g_v) >= 0


@PROFILE
@given(log_m=log_mass, log_g=log_coupling, u=st.floats(-0.5, 1.5))
def test_spectrum_non_negative_and_zero_outside(log_m, log_g, u):
    m_v, g_v = 10 ** log_m, 10 ** log_g
    s12 = m_v ** 2 + u * (TOP ** 2 - m_v ** 2)
    rate = dgamma_dm2miss(s12, m_v, g_v)
    assert rate >= 0
    if u <= 0 or u >= 1:
        assert rate == 0


@PROFILE
@given(log_m=log_mass, log_g=log_coupling, k=st.floats(0.01, 100.0))
def test_branching_ratio_scales_as_g_squared(log_m, log_g, k):
    m_v, g_v = 10 ** log_m, 10 ** log_g
    assert math.isclose(br_k_mu_nu_v(m_v, k * g_v), k * k * br_k_mu_nu_v(m_v, g_v), rel_tol=1e-12)


@PROFILE
@given(kind=st.sampled_from(KINDS), log_r=st.floats(-4.0, 4.0), log_g=log_coupling,
       k=st.floats(0.01, 100.0))
def test_delta_a_scales_as_g_squared_with_the_kinds_sign(kind, log_r, log_g, k):
    m, g = 10 ** log_r * MMU, 10 ** log_g
    da, da_k = delta_a_mu(kind, m, g), delta_a_mu(kind, m, k * g)
    assert math.isclose(da_k, k * k * da, rel_tol=1e-12)
    assert (da > 0) == (kind in ("scalar", "vector"))


@PROFILE
@given(log_r=st.floats(-2.0, 10.0))
def test_hvp_kernel_positive_and_below_its_large_s_bound(log_r):
    # 0 < K(s) < 1 for every s (its Feynman-parameter integrand lies between 0 and x(1-x)... < 1)
    k = hvp_kernel(10 ** log_r * MMU ** 2)
    assert 0 < k < 1


@PROFILE
@given(u=st.floats(-0.2, 1.2))
def test_ib_background_non_negative_and_zero_outside(u):
    s = u * TOP ** 2
    if 0 < s < IB_M2MISS_FLOOR:     # refused: the divergent two-body peak (tested in test_kaon_na62)
        return
    rate = dgamma_dm2miss_mu_nu_gamma(s)
    assert rate >= 0
    if u <= 0 or u >= 1:
        assert rate == 0
