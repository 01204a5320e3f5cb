"""The CKM matrix in the standard parametrisation, its invariants and its unitarity triangles.

Conventions (PDG review "CKM quark-mixing matrix"; Buras, Lautenbacher & Ostermaier 1994;
CKMfitter, Charles et al. 2005).  The standard parametrisation is

    V = R23 · U13(δ) · R12,

with ``s12 = λ``, ``s23 = A λ²`` and the exactly-unitary ("all orders") definition of the
Wolfenstein apex

    s13 e^{iδ} = A λ³ (ρ̄ + iη̄) √(1 − A²λ⁴) / ( √(1 − λ²) [1 − A²λ⁴ (ρ̄ + iη̄)] ),

which makes ρ̄ + iη̄ = −V_ud V*_ub / (V_cd V*_cb) hold exactly (phase-convention independent).
The review (Barker & Kettell 2000, eq. 15) uses ρ̄ ≡ ρ(1 − λ²/2), η̄ ≡ η(1 − λ²/2); see
:func:`rhobar_etabar_from_rho_eta`.

The kaon unitarity triangle is built from the first two columns:
λ_i = V*_is V_id (i = u, c, t), λ_u + λ_c + λ_t = 0 (review eq. 17), and its doubled area is the
Jarlskog invariant J = Im(V_us V_cb V*_ub V*_cs) = Im(λ_u* λ_t) (= λ_u Im λ_t when λ_u is real, as in
the standard parametrisation; review eq. 19).

Everything is dimensionless.  The functions are small closed forms evaluated with numpy and
broadcast like ufuncs (there is no loop to compile, so there is no numba kernel here): parameter
arrays of shape ``S`` give matrices of shape ``S + (3, 3)``; functions of a matrix accept any
``(..., 3, 3)`` stack.  Accuracy: the construction is exact, so unitarity holds to float64 round-off
(|V†V − 1| ≲ 1e-15).
"""

from __future__ import annotations

import numpy as np

from dialm._validate import ckm_stack, first_bad, range_error, real, scalar_or_array

__all__ = [
    "ckm_matrix",
    "jarlskog",
    "kaon_lambdas",
    "b_triangle_apex",
    "wolfenstein_parameters",
    "rhobar_etabar_from_rho_eta",
]


def ckm_matrix(lam, A, rhobar, etabar) -> np.ndarray:
    """The exactly unitary CKM matrix from the Wolfenstein parameters (λ, A, ρ̄, η̄).

    Physics: standard parametrisation V = R23·U13(δ)·R12 (three angles, one phase) with
    s12 = λ, s23 = Aλ² and s13 e^{iδ} = Aλ³(ρ̄+iη̄)√(1−A²λ⁴) / (√(1−λ²)[1−A²λ⁴(ρ̄+iη̄)])
    (PDG 2024 CKM review, eqs. 12.3–12.5; Charles et al., hep-ph/0406184).  Rows are (u, c, t),
    columns (d, s, b).  Dimensionless; unitary to round-off for every allowed input; expanding it
    in λ reproduces Barker & Kettell (2000) eq. 15 through O(λ⁵).

    Parameters broadcast against each other; the result has shape ``broadcast_shape + (3, 3)``,
    complex.  Allowed ranges: 0 < λ < 1, A > 0, A²λ⁴ < 1 (s23 < 1), ρ̄ and η̄ finite with the
    resulting s13 ≤ 1.  Anything else raises ``ValueError`` naming the parameter and the range.

    Accuracy: ≤ 1e-14 relative per element (modulus), 1e-4 ≤ λ ≤ 0.9, apex → 1 too (vs 40-digit mpmath).

    >>> V = ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)
    >>> V.shape
    (3, 3)
    >>> [round(float(abs(V[i, j])), 6) for i, j in [(0, 2), (1, 2), (2, 0)]]
    [0.003731, 0.04182, 0.008582]
    >>> ckm_matrix([0.2, 0.22], 0.8, 0.15, 0.35).shape
    (2, 3, 3)
    """
    caller = "ckm_matrix"
    lam = real(caller, "lam", lam, 0.0, 1.0)
    A = real(caller, "A", A, 0.0)
    rhobar = real(caller, "rhobar", rhobar)
    etabar = real(caller, "etabar", etabar)
    lam, A, rhobar, etabar = np.broadcast_arrays(lam, A, rhobar, etabar)

    s23 = A * lam**2
    bad = s23 >= 1
    if np.any(bad):
        raise range_error(caller, "A*lam**2", first_bad(s23, bad), 0.0, 1.0,
                          reason=f"s23 = A*lam**2 is a sine (A = {first_bad(A, bad)!r}, "
                                 f"lam = {first_bad(lam, bad)!r})")

    s12 = lam
    c12 = np.sqrt(1.0 - lam * lam)
    c23 = np.sqrt(1.0 - s23 * s23)
    apex = rhobar + 1j * etabar
    denom = 1.0 - s23 * s23 * apex
    bad = np.abs(denom) == 0
    if np.any(bad):
        raise range_error(caller, "s13", np.inf, 0.0, 1.0, low_open=False, high_open=False,
                          reason=f"rhobar = {first_bad(rhobar, bad)!r}, etabar = "
                                 f"{first_bad(etabar, bad)!r} make 1 - A**2 lam**4 "
                                 "(rhobar + i etabar) vanish")
    z = A * lam**3 * apex * c23 / (c12 * denom)  # s13 e^{i delta}
    s13sq = (z * z.conjugate()).real
    bad = s13sq > 1.0
    if np.any(bad):
        raise range_error(caller, "s13", float(np.sqrt(first_bad(s13sq, bad))), 0.0, 1.0,
                          low_open=False, high_open=False,
                          reason=f"s13 = |V_ub| for (lam, A, rhobar, etabar) = "
                                 f"({first_bad(lam, bad)!r}, {first_bad(A, bad)!r}, "
                                 f"{first_bad(rhobar, bad)!r}, {first_bad(etabar, bad)!r})")
    c13 = np.sqrt(1.0 - s13sq)
    zc = z.conjugate()

    V = np.empty(lam.shape + (3, 3), dtype=complex)
    V[..., 0, 0] = c12 * c13
    V[..., 0, 1] = s12 * c13
    V[..., 0, 2] = zc
    V[..., 1, 0] = -s12 * c23 - c12 * s23 * z
    V[..., 1, 1] = c12 * c23 - s12 * s23 * z
    V[..., 1, 2] = s23 * c13
    # s12 s23 − c12 c23 z, written without the cancellation as the apex → 1 (V_td → 0)
    V[..., 2, 0] = A * lam**3 * (1.0 - apex) / denom
    V[..., 2, 1] = -c12 * s23 - s12 * c23 * z
    V[..., 2, 2] = c23 * c13
    return V


def jarlskog(V):
    """The Jarlskog invariant J = Im(V_us V_cb V*_ub V*_cs) of a CKM matrix (or a stack of them).

    Physics: the unique rephasing-invariant measure of CP violation in the three-generation
    Standard Model (Jarlskog 1985); every unitarity triangle has area |J|/2.  In the standard
    parametrisation J = c12 c23 c13² s12 s23 s13 sin δ = A²λ⁶η̄ (1 + O(λ⁴)).  Dimensionless.
    ``V`` has shape (..., 3, 3); a single matrix gives a float.  For a unitary V the result does not
    depend on the phases of the quark fields.

    Accuracy: ≤ 1e-14 relative for V = ckm_matrix(λ, …), 1e-4 ≤ λ ≤ 0.9, rephased (vs 40-digit mpmath).

    >>> round(jarlskog(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)) * 1e5, 3)
    3.116
    """
    M = ckm_stack("jarlskog", V)
    J = np.imag(M[..., 0, 1] * M[..., 1, 2] * np.conj(M[..., 0, 2]) * np.conj(M[..., 1, 1]))
    return scalar_or_array(J)


def kaon_lambdas(V):
    """The sides of the kaon unitarity triangle, λ_i = V*_is V_id for i = u, c, t.

    Physics: Barker & Kettell (2000) eq. 17; unitarity of the d and s columns gives
    λ_u + λ_c + λ_t = 0.  λ_u ≈ λ(1 − λ²/2) is the long, well-measured base; Im λ_t (the height)
    is what K_L → π⁰νν̄ measures and λ_t what K⁺ → π⁺νν̄ measures.  Dimensionless, complex.
    ``V`` has shape (..., 3, 3); returns a tuple (λ_u, λ_c, λ_t) of arrays of shape (...)
    (complex scalars for a single matrix).

    Accuracy: ≤ 1e-14 relative (modulus) for V = ckm_matrix(λ, …), 1e-4 ≤ λ ≤ 0.9 (vs 40-digit mpmath).

    >>> lu, lc, lt = kaon_lambdas(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523))
    >>> round(lu.real, 5), round(lt.imag * 1e4, 4)
    (0.21924, 1.4212)
    >>> abs(lu + lc + lt) < 1e-15
    True
    """
    M = ckm_stack("kaon_lambdas", V)
    lam_u = np.conj(M[..., 0, 1]) * M[..., 0, 0]
    lam_c = np.conj(M[..., 1, 1]) * M[..., 1, 0]
    lam_t = np.conj(M[..., 2, 1]) * M[..., 2, 0]
    return scalar_or_array(lam_u), scalar_or_array(lam_c), scalar_or_array(lam_t)


def b_triangle_apex(V):
    """The apex of the normalised B_d unitarity triangle, −V_ud V*_ub / (V_cd V*_cb).

    Physics: the (d, b)-column relation V_ud V*_ub + V_cd V*_cb + V_td V*_tb = 0 (review eq. 16)
    divided by −V_cd V*_cb puts two vertices at 0 and 1 and the apex at this complex number, which
    equals ρ̄ + iη̄ exactly for the matrix of :func:`ckm_matrix` (and is phase-convention
    independent).  Its angles are α, β, γ.  Dimensionless; complex (a Python complex for a single
    matrix).  Raises ``ValueError`` if V_cd V*_cb = 0 (the triangle is undefined).

    Accuracy: ≤ 1e-14 relative for V = ckm_matrix(λ, …), 1e-4 ≤ λ ≤ 0.9, rephased (vs ρ̄ + iη̄).

    >>> z = b_triangle_apex(ckm_matrix(0.22501, 0.826, 0.1591, 0.3523))
    >>> round(z.real, 10), round(z.imag, 10)
    (0.1591, 0.3523)
    """
    M = ckm_stack("b_triangle_apex", V)
    den = M[..., 1, 0] * np.conj(M[..., 1, 2])
    if np.any(den == 0):
        raise ValueError("b_triangle_apex: V_cd V*_cb = 0: the normalised B triangle is undefined "
                         "(need V_cd != 0 and V_cb != 0)")
    return scalar_or_array(-M[..., 0, 0] * np.conj(M[..., 0, 2]) / den)


def wolfenstein_parameters(V):
    """The Wolfenstein parameters (λ, A, ρ̄, η̄) of a unitary CKM matrix, rephasing invariant.

    Physics: PDG's definitions λ = |V_us| / √(|V_ud|² + |V_us|²), A = |V_cb| / (λ |V_us|) ·
    (the same as s23/λ²), ρ̄ + iη̄ = −V_ud V*_ub / (V_cd V*_cb); the inverse of :func:`ckm_matrix`.
    Returns a tuple of four floats (arrays for a stack of matrices).

    Accuracy: ≤ 1e-14 relative for V = ckm_matrix(λ, A, ρ̄, η̄), 1e-4 ≤ λ ≤ 0.9, rephased (vs the inputs).

    >>> [round(x, 8) for x in wolfenstein_parameters(ckm_matrix(0.2196, 0.819, 0.1366, 0.3708))]
    [0.2196, 0.819, 0.1366, 0.3708]
    """
    M = ckm_stack("wolfenstein_parameters", V)
    aud, aus, acb = np.abs(M[..., 0, 0]), np.abs(M[..., 0, 1]), np.abs(M[..., 1, 2])
    norm = np.hypot(aud, aus)
    if np.any(norm == 0) or np.any(aus == 0):
        raise ValueError("wolfenstein_parameters: V_us = 0 (or V_ud = V_us = 0): the Wolfenstein "
                         "parameters are undefined")
    lam = aus / norm
    # s23 = |V_cb| / c13 and c13 = sqrt(|V_ud|^2 + |V_us|^2), so A = s23 / lam^2.
    A = acb / norm / lam**2
    apex = b_triangle_apex(M)
    return tuple(scalar_or_array(x) for x in (lam, A, np.real(apex), np.imag(apex)))


def rhobar_etabar_from_rho_eta(lam, rho, eta):
    """Convert the original Wolfenstein (ρ, η) to (ρ̄, η̄) = (ρ, η)(1 − λ²/2).

    Physics: Barker & Kettell (2000), below eq. 15 (Buras, Lautenbacher & Ostermaier 1994).  This is
    the review's definition; it agrees with the exact PDG relation to O(λ⁴) (a relative 0.1 % for
    λ = 0.22), far below the uncertainty of ρ and η in 2000.  Arguments broadcast; floats in give
    floats out.  0 < λ < 1 is required.

    Accuracy: ≤ 1e-15 relative for 1e-4 ≤ λ < 1 (vs 40-digit mpmath).

    >>> [round(x, 4) for x in rhobar_etabar_from_rho_eta(0.2196, 0.14, 0.38)]
    [0.1366, 0.3708]
    """
    caller = "rhobar_etabar_from_rho_eta"
    lam = real(caller, "lam", lam, 0.0, 1.0)
    rho = real(caller, "rho", rho)
    eta = real(caller, "eta", eta)
    f = 1.0 - 0.5 * lam * lam
    return scalar_or_array(rho * f), scalar_or_array(eta * f)
