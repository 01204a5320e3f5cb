"""One-loop contribution of a light neutral boson to a lepton's anomalous magnetic moment.

A neutral boson X of mass ``m`` coupled to a lepton ℓ (mass ``m_lepton``) with strength ``g`` through
one of the four Lorentz structures

=================  ===================================
``"scalar"``       g S ℓ̄ℓ
``"pseudoscalar"`` i g P ℓ̄γ5ℓ
``"vector"``       g V_α ℓ̄γ^αℓ
``"axial"``        g A_α ℓ̄γ^αγ5ℓ
=================  ===================================

shifts a_ℓ = (g−2)/2 at one loop by

    Δa_ℓ = g²/(8π²) · I_kind(r),        r = m / m_lepton,
    I_kind(r) = ∫₀¹ dz N_kind(z, r) / D(z, r),   D = (1−z)² + r² z,

with N_S = (1−z)²(1+z), N_P = −(1−z)³, N_V = 2z(1−z)², N_A = −2z(1−z)(3+z) − 4(1−z)³/r²
(Leveille 1978; Jegerlehner & Nyffeler 2009, arXiv:0902.3360; derived in the chapter
``book/g2/light_mediators.md``).

Numerics.  Polynomial division by D reduces each integral to the closed form
``I = P(r²) + A(r²) ln r² + B(r²) J(r)`` with J(r) = ∫₀¹ dz/D = (2/r²)·F(w), w = (4−r²)/r², and
F(w) = atan(√w)/√w (w > 0), atanh(√−w)/√−w (w < 0), a Taylor series near w = 0 (r = 2).  In
float64 this is accurate to ~1e-16 for small r, but it cancels catastrophically for large r
(1e-10 at r = 10, garbage at r ≳ 100).  Above r = ``R_LARGE`` = 4.2 the asymptotic expansion in
1/r² (20 orders, exact rational coefficients generated with sympy) is used instead; below
r = ``R_SMALL`` = 1e-3 the small-r expansion through r⁴ (no overflow of the 1/r² pieces of the
closed form for extreme inputs).  Measured against 30+-digit mpmath references for
1e-4 ≤ r ≤ 1e4: max relative error 4e-12 (vector, just below the crossover), < 1e-12 for the
other kinds; the tests demand 1e-10 (tests/test_g2.py).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from dialm._validate import choice, first_bad, range_error, real, scalar_or_array
from dialm.constants import M_MU

__all__ = ["KINDS", "loop_function", "delta_a_mu", "g_for_delta_a", "R_SMALL", "R_LARGE"]

#: The four Lorentz structures, in the order of the kernel's integer codes.
KINDS = ("scalar", "pseudoscalar", "vector", "axial")
_CODE = {k: i for i, k in enumerate(KINDS)}

#: Crossovers (in r = m/m_lepton) between small-r series, closed form and large-r series, chosen
#: where the neighbours' measured errors vs mpmath cross: the closed form is good to ~1e-16 at
#: small r and degrades to 1e-12 at r = 4.2 (1e-9 at r = 8); the 20-term large-r series is 4e-13
#: at r = 4.2 and exact to float64 above r = 5; the small-r series through r^4 errs by ~r^5.
R_SMALL = 1e-3
R_LARGE = 4.2

_PI = math.pi

# Large-r expansion: I(r) = sum_{k=1}^{20} (c_k + d_k ln r²) / r^{2k}; rows: scalar, pseudoscalar,
# vector, axial.  Exact rationals from sympy's series of the closed form (regenerated and compared
# in tests/test_g2.py::test_large_r_table_matches_sympy).
_LARGE_TABLE = [
    # scalar
    [(-7/6, 1), (-13/4, 3), (-201/20, 9), (-484/15, 28), (-1489/14, 90), (-100227/280, 297),
     (-441137/360, 1001), (-446714/105, 3432), (-23018559/1540, 11934), (-147043465/2772, 41990),
     (-148117117/780, 149226), (-489711803/715, 534888), (-2461797493/990, 1931540),
     (-103883765731/11440, 7020405), (-1296497100651/38896, 25662825), (-13446583647842/109395,
     94287120), (-13490915652767/29640, 347993910), (-284148549078567/167960, 1289624490),
     (-3513878367823193/556920, 4796857230), (-3522416176954373/149226, 17902146600)],
    # pseudoscalar
    [(11/6, -1), (89/12, -5), (589/20, -21), (1732/15, -84), (18899/42, -330), (489757/280, -1287),
     (489185/72, -5005), (8314858/315, -19448), (158036447/1540, -75582), (158128825/396, -293930),
     (3639486251/2340, -1144066), (2601536983/429, -4457400), (7810331279/330, -17383860),
     (3173256072599/34320, -67863915), (14062590867527/38896, -265182525), (14071707253442/9945,
     -1037158320), (98562225366329/17784, -4059928950), (3648902324862593/167960, -15905368710),
     (3650876610311993/42840, -62359143990), (149761994712192493/447678, -244662670200)],
    # vector
    [(2/3, 0), (25/6, -2), (97/5, -12), (416/5, -56), (7216/21, -240), (38953/28, -990),
     (501197/90, -4004), (996388/45, -16016), (33754472/385, -63648), (159976385/462, -251940),
     (159756745/117, -994840), (1048959046/195, -3922512), (10484598172/495, -15452320),
     (110061722131/1320, -60843510), (3191523441719/9724, -239519700), (28268439228004/21879,
     -942871200), (56542297484168/11115, -3711935040), (98963346346589/4940, -14615744220),
     (3662293130519393/46410, -57562286760), (3663019636350773/11781, -226760523600)],
    # axial
    [(-10/3, 0), (-19/6, 2), (-154/15, 8), (-173/5, 28), (-12416/105, 96), (-34333/84, 330),
     (-449717/315, 1144), (-453149/90, 4004), (-62063504/3465, 14144), (-148336757/2310, 50388),
     (-298350530/1287, 180880), (-492609113/585, 653752), (-19792442744/6435, 2377280),
     (-14903578333/1320, 8691930), (-3036250804199/72930, 31935960), (-13489560895727/87516,
     117858900), (-108230694030736/188955, 436698240), (-94952136543989/44460, 1623971580),
     (-3521689671122993/440895, 6059188080), (-3529446349924193/117810, 22676052360)],
]
_LARGE_C = np.array([[c for c, _ in row] for row in _LARGE_TABLE])
_LARGE_D = np.array([[d for _, d in row] for row in _LARGE_TABLE], dtype=np.float64)

# Small-r expansion: I(r) = sum_{n=-2}^{4} (a_n + b_n ln r²) r^n, columns n = -2..4.
_SMALL_A = np.array([
    [0.0, 0.0, 3/2, -_PI, 0.0, 9*_PI/8, -13/12],     # scalar
    [0.0, 0.0, -1/2, 0.0, -1.0, 3*_PI/4, -3/4],      # pseudoscalar
    [0.0, 0.0, 1.0, -_PI, -1.0, 15*_PI/8, -11/6],    # vector
    [-2.0, 0.0, 5.0, -4*_PI, 2.0, 5*_PI/2, -7/3],    # axial
])
_SMALL_B = np.array([
    [0.0, 0.0, 0.0, 0.0, -3/2, 0.0, 1/2],
    [0.0, 0.0, 0.0, 0.0, -1/2, 0.0, 1/2],
    [0.0, 0.0, 0.0, 0.0, -2.0, 0.0, 1.0],
    [0.0, 0.0, 2.0, 0.0, -4.0, 0.0, 1.0],
])


@njit(cache=True)
def _master_j(r):
    """J(r) = ∫₀¹ dz / ((1−z)² + r² z), stable through r = 2."""
    r2 = r * r
    w = (4.0 - r2) / r2
    if abs(w) < 1e-2:
        # atan(√w)/√w = Σ (−w)^n/(2n+1); 9 terms leave < 1e-20
        f = 0.0
        for n in range(9, -1, -1):
            f = 1.0 / (2 * n + 1) - w * f
    elif w > 0.0:
        s = math.sqrt(w)
        f = math.atan(s) / s
    else:
        s = math.sqrt(-w)
        f = math.atanh(s) / s
    return 2.0 / r2 * f


@njit(cache=True)
def _closed(code, r):
    """The closed form P + A ln r² + B J (exact; accurate in float64 for r ≲ 7)."""
    x = r * r
    lg = math.log(x)
    j = _master_j(r)
    if code == 0:
        return (1.5 - x) + (0.5 * x * x - 1.5 * x) * lg + (-0.5 * x**3 + 2.5 * x * x - 2.0 * x) * j
    elif code == 1:
        return (-0.5 - x) + (0.5 * x * x - 0.5 * x) * lg + (-0.5 * x**3 + 1.5 * x * x) * j
    elif code == 2:
        return (1.0 - 2.0 * x) + (x * x - 2.0 * x) * lg + (-x**3 + 4.0 * x * x - 2.0 * x) * j
    else:
        return ((5.0 - 2.0 * x - 2.0 / x) + (x * x - 4.0 * x + 2.0) * lg
                + (-x**3 + 6.0 * x * x - 8.0 * x) * j)


@njit(cache=True)
def _large(code, r, cs, ds):
    t2 = 1.0 / (r * r)
    lg = 2.0 * math.log(r)
    acc = 0.0
    for k in range(cs.shape[1] - 1, -1, -1):
        acc = acc * t2 + (cs[code, k] + ds[code, k] * lg)
    return acc * t2


@njit(cache=True)
def _small(code, r, sa, sb):
    lg = 2.0 * math.log(r)
    acc = 0.0
    for n in range(sa.shape[1] - 1, -1, -1):
        acc = acc * r + (sa[code, n] + sb[code, n] * lg)
    return acc / (r * r)  # the table starts at r^-2


@njit(cache=True)
def _loop_kernel(code, r, out, cs, ds, sa, sb, r_small, r_large):
    for i in range(r.size):
        ri = r[i]
        if ri > r_large:
            out[i] = _large(code, ri, cs, ds)
        elif ri < r_small:
            out[i] = _small(code, ri, sa, sb)
        else:
            out[i] = _closed(code, ri)


def _loop(func, code, r):
    r = np.asarray(r, dtype=np.float64)
    flat = np.ascontiguousarray(r).ravel()
    out = np.empty_like(flat)
    _loop_kernel(code, flat, out, _LARGE_C, _LARGE_D, _SMALL_A, _SMALL_B, R_SMALL, R_LARGE)
    out = out.reshape(r.shape)
    if not np.isfinite(out).all():
        bad = r[~np.isfinite(out)].flat[0]
        raise ValueError(f"{func}: mass ratio r = m/m_lepton = {float(bad)!r} is outside the "
                         "representable range of the loop function (float64 overflow)")
    return out


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------
def loop_function(kind, r):
    """The dimensionless one-loop integral I_kind(r), with Δa_ℓ = g²/(8π²)·I_kind(m/m_ℓ).

    I(r) = ∫₀¹ dz N_kind(z, r) / ((1−z)² + r² z) (module docstring).  Limits: I → 3/2, −1/2, 1,
    −2/r² for r → 0 (scalar, pseudoscalar, vector, axial); I → (ln r² − 7/6)/r², −(ln r² − 11/6)/r²,
    2/(3r²), −10/(3r²) for r → ∞.  Accuracy: 1e-11 relative for 1e-4 ≤ r ≤ 1e4 (vs mpmath).

    Parameters
    ----------
    kind : {"scalar", "pseudoscalar", "vector", "axial"}
    r : array_like
        Boson mass over lepton mass, finite and > 0.

    >>> round(loop_function("vector", 1e-8), 6), round(loop_function("scalar", 1e-8), 6)
    (1.0, 1.5)
    >>> round(loop_function("pseudoscalar", 1.0), 6)
    -0.2908
    """
    func = "loop_function"
    code = _CODE[choice(func, "kind", kind, KINDS)]
    r = real(func, "r", r, 0.0)
    return scalar_or_array(_loop(func, code, r))


def delta_a_mu(kind, m, g, m_lepton=M_MU):
    """One-loop Δa_ℓ from a neutral boson of mass ``m`` (GeV) and coupling ``g`` to the lepton.

    Δa_ℓ = g²/(8π²)·I_kind(m/m_lepton) for the interaction g S ℓ̄ℓ, i g P ℓ̄γ5ℓ, g V_α ℓ̄γ^αℓ or
    g A_α ℓ̄γ^αγ5ℓ (Leveille 1978, Nucl. Phys. B137, 63; Jegerlehner & Nyffeler 2009, eqs. for
    neutral exchange).  Scalar and vector give Δa > 0, pseudoscalar and axial Δa < 0, for every
    mass.  ``m``, ``g`` and ``m_lepton`` broadcast like numpy arrays; a scalar in gives a float
    out.  Relative accuracy 1e-11 for 1e-4 ≤ m/m_lepton ≤ 1e4 (vs 30-digit mpmath).

    Parameters
    ----------
    kind : {"scalar", "pseudoscalar", "vector", "axial"}
    m : array_like
        Boson mass in GeV, finite and > 0.
    g : array_like
        Coupling (dimensionless), finite.
    m_lepton : array_like, optional
        Lepton mass in GeV (default the muon's, ``dialm.constants.M_MU``; pass ``M_E`` for the
        electron), finite and > 0.

    Examples
    --------
    The talk's headline number, a light vector with g = 1e-4 (g²/8π² = 1.27e-10):

    >>> round(delta_a_mu("vector", 1e-6, 1e-4) * 1e10, 3)
    1.266
    >>> (delta_a_mu("scalar", [0.01, 1.0], 1e-3) * 1e10).round(2)
    array([160.69,   4.87])
    """
    func = "delta_a_mu"
    code = _CODE[choice(func, "kind", kind, KINDS)]
    m = real(func, "m", m, 0.0, unit="GeV")
    g = real(func, "g", g)
    ml = real(func, "m_lepton", m_lepton, 0.0, unit="GeV")
    loop = _loop(func, code, m / ml)
    return scalar_or_array(g * g * (1.0 / (8.0 * _PI**2)) * loop)


def g_for_delta_a(kind, m, delta_a, m_lepton=M_MU):
    """The coupling g ≥ 0 for which a boson of mass ``m`` (GeV) gives exactly ``delta_a``.

    g = sqrt(Δa / Δa(g = 1)) = sqrt(8π² Δa / I_kind(m/m_lepton)).  The sign of Δa is fixed by the
    kind (scalar/vector positive, pseudoscalar/axial negative, for every mass): asking a
    pseudoscalar or axial vector for Δa > 0 (or a scalar/vector for Δa < 0) raises ValueError.
    Broadcasts like numpy; scalar in, float out.  Accuracy as :func:`delta_a_mu` (halved).

    Parameters
    ----------
    kind : {"scalar", "pseudoscalar", "vector", "axial"}
    m : array_like
        Boson mass in GeV, finite and > 0.
    delta_a : array_like
        The target shift of a_ℓ, finite, with the sign the kind can give (0 gives g = 0).
    m_lepton : array_like, optional
        Lepton mass in GeV, default the muon's.

    >>> round(g_for_delta_a("vector", 1e-6, 251e-11) * 1e4, 2)
    4.45
    """
    func = "g_for_delta_a"
    code = _CODE[choice(func, "kind", kind, KINDS)]
    m = real(func, "m", m, 0.0, unit="GeV")
    da = real(func, "delta_a", delta_a)
    ml = real(func, "m_lepton", m_lepton, 0.0, unit="GeV")
    unit = (1.0 / (8.0 * _PI**2)) * _loop(func, code, m / ml)   # Δa at g = 1; sign fixed by kind
    ratio = da / unit
    wrong = ratio < 0.0
    if wrong.any():
        positive = code in (0, 2)
        raise range_error(func, "delta_a", first_bad(da, wrong), 0.0 if positive else None,
                          None if positive else 0.0, low_open=False, high_open=False,
                          reason=f"a {kind} gives Δa {'> 0' if positive else '< 0'} for every mass")
    return scalar_or_array(np.sqrt(ratio))
