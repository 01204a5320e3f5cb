"""What two kaon modules share: the s → d amplitude of a CKM matrix and the λ⁸ scaling of κ.

* :func:`sd_amplitude` — (X λ_t + λ⁴ P_c λ_c)/λ⁵ rotated so that λ_u is real, with λ taken from
  V (:func:`wolfenstein_lambda`) or given.  K → πνν̄ uses it with X = X_t, K_L → μμ with X = Y_t.
* :func:`kappa_at` — a normalisation κ quoted at λ_ref, rescaled to λ as κ (λ/λ_ref)⁸.

Used by :mod:`dialm.kaon.pinunu` and :mod:`dialm.kaon.kl_leptons`; every error names ``caller``,
the public function the user called.
"""

from __future__ import annotations

import numpy as np

from dialm._validate import real


def wolfenstein_lambda(M):
    """λ = |V_us|/√(|V_ud|² + |V_us|²) of CKM matrices M (shape (..., 3, 3))."""
    aud, aus = np.abs(M[..., 0, 0]), np.abs(M[..., 0, 1])
    return aus / np.hypot(aud, aus)


def sd_amplitude(M, top, p_c, lam, *, caller, top_name="x_t"):
    """(a, λ): the reduced amplitude a = (X λ_t + λ⁴ P_c λ_c)/λ⁵ · λ_u*/|λ_u| of a checked stack of
    CKM matrices ``M`` (λ_i = V*_is V_id), and the λ it used.  ``top`` (X > 0, checked as
    ``top_name``) and ``p_c`` (≥ 0) broadcast against M.shape[:-2]; ``lam`` None takes λ from M,
    else it is checked in (0, 1)."""
    xt = real(caller, top_name, top, 0.0)
    pc = real(caller, "p_c", p_c, 0.0, low_open=False)
    lam_arr = wolfenstein_lambda(M) if lam is None else real(caller, "lam", lam, 0.0, 1.0)
    lam_u = np.conj(M[..., 0, 1]) * M[..., 0, 0]
    lam_c = np.conj(M[..., 1, 1]) * M[..., 1, 0]
    lam_t = np.conj(M[..., 2, 1]) * M[..., 2, 0]
    if np.any(np.abs(lam_u) == 0):
        raise ValueError(f"{caller}: lambda_u = V*_us V_ud = 0 for this V: the K_L CP phase is "
                         "undefined (need V_ud != 0 and V_us != 0)")
    phase = np.conj(lam_u) / np.abs(lam_u)
    return (xt * lam_t + lam_arr**4 * pc * lam_c) * phase / lam_arr**5, lam_arr


def kappa_at(kappa, lam_ref, lam, *, caller, name):
    """κ(λ) = κ (λ/λ_ref)⁸: ``kappa`` (> 0, checked as parameter ``name``) quoted at ``lam_ref``
    (in (0, 1)), for the user's function ``caller``."""
    k = real(caller, name, kappa, 0.0)
    lr = real(caller, "lam_ref", lam_ref, 0.0, 1.0)
    return k * (lam / lr) ** 8
