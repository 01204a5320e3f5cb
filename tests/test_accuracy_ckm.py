"""The stated accuracy of dialm.ckm against 40-digit mpmath from the same Wolfenstein inputs.

The reference matrix is the explicit product R23 · U13(δ) · R12 of the standard parametrisation in
mpmath (angles from λ, A, ρ̄, η̄ by the PDG's all-orders relation); J, the kaon-triangle sides and
the B-triangle apex are evaluated on it at 40 digits, and the Wolfenstein parameters are the
inputs themselves.  The functions of a matrix are fed ``ckm_matrix`` of the same inputs (and
rephased copies of it, for the rephasing invariants), so each row measures the whole chain a
reader uses.  λ runs from 1e-4 to 0.9 (A λ² < 1), the apex over the four quadrants.

Complex results (the matrix, λ_i, the apex) are compared by modulus, |got − ref| / |ref|.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from _accuracy import Case, check

from dialm import ckm

LAMBDAS = (1e-4, 1e-3, 0.01, 0.1, 0.22501, 0.5, 0.9)
AS = (0.3, 0.826, 1.2)
APEXES = ((0.1591, 0.3523), (-0.5, 0.8), (0.9, -0.3), (-0.2, -0.6))


def _allowed(p):
    """A λ² < 1 and s13 ≤ 1 (large λ with a large apex can ask for |V_ub| > 1)."""
    try:
        ckm.ckm_matrix(*p)
    except ValueError:
        return False
    return True


PARAMS = [p for p in ((lam, a, rb, eb) for lam in LAMBDAS for a in AS for rb, eb in APEXES)
          if _allowed(p)]


def v_ref(lam, A, rhobar, etabar):
    """V = R23 · U13(δ) · R12 at the working precision (PDG 2024, eqs. 12.3–12.5)."""
    lam, A, rb, eb = (mp.mpf(x) for x in (lam, A, rhobar, etabar))
    s12, s23 = lam, A * lam**2
    c12, c23 = mp.sqrt(1 - s12**2), mp.sqrt(1 - s23**2)
    apex = mp.mpc(rb, eb)
    z = A * lam**3 * apex * mp.sqrt(1 - A**2 * lam**4) / (mp.sqrt(1 - lam**2)
                                                           * (1 - A**2 * lam**4 * apex))
    s13, delta = abs(z), mp.arg(z)
    c13 = mp.sqrt(1 - s13**2)
    r23 = mp.matrix([[1, 0, 0], [0, c23, s23], [0, -s23, c23]])
    u13 = mp.matrix([[c13, 0, s13 * mp.expj(-delta)], [0, 1, 0], [-s13 * mp.expj(delta), 0, c13]])
    r12 = mp.matrix([[c12, s12, 0], [-s12, c12, 0], [0, 0, 1]])
    return r23 * u13 * r12


def _ckm_ref(lam, A, rhobar, etabar):
    v = v_ref(lam, A, rhobar, etabar)
    return [v[i, j] for i in range(3) for j in range(3)]


# matrices from the same inputs, and rephased copies (V → diag(e^{iφ}) V diag(e^{-iχ}))
_RNG = np.random.default_rng(20000917)
_MATRICES: dict[bytes, tuple] = {}


def _matrix_points(rephased):
    out = []
    for p in PARAMS:
        v = ckm.ckm_matrix(*p)
        if rephased:
            phi, chi = _RNG.uniform(-math.pi, math.pi, 3), _RNG.uniform(-math.pi, math.pi, 3)
            v = np.exp(1j * phi)[:, None] * v * np.exp(-1j * chi)[None, :]
        _MATRICES[v.tobytes()] = p
        out.append((v,))
    return out


PLAIN = _matrix_points(False)
REPHASED = _matrix_points(True)


def _inputs(v):
    return _MATRICES[np.asarray(v).tobytes()]


def _jarlskog_ref(v):
    m = v_ref(*_inputs(v))
    return mp.im(m[0, 1] * m[1, 2] * mp.conj(m[0, 2]) * mp.conj(m[1, 1]))


def _lambdas_ref(v):
    m = v_ref(*_inputs(v))
    return tuple(mp.conj(m[i, 1]) * m[i, 0] for i in range(3))


def _apex_ref(v):
    m = v_ref(*_inputs(v))
    return -m[0, 0] * mp.conj(m[0, 2]) / (m[1, 0] * mp.conj(m[1, 2]))


def _wolfenstein_ref(v):
    return tuple(mp.mpf(x) for x in _inputs(v))


def _rho_eta_ref(lam, rho, eta):
    f = 1 - mp.mpf(lam) ** 2 / 2
    return mp.mpf(rho) * f, mp.mpf(eta) * f


CASES = [
    Case(ckm.ckm_matrix, _ckm_ref, PARAMS),
    # a nearly flat B triangle, apex → 1: V_td = Aλ³(1 − ρ̄ − iη̄)/(1 − A²λ⁴(ρ̄ + iη̄)) → 0
    Case(ckm.ckm_matrix, _ckm_ref, [(lam, 0.826, 1 - d, d) for lam in (1e-3, 0.22501, 0.5)
                                    for d in (1e-3, 1e-6, 1e-9)], label="apex near 1"),
    Case(ckm.jarlskog, _jarlskog_ref, PLAIN),
    Case(ckm.jarlskog, _jarlskog_ref, REPHASED, label="rephased"),
    Case(ckm.kaon_lambdas, _lambdas_ref, PLAIN),
    Case(ckm.b_triangle_apex, _apex_ref, PLAIN),
    Case(ckm.b_triangle_apex, _apex_ref, REPHASED, label="rephased"),
    Case(ckm.wolfenstein_parameters, _wolfenstein_ref, PLAIN),
    Case(ckm.wolfenstein_parameters, _wolfenstein_ref, REPHASED, label="rephased"),
    Case(ckm.rhobar_etabar_from_rho_eta, _rho_eta_ref,
         [(lam, rho, eta) for lam in (1e-4, 0.22501, 0.5, 0.999)
          for rho, eta in ((0.14, 0.38), (-0.7, 1e-9), (3.0, -0.2))]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
