"""Heavy new physics and the muon's dipole: the EFT relation and two electroweak models.

Chapters: book/g2/dipole.md (the dipole operator, chirality flip, mass scales) and
book/g2/heavy_models.md (the SSF and FFS models of Capdevilla, Curtin, Kahn & Krnjaic,
arXiv:2006.16277 and 2101.10334, and the highest mass of their lightest charged state: every row
of the talk's table, with the SU(2) channels of :func:`loop_channels`, in :func:`unitarity_table`).

Conventions (natural units, GeV).

* Dipole: ``L = C μ̄ σ^{μν} P_R μ F_{μν} + h.c.`` with σ^{μν} = (i/2)[γ^μ, γ^ν] gives
  Δa_μ = 4 m_μ Re C / e (e > 0; the sign convention is that Re C > 0 raises a_μ).
* One loop, a fermion f (mass M, charge Q_f in units of e, muon −1) and a scalar s (mass m,
  Q_s = −1 − Q_f) coupled as ``f̄ (c_L P_L + c_R P_R) μ s* + h.c.``: the chirally enhanced part is
  Δa = c_L c_R (m_μ M / 8π²) [−Q_f ∫dx x²/(M²x + m²(1−x)) − Q_s ∫dx (x² − x)/(m²x + M²(1−x))]
  (Leveille 1978, the m_μ → 0 limit of the denominators).
* SSF model ``−y1 F^c L Φ_A* − y2 F μ^c Φ_B − κ H Φ_A* Φ_B``: the κ⟨H⟩ = κv/√2 mass mixing of
  Φ_A and Φ_B flips the chirality, to first order in κv/M² (mass insertion)
  Δa = N y1 y2 (κv/√2) (m_μ M_F/8π²) ∫dx x²(1−x) [Q_f/(D^f_A D^f_B) − Q_s/(D^s_A D^s_B)],
  D^f_i = M_F² x + m_i²(1−x), D^s_i = m_i² x + M_F²(1−x).  All masses equal: (Q_f − Q_s)/(12 M³).
* FFS model ``−y1 F_A^c L Φ* − y2 F_B μ^c Φ − κ H† F_A F_B^c − κ' H F_A^c F_B``: the two Yukawas
  mix F_A and F_B; κ needs both Dirac masses on the line (``flip="mass"``), κ' none
  (``flip="momentum"``).  All masses equal: G = (3Q_f − Q_s)/(12 M²) for κ and
  −(Q_f − Q_s)/(12 M²) for κ' (:func:`ffs_loop`).

The sign of each Δa below is that of the couplings' product as written; the overall sign is
free in the models (the phases of y1 y2 κ), so the maximal-mass search uses |Δa|.
"""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy.optimize import minimize

from ._validate import choice, count, range_error, real, scalar_or_array
from .constants import A_MU_EXP_2021, A_MU_SM_WP2020, ALPHA, M_MU, M_TAU, V_EW

__all__ = [
    "FLIPS",
    "MODELS",
    "Y_UNITARITY",
    "KAPPA_SSF_UNITARITY",
    "KAPPA_FFS_UNITARITY",
    "delta_a_from_dipole",
    "dipole_from_delta_a",
    "mass_scale",
    "ssf_loop",
    "ffs_loop",
    "delta_a_ssf",
    "delta_a_ffs",
    "ssf_mass_loop",
    "delta_m_mu_ssf",
    "parse_rep",
    "loop_channel",
    "loop_channels",
    "unitarity_table",
    "max_charged_mass",
    "load_talk_table",
    "br_radiative",
    "offdiagonal_ratio_max",
]

MODELS = ("SSF", "FFS")
FLIPS = ("mass", "momentum", "both")
FLIP_KINDS = ("muon", "heavy")
_PI = math.pi
E_CHARGE = math.sqrt(4.0 * _PI * ALPHA)

# Ceilings on the couplings (book/g2/heavy_models.md, "The coupling ceilings"): every dimensionless
# coupling |y1|, |y2|, |kappa|, |kappa'| <= sqrt(8 pi), from |Re a_0| <= 1/2 for the J = 0 partial
# wave of the elastic Yukawa scattering mu F-bar -> Phi* -> mu F-bar at s >> m^2 (a_0 = y^2/16 pi;
# derived with sympy in the chapter): the J = 0 bound |Y|^2 <= 8 pi stated in the abstract of
# Urquia-Calderon, Timiryasov & Ruchayskiy, arXiv:2409.13412 (whose J = 1 waves give the stricter
# 8 pi/phi for a heavy fermion coupled to a lepton doublet and the Higgs; not used here).
# The SSF trilinear |kappa| <= 4 pi m (m the heavier scalar) is this book's criterion, not a
# unitarity bound: there its one-loop shift of the scalar masses, kappa^2/16 pi^2, reaches m^2.
# None depends on N_BSM (the elastic channel has one copy); with N identical copies the partial-wave
# matrix only gains channels, so no unitarity ceiling can loosen with N (Cauchy interlacing).
Y_UNITARITY = math.sqrt(8.0 * _PI)
KAPPA_SSF_UNITARITY = 4.0 * _PI
KAPPA_FFS_UNITARITY = math.sqrt(8.0 * _PI)
# the anomaly the table is computed for: E821 + FNAL 2021 minus WP2020, 251e-11 (constants.py)
DELTA_A_TALK = round((float(A_MU_EXP_2021) - float(A_MU_SM_WP2020)) / 1e-11) * 1e-11


# --------------------------------------------------------------------------------------------
# the dipole operator
# --------------------------------------------------------------------------------------------
def delta_a_from_dipole(c, m_lepton=M_MU):
    """Δa_ℓ = 4 m_ℓ Re C / e for ``L = C ℓ̄σ^{μν}P_R ℓ F_{μν} + h.c.`` (C in GeV⁻¹).

    Accuracy: ≤ 1e-15 relative for any C and lepton mass (vs 40-digit mpmath).

    >>> round(delta_a_from_dipole(1e-9) * 1e9, 4)  # C = 1e-9 / GeV
    1.3956
    """
    caller = "delta_a_from_dipole"
    c = real(caller, "c", c, unit="1/GeV")
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    return scalar_or_array(4.0 * ml * c / E_CHARGE)


def dipole_from_delta_a(delta_a, m_lepton=M_MU):
    """Re C = e Δa_ℓ / (4 m_ℓ) in GeV⁻¹, the inverse of :func:`delta_a_from_dipole`.

    Accuracy: ≤ 1e-15 relative for any Δa and lepton mass (vs 40-digit mpmath).

    >>> round(dipole_from_delta_a(251e-11) * 1e9, 3)   # the 2021 anomaly: C ≈ 1.8e-9 / GeV
    1.798
    """
    caller = "dipole_from_delta_a"
    da = real(caller, "delta_a", delta_a)
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    return scalar_or_array(E_CHARGE * da / (4.0 * ml))


def mass_scale(delta_a, coupling, flip="heavy", c=1.0, v=V_EW, m_lepton=M_MU):
    """The mass M that gives ``delta_a`` in the generic one-loop estimates (GeV).

    ``flip="muon"``:  Δa = c g² m_μ² / (16π² M²)  →  M = g m_μ sqrt(c / (16π² Δa));
    ``flip="heavy"``: Δa = c g² m_μ v / (16π² M²) →  M = g sqrt(c m_μ v / (16π² Δa)).
    ``coupling`` is g (the product of couplings is g²), ``c`` the O(1) loop factor.

    Accuracy: ≤ 1e-15 relative for any Δa > 0, g, c, v (vs 40-digit mpmath).

    >>> round(mass_scale(251e-11, 1.0, "muon"))
    168
    >>> round(mass_scale(251e-11, 1.0, "heavy") / 1e3, 2)
    8.1
    """
    caller = "mass_scale"
    choice(caller, "flip", flip, FLIP_KINDS)
    da = real(caller, "delta_a", delta_a, 0.0)
    g = real(caller, "coupling", coupling, 0.0, low_open=False)
    c = real(caller, "c", c, 0.0)
    v = real(caller, "v", v, 0.0, unit="GeV")
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    scale = ml * ml if flip == "muon" else ml * v
    return scalar_or_array(g * np.sqrt(c * scale / (16.0 * _PI**2 * da)))


# --------------------------------------------------------------------------------------------
# Feynman-parameter integrals: composite Gauss-Legendre, geometric panels toward x = 0 and 1
# (the denominators vary on scales (mass ratio)^2 near the end points)
# --------------------------------------------------------------------------------------------
def _nodes(npan=16, order=16, smallest=1e-9):
    """Nodes x, 1 − x and weights on [0, 1], symmetric about 1/2.  1 − x is stored, not computed:
    near x = 1 the denominators vary on scales (1 − x) ~ (mass ratio)⁻² ≳ 1e-8, where 1 − x taken
    from a rounded x would be off by up to ~1e-7 relative."""
    g, w = np.polynomial.legendre.leggauss(order)
    edges = np.concatenate([[0.0], np.geomspace(smallest, 0.5, npan)])
    xs, ws = [], []
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        xs.append(0.5 * (b - a) * g + 0.5 * (b + a))
        ws.append(0.5 * (b - a) * w)
    left, wl = np.concatenate(xs), np.concatenate(ws)   # the nodes in (0, 1/2)
    return (np.concatenate([left, 1.0 - left[::-1]]), np.concatenate([1.0 - left, left[::-1]]),
            np.concatenate([wl, wl[::-1]]))


_X, _XM, _W = _nodes()
_MASS_RATIO_MAX = 1e4   # the accuracy of the quadrature is tested up to this mass ratio


def _integrate(f):
    """∫₀¹ f(x) dx for f evaluated on the nodes along the last axis."""
    return np.sum(f * _W, axis=-1)


def _loop_masses(*, caller, **masses):
    """The loop's masses (GeV, each > 0) as float arrays, in the order given, checked under the
    caller's name, with the largest ratio among them within the quadrature's validated range."""
    checked = [real(caller, name, value, 0.0, unit="GeV") for name, value in masses.items()]
    m = np.broadcast_arrays(*checked)
    mx = np.maximum.reduce(m)
    mn = np.minimum.reduce(m)
    bad = mx / mn > _MASS_RATIO_MAX
    if bad.any():
        raise range_error(caller, "mass ratio", float((mx / mn)[bad].flat[0]), 1.0, _MASS_RATIO_MAX,
                          low_open=False, high_open=False,
                          reason="the loop quadrature is validated for mass ratios up to 1e4")
    return checked


def ssf_loop(m_f, m_a, m_b, q_f):
    """The SSF loop function G (GeV⁻³): Δa = N y1 y2 (κv/√2) (m_μ/8π²) G.

    G = M_F ∫₀¹ dx x²(1−x) [Q_f/(D^f_A D^f_B) − Q_s/(D^s_A D^s_B)], Q_s = −1 − Q_f, with
    D^f_i = M_F² x + m_i²(1−x) and D^s_i = m_i² x + M_F²(1−x): the divided difference in the
    scalar mass² of the chirally enhanced one-loop amplitude (mass insertion κ⟨H⟩ between Φ_A and
    Φ_B).  Symmetric in m_a ↔ m_b; all masses M: G = (Q_f − Q_s)/(12 M³).

    Accuracy: ≤ 5e-15 relative for mass ratios 1 … 1e4, integer charges (vs 40-digit mp.quad).

    >>> round(ssf_loop(1.0, 1.0, 1.0, -1) * 12, 12)  # F⁻ with neutral scalars, M = 1 GeV
    -1.0
    """
    caller = "ssf_loop"
    masses = _loop_masses(m_f=m_f, m_a=m_a, m_b=m_b, caller=caller)
    return scalar_or_array(_ssf_core(*masses, real(caller, "q_f", q_f)))


def _ssf_core(mf, ma, mb, qf):
    mf, ma, mb, qf = (np.asarray(a, dtype=float)[..., None] for a in (mf, ma, mb, qf))
    qs = -1.0 - qf
    x, xm = _X, _XM
    fa, fb = mf**2 * x + ma**2 * xm, mf**2 * x + mb**2 * xm
    sa, sb = ma**2 * x + mf**2 * xm, mb**2 * x + mf**2 * xm
    return mf[..., 0] * _integrate(x**2 * xm * (qf / (fa * fb) - qs / (sa * sb)))


def ffs_loop(m_a, m_b, m_s, q_f, flip="mass"):
    """The FFS loop function G (GeV⁻²): Δa = N y1 y2 (κv/√2) (m_μ/8π²) G.

    ``flip="mass"`` (Yukawa κ H† F_A F_B^c, the chirality flip uses both Dirac masses):
    G = M_A M_B ∫dx [Q_f x³/(D^f_A D^f_B) − Q_s x(1−x)²/(D^s_A D^s_B)];
    ``flip="momentum"`` (κ' H F_A^c F_B, no Dirac mass on the line):
    G = m_s² ∫dx x²(1−x) [−Q_f/(D^f_A D^f_B) + Q_s/(D^s_A D^s_B)];
    with D^f_i = M_i² x + m_s²(1−x), D^s_i = m_s² x + M_i²(1−x).  ``"both"`` returns the sum of
    the magnitudes (the two Yukawas at equal size with phases aligned).  All masses M:
    (3Q_f − Q_s)/(12 M²) for "mass", −(Q_f − Q_s)/(12 M²) for "momentum".

    Accuracy: ≤ 5e-15 relative for mass ratios 1 … 1e4, integer charges, every flip (vs 40-digit mp.quad).

    >>> round(ffs_loop(1.0, 1.0, 1.0, -1) * 12, 12), round(ffs_loop(1.0, 1.0, 1.0, -1, "momentum") * 12, 12)
    (-3.0, 1.0)
    """
    caller = "ffs_loop"
    choice(caller, "flip", flip, FLIPS)
    masses = _loop_masses(m_a=m_a, m_b=m_b, m_s=m_s, caller=caller)
    return scalar_or_array(_ffs_core(*masses, real(caller, "q_f", q_f), flip))


def _ffs_core(ma, mb, ms, qf, flip):
    ma, mb, ms, qf = (np.asarray(a, dtype=float)[..., None] for a in (ma, mb, ms, qf))
    qs = -1.0 - qf
    x, xm = _X, _XM
    fa, fb = ma**2 * x + ms**2 * xm, mb**2 * x + ms**2 * xm
    sa, sb = ms**2 * x + ma**2 * xm, ms**2 * x + mb**2 * xm
    mass = (ma * mb)[..., 0] * _integrate(qf * x**3 / (fa * fb) - qs * x * xm ** 2 / (sa * sb))
    if flip == "mass":
        return mass
    mom = (ms**2)[..., 0] * _integrate(x**2 * xm * (-qf / (fa * fb) + qs / (sa * sb)))
    if flip == "momentum":
        return mom
    return np.abs(mass) + np.abs(mom)


def _insertion(y1, y2, kappa, n_bsm, v, kappa_unit, *, caller):
    """N y1 y2 κ v/√2: the couplings and the Higgs insertion common to Δa and δm_μ, checked."""
    y1 = real(caller, "y1", y1)
    y2 = real(caller, "y2", y2)
    kappa = real(caller, "kappa", kappa, unit=kappa_unit)
    n = real(caller, "n_bsm", n_bsm, 0.0)
    v = real(caller, "v", v, 0.0, unit="GeV")
    return n * y1 * y2 * kappa * v / math.sqrt(2.0)


def delta_a_ssf(m_f, m_a, m_b, q_f, y1, y2, kappa, n_bsm=1, v=V_EW, m_lepton=M_MU):
    """One-loop Δa_μ of the SSF model (mass insertion in κv/√2; masses and κ in GeV).

    Δa = N y1 y2 (κ v/√2) (m_μ/8π²) G_SSF (:func:`ssf_loop`).  All masses M:
    Δa = (Q_f − Q_s) N y1 y2 κ v m_μ / (96√2 π² M³).

    Accuracy: ≤ 5e-15 relative for mass ratios 1 … 1e4, integer charges (vs 40-digit mp.quad).

    >>> round(delta_a_ssf(1e4, 1e4, 1e4, -1, 1.0, 1.0, 1e4) * 1e11, 3)  # M = κ = 10 TeV, y = 1
    -19.415
    """
    caller = "delta_a_ssf"
    prefactor = _insertion(y1, y2, kappa, n_bsm, v, "GeV", caller=caller)
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    masses = _loop_masses(m_f=m_f, m_a=m_a, m_b=m_b, caller=caller)
    g = _ssf_core(*masses, real(caller, "q_f", q_f))
    return scalar_or_array(prefactor * ml / (8 * _PI**2) * g)


def delta_a_ffs(m_a, m_b, m_s, q_f, y1, y2, kappa, n_bsm=1, flip="mass", v=V_EW,
                m_lepton=M_MU):
    """One-loop Δa_μ of the FFS model (mass insertion in κv/√2; masses in GeV, κ dimensionless).

    Δa = N y1 y2 (κ v/√2) (m_μ/8π²) G_FFS (:func:`ffs_loop`; ``flip="both"``: κ = κ').

    Accuracy: ≤ 5e-15 relative for mass ratios 1 … 1e4, integer charges, every flip (vs 40-digit mp.quad).

    >>> round(delta_a_ffs(1e4, 1e4, 1e4, -1, 1.0, 1.0, 1.0) * 1e11, 2)  # M = 10 TeV, couplings 1
    -58.25
    """
    caller = "delta_a_ffs"
    prefactor = _insertion(y1, y2, kappa, n_bsm, v, "", caller=caller)
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    choice(caller, "flip", flip, FLIPS)
    masses = _loop_masses(m_a=m_a, m_b=m_b, m_s=m_s, caller=caller)
    g = _ffs_core(*masses, real(caller, "q_f", q_f), flip)
    return scalar_or_array(prefactor * ml / (8 * _PI**2) * g)


# --------------------------------------------------------------------------------------------
# the muon mass from the same loop (naturalness)
# --------------------------------------------------------------------------------------------
def ssf_mass_loop(m_f, m_a, m_b):
    """H (GeV⁻¹) with δm_μ = N y1 y2 (κv/√2) H/(16π²) the SSF one-loop muon mass.

    The self-energy's chirality-flip part Σ = c_L c_R M_F B0(0; M_F², m²)/(16π²), divided in
    m² between Φ_A and Φ_B: H = M_F ∫dx [ln D_A − ln D_B]/(m_A² − m_B²) with D = M_F² x + m²(1−x)
    (finite: the divergence of B0 cancels in the difference).  All masses M: H = 1/(2M).

    Accuracy: ≤ 5e-15 relative for mass ratios 1 … 1e4, m_A = m_B too (vs 40-digit mp.quad).

    >>> round(ssf_mass_loop(1.0, 1.0, 1.0), 12)
    0.5
    """
    masses = _loop_masses(m_f=m_f, m_a=m_a, m_b=m_b, caller="ssf_mass_loop")
    return scalar_or_array(_ssf_mass_core(*masses))


def _ssf_mass_core(mf, ma, mb):
    mf, ma, mb = (np.asarray(a, dtype=float)[..., None] for a in (mf, ma, mb))
    x, xm = _X, _XM
    da, db = mf**2 * x + ma**2 * xm, mf**2 * x + mb**2 * xm
    t = (ma**2 - mb**2) * xm / db        # D_A/D_B − 1
    small = np.abs(t) < 1e-8
    # ln(1 + t)/t; for t near −1 (m_A ≪ m_B) 1 + t is taken as D_A/D_B, not from the rounded t
    safe = np.where(small, 1.0, t)
    ratio = np.where(small, 1.0 - t / 2,
                     np.where(np.abs(t) < 0.5, np.log1p(np.where(small, 0.0, t)), np.log(da / db)) / safe)
    return mf[..., 0] * _integrate(xm / db * ratio)


def delta_m_mu_ssf(m_f, m_a, m_b, y1, y2, kappa, n_bsm=1, v=V_EW):
    """|δm_μ| (GeV) of the SSF model at one loop: N y1 y2 (κv/√2) H/(16π²), H = ssf_mass_loop.

    Accuracy: ≤ 5e-15 relative for mass ratios 1 … 1e4 (vs 40-digit mp.quad).

    >>> round(delta_m_mu_ssf(1e4, 1e4, 1e4, 1.0, 1.0, 1e4), 4)
    0.5512
    """
    caller = "delta_m_mu_ssf"
    prefactor = _insertion(y1, y2, kappa, n_bsm, v, "GeV", caller=caller)
    h = _ssf_mass_core(*_loop_masses(m_f=m_f, m_a=m_a, m_b=m_b, caller=caller))
    return scalar_or_array(np.abs(prefactor * h / (16 * _PI**2)))


# --------------------------------------------------------------------------------------------
# representations, the loop channel, and the highest mass of the lightest charged state
# --------------------------------------------------------------------------------------------
_REP = re.compile(r"^\s*([123])_\{?\s*([+-]?\d+(?:/2)?)\s*\}?\s*$")


def parse_rep(rep):
    """An SU(2)×U(1) representation 'n_{Y}' → (n, Y); the charges Q = T3 + Y of its components.

    Accuracy: exact — n is an integer and Y, Q are half-integers, exact in binary.

    >>> parse_rep("2_{-1/2}")
    (2, -0.5, (0.0, -1.0))
    """
    m = _REP.match(str(rep))
    if not m:
        raise ValueError(f"parse_rep: rep = {rep!r} is not of the form 'n_{{Y}}' with n = 1, 2, 3 "
                         "and Y an integer or half-integer")
    n = int(m.group(1))
    num = m.group(2)
    y = float(num[:-2]) / 2.0 if num.endswith("/2") else float(num)
    t3 = [(n - 1) / 2.0 - k for k in range(n)]
    return n, y, tuple(t + y for t in t3)


def loop_channel(model, rep, rep_a, rep_b):
    """The chirally enhanced channel of a table row: (q_f, charged flags) or ValueError.

    SSF (R, R_A, R_B) = reps of (F, Φ_A, Φ_B); FFS (R, R_A, R_B) = reps of (Φ, F_A, F_B).
    The hypercharges must obey Y_A = −Y − 1/2, Y_B = −Y − 1 (the couplings of the module
    docstring).  The loop fermion has charge q_f and the loop scalar q_s = −1 − q_f; rows with
    more than one such channel (triplets; SU(2) Clebsch–Gordan weights) are not handled.
    The flags say which of the three fields (SSF: F, Φ_A, Φ_B; FFS: F_A, F_B, Φ) has a charged
    component (its mass is then bounded below by the lightest charged mass).

    Accuracy: exact — charges are half-integers (exact in binary), the flags booleans.

    >>> loop_channel("SSF", "1_{-1}", "2_{1/2}", "1_0")
    (-1.0, (True, True, False))
    """
    caller = "loop_channel"
    choice(caller, "model", model, MODELS)
    (n, y, q), (na, ya, qa), (nb, yb, qb) = (parse_rep(r) for r in (rep, rep_a, rep_b))
    if abs(ya - (-y - 0.5)) > 1e-12 or abs(yb - (-y - 1.0)) > 1e-12:
        raise ValueError(f"{caller}: hypercharges ({y}, {ya}, {yb}) of {rep}, {rep_a}, {rep_b} do not "
                         "obey Y_A = -Y - 1/2, Y_B = -Y - 1 (no gauge-invariant couplings)")
    if 3 in (n, na, nb) or (n == na == nb == 2):
        raise ValueError(f"{caller}: ({rep}, {rep_a}, {rep_b}) has several loop channels with SU(2) "
                         "Clebsch-Gordan weights; only rows with one channel are handled")
    if model == "SSF":   # F has q_f; Φ_A and Φ_B have q_s = -1 - q_f
        chans = [qf for qf in q if any(abs(c - (-1 - qf)) < 1e-12 for c in qa)
                 and any(abs(c - (-1 - qf)) < 1e-12 for c in qb)]
        flags = tuple(any(abs(c) > 1e-12 for c in qq) for qq in (q, qa, qb))
    else:                # Φ has q_s; F_A and F_B have q_f = -1 - q_s
        chans = [-1 - qs for qs in q if any(abs(c - (-1 - qs)) < 1e-12 for c in qa)
                 and any(abs(c - (-1 - qs)) < 1e-12 for c in qb)]
        flags = tuple(any(abs(c) > 1e-12 for c in qq) for qq in (qa, qb, q))
    if len(chans) != 1:
        raise ValueError(f"{caller}: ({rep}, {rep_a}, {rep_b}) has {len(chans)} loop channels")
    return float(chans[0]), flags


def _su2_generators(n, conj):
    """J3, J+, J- of spin j = (n-1)/2 in the basis T3 = j, j-1, ..., -j (that of :func:`parse_rep`);
    ``conj``: the conjugate representation, generators -T* (J3 -> -J3, J+ -> -J-)."""
    j = (n - 1) / 2.0
    m = j - np.arange(n)
    j3 = np.diag(m)
    jp = np.zeros((n, n))
    for k in range(1, n):                 # J+ |m> = sqrt(j(j+1) - m(m+1)) |m+1>
        jp[k - 1, k] = math.sqrt(j * (j + 1) - m[k] * (m[k] + 1))
    jm = jp.T
    return (-j3, -jm, -jp) if conj else (j3, jp, jm)


def _invariant(*slots):
    """The SU(2)-invariant tensor T (one per product of fields) of the representations ``slots``
    = ((n, conj), ...): the null space of sum_slots G_slot^T acting on T, for G = J3, J+, J-.
    Normalised so that its largest component is +1 (the Lagrangian's coupling is the largest
    coupling between components: the epsilon contraction for two doublets, the matrix
    (sigma^a phi^a/sqrt2) form for a triplet)."""
    dims = [n for n, _ in slots]
    size = int(np.prod(dims))
    rows = []
    for g in range(3):
        op = np.zeros((size, size))
        for i, (n, conj) in enumerate(slots):
            mats = [np.eye(d) for d in dims]
            mats[i] = _su2_generators(n, conj)[g].T
            k = mats[0]
            for mm in mats[1:]:
                k = np.kron(k, mm)
            op += k
        rows.append(op)
    _, sv, vt = np.linalg.svd(np.vstack(rows))
    null = vt[np.sum(sv > 1e-10):]
    if len(null) != 1:
        raise ValueError(f"representations {slots} have {len(null)} invariants, not one")
    t = null[0].reshape(dims)
    t[np.abs(t) < 1e-14] = 0.0
    big = t.flat[np.argmax(np.abs(t) > np.abs(t).max() * (1 - 1e-12))]
    return t / big


_MU_L = 1   # the muon in L = (nu, mu): T3 = -1/2
_H0 = 1     # the neutral component of H = (H+, H0): T3 = -1/2, <H0> = v/sqrt(2)


def loop_channels(model, rep, rep_a, rep_b):
    """The chirally enhanced loop channels of a table row, with their SU(2) weights.

    Each component of the field with representation ``rep`` (SSF: the fermion F; FFS: the scalar
    Φ) that connects the muon's two chiralities through the Higgs vev is one channel, with loop
    charges q_f (fermion) and q_s = −1 − q_f (scalar) and weight w = the product of the three
    couplings' SU(2) coefficients for that component (each invariant normalised so that its
    largest component coupling is the Lagrangian's y1, y2, κ):

    SSF ``−y1 F^c L Φ_A* − y2 F μ^c Φ_B − κ H Φ_A* Φ_B``: channels (q_f, w);
    FFS ``−y1 F_A^c L Φ* − y2 F_B μ^c Φ − κ H† F_A F_B^c − κ' H F_A^c F_B``: channels
    (q_f, w_κ, w_κ').  Then Δa = N y1 y2 (κv/√2)(m_μ/8π²) Σ_channels w G(q_f) with G
    = :func:`ssf_loop` or :func:`ffs_loop` at the multiplets' masses.

    Returns (channels, charged): ``charged`` flags which of the three fields (SSF: F, Φ_A, Φ_B;
    FFS: F_A, F_B, Φ) has a charged component.  Single-channel rows give w = ±1 (as
    :func:`loop_channel`); a triplet gives two channels, one with weight ±1/2.

    Accuracy: ≤ 1e-13 relative for every row of the talk's table (vs Wigner 3j symbols, sympy).

    >>> chans, charged = loop_channels("SSF", "2_{1/2}", "3_{-1}", "2_{-3/2}")
    >>> [(q, round(w, 12)) for q, w in chans], charged
    ([(1.0, 1.0), (0.0, 0.5)], (True, True, True))
    """
    caller = "loop_channels"
    choice(caller, "model", model, MODELS)
    (n, y, q), (na, ya, qa), (nb, yb, qb) = (parse_rep(r) for r in (rep, rep_a, rep_b))
    if abs(ya - (-y - 0.5)) > 1e-12 or abs(yb - (-y - 1.0)) > 1e-12:
        raise ValueError(f"{caller}: hypercharges ({y}, {ya}, {yb}) of {rep}, {rep_a}, {rep_b} do not "
                         "obey Y_A = -Y - 1/2, Y_B = -Y - 1 (no gauge-invariant couplings)")
    if abs(na - n) != 1:
        need = " or ".join(str(d) for d in (n - 1, n + 1) if d)
        raise ValueError(f"{caller}: rep_a = {rep_a!r} has SU(2) dimension {na}; with rep = {rep!r} "
                         f"the coupling y1 needs dimension {need}")
    if nb != n:
        raise ValueError(f"{caller}: rep_b = {rep_b!r} has SU(2) dimension {nb}; with rep = {rep!r} "
                         f"the coupling y2 needs dimension {n}")
    flags = tuple(any(abs(c) > 1e-12 for c in qq) for qq in (q, qa, qb))
    chans = []
    if model == "SSF":
        t1 = _invariant((n, True), (2, False), (na, True))      # F^c L Phi_A*
        t2 = _invariant((n, False), (nb, False))                # F mu^c Phi_B
        tk = _invariant((2, False), (na, True), (nb, False))    # H Phi_A* Phi_B
        for i in range(n):
            w = float(np.einsum("k,kl,l->", t1[i, _MU_L], tk[_H0], t2[i]))
            if abs(w) > 1e-12:
                chans.append((q[i], w))
        return tuple(chans), flags
    t1 = _invariant((na, True), (2, False), (n, True))          # F_A^c L Phi*
    t2 = _invariant((nb, False), (n, False))                    # F_B mu^c Phi
    tk = _invariant((2, True), (na, False), (nb, True))         # H^dagger F_A F_B^c
    tkp = _invariant((2, False), (na, True), (nb, False))       # H F_A^c F_B
    for s in range(n):
        w = float(np.einsum("a,ab,b->", t1[:, _MU_L, s], tk[_H0], t2[:, s]))
        wp = float(np.einsum("a,ab,b->", t1[:, _MU_L, s], tkp[_H0], t2[:, s]))
        if abs(w) > 1e-12 or abs(wp) > 1e-12:
            chans.append((-1.0 - q[s], w, wp))
    return tuple(chans), (flags[1], flags[2], flags[0])


def _channels(model, q_f, *, caller):
    """``q_f`` (one charge, unit weight) or a sequence of channels as from :func:`loop_channels`,
    as float arrays (q_f, w) for SSF and (q_f, w_kappa, w_kappa') for FFS."""
    if np.ndim(q_f) == 0:
        qf = real(caller, "q_f", q_f, scalar=True)
        return (np.array([qf]), np.array([1.0])) if model == "SSF" else \
            (np.array([qf]), np.array([1.0]), np.array([1.0]))
    width = 2 if model == "SSF" else 3
    arr = np.asarray(q_f, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != width or len(arr) == 0:
        raise ValueError(f"{caller}: q_f must be a charge or a sequence of {model} channels "
                         f"({'(q_f, w)' if width == 2 else '(q_f, w_kappa, w_kappa_prime)'})")
    real(caller, "q_f", arr)
    return tuple(arr.T)


def _amplitude(model, masses, chans, flip):
    """|Σ w G| per unit y1 y2 κ̂ at unit lightest charged mass (SSF: times the κ ceiling's mass
    scale, the heavier scalar)."""
    m1, m2, m3 = masses
    if model == "SSF":
        qf, w = chans
        scale = max(m2, m3)          # κ <= κ̂ × (heavier scalar mass)
        return abs(float(np.dot(w, _ssf_core(m1, m2, m3, qf)))) * scale
    qf, w, wp = chans
    mass = abs(float(np.dot(w, _ffs_core(m1, m2, m3, qf, "mass"))))
    if flip == "mass":
        return mass
    mom = abs(float(np.dot(wp, _ffs_core(m1, m2, m3, qf, "momentum"))))
    return mom if flip == "momentum" else mass + mom


def max_charged_mass(model, q_f, charged, delta_a, n_bsm=1, flip="both", y_max=Y_UNITARITY,
                     kappa_max=None, y2_factor=1.0, natural=None, neutral_floor=1e-3,
                     return_masses=False):
    """The highest mass (GeV) of the lightest charged state with |Δa_μ| = ``delta_a``.

    ``q_f`` is the loop fermion's charge (one channel, unit weight) or the channels of a row as
    returned by :func:`loop_channels` (several charge channels with SU(2) weights).

    Maximises over the three masses (charged fields at or above the lightest charged mass M,
    neutral ones free down to ``neutral_floor`` × M) with all couplings at their ceilings
    |y1|, |y2| <= y_max, κ <= kappa_max (× the heavier scalar mass for SSF).  Because Δa ∝ 1/M²
    at fixed mass ratios, M_max = sqrt(N y_max² y2_factor κ̂ (v/√2) m_μ max|Ĝ| / (8π² Δa)).

    ``y2_factor`` scales the ceiling of the muon's right-handed coupling (MFV: m_μ/m_τ, the
    coupling being ∝ the lepton Yukawa with the τ's at the ceiling).  ``natural`` = ε imposes
    |δm_μ| <= m_μ/ε on the SSF muon mass (ε = 1: no tuning; None: no condition).

    Accuracy: ≤ 1e-11 relative for the table's rows (vs grid + Nelder–Mead on scipy.quad loops).

    >>> round(max_charged_mass("SSF", -2.0, (True, True, True), 251e-11) / 1e3, 1)
    85.8
    """
    caller = "max_charged_mass"
    choice(caller, "model", model, MODELS)
    choice(caller, "flip", flip, FLIPS)
    chans = _channels(model, q_f, caller=caller)
    da = real(caller, "delta_a", delta_a, 0.0, scalar=True)
    n = real(caller, "n_bsm", n_bsm, 0.0, scalar=True)
    y_max = real(caller, "y_max", y_max, 0.0, scalar=True)
    y2f = real(caller, "y2_factor", y2_factor, 0.0, 1.0, high_open=False, scalar=True)
    floor = real(caller, "neutral_floor", neutral_floor, 1e-3, 1.0, low_open=False,
                 high_open=False, scalar=True)
    if kappa_max is None:
        kappa_max = KAPPA_SSF_UNITARITY if model == "SSF" else KAPPA_FFS_UNITARITY
    kmax = real(caller, "kappa_max", kappa_max, 0.0, scalar=True)
    if natural is not None:
        if model != "SSF":
            raise ValueError(f"{caller}: natural = {natural!r} is only implemented for model 'SSF'")
        natural = real(caller, "natural", natural, 0.0, scalar=True)
    if len(charged) != 3 or not any(charged):
        raise ValueError(f"{caller}: charged = {charged!r} must be three flags, at least one True")
    pref = n * y_max**2 * y2f * kmax * float(V_EW) / math.sqrt(2.0) * float(M_MU) / (8 * _PI**2)

    def m_of(lr):
        m = np.exp(lr)
        g = _amplitude(model, m, chans, flip)
        mass2 = pref * g / da                                  # unitarity: M² at the ceilings
        if natural is not None:
            # at fixed Δa the couplings are fixed, and so is δm_μ ∝ Δa M²:  δm_μ/Δa = M² h/(2 m_μ g)
            h = float(_ssf_mass_core(m[0], m[1], m[2]))
            g_ssf = abs(float(np.dot(chans[1], _ssf_core(*m, chans[0]))))
            ratio = h * abs(float(np.sum(chans[1]))) / (2.0 * float(M_MU) * g_ssf)   # δm/(Δa M²)
            mass2 = min(mass2, float(M_MU) / natural / (ratio * da))
        return math.sqrt(mass2)

    bounds = [(0.0, math.log(100.0)) if c else (math.log(floor), math.log(100.0)) for c in charged]
    best, best_x = -1.0, None
    for start in ((0, 0, 0), (0.5, 0.5, 0.5), (1, 0, 0), (0, 1, 0), (0, 0, 1), (-2, 0, 0),
                  (0, -2, 0), (0, 0, -2), (1, 1, 0), (0, 1, 1), (1, 0, 1)):
        s = [min(max(si, lo), hi) for si, (lo, hi) in zip(start, bounds, strict=True)]
        res = minimize(lambda lr: -m_of(lr), s, bounds=bounds, method="L-BFGS-B")
        if -res.fun > best:
            best, best_x = -res.fun, np.exp(res.x)
    return (best, best_x) if return_masses else best


def load_talk_table():
    """The talk's table (Capdevilla et al., PRD 105, 015028, arXiv:2101.10334) as a list of dicts.

    Columns: model, row, R, R_A, R_B, the eight "highest mass" columns in TeV (unitarity,
    +MFV, +naturalness, +naturalness+MFV, each for N_BSM = 1 and 10), source, note.

    Accuracy: exact — the CSV's numbers as written (float() rounds correctly).
    """
    text = resources.files("dialm").joinpath("data/heavy_ew_table_2021.csv").read_text()
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    out = []
    for rec in csv.DictReader(rows):
        for k in list(rec):
            if k.startswith(("unit_", "mfv_", "nat_", "natmfv_")):
                rec[k] = float(rec[k]) if rec[k] not in ("", None) else math.nan
        rec["row"] = int(rec["row"])
        out.append(rec)
    return out


@lru_cache(maxsize=1)
def _table_n1():
    """The maximal masses (TeV) of every talk-table row at N_BSM = 1 and Δa = 251e-11."""
    out = []
    for r in load_talk_table():
        chans, charged = loop_channels(r["model"], r["R"], r["R_A"], r["R_B"])
        m = max_charged_mass(r["model"], chans, charged, DELTA_A_TALK)
        out.append((r, m / 1e3))
    return tuple(out)


def unitarity_table(n_bsm=1):
    """Every row of the talk's "highest possible mass" table, computed: one record per row.

    For each SSF or FFS row (representations R, R_A, R_B) the channels and SU(2) weights come
    from :func:`loop_channels`, Δa_μ from the one-loop mass-insertion formulas (:func:`ssf_loop`,
    :func:`ffs_loop`; FFS with both Higgs Yukawas κ, κ' at the ceiling, phases aligned), and the
    mass of the lightest charged state is maximised with every coupling at its perturbative-
    unitarity ceiling (:data:`Y_UNITARITY` for y1, y2, κ, κ'; κ_SSF <= :data:`KAPPA_SSF_UNITARITY`
    × the heavier scalar mass) for Δa_μ = 251e-11 (:func:`max_charged_mass`).  The ceilings do
    not depend on N_BSM and Δa_μ ∝ N_BSM at fixed masses, so every mass scales as √N_BSM (for
    identical copies no unitarity ceiling can loosen with N_BSM, so √N_BSM is also the fastest
    growth any such ceilings allow).  These masses exceed the talk's FFS rows by factors 1.29–1.36
    and differ from its SSF rows by 0.94–1.64; book/g2/heavy_models.md compares every column.

    Records: ``model``, ``row``, ``R``, ``R_A``, ``R_B``, ``m_max_tev`` (this computation, TeV)
    and ``talk_tev`` (the talk's "Unitarity only" column for N_BSM = 1 or 10, TeV; NaN for other
    N_BSM).  The talk's table reproduces Capdevilla, Curtin, Kahn & Krnjaic, PRD 105, 015028
    (2022), arXiv:2101.10334.

    Accuracy: ≤ 1e-11 relative for every row, N_BSM = 1 and 10 (vs Nelder–Mead, scipy.quad, 3j weights).

    >>> rows = unitarity_table()
    >>> len(rows), max(r["talk_tev"] for r in rows)
    (24, 95.5)
    """
    n = count("unitarity_table", "n_bsm", n_bsm, low=1, scalar=True)
    col = {1: "unit_n1", 10: "unit_n10"}.get(n)
    return [dict(model=r["model"], row=r["row"], R=r["R"], R_A=r["R_A"], R_B=r["R_B"],
                 m_max_tev=m1 * math.sqrt(n), talk_tev=r[col] if col else math.nan)
            for r, m1 in _table_n1()]


# --------------------------------------------------------------------------------------------
# flavour: radiative decays from an off-diagonal dipole
# --------------------------------------------------------------------------------------------
def br_radiative(c_offdiag, m_parent, tau_parent_s):
    """B(ℓ_i → ℓ_j γ) = τ_i m_i³ (|C_ij|² + |C_ji|²)/(4π) from ``L = C_ij ℓ̄_i σ P_R ℓ_j F + h.c.``.

    ``c_offdiag`` is sqrt(|C_ij|² + |C_ji|²) in GeV⁻¹; τ in seconds (converted with ħ).
    Light daughter (m_j → 0).

    Accuracy: ≤ 1e-15 relative for any C ≥ 0, m, τ (vs 40-digit mpmath).

    >>> from dialm.constants import TAU_MU_S
    >>> f"{br_radiative(1e-13, M_MU, TAU_MU_S):.2e}"
    '3.13e-12'
    """
    from .constants import HBAR_GEV_S

    caller = "br_radiative"
    c = real(caller, "c_offdiag", c_offdiag, 0.0, low_open=False, unit="1/GeV")
    m = real(caller, "m_parent", m_parent, 0.0, unit="GeV")
    tau = real(caller, "tau_parent_s", tau_parent_s, 0.0, unit="s")
    width = m**3 * c * c / (4.0 * _PI)
    return scalar_or_array(width * tau / float(HBAR_GEV_S))


def offdiagonal_ratio_max(br_limit, m_parent, tau_parent_s, delta_a=251e-11):
    """θ_max = C_ij^max / C_μμ: the largest off-diagonal dipole, in units of the diagonal one
    that gives ``delta_a`` (C_μμ = e Δa/(4 m_μ)), allowed by ``br_limit``.

    Accuracy: ≤ 1e-15 relative for any limit, parent and Δa (vs 40-digit mpmath).

    >>> from dialm.constants import TAU_MU_S
    >>> f"{offdiagonal_ratio_max(4.2e-13, M_MU, TAU_MU_S):.1e}"
    '2.0e-05'
    """
    caller = "offdiagonal_ratio_max"
    b = real(caller, "br_limit", br_limit, 0.0)
    da = real(caller, "delta_a", delta_a, 0.0)
    one = br_radiative(1.0, m_parent, tau_parent_s)
    c_max = np.sqrt(b / one)
    return scalar_or_array(c_max / dipole_from_delta_a(da))


MFV_Y2_FACTOR = float(M_MU) / float(M_TAU)   # MFV: the muon's coupling ∝ y_μ, the τ's at the ceiling
