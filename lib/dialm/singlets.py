"""Which SM-singlet scalars and vectors can explain Δa_μ: the three routes of the talk's "Singlet
Models" slides and the bounds on the survivor, a gauged U(1)_{L_μ−L_τ} (chapters
``book/singlets/landscape.md`` and ``book/singlets/lmu_ltau.md``).

Every g−2 number goes through :func:`dialm.g2.delta_a_mu` / :func:`dialm.g2.g_for_delta_a`
(the electron's with ``m_lepton=M_E``).  Natural units, GeV.

Route 1, mixing with neutral SM bosons
    :func:`dark_photon_delta_a`, :func:`dark_photon_eps_for_delta_a` (ε e A'_α J^α_EM: the same ε e
    for e and μ), :func:`delta_a_e_from_alpha` (Δa_e = a_e^exp − a_e^SM(α) for an atom-recoil α),
    :func:`higgs_mixed_coupling`, :func:`higgs_mixed_sin_theta_for_delta_a` (g_f = (m_f/v) sin θ).
Route 2, a muon-only scalar from S H†Lμ^c / M
    :func:`operator_coupling` (g_μ = c_S v/(√2 M)), :func:`diphoton_amplitude` (the fermion-loop
    A_{1/2}(τ)), :func:`scalar_widths` (S → γγ via the muon loop, μμ, invisible).
Route 3, a new gauged U(1)
    :func:`u1_charges`, :func:`anomaly_coefficients` (the six triangle anomalies with three ν_R),
    :func:`lmu_ltau_widths`, :func:`lmu_ltau_invisible_fraction`, :func:`kinetic_mixing_lmu_ltau`.
Bounds on U(1)_{L_μ−L_τ}
    :func:`entropy_fraction_boson`, :func:`delta_neff_estimate`, :func:`bbn_mass_bound` (BBN),
    :func:`delta_neff`, :func:`neff_mass_bound` (the full ν–V–γ thermal history, :mod:`dialm.neff`),
    :func:`trident_ratio`, :func:`trident_g_limit`, :func:`trident_q2_calibrated` (CCFR),
    :func:`babar_muonic_limit`, :func:`load_babar_muonic` (BABAR 2016, the published curve),
    :func:`lmu_ltau_constraints` (which bounds exclude a point).
Figures
    :func:`limit_curves`, :func:`draw_limits` (published exclusion curves from
    :mod:`dialm.limitdata` files, drawn unchanged).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from scipy.optimize import brentq
from scipy.special import kve

from dialm import constants as C
from dialm import limitdata
from dialm._validate import choice, range_error, real, scalar_or_array
from dialm.g2 import _coupling_for, _loop, _loop_args, delta_a_mu, g_for_delta_a
from dialm.neff import delta_neff, neff_mass_bound

__all__ = [
    "E_CHARGE", "dark_photon_delta_a", "dark_photon_eps_for_delta_a", "delta_a_e_from_alpha",
    "higgs_mixed_coupling", "higgs_mixed_sin_theta_for_delta_a", "operator_coupling",
    "diphoton_amplitude", "scalar_widths", "FIELDS", "MODELS", "u1_charges",
    "anomaly_coefficients", "lmu_ltau_widths", "lmu_ltau_invisible_fraction",
    "kinetic_mixing_lmu_ltau", "entropy_fraction_boson", "delta_neff_estimate", "delta_neff",
    "neff_mass_bound", "bbn_mass_bound",
    "trident_ratio", "trident_g_limit", "trident_q2_calibrated", "CCFR_RATIO_MAX_95",
    "load_babar_muonic", "babar_muonic_limit", "BABAR_RANGE", "lmu_ltau_constraints",
    "limit_curves", "draw_limits",
]

_PI = math.pi
#: The positron charge e = √(4πα) (α = α(0)).
E_CHARGE = math.sqrt(4.0 * _PI * C.ALPHA)
_MMU, _ME, _MTAU = float(C.M_MU), float(C.M_E), float(C.M_TAU)
_V = float(C.V_EW)


# ============================================================================================
# Route 1: mixing with the photon or the Higgs
# ============================================================================================
def dark_photon_delta_a(m, eps, m_lepton=C.M_MU):
    """Δa_ℓ of a kinetically mixed dark photon: a vector of coupling ε e to every charged lepton.

    ℒ ⊃ ε e A'_α J^α_EM, so Δa_ℓ = :func:`dialm.g2.delta_a_mu` ("vector", m, ε e, m_ℓ).
    ``m`` in GeV (> 0), ``eps`` finite, ``m_lepton`` (GeV) the muon's by default.

    Accuracy: ≤ 4e-14 relative for 1e-6 ≤ m/m_ℓ ≤ 1e6, μ and e (vs mp.quad of the Feynman-parameter
    integral).


    >>> round(dark_photon_delta_a(1e-6, 1e-3) * 1e11, 2)   # ε²α/2π for m → 0
    116.14
    """
    caller = "dark_photon_delta_a"
    g = real(caller, "eps", eps) * E_CHARGE
    code, r = _loop_args("vector", m, m_lepton, caller=caller)
    return scalar_or_array(g * g * (1.0 / (8.0 * _PI**2)) * _loop(code, r, caller=caller))


def dark_photon_eps_for_delta_a(m, delta_a, m_lepton=C.M_MU):
    """The mixing ε ≥ 0 for which a dark photon of mass ``m`` (GeV) gives ``delta_a`` (≥ 0).

    ε = g_for_delta_a("vector", m, Δa, m_ℓ)/e.

    Accuracy: ≤ 2e-14 relative for 1e-6 ≤ m/m_ℓ ≤ 1e6, μ and e (vs mp.quad of the Feynman-parameter
    integral).


    >>> round(dark_photon_eps_for_delta_a(1e-6, 251e-11) * 1e3, 3)
    1.47
    """
    caller = "dark_photon_eps_for_delta_a"
    code, r = _loop_args("vector", m, m_lepton, caller=caller)
    return scalar_or_array(_coupling_for("vector", code, r, delta_a, caller=caller) / E_CHARGE)


def delta_a_e_from_alpha(alpha_inv, sigma_alpha_inv=0.0):
    """Δa_e = a_e^exp − a_e^SM(α) when the SM is evaluated with α = 1/``alpha_inv``.

    The 2023 measurement of a_e and the SM together fix α_ae (``C.LAND_ALPHA_INV_AE_2023``: the α
    for which Δa_e = 0).  For another α, linearise: Δa_e = (∂a_e/∂α)(α_ae − α), with
    ∂a_e/∂α = (1/π)[C₁ + 2C₂ α/π + 3C₃ (α/π)²] (C₁ = 1/2; C₂, C₃ the 2- and 3-loop QED
    coefficients; the neglected terms are < 1e-7 relative).  Returns ``(value, sigma)``, sigma
    the quadrature sum of the atom's σ(α⁻¹) (``sigma_alpha_inv``) and that of α_ae (which carries
    the a_e measurement and the theory error).

    Accuracy: ≤ 3e-15 relative for 100 < alpha_inv < 200, value and sigma (vs mp.diff of the
    40-digit QED series).


    >>> v, s = delta_a_e_from_alpha(C.LAND_ALPHA_INV_CS_2018, C.LAND_ALPHA_INV_CS_2018.sigma)
    >>> round(v * 1e13, 1), round(s * 1e13, 1)
    (-10.2, 2.6)
    """
    caller = "delta_a_e_from_alpha"
    ai = real(caller, "alpha_inv", alpha_inv, 100.0, 200.0)
    sai = real(caller, "sigma_alpha_inv", sigma_alpha_inv, 0.0, 1.0, low_open=False)
    a_ref = float(C.LAND_ALPHA_INV_AE_2023)
    alpha = 1.0 / a_ref
    x = alpha / _PI
    dadalpha = (0.5 + 2.0 * float(C.LAND_AE_C2) * x + 3.0 * float(C.LAND_AE_C3) * x * x) / _PI
    # alpha_ae - alpha = 1/a_ref - 1/ai = (ai - a_ref)/(ai a_ref)
    val = dadalpha * (ai - a_ref) / (ai * a_ref)
    # σ(α) = σ(α⁻¹)/(α⁻¹)², the atom's at its α⁻¹, α_ae's at a_ref
    sig = dadalpha * np.hypot(sai / (ai * ai), C.LAND_ALPHA_INV_AE_2023.sigma / (a_ref * a_ref))
    return scalar_or_array(val), scalar_or_array(sig)


def higgs_mixed_coupling(m_f, sin_theta):
    """Yukawa coupling of a Higgs-mixed scalar to a fermion of mass ``m_f`` (GeV): (m_f/v) sin θ.

    Accuracy: ≤ 1e-15 relative for any m_f, |sin θ| ≤ 1 (vs the 40-digit product).


    >>> round(higgs_mixed_coupling(C.M_MU, 1.0) * 1e4, 3)
    4.291
    """
    caller = "higgs_mixed_coupling"
    mf = real(caller, "m_f", m_f, 0.0, unit="GeV")
    s = real(caller, "sin_theta", sin_theta, -1.0, 1.0, low_open=False, high_open=False)
    return scalar_or_array(mf / _V * s)


def higgs_mixed_sin_theta_for_delta_a(m_s, delta_a):
    """The mixing |sin θ| a Higgs-mixed scalar of mass ``m_s`` (GeV) needs to give ``delta_a``.

    sin θ = g_for_delta_a("scalar", m_s, Δa)·v/m_μ.  Values above 1 mean: impossible at any
    mixing.  (The function returns them so that a plot can show how far above 1 they are.)

    Accuracy: ≤ 2e-15 relative for 1e-6 ≤ m_s/m_μ ≤ 1e6 (vs mp.quad of the scalar loop integral).


    >>> round(higgs_mixed_sin_theta_for_delta_a(1e-3, 251e-11), 2)
    0.86
    """
    caller = "higgs_mixed_sin_theta_for_delta_a"
    code, r = _loop_args("scalar", m_s, C.M_MU, caller=caller, m_name="m_s")
    return scalar_or_array(_coupling_for("scalar", code, r, delta_a, caller=caller) * _V / _MMU)


# ============================================================================================
# Route 2: a muon-only scalar from the operator (c_S/M) S H† L μ^c
# ============================================================================================
def operator_coupling(c_s, big_m):
    """g_μ = c_S v/(√2 M): the S μ̄μ coupling from (c_S/M) S H†Lμ^c after ⟨H⟩ = v/√2.

    Accuracy: ≤ 1e-15 relative for any c_s, big_m (vs the 40-digit formula).


    >>> round(operator_coupling(1.0, 1e5) * 1e3, 4)
    1.7411
    """
    caller = "operator_coupling"
    c = real(caller, "c_s", c_s)
    mm = real(caller, "big_m", big_m, 0.0, unit="GeV")
    return scalar_or_array(c * _V / (math.sqrt(2.0) * mm))


def _f_tau(tau):
    """f(τ) = arcsin²√τ (τ ≤ 1), −¼[ln((1+√(1−1/τ))/(1−√(1−1/τ))) − iπ]² (τ > 1)."""
    out = np.empty(tau.shape, dtype=complex)
    lo = tau <= 1.0
    out[lo] = np.arcsin(np.sqrt(tau[lo])) ** 2
    t = tau[~lo]
    b = np.sqrt(1.0 - 1.0 / t)
    # (1 + b)/(1 − b) = (1 + b)² τ (1 − b² = 1/τ): 1 − b cancels for τ ≫ 1
    out[~lo] = -0.25 * (2.0 * np.log1p(b) + np.log(t) - 1j * _PI) ** 2
    return out


def _arcsin2_coefficient(n):
    """a_n of arcsin²√τ = Σ_{n≥1} a_n τⁿ, a_n = 2^{2n−1}/(n² C(2n, n)) (exact)."""
    return Fraction(2 ** (2 * n - 1), n * n * math.comb(2 * n, n))


#: A(τ) = 2[τ + (τ − 1) arcsin²√τ]/τ² = Σ_k 2(a_{k+1} − a_{k+2}) τ^k (a_1 = 1): 4/3 + 14τ/45 + …;
#: 24 terms leave < 0.1^24 relative below _TAU_SERIES.
_A_SERIES = [float(2 * (_arcsin2_coefficient(k + 1) - _arcsin2_coefficient(k + 2)))
             for k in range(24)]
_TAU_SERIES = 0.1


def diphoton_amplitude(tau):
    """The spin-½ loop amplitude of a scalar → γγ, A(τ) = 2[τ + (τ−1) f(τ)]/τ², τ = m_S²/(4m_f²).

    Normalised so that A → 4/3 for a heavy loop fermion (τ → 0), with A = 4/3 + 14τ/45 + O(τ²);
    A → (2/τ)[1 − ¼(ln 4τ − iπ)²] → 0 for a light one (τ → ∞).  Complex above threshold (τ > 1).
    Feynman-parameter form (chapter): A = 4∫∫_{x+y<1} (1 − 4xy)/(1 − 4τxy − i0).  Below
    τ = 0.1 the Taylor series (24 terms, from arcsin²√τ = Σ 2^{2n−1}τⁿ/(n² C(2n, n))) is used:
    the closed form cancels like τ² there.

    Accuracy: ≤ 2e-14 relative for 1e-13 ≤ τ ≤ 1e11, τ = 1 included, as |ΔA|/|A| (vs the closed form
    at 80 digits).


    >>> round(diphoton_amplitude(1e-8).real, 6), round(abs(diphoton_amplitude(1.0)), 4)
    (1.333333, 2.0)
    """
    caller = "diphoton_amplitude"
    tau = real(caller, "tau", tau, 0.0)
    flat = np.atleast_1d(tau).ravel()
    out = np.empty(flat.shape, dtype=complex)
    small = flat < _TAU_SERIES
    ts = flat[small]
    acc = np.zeros(ts.shape)
    for c in _A_SERIES[::-1]:
        acc = acc * ts + c
    out[small] = acc
    tb = flat[~small]
    out[~small] = 2.0 * (tb + (tb - 1.0) * _f_tau(tb)) / tb**2
    return scalar_or_array(out.reshape(np.shape(tau)))


def _two_body_beta(m, m_daughter):
    """β = √(1 − 4m_d²/m²) where open, 0 where closed.

    As √((1 − 2m_d/m)(1 + 2m_d/m)) with 1 − 2m_d/m = (m − 2m_d)/m: m − 2m_d is exact near
    threshold, where 1 − 4m_d²/m² cancels."""
    x = (m - 2.0 * m_daughter) / m * ((m + 2.0 * m_daughter) / m)
    return np.sqrt(np.clip(x, 0.0, None))


def scalar_widths(m_s, g_mu, g_chi=0.0, m_chi=0.0):
    """Partial widths (GeV) of a muon-philic scalar S: ℒ ⊃ −g_μ S μ̄μ − g_χ S χ̄χ (χ a Dirac fermion).

    * ``gamma_gamma``: Γ(S→γγ) = α² g_μ² m_S³/(256π³ m_μ²) |A(m_S²/4m_μ²)|² (muon loop only;
      = α² g_μ² m_S³/(144π³ m_μ²) for m_S ≪ 2m_μ);
    * ``mu_mu``: Γ(S→μ⁺μ⁻) = g_μ² m_S β_μ³/(8π) above 2m_μ;
    * ``invisible``: Γ(S→χχ̄) = g_χ² m_S β_χ³/(8π) above 2m_χ;
    * ``total``.

    Arguments broadcast; a dict of floats (scalars in) or arrays.

    Accuracy: ≤ 1e-14 relative for 1e-6 ≤ m_s/m_μ ≤ 1e6, thresholds 2m_μ, 2m_χ included (vs the
    40-digit closed forms).


    >>> w = scalar_widths(0.01, 1e-3)
    >>> f"{w['gamma_gamma']:.3e}", w["mu_mu"]
    ('1.069e-18', 0.0)
    """
    caller = "scalar_widths"
    m = real(caller, "m_s", m_s, 0.0, unit="GeV")
    g = real(caller, "g_mu", g_mu)
    gx = real(caller, "g_chi", g_chi)
    mx = real(caller, "m_chi", m_chi, 0.0, low_open=False, unit="GeV")
    m, g, gx, mx = np.broadcast_arrays(m, g, gx, mx)
    amp = np.asarray(diphoton_amplitude(np.ravel(m**2 / (4.0 * _MMU**2)))).reshape(m.shape)
    gg = C.ALPHA**2 * g**2 * m**3 / (256.0 * _PI**3 * _MMU**2) * np.abs(amp) ** 2
    mumu = g**2 * m * _two_body_beta(m, _MMU) ** 3 / (8.0 * _PI)
    inv = gx**2 * m * _two_body_beta(m, mx) ** 3 / (8.0 * _PI)
    out = {"gamma_gamma": gg, "mu_mu": mumu, "invisible": inv, "total": gg + mumu + inv}
    return {k: scalar_or_array(v) for k, v in out.items()}


# ============================================================================================
# Route 3: gauged U(1)s — charges and triangle anomalies
# ============================================================================================
#: The SM Weyl fields of one generation, all left-handed (conjugates for the singlets), with
#: (colour dimension, SU(2) dimension, hypercharge Y, baryon number, lepton number).
FIELDS = {
    "Q": (3, 2, Fraction(1, 6), Fraction(1, 3), 0),
    "u^c": (3, 1, Fraction(-2, 3), Fraction(-1, 3), 0),
    "d^c": (3, 1, Fraction(1, 3), Fraction(-1, 3), 0),
    "L": (1, 2, Fraction(-1, 2), 0, 1),
    "e^c": (1, 1, Fraction(1), 0, -1),
    "nu^c": (1, 1, Fraction(0), 0, -1),
}
#: The U(1)s :func:`u1_charges` knows: the talk's three anomaly-free families and non-examples.
MODELS = ("Y", "B-L", "Le-Lmu", "Le-Ltau", "Lmu-Ltau", "B-3Le", "B-3Lmu", "B-3Ltau", "B", "L",
          "Lmu", "Y+Lmu")
_GEN = {"e": 0, "mu": 1, "tau": 2}


def u1_charges(model):
    """The U(1)' charges of the 18 Weyl multiplets, ``{(field, generation): Fraction}``.

    ``field`` is one of :data:`FIELDS`, ``generation`` 0, 1, 2 (e, μ, τ).  ``model`` one of
    :data:`MODELS`: hypercharge ``"Y"``, ``"B-L"``, ``"Li-Lj"``, ``"B-3Li"``, and the anomalous
    ``"B"``, ``"L"``, ``"Lmu"`` and ``"Y+Lmu"``.

    Accuracy: exact — Fraction arithmetic on the rational charges.


    >>> u1_charges("Lmu-Ltau")[("L", 1)], u1_charges("Lmu-Ltau")[("e^c", 2)]
    (Fraction(1, 1), Fraction(1, 1))
    """
    choice("u1_charges", "model", model, MODELS)
    out = {}
    for f, (_, _, y, b, lep) in FIELDS.items():
        for i in range(3):
            lep_i = {k: (lep if i == gi else 0) for k, gi in _GEN.items()}
            q = {"Y": y, "B": b, "L": lep}
            q.update({f"L{k}": Fraction(v) for k, v in lep_i.items()})
            if model in ("Y", "B", "L"):
                x = q[model]
            elif model == "B-L":
                x = q["B"] - q["L"]
            elif model == "Y+Lmu":
                x = q["Y"] + q["Lmu"]
            elif model.startswith("B-3"):
                x = q["B"] - 3 * q[model[3:]]
            elif "-" in model:
                a, c = model.split("-")
                x = q[a] - q[c]
            else:
                x = q[model]
            out[(f, i)] = Fraction(x)
    return out


def anomaly_coefficients(charges):
    """The six triangle anomalies of a U(1)' with charges ``charges`` (as from :func:`u1_charges`).

    Sums over the left-handed Weyl multiplets (colour × isospin components counted):
    ``X^3`` = Σ X³, ``X-grav^2`` = Σ X, ``X-SU(2)^2`` = Σ_doublets N_c X, ``X-SU(3)^2`` =
    Σ_triplets n_2 X (the Dynkin indices ½ dropped), ``X^2-Y`` = Σ X² Y, ``X-Y^2`` = Σ X Y².
    A U(1)' is anomaly-free (without new fermions) when all six vanish.  Exact ``Fraction``s.

    Accuracy: exact — Fraction arithmetic (sums of rational cubes and products).


    >>> all(v == 0 for v in anomaly_coefficients(u1_charges("B-L")).values())
    True
    >>> anomaly_coefficients(u1_charges("Lmu"))["X-SU(2)^2"]
    Fraction(1, 1)
    """
    keys = {(f, i) for f in FIELDS for i in range(3)}
    if not isinstance(charges, dict) or set(charges) != keys:
        raise ValueError("anomaly_coefficients: charges must be a dict over the 18 keys "
                         "(field, generation) with field in FIELDS and generation 0, 1, 2")
    acc = dict.fromkeys(("X^3", "X-grav^2", "X-SU(2)^2", "X-SU(3)^2", "X^2-Y", "X-Y^2"),
                        Fraction(0))
    for (f, _), x in charges.items():
        try:
            x = Fraction(x)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"anomaly_coefficients: charge of {f} = {x!r} is not a rational "
                             "number") from exc
        nc, n2, y, _, _ = FIELDS[f]
        dim = nc * n2
        acc["X^3"] += dim * x**3
        acc["X-grav^2"] += dim * x
        if n2 == 2:
            acc["X-SU(2)^2"] += nc * x
        if nc == 3:
            acc["X-SU(3)^2"] += n2 * x
        acc["X^2-Y"] += dim * x**2 * y
        acc["X-Y^2"] += dim * x * y**2
    return acc


# ============================================================================================
# U(1)_{Lmu - Ltau}: decays
# ============================================================================================
def _lepton_pair_width(m, g, ml):
    b = _two_body_beta(m, ml)
    return np.where(m > 2.0 * ml, g**2 * m / (12.0 * _PI) * (1.0 + 2.0 * (ml / m) ** 2) * b, 0.0)


def kinetic_mixing_lmu_ltau(g):
    """The loop-induced kinetic mixing ε = e g ln(m_τ²/m_μ²)/(12π²) of the L_μ−L_τ boson.

    μ and τ loops with opposite U(1)' charges; the q² → 0 value (valid for q² ≪ 4m_μ²).

    Accuracy: ≤ 2e-15 relative for any g (vs the 40-digit formula).


    >>> round(kinetic_mixing_lmu_ltau(1.0), 5)
    0.01443
    """
    g = real("kinetic_mixing_lmu_ltau", "g", g)
    return scalar_or_array(E_CHARGE * g * math.log(_MTAU**2 / _MMU**2) / (12.0 * _PI**2))


def lmu_ltau_widths(m_v, g):
    """Partial widths (GeV) of the L_μ−L_τ gauge boson V: ℒ ⊃ g V_α J^α_{μ−τ}.

    * ``nu_mu``, ``nu_tau``: Γ(V→ν_ℓν̄_ℓ) = g² m_V/(24π) each (left-handed neutrinos only);
    * ``mu_mu``, ``tau_tau``: Γ(V→ℓ⁺ℓ⁻) = g² m_V/(12π) (1 + 2m_ℓ²/m_V²) √(1 − 4m_ℓ²/m_V²);
    * ``e_e``: through the loop-induced mixing, (ε e)² m_V/(12π)(…) with ε from
      :func:`kinetic_mixing_lmu_ltau` (its q² → 0 value);
    * ``invisible`` (= ν_μ + ν_τ), ``total``.

    Accuracy: ≤ 1e-14 relative for 1e-6 ≤ m_v ≤ 1e6 GeV, the 2m_e, 2m_μ, 2m_τ thresholds included
    (vs the 40-digit closed forms).


    >>> w = lmu_ltau_widths(0.1, 1e-3); round(w["invisible"] / w["total"], 5)
    0.99998
    """
    caller = "lmu_ltau_widths"
    m = real(caller, "m_v", m_v, 0.0, unit="GeV")
    g = real(caller, "g", g)
    m, g = np.broadcast_arrays(m, g)
    nu = g**2 * m / (24.0 * _PI)
    eps = np.asarray(kinetic_mixing_lmu_ltau(g))
    out = {"nu_mu": nu, "nu_tau": nu, "mu_mu": _lepton_pair_width(m, g, _MMU),
           "tau_tau": _lepton_pair_width(m, g, _MTAU),
           "e_e": _lepton_pair_width(m, eps * E_CHARGE, _ME)}
    out["invisible"] = out["nu_mu"] + out["nu_tau"]
    out["total"] = out["invisible"] + out["mu_mu"] + out["tau_tau"] + out["e_e"]
    return {k: scalar_or_array(v) for k, v in out.items()}


def lmu_ltau_invisible_fraction(m_v):
    """B(V → νν̄) of the L_μ−L_τ boson (independent of g; the tiny e⁺e⁻ width neglected).

    1 below 2m_μ; 1/(1 + β(1 + 2m_μ²/m_V²)) between 2m_μ and 2m_τ; → 1/3 far above 2m_τ.

    Accuracy: ≤ 2e-15 relative for 1e-6 ≤ m_v ≤ 1e6 GeV, thresholds included (vs the 40-digit
    widths).


    >>> round(lmu_ltau_invisible_fraction(0.2), 3), round(lmu_ltau_invisible_fraction(0.3), 3)
    (1.0, 0.53)
    """
    m = real("lmu_ltau_invisible_fraction", "m_v", m_v, 0.0, unit="GeV")
    r_mu = _lepton_pair_width(m, 1.0, _MMU) / (m / (12.0 * _PI))
    r_tau = _lepton_pair_width(m, 1.0, _MTAU) / (m / (12.0 * _PI))
    return scalar_or_array(1.0 / (1.0 + r_mu + r_tau))


# ============================================================================================
# BBN: ΔN_eff from a boson in equilibrium with the neutrinos after they decouple
# ============================================================================================
#: entropy_fraction_boson: Gauss–Legendre on _S_PANELS equal panels of _S_NODES nodes in
#: t = acosh(E/x) (u = x sinh t, du = E dt) up to E = x + _E_TAIL, where the Bose–Einstein tail is
#: e^{-70}; below x = _X_SERIES the expansion 1 − 15x²/(8π²) + 15x³/(8π³) (error O(x⁴ ln x)).
_S_PANELS, _S_NODES = 8, 24
_GL_X, _GL_W = np.polynomial.legendre.leggauss(_S_NODES)
_E_TAIL = 70.0
_X_SERIES = 1e-5
_X_BOLTZMANN = 200.0   # delta_neff_estimate: the K₃ (Boltzmann) form from here on


def _entropy_gl(x):
    """(45/4π⁴)∫ du u²(E + u²/3E)/(e^E − 1) = (45/4π⁴)∫ dt u²(E² + u²/3)/(e^E − 1), x > 0 (1-d)."""
    top = np.arccosh(1.0 + _E_TAIL / x)
    width = top / _S_PANELS
    mid = (np.arange(_S_PANELS) + 0.5)[None, :, None] * width[:, None, None]
    t = mid + 0.5 * width[:, None, None] * _GL_X[None, None, :]
    u = x[:, None, None] * np.sinh(t)
    e = x[:, None, None] * np.cosh(t)
    integrand = u * u * (e * e + u * u / 3.0) / np.expm1(e)
    return 0.5 * width * (integrand @ _GL_W).sum(axis=1) * (45.0 / (4.0 * _PI**4))


def entropy_fraction_boson(x):
    """s(m/T = x)/s(x = 0) of a Bose–Einstein gas in equilibrium at temperature T.

    s/T³ ∝ ∫₀^∞ du u² (E + u²/3E)/(e^E − 1), E = √(u² + x²) (in units of T); 1 at x = 0 and
    → (45/4π⁴) x³ Σ_n K₃(nx)/n in general (≈ (45/4π⁴) x³ K₃(x), Boltzmann, for x ≫ 1).
    Gauss–Legendre (8 × 24 nodes) in t = acosh(E/x) up to E = x + 70; below x = 1e-5 the
    expansion 1 − 15x²/(8π²) + 15x³/(8π³).

    Accuracy: ≤ 2e-14 relative for 0 ≤ x < 200 (vs mp.quad of the defining integral).


    >>> round(entropy_fraction_boson(0.0), 10), round(entropy_fraction_boson(3.0), 4)
    (1.0, 0.3849)
    """
    x = real("entropy_fraction_boson", "x", x, 0.0, 200.0, low_open=False)
    xs = np.atleast_1d(x).astype(float).ravel()
    out = np.empty_like(xs)
    small = xs < _X_SERIES
    xl = xs[small]
    out[small] = 1.0 - 15.0 / (8.0 * _PI**2) * xl**2 * (1.0 - xl / _PI)
    if (~small).any():
        out[~small] = _entropy_gl(xs[~small])
    return scalar_or_array(out.reshape(np.shape(x)))


def delta_neff_estimate(m_v, t_dec=C.LAND_T_NU_DEC, dof=3):
    """ΔN_eff if a boson of mass ``m_v`` (``dof`` states) shares the neutrinos' entropy at ν decoupling.

    Instantaneous decoupling at T = ``t_dec`` (GeV); afterwards the boson, kept in equilibrium with
    ν_μ, ν_τ by its decays and inverse decays, dumps its entropy into the neutrinos only.  Comoving
    entropy of the ν+V sector is conserved, so (T_ν/T_ν^SM)³ = 1 + s_V/s_ν at T_dec and
    N_eff = 3 (1 + r)^{4/3}, r = dof·f(m_v/t_dec)/(7/8·6) with f = :func:`entropy_fraction_boson`.
    An estimate (the full treatment solves the Boltzmann equations); ΔN_eff → 2.48 for m_v → 0.

    Accuracy: ≤ 5e-13 relative for m_v/t_dec ≤ 700 (vs mp.quad of the entropy integral; ~x·1e-16
    from e^{-x} at large x).


    >>> round(delta_neff_estimate(1e-6), 2), round(delta_neff_estimate(0.02), 4)
    (2.48, 0.0)
    """
    caller = "delta_neff_estimate"
    m = real(caller, "m_v", m_v, 0.0, unit="GeV")
    td = real(caller, "t_dec", t_dec, 0.0, unit="GeV", scalar=True)
    d = real(caller, "dof", dof, 0.0, scalar=True)
    x = np.atleast_1d(m / td).astype(float)
    f = np.empty_like(x)
    big = x >= _X_BOLTZMANN
    f[~big] = entropy_fraction_boson(x[~big])
    # far above: (45/4π⁴) x³ K₃(x), the n ≥ 2 terms of Σ K₃(nx)/n are < e^{-x} relative
    xb = x[big]
    f[big] = 45.0 / (4.0 * _PI**4) * kve(3, xb) * np.exp(3.0 * np.log(xb) - xb)
    r = d * f / (7.0 / 8.0 * 6.0)
    # (1 + r)^{4/3} − 1 without the cancellation for r → 0
    return scalar_or_array(3.0 * np.expm1(4.0 / 3.0 * np.log1p(r)).reshape(np.shape(m)))


def bbn_mass_bound(delta_neff_max=C.LAND_DELTA_NEFF_TALK, t_dec=C.LAND_T_NU_DEC, dof=3):
    """The mass (GeV) above which :func:`delta_neff_estimate` < ``delta_neff_max``.

    Accuracy: ≤ 2e-14 relative for 1e-6 ≤ delta_neff_max ≤ 2.4, dof ≤ 60 (vs mp.findroot on the
    mp.quad entropy).


    >>> round(bbn_mass_bound() * 1e3, 2)   # ΔN_eff < 0.5, T_dec = 2 MeV
    8.11
    """
    caller = "bbn_mass_bound"
    dn = real(caller, "delta_neff_max", delta_neff_max, 0.0, 2.48, scalar=True)
    td = real(caller, "t_dec", t_dec, 0.0, unit="GeV", scalar=True)
    d = real(caller, "dof", dof, 0.0, 100.0, scalar=True)
    lo, hi = 1e-6 * td, 60.0 * td
    if delta_neff_estimate(lo, td, d) <= dn:
        raise range_error(caller, "delta_neff_max", dn, 0.0, float(delta_neff_estimate(lo, td, d)),
                          reason="the bound must be below the massless boson's Delta N_eff")
    return brentq(lambda mv: delta_neff_estimate(mv, td, d) - dn, lo, hi, xtol=1e-300,
                  rtol=1e-15)


# ============================================================================================
# Neutrino trident (CCFR)
# ============================================================================================
#: One-sided 95 % CL upper bound on σ/σ_SM from CCFR's 0.82 ± 0.28 (Gaussian: + 1.645 σ).
CCFR_RATIO_MAX_95 = float(C.LAND_CCFR_TRIDENT_RATIO) + 1.6448536269514722 * \
    C.LAND_CCFR_TRIDENT_RATIO.sigma


def _gv_sm():
    return 1.0 + 4.0 * float(C.SIN2W_MZ)   # 2 (1/2 + 2 s_W^2)


def trident_ratio(m_v, g, q2_eff=0.0):
    """σ(ν_μ N → ν_μ μ⁺μ⁻ N)/σ_SM with an L_μ−L_τ boson, in the contact (heavy-V) approximation.

    The SM trident is a (ν̄γ^αP_Lν)(μ̄γ_α(g_V − g_Aγ5)μ) contact interaction with
    2g_V = 1 + 4 s_W², 2g_A = 1 (W and Z); V exchange adds 2 g² v²/(m_V² + Q²) to 2g_V:

        σ/σ_SM = [(1 + 4s_W² + 2g²v²/(m_V² + Q²))² + 1] / [(1 + 4s_W²)² + 1]

    (Altmannshofer, Gori, Pospelov, Yavin 2014, heavy-Z' limit, Q² = 0).  ``q2_eff`` (GeV², ≥ 0)
    is this book's one-scale model of the V propagator's momentum transfer for a light V (see
    :func:`trident_q2_calibrated`) — an approximation, not the paper's full calculation.

    Accuracy: ≤ 4e-15 relative for 1e-6 ≤ m_v ≤ 1e3 GeV, 0 ≤ g ≤ 1, any q2_eff (vs the 40-digit
    formula).


    >>> round(trident_ratio(10.0, 0.0), 12), round(trident_ratio(1.0, 1e-3), 4)
    (1.0, 1.1023)
    """
    caller = "trident_ratio"
    m = real(caller, "m_v", m_v, 0.0, unit="GeV")
    g = real(caller, "g", g)
    q2 = real(caller, "q2_eff", q2_eff, 0.0, low_open=False, unit="GeV^2")
    a = _gv_sm()
    shift = 2.0 * g**2 * _V**2 / (m**2 + q2)
    return scalar_or_array(((a + shift) ** 2 + 1.0) / (a * a + 1.0))


def trident_g_limit(m_v, ratio_max=CCFR_RATIO_MAX_95, q2_eff=0.0):
    """The coupling g at which :func:`trident_ratio` reaches ``ratio_max`` (> 1): the CCFR bound.

    g² = (m_V² + Q²)/(2v²) · (√(R[(1+4s_W²)² + 1] − 1) − 1 − 4s_W²).

    Accuracy: ≤ 2e-15 relative for 1e-6 ≤ m_v ≤ 1e3 GeV, 1 + 1e-12 ≤ ratio_max ≤ 1e6 (vs the
    40-digit inverse).


    >>> round(trident_g_limit(1.0) * 1e3, 3)
    1.616
    """
    caller = "trident_g_limit"
    m = real(caller, "m_v", m_v, 0.0, unit="GeV")
    rmax = real(caller, "ratio_max", ratio_max, 1.0, scalar=True)
    q2 = real(caller, "q2_eff", q2_eff, 0.0, low_open=False, unit="GeV^2")
    a = _gv_sm()
    # √(R(a² + 1) − 1) − a, rationalised: it cancels for R → 1
    k = (rmax - 1.0) * (a * a + 1.0) / (math.sqrt(rmax * (a * a + 1.0) - 1.0) + a)
    return scalar_or_array(np.sqrt((m**2 + q2) * k / (2.0 * _V**2)))


def trident_q2_calibrated(m_cross=C.LAND_APGY_CROSSING_MASS, g_cross=None,
                          ratio_max=CCFR_RATIO_MAX_95):
    """The Q² (GeV²) of the one-scale model that puts the CCFR bound through (m_cross, g_cross).

    Default: the bound crosses the lower 2σ edge of the 2021 Δa_μ band at m = 400 MeV, the mass
    above which Altmannshofer et al. say trident data exclude the g−2 explanation.  Solves
    g_cross² = (m² + Q²) K/(2v²) for Q²; raises ValueError if that needs Q² < 0.

    Accuracy: ≤ 1e-14 relative to max(Q², m_cross²) for 1e-3 ≤ m_cross ≤ 5 GeV (vs the 40-digit
    inverse, g_cross by mp.quad).


    >>> round(math.sqrt(trident_q2_calibrated()), 3)
    1.001
    """
    caller = "trident_q2_calibrated"
    m = real(caller, "m_cross", m_cross, 0.0, unit="GeV", scalar=True)
    if g_cross is None:
        d = C.A_MU_EXP_2021.ufloat() - C.A_MU_SM_WP2020.ufloat()
        g_cross = g_for_delta_a("vector", m, d.n - 2.0 * d.s)
    g = real(caller, "g_cross", g_cross, 0.0, scalar=True)
    heavy = float(trident_g_limit(m, ratio_max, 0.0))
    q2 = m * m * ((g / heavy) ** 2 - 1.0)
    if q2 < 0:
        raise range_error(caller, "g_cross", g, heavy, None, unit="",
                          reason="the contact limit at m_cross is already weaker than g_cross")
    return q2


# ============================================================================================
# BABAR e+e- -> mu mu Z', Z' -> mu mu (the published curve)
# ============================================================================================
_BABAR_FILE = "lmu_ltau_babar_2016"


def load_babar_muonic():
    """BABAR's 2016 limit on g of U(1)_{L_μ−L_τ}: ``(m [GeV], g_limit)`` arrays and the header.

    Reads the limit file ``lmu_ltau_babar_2016`` of :mod:`dialm.limitdata` (the published curve as
    digitised in the DarkCast compilation; see its header).  A limit of 1e5 marks a mass without a
    limit (threshold, vetoed windows).

    Accuracy: exact — the file's numbers as floats.


    >>> m, g, header = load_babar_muonic(); float(g.min()), "1606.03501" in header
    (0.00067362, True)
    """
    curve = limitdata.load(_BABAR_FILE)
    header = "\n".join(f"{k}: {v}" for k, v in curve.header.items())
    return curve.x.copy(), curve.y.copy(), header


#: The mass range (GeV) of the BABAR limit file (the search: 0.212-10 GeV).
BABAR_RANGE = (float(limitdata.load(_BABAR_FILE).x[0]), float(limitdata.load(_BABAR_FILE).x[-1]))


def babar_muonic_limit(m_v):
    """BABAR's 90 % CL bound on g at mass ``m_v`` (GeV), log–log interpolated in the file.

    Defined inside :data:`BABAR_RANGE` only (outside: ValueError — no limit there).

    Accuracy: ≤ 1e-12 relative inside BABAR_RANGE (vs 40-digit log–log interpolation of the
    file; the worst points sit next to the 1e5 no-limit markers, where the log jumps by 18).


    >>> round(float(babar_muonic_limit(1.0)) * 1e3, 2)
    2.1
    """
    m = real("babar_muonic_limit", "m_v", m_v, BABAR_RANGE[0], BABAR_RANGE[1], low_open=False,
             high_open=False, unit="GeV")
    mm, gg, _ = load_babar_muonic()
    return scalar_or_array(np.exp(np.interp(np.log(m), np.log(mm), np.log(gg))))


# ============================================================================================
# A point in the (m_V, g) plane
# ============================================================================================
def lmu_ltau_constraints(m_v, g, q2_eff=None, delta_neff_max=C.LAND_DELTA_NEFF_TALK):
    """Which bounds exclude the L_μ−L_τ point (m_v [GeV], g), and what it gives Δa_μ.

    Returns a dict of Python values for one point: ``delta_a_mu`` (one loop), ``bbn`` (m_v below
    :func:`bbn_mass_bound`, the instantaneous estimate with ``delta_neff_max``), ``neff_full``
    (m_v below :func:`neff_mass_bound`: the full thermal history against Planck 2018 + BAO),
    ``bbn_talk`` (m_v < 2 MeV, the talk's rule), ``ccfr`` (g above
    :func:`trident_g_limit` with the calibrated Q²), ``ccfr_contact`` (Q² = 0), ``babar`` (g
    above :func:`babar_muonic_limit`, inside its mass range), ``g2_2025`` (Δa_μ above the 2025
    2σ upper bound), ``in_2021_band`` (Δa_μ inside the 2021 ±2σ band), ``excluded`` (any bound).

    Accuracy: ≤ 1e-14 relative for delta_a_mu at 1e-4 ≤ m_v ≤ 5 GeV; the flags exact away from the
    bounds (vs mpmath references).


    >>> c = lmu_ltau_constraints(0.01, 5e-4); c["excluded"], c["in_2021_band"]
    (True, True)
    """
    caller = "lmu_ltau_constraints"
    m = real(caller, "m_v", m_v, 0.0, unit="GeV", scalar=True)
    g = abs(real(caller, "g", g, scalar=True))
    q2 = trident_q2_calibrated() if q2_eff is None else real(caller, "q2_eff", q2_eff, 0.0,
                                                              low_open=False, scalar=True)
    d21 = C.A_MU_EXP_2021.ufloat() - C.A_MU_SM_WP2020.ufloat()
    d25 = C.A_MU_EXP_2025.ufloat() - C.A_MU_SM_WP2025.ufloat()
    da = float(delta_a_mu("vector", m, g))
    out = {
        "delta_a_mu": da,
        "bbn": bool(m < bbn_mass_bound(delta_neff_max)),
        "neff_full": bool(m < neff_mass_bound()),
        "bbn_talk": bool(m < float(C.LAND_T_NU_DEC)),
        "ccfr": bool(g > trident_g_limit(m, q2_eff=q2)),
        "ccfr_contact": bool(g > trident_g_limit(m)),
        "babar": bool(BABAR_RANGE[0] <= m <= BABAR_RANGE[1] and g > babar_muonic_limit(m)),
        "g2_2025": bool(da > d25.n + 2.0 * d25.s),
        "in_2021_band": bool(d21.n - 2.0 * d21.s <= da <= d21.n + 2.0 * d21.s),
    }
    out["excluded"] = (out["bbn"] or out["neff_full"] or out["ccfr"] or out["babar"]
                       or out["g2_2025"])
    return out


# ============================================================================================
# Published exclusion curves for the chapters' figures
# ============================================================================================
def limit_curves(names):
    """The published limits ``names`` (names of :func:`dialm.limitdata.available` files).

    Returns ``{name: Limit}`` in the order given; the mass axis in GeV, the limit in the file's
    coupling (``columns`` of its header).  A name that is not a limit file is a ValueError.

    Accuracy: exact — the files' numbers, unchanged.

    >>> curves = limit_curves(["dark_photon_kloe_2018"])
    >>> curves["dark_photon_kloe_2018"].header["bibkey"]
    'KLOE2018darkphoton'
    """
    return _limit_curves("limit_curves", names)


def _limit_curves(caller, names):
    if isinstance(names, str):
        names = [names]
    known = tuple(limitdata.available())
    for name in names:
        choice(caller, "names", name, known)
    return {name: limitdata.load(name) for name in names}


def draw_limits(ax, names, top, colors=None, labels=None, hatches=None, alpha=0.35):
    """Shade on ``ax`` the region above each published limit of ``names`` up to ``top``.

    Each file's ``(x, y)`` arrays are drawn as they are: ``fill_between(x, y, top)`` (a file with
    ``lower, upper`` columns between its two curves), filled or, where ``hatches`` gives a hatch
    pattern for the name, hatched; the outline is left open where the limit is above ``top`` (a
    vetoed mass window).  ``colors``/``labels``/``hatches``: one per name (the default label is
    the file's ``source``).  Returns ``{name: (x, y)}``, the arrays handed to matplotlib, so that a
    test can compare them with :func:`dialm.limitdata.load`.

    Accuracy: exact — the files' numbers, unchanged.
    """
    curves = _limit_curves("draw_limits", names)
    top = real("draw_limits", "top", top, 0.0, scalar=True)
    drawn = {}
    for i, (name, curve) in enumerate(curves.items()):
        colour = None if colors is None else colors[i]
        label = curve.header["source"] if labels is None else labels[i]
        hatch = None if hatches is None else hatches[i]
        upper = np.full_like(curve.x, top) if curve.upper is None else curve.upper
        style = ({"facecolor": "none", "edgecolor": colour, "hatch": hatch, "lw": 0}
                 if hatch else {"color": colour, "alpha": alpha, "lw": 0})
        ax.fill_between(curve.x, curve.y, upper, where=curve.y < upper, label=label, **style)
        ax.plot(curve.x, np.where(curve.y < top, curve.y, np.nan), color=colour, lw=0.8)
        drawn[name] = (curve.x, curve.y)
    return drawn
