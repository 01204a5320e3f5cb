"""Thermal freeze-out of dark matter, and a Dirac χ annihilating through the L_μ−L_τ vector.

Sections:

* **The plasma** — g_ρ(T) and g_s(T) of the Standard Model: the lattice-QCD based table of
  Borsanyi et al., Nature 539 (2016) 69, arXiv:1606.07494 (Suppl. Table S2, cubic spline in
  log T) for 3.16 MeV ≤ T ≤ 282 GeV (held constant above), and an ideal gas of γ, e± and three
  neutrinos that decouple instantaneously at 1 MeV below (``dialm/data/gstar_borsanyi2016.csv``).
* **The Boltzmann equation** — dY/dx = −√(π/45) M_Pl g_*^{1/2} m ⟨σv⟩ (Y² − Y_eq²)/x²
  (Gondolo & Gelmini, Nucl. Phys. B360 (1991) 145, with g_*^{1/2} = (g_s/√g_ρ)(1 + ⅓ dln g_s/dln T)),
  solved for W = ln Y against ln x by our own L-stable Radau IIA (order 5) integrator in numba
  with step-doubling error control; Ωh² = m Y_∞ s₀/(ρ_c/h²).  :func:`omega_h2` for a constant
  s-wave ⟨σv⟩ and :func:`freeze_out_approx` (the iterative x_f of Kolb & Turner) as a cross-check.
* **χχ̄ → V* → μμ, ττ, νν̄** — the s-channel cross-section of a Dirac χ with vector coupling
  g_χ = √(4πα_D) to V, V coupled to μ, τ (vector) and ν_μ, ν_τ (left-handed) with g_V;
  the width of V; the non-relativistic ⟨σv⟩ ≈ a + 6b/x and the Gondolo–Gelmini thermal average
  (adaptive Gauss–Kronrod in numba, breakpoints at thresholds and at the resonance m_V ≈ 2m_χ);
  the relic abundance and the thermal target g_V(m_V) with Ωh² = 0.12.

Units: GeV (masses, temperatures), GeV⁻² for σ and σv inside; ⟨σv⟩ enters and leaves the public
functions in cm³/s (converted with :data:`CM3_PER_S_PER_GEV2`).  Public functions broadcast like
ufuncs; a scalar in gives a float out; bad input raises ``ValueError`` naming the parameter.
"""

from __future__ import annotations

import csv
import math
from importlib import resources

import numpy as np
from scipy.interpolate import CubicSpline

from dialm import _dd
from dialm import constants as C
from dialm._jit import njit
from dialm._validate import choice, count, range_error, real, scalar_or_array

__all__ = [
    "CM3_PER_S_PER_GEV2",
    "RADAU_A",
    "RADAU_C",
    "gstar_table",
    "g_rho",
    "g_s",
    "gstar_half",
    "bessel_kve",
    "y_eq",
    "omega_h2",
    "boltzmann_y",
    "C_FREEZE_OUT",
    "freeze_out_approx",
    "sigma_v_for_omega",
    "width_v",
    "sigma_annihilation",
    "sigma_v_mol",
    "sigma_v_nonrel",
    "sigma_v_thermal",
    "omega_h2_lmutau",
    "thermal_target_g",
]

_PI = math.pi
#: 1 GeV⁻² of σv in cm³/s: (ħc)² c.
CM3_PER_S_PER_GEV2 = float(C.HBARC_GEV_CM) ** 2 * float(C.C_LIGHT_M_S) * 100.0
_M_PL = float(C.RELIC_M_PLANCK)
_LAMBDA_PREF = math.sqrt(_PI / 45.0) * _M_PL          # λ = √(π/45) M_Pl g_*^{1/2} m ⟨σv⟩
_YEQ_PREF = 45.0 / (4.0 * _PI**4)                     # Y_eq = 45 g x² K₂(x) / (4π⁴ g_s)
_OMEGA_PER_MY = float(C.RELIC_S0_CM3) / float(C.RELIC_RHO_CRIT_H2)   # Ωh² = m[GeV] Y s₀/(ρ_c/h²)

# ============================================================================================
# The plasma: g_rho(T), g_s(T), g_*^{1/2}(T)
# ============================================================================================
_LT_MIN, _LT_MAX, _DLT = -7.0, 2.452, 0.002         # log10(T/GeV) grid of the numba tables
_LT_JOIN = 0.5 - 3.0                                  # log10(3.16 MeV / GeV): ideal gas below


def _read_borsanyi():
    text = resources.files("dialm").joinpath("data/gstar_borsanyi2016.csv").read_text()
    rows = [r for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))]
    lt = np.array([float(r["log10_T_MeV"]) for r in rows]) - 3.0       # log10(T/GeV)
    grho = np.array([float(r["g_rho"]) for r in rows])
    ratio = np.array([float(r["g_rho_over_g_s"]) for r in rows])
    return lt, grho, grho / ratio


def _fermion_dof(y):
    """(g_ρ, g_s) of one fermionic degree of freedom of mass y·T (Fermi–Dirac; 7/8 when y = 0)."""
    xg, wg = np.polynomial.legendre.leggauss(160)
    q = 30.0 * (xg + 1.0)
    wq = 30.0 * wg
    y = np.asarray(y, dtype=float)[..., None]
    e = np.sqrt(q * q + y * y)
    f = np.exp(-e) / (1.0 + np.exp(-e))          # Fermi–Dirac, no overflow at large m/T
    rho = np.sum(wq * q * q * e * f, axis=-1) / (2.0 * _PI**2)
    p = np.sum(wq * q**4 / e * f, axis=-1) / (6.0 * _PI**2)
    # d g_s/dy: de/dy = y/e, df/de = −f(1 − f), s-integrand (q²e + q⁴/3e) f
    ds = np.sum(wq * y / e * ((q * q - q**4 / (3.0 * e * e)) * f
                              - (q * q * e + q**4 / (3.0 * e)) * f * (1.0 - f)), axis=-1)
    return (30.0 / _PI**2 * rho, 45.0 / (2.0 * _PI**2) * (rho + p),
            45.0 / (2.0 * _PI**2) * ds / (2.0 * _PI**2))


def _low_t(lt):
    """Ideal gas γ + e± + 3ν below the join; ν decoupled instantaneously at RELIC_T_NU_DECOUPLING.
    Returns g_ρ, g_s and d ln g_s/d ln T (analytic: from d g_s/dy, y = m_e/T; above T_ν,dec at T_d)."""
    T = 10.0**lt
    me = float(C.M_E)
    ge_rho, ge_s, dge_s = _fermion_dof(me / T)
    ge_rho, ge_s, dge_s = 4.0 * ge_rho, 4.0 * ge_s, 4.0 * dge_s
    td = float(C.RELIC_T_NU_DECOUPLING)
    h_dec = 2.0 + 4.0 * _fermion_dof(me / td)[1]
    nu = 3.0 * 2.0 * 7.0 / 8.0
    coupled = T >= td
    tnu = np.where(coupled, 1.0, np.cbrt((2.0 + ge_s) / h_dec))          # T_ν / T
    gs = 2.0 + ge_s + nu * tnu**3
    dgs_dy = dge_s * np.where(coupled, 1.0, 1.0 + nu / h_dec)           # (T_ν/T)³ ∝ 2 + g_e,s
    return 2.0 + ge_rho + nu * tnu**4, gs, -(me / T) * dgs_dy / gs


def _build_tables():
    lt_b, grho_b, gs_b = _read_borsanyi()
    sp_rho = CubicSpline(lt_b, grho_b)          # not-a-knot cubic spline in log10 T
    sp_s = CubicSpline(lt_b, gs_b)
    lt = np.arange(_LT_MIN, _LT_MAX + 0.5 * _DLT, _DLT)
    hi = lt >= _LT_JOIN
    grho = np.empty_like(lt)
    gs = np.empty_like(lt)
    dlng = np.empty_like(lt)                    # d ln g_s / d ln T, piecewise (no spike at the join)
    ln10 = math.log(10.0)
    grho[hi], gs[hi] = sp_rho(lt[hi]), sp_s(lt[hi])
    dlng[hi] = sp_s(lt[hi], 1) / gs[hi] / ln10
    top = lt > lt_b[-1]                          # above 282 GeV: held at the last entry
    grho[top], gs[top], dlng[top] = grho_b[-1], gs_b[-1], 0.0
    lo = ~hi
    grho[lo], gs[lo], dlng[lo] = _low_t(lt[lo])
    gsh = gs / np.sqrt(grho) * (1.0 + dlng / 3.0)
    return lt, grho, gs, gsh


_LT, _GRHO, _GS, _GSH = _build_tables()


def _cell_integrals(lt, g):
    """∫ g dT over each cell [T_k, T_k+1] of the table, g linear in log10 T (exact)."""
    sig = np.diff(lt) * math.log(10.0)
    ta = 10.0**lt[:-1]
    # ∫_0^σ (g_a + (g_b − g_a) s/σ) T_a e^s ds, (σe^σ − e^σ + 1)/σ = Σ_{n≥2} (n−1) σ^{n−1}/n!
    # (σ ≈ 0.005 on the grid: the series, to σ⁸, instead of the cancelling closed form)
    lin = sig * np.polyval([1 / 45360, 1 / 5760, 1 / 840, 1 / 144, 1 / 30, 1 / 8, 1 / 3, 1 / 2], sig)
    return ta * (g[:-1] * np.expm1(sig) + (g[1:] - g[:-1]) * lin)


#: ∫_0^{T_k} g_*^{1/2}(T) dT at the table's nodes (g_*^{1/2} held at its first value below them)
_GSH_CUM = np.concatenate([[_GSH[0] * 10.0**_LT[0]], _GSH[0] * 10.0**_LT[0]
                           + np.cumsum(_cell_integrals(_LT, _GSH))])


def _gsh_integral(T):
    """∫_0^T g_*^{1/2}(T') dT' (GeV) of the tabulated g_*^{1/2} (linear in log10 T, clamped), so
    ∫_{x0}^∞ g_*^{1/2}(m/x) dx/x² = _gsh_integral(m/x0)/m: the annihilation after x0 exactly."""
    lt = math.log10(T)
    if lt <= _LT[0]:
        return float(_GSH[0]) * T
    if lt >= _LT[-1]:
        return float(_GSH_CUM[-1] + _GSH[-1] * (T - 10.0**_LT[-1]))
    k = min(int((lt - _LT[0]) / _DLT), _LT.shape[0] - 2)
    while k > 0 and _LT[k] > lt:
        k -= 1
    while _LT[k + 1] <= lt:
        k += 1
    g_t = _GSH[k] + (_GSH[k + 1] - _GSH[k]) * (lt - _LT[k]) / (_LT[k + 1] - _LT[k])
    part = _cell_integrals(np.array([_LT[k], lt]), np.array([_GSH[k], g_t]))[0]
    return float(_GSH_CUM[k] + part)


def gstar_table():
    """The grid behind :func:`g_rho`, :func:`g_s`, :func:`gstar_half`: (log10(T/GeV), g_ρ, g_s, g_*^{1/2}).

    The nodes' values against the not-a-knot spline of the Borsanyi table set up at 40 digits
    (above 3.16 MeV) and the ideal gas with its analytic d ln g_s/d ln T by QUADPACK (below).

    Accuracy: ≤ 5e-14 relative at every node (vs the 40-digit spline; ideal gas by QUADPACK).

    >>> lt, grho, gs, gsh = gstar_table()
    >>> round(float(gs[0]), 2), round(float(grho[-1]), 2)
    (3.94, 104.98)
    """
    return _LT.copy(), _GRHO.copy(), _GS.copy(), _GSH.copy()


@njit(cache=True)
def _interp(lt, table, lt0, dlt):
    """Linear interpolation in a table on the uniform grid lt0 + k·dlt, clamped at its ends."""
    return _interp_u((lt - lt0) / dlt, table)


@njit(cache=True)
def _interp_many(T, table, lt0, dlt, out):
    for i in range(T.shape[0]):
        out[i] = _interp(math.log10(T[i]), table, lt0, dlt)


def _g_lookup(T, table, *, caller):
    T = real(caller, "T", T, 0.0, unit="GeV")
    flat = np.ascontiguousarray(T, dtype=np.float64).ravel()
    out = np.empty_like(flat)
    _interp_many(flat, table, _LT_MIN, _DLT, out)
    return scalar_or_array(out.reshape(T.shape))


def g_rho(T):
    """Energy-density degrees of freedom g_ρ(T) = 30ρ/(π²T⁴) of the SM plasma (T in GeV).

    Linear interpolation in log T of :func:`gstar_table`'s grid; exact at its nodes.  The
    definition steps by 3e-4 at 3.16 MeV (Borsanyi vs ideal gas), spread over the grid cell above.

    Accuracy: ≤ 5e-5 relative for 1e-8 ≤ T ≤ 1e4 GeV, steps' cells out (vs the grid's definition).

    >>> round(g_rho(1e-5), 3), round(g_rho(0.1), 1), round(g_rho(100.0), 1)
    (3.395, 17.6, 102.2)
    """
    return _g_lookup(T, _GRHO, caller="g_rho")


def g_s(T):
    """Entropy degrees of freedom g_s(T) = 45 s/(2π²T³) of the SM plasma (T in GeV).

    Linear interpolation in log T of :func:`gstar_table`'s grid; exact at its nodes.  The
    definition steps by 3e-4 at 3.16 MeV (Borsanyi vs ideal gas), spread over the grid cell above.

    Accuracy: ≤ 5e-5 relative for 1e-8 ≤ T ≤ 1e4 GeV, steps' cells out (vs the grid's definition).

    >>> round(g_s(1e-5), 3), round(g_s(0.1), 1)
    (3.943, 17.2)
    """
    return _g_lookup(T, _GS, caller="g_s")


def gstar_half(T):
    """g_*^{1/2} = (g_s/√g_ρ)(1 + ⅓ d ln g_s/d ln T), the factor of the Boltzmann equation (T in GeV).

    Linear interpolation in log T of :func:`gstar_table`'s grid; exact at its nodes.  The
    definition steps at 1 MeV (ν decoupling, 0.6 %), 3.16 MeV and 282 GeV (g_s held constant above,
    1.6 %), each spread over the grid cell above.

    Accuracy: ≤ 1e-4 relative for 1e-8 ≤ T ≤ 1e4 GeV, steps' cells out (vs the grid's definition).

    >>> round(gstar_half(10.0), 2)
    9.16
    """
    return _g_lookup(T, _GSH, caller="gstar_half")


# ============================================================================================
# Modified Bessel functions K_1, K_2 (scaled), in numba
# ============================================================================================
@njit(cache=True)
def _kve(nu, z):
    """K_ν(z) e^z for ν = 1, 2 and z > 0: trapezoidal rule on ∫₀^∞ e^{−z(cosh t − 1)} cosh(νt) dt
    (exponentially convergent; step min(0.22, 0.55/√z)) for z < 30, the asymptotic series (12
    terms) above."""
    if z >= 30.0:
        mu = 4.0 * nu * nu
        term = 1.0
        acc = 1.0
        for k in range(1, 13):
            term *= (mu - (2 * k - 1) ** 2) / (k * 8.0 * z)
            acc += term
        return math.sqrt(_PI / (2.0 * z)) * acc
    h = min(0.22, 0.55 / math.sqrt(z))
    acc = 0.5
    k = 1
    while True:
        t = k * h
        arg = z * (math.cosh(t) - 1.0)
        term = math.exp(-arg) * math.cosh(nu * t)
        acc += term
        if arg > 45.0 and term < 1e-17 * acc:
            break
        k += 1
    return h * acc


@njit(cache=True)
def _kve_many(nu, z, out):
    for i in range(z.shape[0]):
        out[i] = _kve(nu, z[i])


def bessel_kve(nu, z):
    """The exponentially scaled modified Bessel function K_ν(z)·e^z for ν = 1 or 2, z > 0 (used
    inside the numba kernels).

    Accuracy: ≤ 1e-14 relative for 1e-12 ≤ z ≤ 1e6 (vs mpmath besselk·e^z).

    >>> round(bessel_kve(2, 1.0) * math.exp(-1.0), 10)
    1.6248388986
    """
    caller = "bessel_kve"
    nu = choice(caller, "nu", nu, (1, 2))
    z = real(caller, "z", z, 0.0)
    flat = np.ascontiguousarray(z, dtype=np.float64).ravel()
    out = np.empty_like(flat)
    _kve_many(float(nu), flat, out)
    return scalar_or_array(out.reshape(z.shape))


# ln(K₂(x)e^x) tabulated on a uniform grid in ln x for 0.5 ≤ x ≤ 30 (where _kve sums the
# trapezoidal rule): 4-point Lagrange interpolation, error < 1e-13 (tests), ~10x faster.
_LNK2_T0, _LNK2_DT, _LNK2_N = math.log(0.5), 0.001, 4200
_lnk2_x = np.exp(_LNK2_T0 + _LNK2_DT * np.arange(_LNK2_N))
_LNK2_TAB = np.empty(_LNK2_N)
_kve_many(2.0, _lnk2_x, _LNK2_TAB)
_LNK2_TAB = np.log(_LNK2_TAB)


@njit(cache=True)
def _ln_k2e(x):
    """ln(K₂(x) e^x): the table (Lagrange, 4 points) for 0.5 < x < 30, else :func:`_kve`."""
    u = (math.log(x) - _LNK2_T0) / _LNK2_DT
    if u < 1.0 or u > _LNK2_N - 3.0 or x >= 30.0:
        return math.log(_kve(2.0, x))
    i = int(u)
    f = u - i
    y0, y1, y2, y3 = _LNK2_TAB[i - 1], _LNK2_TAB[i], _LNK2_TAB[i + 1], _LNK2_TAB[i + 2]
    return (-f * (f - 1.0) * (f - 2.0) / 6.0 * y0 + (f + 1.0) * (f - 1.0) * (f - 2.0) / 2.0 * y1
            - (f + 1.0) * f * (f - 2.0) / 2.0 * y2 + (f + 1.0) * f * (f - 1.0) / 6.0 * y3)


@njit(cache=True)
def _ln_yeq(x, m, gdof, lt0, dlt, gs_tab):
    lt = math.log10(m / x)
    return (math.log(_YEQ_PREF * gdof) + 2.0 * math.log(x) + _ln_k2e(x) - x
            - math.log(_interp(lt, gs_tab, lt0, dlt)))


@njit(cache=True)
def _yeq_many(x, m, gdof, lt0, dlt, gs_tab, out):
    for i in range(x.shape[0]):
        out[i] = math.exp(_ln_yeq(x[i], m, gdof, lt0, dlt, gs_tab))


def y_eq(x, m_chi, g_chi=2.0):
    """Equilibrium yield Y_eq = n_eq/s = 45 g x² K₂(x)/(4π⁴ g_s(m/x)) (Maxwell–Boltzmann), x = m/T.

    The error is ~x·1e-16: Y_eq ∝ e^{−x}.

    Accuracy: ≤ 2e-13 relative for 1e-3 ≤ x ≤ 700, 1 MeV ≤ m_chi ≤ 10 TeV (vs mpmath K₂, g_s as given).

    >>> round(y_eq(20.0, 100.0) * 1e9, 4)
    0.7126
    """
    caller = "y_eq"
    x = real(caller, "x", x, 0.0)
    m = real(caller, "m_chi", m_chi, 0.0, unit="GeV", scalar=True)
    g = real(caller, "g_chi", g_chi, 0.0, scalar=True)
    flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
    out = np.empty_like(flat)
    _yeq_many(flat, m, g, _LT_MIN, _DLT, _GS, out)
    return scalar_or_array(out.reshape(x.shape))


# ============================================================================================
# The Boltzmann equation: our Radau IIA (order 5) in W = ln Y against t = ln x
# ============================================================================================
_S6 = math.sqrt(6.0)
#: Radau IIA, three stages (order 5, L-stable, stiffly accurate): Butcher matrix and nodes.
RADAU_A = np.array([
    [(88.0 - 7.0 * _S6) / 360.0, (296.0 - 169.0 * _S6) / 1800.0, (-2.0 + 3.0 * _S6) / 225.0],
    [(296.0 + 169.0 * _S6) / 1800.0, (88.0 + 7.0 * _S6) / 360.0, (-2.0 - 3.0 * _S6) / 225.0],
    [(16.0 - _S6) / 36.0, (16.0 + _S6) / 36.0, 1.0 / 9.0],
])
RADAU_C = np.array([(4.0 - _S6) / 10.0, (4.0 + _S6) / 10.0, 1.0])


@njit(cache=True)
def _rhs(t, w, m, gdof, sv0, sv_d, sv_tab, lt0, dlt, gs_tab, gsh_tab):
    """dW/dt and ∂(dW/dt)/∂W for W = ln Y, t = ln x."""
    x = math.exp(t)
    lt = math.log10(m / x)
    u = (t - sv0) / sv_d
    lnsv = _interp_u3(u, sv_tab)
    lam = _LAMBDA_PREF * m * _interp(lt, gsh_tab, lt0, dlt) * math.exp(lnsv)
    lye = _ln_yeq(x, m, gdof, lt0, dlt, gs_tab)
    a = math.exp(w)
    b = math.exp(2.0 * lye - w)
    k = lam / x
    return -k * (a - b), -k * (a + b)


@njit(cache=True)
def _interp_u(u, tab):
    n = tab.shape[0]
    if u <= 0.0:
        return tab[0]
    if u >= n - 1:
        return tab[n - 1]
    i = int(u)
    f = u - i
    return tab[i] * (1.0 - f) + tab[i + 1] * f


@njit(cache=True)
def _interp_u3(u, tab):
    """Cubic (4-point Lagrange) interpolation at index u of a table of ≥ 4 points, clamped at its
    ends (the stencil shifted inside next to them); linear for 2 or 3 points."""
    n = tab.shape[0]
    if n < 4:
        return _interp_u(u, tab)
    if u <= 0.0:
        return tab[0]
    if u >= n - 1:
        return tab[n - 1]
    i = min(max(int(u), 1), n - 3)
    f = u - i
    y0, y1, y2, y3 = tab[i - 1], tab[i], tab[i + 1], tab[i + 2]
    return (-f * (f - 1.0) * (f - 2.0) / 6.0 * y0 + (f + 1.0) * (f - 1.0) * (f - 2.0) / 2.0 * y1
            - (f + 1.0) * f * (f - 2.0) / 2.0 * y2 + (f + 1.0) * f * (f - 1.0) / 6.0 * y3)


@njit(cache=True)
def _solve3(M, r):
    """Solve the 3×3 system M z = r by Gaussian elimination with partial pivoting."""
    a = M.copy()
    b = r.copy()
    for k in range(3):
        p = k
        for i in range(k + 1, 3):
            if abs(a[i, k]) > abs(a[p, k]):
                p = i
        if p != k:
            for j in range(3):
                a[k, j], a[p, j] = a[p, j], a[k, j]
            b[k], b[p] = b[p], b[k]
        for i in range(k + 1, 3):
            f = a[i, k] / a[k, k]
            for j in range(k, 3):
                a[i, j] -= f * a[k, j]
            b[i] -= f * b[k]
    z = np.empty(3)
    for i in range(2, -1, -1):
        s = b[i]
        for j in range(i + 1, 3):
            s -= a[i, j] * z[j]
        z[i] = s / a[i, i]
    return z


@njit(cache=True)
def _radau_step(t, w, h, A, c, m, gdof, sv0, sv_d, sv_tab, lt0, dlt, gs_tab, gsh_tab):
    """One Radau IIA step by full Newton iteration; returns (W(t+h), converged)."""
    z = np.zeros(3)
    fz = np.empty(3)
    jz = np.empty(3)
    M = np.empty((3, 3))
    g = np.empty(3)
    for _ in range(25):
        for i in range(3):
            fz[i], jz[i] = _rhs(t + c[i] * h, w + z[i], m, gdof, sv0, sv_d, sv_tab, lt0, dlt,
                                gs_tab, gsh_tab)
        for i in range(3):
            s = 0.0
            for j in range(3):
                s += A[i, j] * fz[j]
                M[i, j] = (1.0 if i == j else 0.0) - h * A[i, j] * jz[j]
            g[i] = -(z[i] - h * s)
        dz = _solve3(M, g)
        big = 0.0
        for i in range(3):
            big = max(big, abs(dz[i]))
        if not math.isfinite(big):
            return w, False
        if big > 2.0:                       # damp wild Newton steps (exponential right-hand side)
            for i in range(3):
                dz[i] *= 2.0 / big
        for i in range(3):
            z[i] += dz[i]
        if big < 1e-13:
            return w + z[2], True
    return w + z[2], False


@njit(cache=True)
def _boltzmann(m, gdof, sv0, sv_d, sv_tab, t_out, w_out, tol, A, c, lt0, dlt, gs_tab, gsh_tab):
    """Integrate W = ln Y from t_out[0] (on Y_eq) through the increasing t_out; returns the number
    of accepted steps.  Error control: step doubling, |W_2 − W_1|/31 ≤ tol (absolute in ln Y)."""
    t = t_out[0]
    w = _ln_yeq(math.exp(t), m, gdof, lt0, dlt, gs_tab)
    w_out[0] = w
    h = 1e-3
    steps = 0
    k = 1
    while k < t_out.shape[0]:
        hh = min(h, t_out[k] - t)
        w_big, ok1 = _radau_step(t, w, hh, A, c, m, gdof, sv0, sv_d, sv_tab, lt0, dlt, gs_tab, gsh_tab)
        w_half, ok2 = _radau_step(t, w, 0.5 * hh, A, c, m, gdof, sv0, sv_d, sv_tab, lt0, dlt, gs_tab,
                                  gsh_tab)
        ok3 = False
        w_two = w_half
        if ok2:
            w_two, ok3 = _radau_step(t + 0.5 * hh, w_half, 0.5 * hh, A, c, m, gdof, sv0, sv_d, sv_tab,
                                     lt0, dlt, gs_tab, gsh_tab)
        if not (ok1 and ok2 and ok3):
            h = 0.25 * hh
            if h < 1e-12:
                return -1
            continue
        err = abs(w_two - w_big) / 31.0
        if err <= tol:
            t = t + hh
            w = w_two
            steps += 1
            if t >= t_out[k] - 1e-14:
                t = t_out[k]
                w_out[k] = w
                k += 1
        fac = 0.9 * (tol / max(err, 1e-300)) ** (1.0 / 6.0)
        h = hh * min(3.0, max(0.2, fac))
    return steps


#: Where the integration starts and stops (x = m/T); beyond X_END the remaining annihilation is
#: added analytically, 1/Y_∞ = 1/Y(x_end) + λ(x_end)/x_end (Y_eq negligible there).
X_START, X_END = 1.0, 1.0e4


def _sv_table_const(sigma_v_gev2):
    return 0.0, 1.0, np.array([math.log(sigma_v_gev2)] * 2)


def _solve_y(m, gdof, sv0, sv_d, sv_tab, x_out, tol):
    # g_s(T) has kinks (ν decoupling, the join of table and ideal gas) that the step control does
    # not see: the integrator also stops at them, so no step straddles one.
    x_req = np.asarray(x_out, dtype=np.float64)
    kinks = m / np.array([float(C.RELIC_T_NU_DECOUPLING), 10.0**_LT_JOIN])
    kinks = kinks[(kinks > x_req[0]) & (kinks < x_req[-1])]
    x_all = np.union1d(x_req, kinks)
    t_out = np.log(x_all)
    w_out = np.empty_like(t_out)
    n = _boltzmann(m, gdof, sv0, sv_d, sv_tab, t_out, w_out, tol, RADAU_A, RADAU_C, _LT_MIN, _DLT, _GS,
                   _GSH)
    if n < 0:
        raise RuntimeError("dialm.relic: the Boltzmann integrator failed to converge (step underflow)")
    return np.exp(w_out[np.searchsorted(x_all, x_req)]), n


def _tail(m, sv0, sv_d, sv_tab, y_end, x_end):
    """Y_∞ from Y(x_end): 1/Y_∞ = 1/Y(x_end) + ∫_{x_end}^∞ λ(x) dx/x² (Y_eq negligible), with
    g_*^{1/2}(m/x) followed to T → 0 and ⟨σv⟩ held at its x_end value."""
    sv_end = math.exp(_interp_u((math.log(x_end) - sv0) / sv_d, sv_tab))
    return 1.0 / (1.0 / y_end + _LAMBDA_PREF * sv_end * _gsh_integral(m / x_end))


def _omega_from_table(m, gdof, sv0, sv_d, sv_tab, dirac, tol):
    y, _ = _solve_y(m, gdof, sv0, sv_d, sv_tab, [X_START, X_END], tol)
    y_inf = _tail(m, sv0, sv_d, sv_tab, y[-1], X_END)
    return (2.0 if dirac else 1.0) * m * y_inf * _OMEGA_PER_MY


def omega_h2(m_chi, sigma_v, g_chi=2.0, dirac=False, tol=1e-9):
    """Relic abundance Ωh² of a thermal relic with a constant s-wave ⟨σv⟩ (in cm³/s).

    Solves dY/dx = −√(π/45) M_Pl g_*^{1/2}(T) m ⟨σv⟩ (Y² − Y_eq²)/x² from x = 1 (on Y_eq) to
    x = 10⁴ (plus the analytic tail) with the Radau IIA integrator; Ωh² = m Y_∞ s₀/(ρ_c/h²).
    ``g_chi`` counts the internal degrees of freedom of one species.  ``dirac=False``: a
    self-conjugate particle, ⟨σv⟩ its self-annihilation (Steigman et al. 2012 convention);
    ``dirac=True``: χ ≠ χ̄ with n_χ = n_χ̄, ⟨σv⟩ = ⟨σv⟩(χχ̄ → SM) and Ω counts both.  ``tol`` is
    the local error tolerance on ln Y.  Broadcasts over m_chi and sigma_v.

    Reference for the stated accuracy (tol = 1e-9): scipy's Radau at rtol 1e-12 on the same
    equation (stiff: mpmath impractical).

    Accuracy: ≤ 3e-7 relative for 10 MeV ≤ m_chi ≤ 10 TeV, 1e-28 ≤ sigma_v ≤ 1e-24 (vs scipy Radau).

    >>> round(omega_h2(100.0, 2.2e-26), 3)
    0.113
    """
    caller = "omega_h2"
    m = real(caller, "m_chi", m_chi, 0.0, unit="GeV")
    sv = real(caller, "sigma_v", sigma_v, 0.0, unit="cm^3/s")
    g = real(caller, "g_chi", g_chi, 0.0, scalar=True)
    tol = real(caller, "tol", tol, 0.0, 1e-3, scalar=True)
    if not isinstance(dirac, bool):
        raise ValueError(f"{caller}: dirac = {dirac!r} is not one of the allowed values (True, False)")
    mb, svb = np.broadcast_arrays(m, sv)
    out = np.empty(mb.shape)
    for idx in np.ndindex(mb.shape):
        sv0, sv_d, tab = _sv_table_const(svb[idx] / CM3_PER_S_PER_GEV2)
        out[idx] = _omega_from_table(float(mb[idx]), g, sv0, sv_d, tab, dirac, tol)
    return scalar_or_array(out)


def boltzmann_y(x, m_chi, sigma_v, g_chi=2.0, tol=1e-9):
    """The solution Y(x) of the Boltzmann equation at the increasing points ``x`` (x > 1), for a
    constant ⟨σv⟩ in cm³/s; starts on Y_eq at x = 1.  Returns (Y(x), number of accepted steps).

    Reference for the stated accuracy (tol = 1e-9): scipy's Radau at rtol 1e-12 on the same
    equation (stiff: mpmath impractical).

    Accuracy: ≤ 3e-7 relative for 1 < x ≤ 1e4, 50 MeV ≤ m_chi ≤ 100 GeV (vs scipy Radau).

    >>> y, n = boltzmann_y([10.0, 1000.0], 100.0, 2.2e-26)
    >>> round(float(y[1] * 1e12), 3)
    4.162
    """
    caller = "boltzmann_y"
    x = real(caller, "x", x, 1.0)
    if x.ndim != 1 or np.any(np.diff(x) <= 0):
        raise ValueError(f"{caller}: x must be a 1-d increasing array of points > 1")
    m = real(caller, "m_chi", m_chi, 0.0, unit="GeV", scalar=True)
    sv = real(caller, "sigma_v", sigma_v, 0.0, unit="cm^3/s", scalar=True)
    g = real(caller, "g_chi", g_chi, 0.0, scalar=True)
    tol = real(caller, "tol", tol, 0.0, 1e-3, scalar=True)
    sv0, sv_d, tab = _sv_table_const(sv / CM3_PER_S_PER_GEV2)
    y, n = _solve_y(m, g, sv0, sv_d, tab, np.concatenate([[X_START], x]), tol)
    return y[1:], n


#: c of the freeze-out criterion Y − Y_eq = c Y_eq; c(c+2) = 1 (Kolb & Turner's s-wave choice).
C_FREEZE_OUT = math.sqrt(2.0) - 1.0


def freeze_out_approx(m_chi, sigma_v, g_chi=2.0, dirac=False, c_fo=C_FREEZE_OUT, integral=True):
    """The analytic freeze-out estimate (Kolb & Turner, The Early Universe, sec. 5.2).

    x_f solves x_f = ln[0.1445 c(c+2) (g/g_s) λ_f / √x_f] (0.1445 = 45√(π/2)/(4π⁴)), found by
    fixed-point iteration from x_f = 20, with λ = √(π/45) M_Pl g_*^{1/2}(m/x_f) m ⟨σv⟩; then
    1/Y_∞ = ∫_{x_f}^∞ λ(x) dx/x² (``integral=True``, which follows g_* through the QCD era) or
    the textbook Y_∞ = x_f/λ(x_f) (``integral=False``).  Default c(c+2) = 1 (Kolb & Turner's
    choice for s-wave).  Returns (x_f, Ωh²); broadcasts.

    Accuracy: ≤ 1e-12 relative for 10 MeV ≤ m_chi ≤ 10 TeV (vs bisection for x_f, QUADPACK).

    >>> xf, om = freeze_out_approx(100.0, 2.2e-26)
    >>> round(xf, 2), round(om, 3)
    (22.15, 0.113)
    """
    caller = "freeze_out_approx"
    m = real(caller, "m_chi", m_chi, 0.0, unit="GeV")
    sv = real(caller, "sigma_v", sigma_v, 0.0, unit="cm^3/s") / CM3_PER_S_PER_GEV2
    g = real(caller, "g_chi", g_chi, 0.0, scalar=True)
    c_fo = real(caller, "c_fo", c_fo, 0.0, scalar=True)
    m, sv = np.broadcast_arrays(m, sv)
    xf = np.full(m.shape, 20.0)
    for _ in range(60):
        T = m / xf
        lam = _LAMBDA_PREF * np.asarray(gstar_half(T)) * m * sv
        new = np.log(_YEQ_PREF * math.sqrt(_PI / 2.0) * c_fo * (c_fo + 2.0) * g / np.asarray(g_s(T))
                     * lam / np.sqrt(xf))
        if np.any(new < 1.0):
            raise range_error(caller, "sigma_v", float(np.min(sv)) * CM3_PER_S_PER_GEV2, 0.0,
                              reason="x_f < 1: the relic is not cold (no non-relativistic freeze-out)")
        done = np.max(np.abs(new - xf)) < 1e-12
        xf = new
        if done:
            break
    lam = _LAMBDA_PREF * np.asarray(gstar_half(m / xf)) * m * sv
    if integral:                                # ∫_{x_f}^∞ λ dx/x² = √(π/45) M_Pl ⟨σv⟩ ∫_0^{T_f} g_*^{1/2} dT
        T_f = np.reshape(m / xf, -1)
        inv_y = _LAMBDA_PREF * np.reshape(sv, -1) * np.array([_gsh_integral(t) for t in T_f])
        y_inf = (1.0 / inv_y).reshape(m.shape)
    else:
        y_inf = xf / lam
    om = (2.0 if dirac else 1.0) * m * y_inf * _OMEGA_PER_MY
    return scalar_or_array(xf), scalar_or_array(om)


def sigma_v_for_omega(m_chi, omega=C.RELIC_OMEGA_DM_H2, g_chi=2.0, dirac=False, tol=1e-9):
    """The constant s-wave ⟨σv⟩ (cm³/s) that gives Ωh² = ``omega`` (secant iteration in logs).

    Accuracy: ≤ 3e-7 relative for 10 MeV ≤ m_chi ≤ 10 TeV (vs Newton on the scipy-Radau Ωh²).

    >>> round(sigma_v_for_omega(100.0) * 1e26, 2)
    2.07
    """
    caller = "sigma_v_for_omega"
    m = real(caller, "m_chi", m_chi, 0.0, unit="GeV")
    om_t = real(caller, "omega", omega, 0.0, scalar=True)
    out = np.empty(m.shape)
    for idx in np.ndindex(m.shape):
        mm = float(m[idx])
        l0 = math.log(2.2e-26 * (2.0 if dirac else 1.0))
        f0 = math.log(float(omega_h2(mm, math.exp(l0), g_chi, dirac, tol)) / om_t)
        l1 = l0 + f0                                     # Ω ∝ 1/⟨σv⟩ to first order
        for _ in range(30):
            f1 = math.log(float(omega_h2(mm, math.exp(l1), g_chi, dirac, tol)) / om_t)
            if abs(f1) < 1e-10 or f1 == f0:
                break
            l0, l1, f0 = l1, l1 - f1 * (l1 - l0) / (f1 - f0), f1
        out[idx] = math.exp(l1)
    return scalar_or_array(out)


# ============================================================================================
# χχ̄ → V* → μμ, ττ, ν_μν̄_μ, ν_τν̄_τ in U(1)_{L_μ−L_τ}
# ============================================================================================
_M_MU, _M_TAU = float(C.M_MU), float(C.M_TAU)


@njit(cache=True)
def _minus_square(s, a):
    """s − a² without the rounding of a² (a² = p + e exactly, dialm._dd), so that s − a² keeps
    its relative accuracy at a threshold or on the resonance, s → a²."""
    p, e = _dd.two_prod(a, a)
    return (s - p) - e


@njit(cache=True)
def _width(mv, gv, gchi, mchi, mmu, mtau):
    """Γ_V: μμ, ττ (vector), ν_μν̄_μ + ν_τν̄_τ (left-handed), χχ̄ (vector); β² = (m_V − 2m)(m_V + 2m)/m_V²
    (exact cancellation at the thresholds)."""
    gam = 2.0 * gv * gv * mv / (24.0 * _PI)
    for mf in (mmu, mtau):
        if mv > 2.0 * mf:
            r = 4.0 * mf * mf / (mv * mv)
            beta = math.sqrt((mv - 2.0 * mf) * (mv + 2.0 * mf)) / mv
            gam += gv * gv * mv / (12.0 * _PI) * (1.0 + 0.5 * r) * beta
    if mv > 2.0 * mchi:
        r = 4.0 * mchi * mchi / (mv * mv)
        beta = math.sqrt((mv - 2.0 * mchi) * (mv + 2.0 * mchi)) / mv
        gam += gchi * gchi * mv / (12.0 * _PI) * (1.0 + 0.5 * r) * beta
    return gam


@njit(cache=True)
def _sv_mol(s, mchi, mv, gam, gv, gchi, mmu, mtau):
    """σ v_Møl = 2β_χ σ(s) in GeV⁻² (v_Møl = 2β_χ in the CM frame)."""
    d = _minus_square(s, mv) ** 2 + mv * mv * gam * gam
    chan = s                                                 # ν_μ + ν_τ: two halves of a Dirac
    for mf in (mmu, mtau):
        b2 = _minus_square(s, 2.0 * mf)                      # s β_f²
        if b2 > 0.0:
            chan += math.sqrt(b2 / s) * (s + 2.0 * mf * mf)
    return gchi * gchi * gv * gv / (6.0 * _PI * s) * (s + 2.0 * mchi * mchi) * chan / d


@njit(cache=True)
def _sv_mol_e(e, mchi, mv, gam, gv, gchi, mmu, mtau):
    """:func:`_sv_mol` at s = 4m_χ²(1 + e), with s − m_V² and s − 4m_f² formed from e and the
    mass differences (no cancellation at a threshold or at the resonance, however close)."""
    m2 = mchi * mchi
    s = 4.0 * m2 * (1.0 + e)
    d = (4.0 * m2 * e + (2.0 * mchi - mv) * (2.0 * mchi + mv)) ** 2 + mv * mv * gam * gam
    chan = s
    for mf in (mmu, mtau):
        b2 = 4.0 * m2 * e + 4.0 * (mchi - mf) * (mchi + mf)  # s β_f²
        if b2 > 0.0:
            chan += math.sqrt(b2 / s) * (s + 2.0 * mf * mf)
    return gchi * gchi * gv * gv / (6.0 * _PI * s) * (s + 2.0 * m2) * chan / d


@njit(cache=True)
def _beta_chi_many(s, mchi, out):
    for i in range(s.shape[0]):
        out[i] = math.sqrt(_minus_square(s[i], 2.0 * mchi[i]) / s[i])


@njit(cache=True)
def _sv_mol_many(s, mchi, mv, gam, gv, gchi, mmu, mtau, out):
    for i in range(s.shape[0]):
        out[i] = _sv_mol(s[i], mchi[i], mv[i], gam[i], gv[i], gchi[i], mmu, mtau)


# Gauss–Kronrod 7/15 (QUADPACK qk15): Kronrod nodes (positive half), Kronrod and Gauss weights.
_XGK = np.array([0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                 0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                 0.207784955007898467600689403773245, 0.0])
_WGK = np.array([0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                 0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                 0.204432940075298892414161999234649, 0.209482141084727828012999174891714])
_WG = np.array([0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                0.381830050505118944950369775488975, 0.417959183673469387755102040816327])


@njit(cache=True)
def _gg_integrand(w, x, mchi, mv, gam, gv, gchi, mmu, mtau):
    """Integrand of ⟨σv⟩ in w = √ε, s = 4m²(1 + w²), without the prefactor 2x/K₂e^x²."""
    e = w * w
    rt = math.sqrt(1.0 + e)
    z = 2.0 * x * rt
    return (_sv_mol_e(e, mchi, mv, gam, gv, gchi, mmu, mtau) * 2.0 * e * (1.0 + e) * _kve(1.0, z)
            * math.exp(-2.0 * x * (rt - 1.0)))


@njit(cache=True)
def _gk15(a, b, x, mchi, mv, gam, gv, gchi, mmu, mtau):
    c = 0.5 * (a + b)
    hl = 0.5 * (b - a)
    fc = _gg_integrand(c, x, mchi, mv, gam, gv, gchi, mmu, mtau)
    rk = fc * _WGK[7]
    rg = fc * _WG[3]
    for j in range(7):
        dx = hl * _XGK[j]
        f1 = _gg_integrand(c - dx, x, mchi, mv, gam, gv, gchi, mmu, mtau)
        f2 = _gg_integrand(c + dx, x, mchi, mv, gam, gv, gchi, mmu, mtau)
        rk += _WGK[j] * (f1 + f2)
        if j % 2 == 1:
            rg += _WG[j // 2] * (f1 + f2)
    return rk * hl, abs((rk - rg) * hl)


@njit(cache=True)
def _thermal_one(x, mchi, mv, gam, gv, gchi, mmu, mtau, rtol):
    """Gondolo–Gelmini ⟨σv⟩(x) = (2x/K₂ẽ(x)²) ∫₀^∞ σv_Møl(ε) √ε (1+ε) K₁ẽ(2x√(1+ε))
    e^{−2x(√(1+ε)−1)} dε, adaptive GK15 in w = √ε with breakpoints at the thresholds and the
    resonance (K ẽ = K e^z)."""
    t_max = 70.0
    e_max = (1.0 + t_max / (2.0 * x)) ** 2 - 1.0
    w_max = math.sqrt(e_max)
    bp = np.empty(16)
    nb = 0
    bp[nb] = 0.0
    nb += 1
    bp[nb] = w_max
    nb += 1
    m2 = mchi * mchi
    for mf in (mmu, mtau):
        ef = (mf - mchi) * (mf + mchi) / m2
        if 0.0 < ef < e_max:
            bp[nb] = math.sqrt(ef)
            nb += 1
    er = (mv - 2.0 * mchi) * (mv + 2.0 * mchi) / (4.0 * m2)
    ge = mv * gam / (4.0 * m2)
    if er > 0.0:
        for k in (-10.0, -3.0, -1.0, 0.0, 1.0, 3.0, 10.0):
            ek = er + k * ge
            if 0.0 < ek < e_max:
                bp[nb] = math.sqrt(ek)
                nb += 1
    bps = np.sort(bp[:nb])
    nmax = 400
    A = np.empty(nmax)
    B = np.empty(nmax)
    Ival = np.empty(nmax)
    Err = np.empty(nmax)
    n = 0
    for i in range(nb - 1):
        if bps[i + 1] > bps[i]:
            A[n] = bps[i]
            B[n] = bps[i + 1]
            Ival[n], Err[n] = _gk15(A[n], B[n], x, mchi, mv, gam, gv, gchi, mmu, mtau)
            n += 1
    while True:
        tot = 0.0
        etot = 0.0
        worst = 0
        for i in range(n):
            tot += Ival[i]
            etot += Err[i]
            if Err[i] > Err[worst]:
                worst = i
        if etot <= rtol * abs(tot) or n + 1 >= nmax:
            break
        a, b = A[worst], B[worst]
        mid = 0.5 * (a + b)
        B[worst] = mid
        Ival[worst], Err[worst] = _gk15(a, mid, x, mchi, mv, gam, gv, gchi, mmu, mtau)
        A[n] = mid
        B[n] = b
        Ival[n], Err[n] = _gk15(mid, b, x, mchi, mv, gam, gv, gchi, mmu, mtau)
        n += 1
    k2 = _kve(2.0, x)
    return 2.0 * x / (k2 * k2) * tot


@njit(cache=True)
def _thermal_table(xs, mchi, mv, gam, gv, gchi, mmu, mtau, rtol, out):
    for i in range(xs.shape[0]):
        out[i] = _thermal_one(xs[i], mchi, mv, gam, gv, gchi, mmu, mtau, rtol)


def _model_args(m_chi, m_v, g_v, alpha_d, *, caller):
    mchi = real(caller, "m_chi", m_chi, 0.0, unit="GeV")
    mv = real(caller, "m_v", m_v, 0.0, unit="GeV")
    gv = real(caller, "g_v", g_v, 0.0)
    ad = real(caller, "alpha_d", alpha_d, 0.0, 4.0 * _PI, high_open=False)
    return mchi, mv, gv, ad


def width_v(m_v, g_v, alpha_d=C.RELIC_ALPHA_D, m_chi=None):
    """Total width Γ_V (GeV) of the L_μ−L_τ vector: μ⁺μ⁻, τ⁺τ⁻ (g_V), ν_μν̄_μ, ν_τν̄_τ (left-handed,
    g_V² m_V/24π each) and χχ̄ (g_χ² = 4πα_D) where open; ``m_chi=None``: no dark matter.

    Γ(V → ff̄) = g² m_V (1 + 2m_f²/m_V²) √(1 − 4m_f²/m_V²)/(12π).

    Accuracy: ≤ 5e-15 relative for 1 MeV ≤ m_v ≤ 1 TeV, thresholds included (vs 40-digit mpmath).

    >>> round(width_v(0.3, 1e-3, 0.5, 0.1) / 0.3, 4)
    0.1517
    """
    caller = "width_v"
    mv = real(caller, "m_v", m_v, 0.0, unit="GeV")
    gv = real(caller, "g_v", g_v, 0.0)
    ad = real(caller, "alpha_d", alpha_d, 0.0, 4.0 * _PI, low_open=False, high_open=False)
    mchi = real(caller, "m_chi", 1e300 if m_chi is None else m_chi, 0.0, unit="GeV")
    mv, gv, ad, mchi = np.broadcast_arrays(mv, gv, ad, mchi)
    out = np.empty(mv.shape)
    for idx in np.ndindex(mv.shape):
        out[idx] = _width(mv[idx], gv[idx], math.sqrt(4 * _PI * ad[idx]), mchi[idx], _M_MU, _M_TAU)
    return scalar_or_array(out)


def _broadcast_model(s_or_x, name, low, m_chi, m_v, g_v, alpha_d, *, caller):
    v = real(caller, name, s_or_x, low)
    mchi, mv, gv, ad = _model_args(m_chi, m_v, g_v, alpha_d, caller=caller)
    v, mchi, mv, gv, ad = np.broadcast_arrays(v, mchi, mv, gv, ad)
    gchi = np.sqrt(4.0 * _PI * ad)
    gam = np.empty(v.shape)
    for idx in np.ndindex(v.shape):
        gam[idx] = _width(mv[idx], gv[idx], gchi[idx], mchi[idx], _M_MU, _M_TAU)
    return v, mchi, mv, gv, gchi, gam


def sigma_v_mol(s, m_chi, m_v, g_v, alpha_d=C.RELIC_ALPHA_D):
    """σ(χχ̄ → μμ, ττ, νν̄) v_Møl in cm³/s at CM energy² ``s`` (GeV², s > 4m_χ²), v_Møl = 2β_χ.

    σ = g_χ²g_V²/(12π s β_χ) (s + 2m_χ²)/((s − m_V²)² + m_V²Γ_V²)
    × [Σ_{μ,τ} β_f (s + 2m_f²) + s] (the ν's: two left-handed flavours, each half a Dirac fermion).

    Accuracy: ≤ 5e-15 relative for 4m_χ²(1 + 1e-12) ≤ s ≤ 1e6 m_χ² (vs 40-digit mpmath).

    >>> round(sigma_v_mol(4 * 0.1**2 * 1.01, 0.1, 0.3, 3e-5) * 1e26, 4)
    7.9913
    """
    model = _above_threshold(s, m_chi, m_v, g_v, alpha_d, caller="sigma_v_mol")
    return scalar_or_array(_sv_mol_array(*model) * CM3_PER_S_PER_GEV2)


def _above_threshold(s, m_chi, m_v, g_v, alpha_d, *, caller):
    """:func:`_broadcast_model` at CM energy² ``s``, which must be above the χχ̄ threshold 4m_χ²."""
    s, mchi, mv, gv, gchi, gam = _broadcast_model(s, "s", 0.0, m_chi, m_v, g_v, alpha_d, caller=caller)
    bad = s <= 4.0 * mchi * mchi
    if bad.any():
        i = np.argwhere(bad)[0]
        raise range_error(caller, "s", float(s[tuple(i)]), 4.0 * float(mchi[tuple(i)]) ** 2, unit="GeV^2",
                          reason="below the chi chi-bar threshold")
    return s, mchi, mv, gv, gchi, gam


def _sv_mol_array(s, mchi, mv, gv, gchi, gam):
    """σv_Møl in GeV⁻² for the checked, broadcast model of :func:`_above_threshold`."""
    flat = [np.ascontiguousarray(a, dtype=np.float64).ravel() for a in (s, mchi, mv, gam, gv, gchi)]
    out = np.empty_like(flat[0])
    _sv_mol_many(*flat, _M_MU, _M_TAU, out)
    return out.reshape(s.shape)


def sigma_annihilation(s, m_chi, m_v, g_v, alpha_d=C.RELIC_ALPHA_D):
    """The annihilation cross-section σ(χχ̄ → μμ, ττ, νν̄) in GeV⁻² (spin-averaged), s in GeV².

    Accuracy: ≤ 5e-15 relative for 4m_χ²(1 + 1e-12) ≤ s ≤ 1e6 m_χ² (vs 40-digit mpmath).

    >>> round(sigma_annihilation(0.2, 0.1, 0.3, 1e-3) * 1e6, 4)
    6.6053
    """
    model = _above_threshold(s, m_chi, m_v, g_v, alpha_d, caller="sigma_annihilation")
    sv = _sv_mol_array(*model)
    s, mchi = model[:2]
    beta = np.empty(s.size)
    _beta_chi_many(np.ascontiguousarray(s, dtype=np.float64).ravel(),
                   np.ascontiguousarray(mchi, dtype=np.float64).ravel(), beta)
    return scalar_or_array(sv / (2.0 * beta.reshape(s.shape)))


def sigma_v_nonrel(x, m_chi, m_v, g_v, alpha_d=C.RELIC_ALPHA_D):
    """The non-relativistic expansion ⟨σv⟩ ≈ a + (3/2) b/x in cm³/s, with σv_Møl = a + b ε + …,
    ε = (s − 4m_χ²)/4m_χ² (⟨ε⟩ = 3/(2x); equivalently a + 6 b'/x with σv = a + b' v_rel²).
    Fails near thresholds and near the resonance (|m_V² − 4m_χ²| ≲ m_χ²/x): use
    :func:`sigma_v_thermal` there.

    Accuracy: ≤ 5e-15 relative for 1 ≤ x ≤ 1e4, thresholds and resonance included (vs mpmath).

    >>> round(sigma_v_nonrel(20.0, 0.1, 0.3, 3e-5) * 1e26, 4)
    9.0849
    """
    caller = "sigma_v_nonrel"
    x, mchi, mv, gv, gchi, gam = _broadcast_model(x, "x", 0.0, m_chi, m_v, g_v, alpha_d, caller=caller)
    s0 = 4.0 * mchi**2
    dv = (2.0 * mchi - mv) * (2.0 * mchi + mv)     # s0 − m_V² (no cancellation at resonance)
    d0 = dv**2 + mv**2 * gam**2
    pref = gchi**2 * gv**2 / (6.0 * _PI * s0) * (s0 + 2.0 * mchi**2) / d0
    chan = s0.copy()
    dchan = np.ones_like(s0)                       # d chan / ds
    for mf in (_M_MU, _M_TAU):
        open_ = mchi > mf
        df = 4.0 * (mchi - mf) * (mchi + mf)       # s0 − 4m_f² (exact cancellation at threshold)
        beta = np.sqrt(np.where(open_, df / s0, 1.0))
        term = beta * (s0 + 2.0 * mf**2)
        dterm = term * (2.0 * mf**2 / (s0 * (df + ~open_)) + 1.0 / (s0 + 2.0 * mf**2))
        chan += np.where(open_, term, 0.0)
        dchan += np.where(open_, dterm, 0.0)
    a = pref * chan
    # d ln a/ds: −1/s0 + 1/(s0 + 2m²) combined, so that it cannot cancel
    dlog = (-2.0 * mchi**2 / (s0 * (s0 + 2.0 * mchi**2)) - 2.0 * dv / d0 + dchan / chan)
    b = a * dlog * s0                              # dσv/dε = 4m² dσv/ds
    return scalar_or_array((a + 1.5 * b / x) * CM3_PER_S_PER_GEV2)


def sigma_v_thermal(x, m_chi, m_v, g_v, alpha_d=C.RELIC_ALPHA_D, rtol=1e-9):
    """The thermal average ⟨σv_Møl⟩(x) of Gondolo & Gelmini (1991) in cm³/s, x = m_χ/T:

    ⟨σv⟩ = 1/(8m⁴TK₂(x)²) ∫_{4m²}^∞ σ(s)(s − 4m²)√s K₁(√s/T) ds (Maxwell–Boltzmann), by adaptive
    Gauss–Kronrod 7/15 in numba with breakpoints at the μ, τ thresholds and around the resonance.

    Tested at and next to the resonance and the thresholds, 1 MeV ≤ m_χ ≤ 30 GeV; reference
    QUADPACK of the integral in ε (mpmath too slow here).

    Accuracy: ≤ 2e-10 relative for 1 ≤ x ≤ 2000 at rtol = 1e-9 (vs QUADPACK at rtol 1e-13).

    >>> round(sigma_v_thermal(20.0, 0.1, 0.3, 3e-5) * 1e26, 4)
    9.7356
    """
    caller = "sigma_v_thermal"
    x, mchi, mv, gv, gchi, gam = _broadcast_model(x, "x", 0.0, m_chi, m_v, g_v, alpha_d, caller=caller)
    rtol = real(caller, "rtol", rtol, 0.0, 1e-2, scalar=True)
    out = np.empty(x.shape)
    for idx in np.ndindex(x.shape):
        tmp = np.empty(1)
        _thermal_table(np.array([x[idx]]), mchi[idx], mv[idx], gam[idx], gv[idx], gchi[idx], _M_MU,
                       _M_TAU, rtol, tmp)
        out[idx] = tmp[0]
    return scalar_or_array(out * CM3_PER_S_PER_GEV2)


#: The ⟨σv⟩(x) table behind the model's Boltzmann solve: N_X_TABLE points, log-spaced in x over
#: [X_START, X_END], cubic (4-point Lagrange) interpolation of ln⟨σv⟩ in ln x.
N_X_TABLE = 64


def _model_table(mchi, mv, gv, gchi, n_x, rtol):
    gam = _width(mv, gv, gchi, mchi, _M_MU, _M_TAU)
    lnx = np.linspace(math.log(X_START), math.log(X_END), n_x)
    out = np.empty(n_x)
    _thermal_table(np.exp(lnx), mchi, mv, gam, gv, gchi, _M_MU, _M_TAU, rtol, out)
    return lnx[0], lnx[1] - lnx[0], np.log(out)


def omega_h2_lmutau(m_chi, m_v, g_v, alpha_d=C.RELIC_ALPHA_D, n_x=N_X_TABLE, tol=1e-9, rtol=1e-9):
    """Ωh² of a Dirac χ (g = 2 per species, χ and χ̄ counted) annihilating through V* to μμ, ττ,
    νν̄, with the Gondolo–Gelmini ⟨σv⟩(x) tabulated on ``n_x`` points and the Radau solve.

    Reference for the stated accuracy: scipy's Radau at rtol 1e-12 with ⟨σv⟩(x) from QUADPACK
    on 161 points (cubic spline), on and off the resonance.

    Accuracy: ≤ 1e-5 relative for 0.1 ≤ m_chi ≤ 1 GeV at the defaults (vs scipy Radau).

    >>> round(omega_h2_lmutau(0.1, 0.3, 3e-5), 3)
    0.125
    """
    caller = "omega_h2_lmutau"
    mchi, mv, gv, ad = _model_args(m_chi, m_v, g_v, alpha_d, caller=caller)
    n_x = count(caller, "n_x", n_x, low=4, scalar=True)
    mchi, mv, gv, ad = np.broadcast_arrays(mchi, mv, gv, ad)
    out = np.empty(mchi.shape)
    for idx in np.ndindex(mchi.shape):
        m = float(mchi[idx])
        sv0, sv_d, tab = _model_table(m, float(mv[idx]), float(gv[idx]),
                                      math.sqrt(4 * _PI * float(ad[idx])), n_x, rtol)
        out[idx] = _omega_from_table(m, 2.0, sv0, sv_d, tab, True, tol)
    return scalar_or_array(out)


def _ln_omega_scaled(mchi, sv0, sv_d, tab, shift, om_t, tol):
    return math.log(_omega_from_table(mchi, 2.0, sv0, sv_d, tab + shift, True, tol) / om_t)


def _target_one(mchi, mv, gchi, om_t, n_x, tol, rtol, max_iter, refine):
    g_tab = 1e-3
    sv0, sv_d, tab = _model_table(mchi, mv, g_tab, gchi, n_x, rtol)
    # first guess: ⟨σv⟩ at x = 20 equal to twice the self-conjugate thermal value (Dirac)
    sv20 = math.exp(_interp_u((math.log(20.0) - sv0) / sv_d, tab)) * CM3_PER_S_PER_GEV2
    l0 = math.log(g_tab) + 0.5 * math.log(2.0 * 4.4e-26 / sv20)
    f0 = _ln_omega_scaled(mchi, sv0, sv_d, tab, 2.0 * (l0 - math.log(g_tab)), om_t, tol)
    l1 = l0 + f0 / 1.9                  # Ω ∝ g_V^(-2(1 - 1/x_f)), x_f ≈ 20: slope ≈ −1.9
    for _ in range(max_iter):
        f1 = _ln_omega_scaled(mchi, sv0, sv_d, tab, 2.0 * (l1 - math.log(g_tab)), om_t, tol)
        if abs(f1) < 1e-7 or f1 == f0:
            break
        l0, l1, f0 = l1, l1 - f1 * (l1 - l0) / (f1 - f0), f1
    if refine:
        # recompute the table at the solution (Γ_V depends on g_V through the SM channels)
        g_tab = math.exp(l1)
        sv0, sv_d, tab = _model_table(mchi, mv, g_tab, gchi, n_x, rtol)
        f1 = _ln_omega_scaled(mchi, sv0, sv_d, tab, 0.0, om_t, tol)
        l1 -= 0.5 * f1
    return math.exp(l1)


def thermal_target_g(m_v, ratio=C.RELIC_MASS_RATIO, alpha_d=C.RELIC_ALPHA_D,
                     omega=C.RELIC_OMEGA_DM_H2, n_x=N_X_TABLE, tol=1e-9, rtol=1e-9, max_iter=8,
                     refine=True):
    """The coupling g_V for which the Dirac χ of mass m_χ = ratio·m_V has Ωh² = ``omega``.

    ⟨σv⟩ ∝ g_V² at fixed Γ_V, so the ⟨σv⟩(x) table is computed once and rescaled while a secant
    iteration in (ln g_V, ln Ωh²) converges; with ``refine`` the table is recomputed at the
    result (Γ_V depends on g_V through the SM channels) and one more step taken.  ``n_x``, ``tol``,
    ``rtol``: table size, Boltzmann and quadrature tolerances (the chapter's widget uses a coarse
    setting and shows its accuracy).  ``ratio`` ≤ 0.6: above m_χ ≈ m_V the annihilation
    χχ̄ → VV (not included) would take over.

    Reference: one Newton step of the reference of :func:`omega_h2_lmutau` (round trip).

    Accuracy: ≤ 2e-5 relative for 0.03 ≤ m_v ≤ 0.3 GeV at the defaults (vs Newton, scipy Radau).

    >>> round(thermal_target_g(0.3) * 1e5, 3)
    3.07
    """
    caller = "thermal_target_g"
    mv = real(caller, "m_v", m_v, 0.0, unit="GeV")
    ratio = real(caller, "ratio", ratio, 0.0, 0.6, high_open=False, scalar=True)
    ad = real(caller, "alpha_d", alpha_d, 0.0, 4.0 * _PI, high_open=False, scalar=True)
    om_t = real(caller, "omega", omega, 0.0, scalar=True)
    n_x = count(caller, "n_x", n_x, low=4, scalar=True)
    tol = real(caller, "tol", tol, 0.0, 1e-3, scalar=True)
    rtol = real(caller, "rtol", rtol, 0.0, 1e-2, scalar=True)
    gchi = math.sqrt(4.0 * _PI * ad)
    out = np.empty(mv.shape)
    for idx in np.ndindex(mv.shape):
        m_v1 = float(mv[idx])
        out[idx] = _target_one(ratio * m_v1, m_v1, gchi, om_t, n_x, tol, rtol, max_iter, bool(refine))
    return scalar_or_array(out)
