"""The stated accuracy of dialm.singlets, against independent 40-digit mpmath references.

Every reference is re-derived from the physics in book/singlets/landscape.md: the one-loop g−2
integrals by mp.quad of the Feynman-parameter integral, the entropy of a massive boson by mp.quad
of its defining integral, widths and the trident ratio from their closed forms at 40 digits, roots
(ε, sin θ, the BBN mass bound, the calibrated Q²) by mp.findroot or solving the closed form.
"""

from __future__ import annotations

import math
from importlib import resources

import mpmath as mp
import pytest
from _accuracy import DPS, Case, check, logspace
from test_accuracy_neff import neff_mass_bound_ref

from dialm import constants as C
from dialm import singlets as S

MP = mp.mpf
MMU, ME, MTAU = float(C.M_MU), float(C.M_E), float(C.M_TAU)


def _e():
    return mp.sqrt(4 * mp.pi * MP(float(C.ALPHA)))


def _v():
    return MP(float(C.V_EW))


# --------------------------------------------------------------------------------------------
# one-loop g−2 (Leveille): Δa = g²/(8π²) ∫₀¹ dz N(z)/((1−z)² + r² z)
# --------------------------------------------------------------------------------------------
_NUM = {"vector": lambda z: 2 * z * (1 - z) ** 2, "scalar": lambda z: (1 - z) ** 2 * (1 + z)}


def loop_mp(kind, r):
    """The Feynman-parameter integral, split at the scales 1 − z ~ r (small r) and z ~ 1/r²."""
    r = MP(r)
    cuts = {MP(0), MP(1)}
    for c in (MP("0.01"), MP("0.1"), MP(1), MP(10), MP(100)):
        for p in (1 - c * r, c / r**2):
            if 0 < p < 1:
                cuts.add(p)
    num = _NUM[kind]
    return mp.quad(lambda z: num(z) / ((1 - z) ** 2 + r * r * z), sorted(cuts))


def delta_a_mp(kind, m, g, ml=MMU):
    return MP(g) ** 2 / (8 * mp.pi**2) * loop_mp(kind, MP(m) / MP(ml))


def dark_photon_delta_a_ref(m, eps, m_lepton=MMU):
    return delta_a_mp("vector", m, MP(eps) * _e(), m_lepton)


def dark_photon_eps_ref(m, delta_a, m_lepton=MMU):
    return mp.sqrt(8 * mp.pi**2 * MP(delta_a) / loop_mp("vector", MP(m) / MP(m_lepton))) / _e()


def higgs_sin_theta_ref(m_s, delta_a):
    g = mp.sqrt(8 * mp.pi**2 * MP(delta_a) / loop_mp("scalar", MP(m_s) / MP(MMU)))
    return g * _v() / MP(MMU)


def delta_a_e_ref(alpha_inv, sigma_alpha_inv=0.0):
    """Linearised a_e^exp − a_e^SM(α): mp.diff of the QED series Σ C_n (α/π)^n at α_ae."""
    cs = (MP(1) / 2, MP(float(C.LAND_AE_C2)), MP(float(C.LAND_AE_C3)))
    a_ref = MP(float(C.LAND_ALPHA_INV_AE_2023))

    def ae(alpha):
        x = alpha / mp.pi
        return sum(c * x ** (n + 1) for n, c in enumerate(cs))

    slope = mp.diff(ae, 1 / a_ref)
    val = slope * (1 / a_ref - 1 / MP(alpha_inv))
    # σ(α) = σ(α⁻¹)/(α⁻¹)²: the atom's and α_ae's, each at its own α⁻¹, in quadrature
    sig_atom = MP(sigma_alpha_inv) / MP(alpha_inv) ** 2
    sig_ae = MP(C.LAND_ALPHA_INV_AE_2023.sigma) / a_ref**2
    return val, slope * mp.sqrt(sig_atom**2 + sig_ae**2)


def higgs_coupling_ref(m_f, sin_theta):
    return MP(m_f) / _v() * MP(sin_theta)


def operator_coupling_ref(c_s, big_m):
    return MP(c_s) * _v() / (mp.sqrt(2) * MP(big_m))


# --------------------------------------------------------------------------------------------
# S → γγ: the fermion-loop amplitude, closed form at 80 digits (it cancels like τ² as τ → 0)
# --------------------------------------------------------------------------------------------
def diphoton_ref(tau):
    with mp.workdps(2 * DPS):
        t = MP(tau)
        if t <= 1:
            f = mp.asin(mp.sqrt(t)) ** 2
        else:
            b = mp.sqrt(1 - 1 / t)
            f = -(mp.log((1 + b) / (1 - b)) - 1j * mp.pi) ** 2 / 4
        return +(2 * (t + (t - 1) * f) / t**2)


def _beta_mp(m, md):
    m, md = MP(m), MP(md)
    return mp.sqrt(1 - 4 * md**2 / m**2) if m > 2 * md else MP(0)


def scalar_widths_ref(m_s, g_mu, g_chi=0.0, m_chi=0.0):
    m, g, gx = MP(m_s), MP(g_mu), MP(g_chi)
    amp = diphoton_ref(m**2 / (4 * MP(MMU) ** 2))
    gg = MP(C.ALPHA) ** 2 * g**2 * m**3 / (256 * mp.pi**3 * MP(MMU) ** 2) * abs(amp) ** 2
    mumu = g**2 * m * _beta_mp(m, MMU) ** 3 / (8 * mp.pi)
    inv = gx**2 * m * _beta_mp(m, m_chi) ** 3 / (8 * mp.pi)
    return {"gamma_gamma": gg, "mu_mu": mumu, "invisible": inv, "total": gg + mumu + inv}


# --------------------------------------------------------------------------------------------
# L_μ − L_τ decays
# --------------------------------------------------------------------------------------------
def _pair_mp(m, g, ml):
    m, ml = MP(m), MP(ml)
    return MP(g) ** 2 * m / (12 * mp.pi) * (1 + 2 * ml**2 / m**2) * _beta_mp(m, ml)


def kinetic_mixing_ref(g):
    return _e() * MP(g) * mp.log(MP(MTAU) ** 2 / MP(MMU) ** 2) / (12 * mp.pi**2)


def lmu_ltau_widths_ref(m_v, g):
    nu = MP(g) ** 2 * MP(m_v) / (24 * mp.pi)
    out = {"nu_mu": nu, "nu_tau": nu, "mu_mu": _pair_mp(m_v, g, MMU),
           "tau_tau": _pair_mp(m_v, g, MTAU), "e_e": _pair_mp(m_v, kinetic_mixing_ref(g) * _e(), ME)}
    out["invisible"] = 2 * nu
    out["total"] = out["invisible"] + out["mu_mu"] + out["tau_tau"] + out["e_e"]
    return out


def invisible_fraction_ref(m_v):
    w = lmu_ltau_widths_ref(m_v, 1)
    return w["invisible"] / (w["total"] - w["e_e"])


# --------------------------------------------------------------------------------------------
# BBN
# --------------------------------------------------------------------------------------------
def entropy_fraction_ref(x):
    """∫₀^∞ du u²(E + u²/3E)/(e^E − 1) over its x = 0 value 4π⁴/45, by mp.quad."""
    x = MP(x)

    def f(u):   # times e^x, so that mp.quad's (absolute) tolerance is relative for x ≫ 1
        e = mp.sqrt(u * u + x * x)
        return u * u * (e + u * u / (3 * e)) * mp.exp(-u * u / (e + x)) / -mp.expm1(-e) if e else MP(0)

    # the Bose–Einstein bump at u ~ 3 (x ≲ 1), the Boltzmann one of width √x (x ≫ 1), and u ~ x
    c = max(MP(1), mp.sqrt(x))
    cuts = sorted({MP(0), x, *(c * k for k in (0.5, 1, 2, 4, 8, 16, 40))} - {MP(0)} | {MP(0)})
    cuts = [p for p in cuts if p <= 40 * c] + [mp.inf]
    return mp.quad(f, cuts) * mp.exp(-x) / (4 * mp.pi**4 / 45)


def delta_neff_ref(m_v, t_dec=float(C.LAND_T_NU_DEC), dof=3):
    r = MP(dof) * entropy_fraction_ref(MP(m_v) / MP(t_dec)) / (MP(7) / 8 * 6)
    return 3 * mp.expm1(MP(4) / 3 * mp.log1p(r))   # r ~ 1e-85 at m_v = 200 T_dec


def bbn_mass_bound_ref(delta_neff_max=float(C.LAND_DELTA_NEFF_TALK), t_dec=float(C.LAND_T_NU_DEC),
                       dof=3):
    guess = MP(S.bbn_mass_bound(delta_neff_max, t_dec, dof))
    return mp.findroot(lambda m: delta_neff_ref(m, t_dec, dof) - MP(delta_neff_max),
                       (guess * (1 - MP("1e-6")), guess * (1 + MP("1e-6"))), solver="secant")


# --------------------------------------------------------------------------------------------
# neutrino tridents
# --------------------------------------------------------------------------------------------
def _a_sm():
    return 1 + 4 * MP(float(C.SIN2W_MZ))


def trident_ratio_ref(m_v, g, q2_eff=0.0):
    a = _a_sm()
    shift = 2 * MP(g) ** 2 * _v() ** 2 / (MP(m_v) ** 2 + MP(q2_eff))
    return ((a + shift) ** 2 + 1) / (a * a + 1)


def _shift_at(ratio_max):
    """The shift s of 2g_V with ((a + s)² + 1)/(a² + 1) = R."""
    a = _a_sm()
    return mp.sqrt(MP(ratio_max) * (a * a + 1) - 1) - a


def trident_g_limit_ref(m_v, ratio_max=S.CCFR_RATIO_MAX_95, q2_eff=0.0):
    return mp.sqrt(_shift_at(ratio_max) * (MP(m_v) ** 2 + MP(q2_eff)) / (2 * _v() ** 2))


def _band(exp, sm):
    return MP(float(exp)) - MP(float(sm)), mp.sqrt(MP(exp.sigma) ** 2 + MP(sm.sigma) ** 2)


def trident_q2_ref(m_cross=float(C.LAND_APGY_CROSSING_MASS), g_cross=None,
                   ratio_max=S.CCFR_RATIO_MAX_95):
    m = MP(m_cross)
    if g_cross is None:
        n, s = _band(C.A_MU_EXP_2021, C.A_MU_SM_WP2020)
        g_cross = mp.sqrt(8 * mp.pi**2 * (n - 2 * s) / loop_mp("vector", m / MP(MMU)))
    return MP(g_cross) ** 2 * 2 * _v() ** 2 / _shift_at(ratio_max) - m * m


# --------------------------------------------------------------------------------------------
# BABAR: log–log interpolation of the table, read here directly from the CSV
# --------------------------------------------------------------------------------------------
def _babar_table():
    # the limit file's rows, parsed here without dialm.limitdata
    text = resources.files("dialm").joinpath("data/limits/lmu_ltau_babar_2016.csv").read_text()
    rows = [ln.split(",") for ln in text.splitlines() if ln and not ln.startswith("#")]
    return [(MP(float(m)), MP(float(g))) for m, g in rows]


def babar_ref(m_v):
    m, tab = MP(m_v), _babar_table()
    for (m0, g0), (m1, g1) in zip(tab, tab[1:], strict=False):
        if m0 <= m <= m1:
            w = (mp.log(m) - mp.log(m0)) / (mp.log(m1) - mp.log(m0))
            return mp.exp((1 - w) * mp.log(g0) + w * mp.log(g1))
    raise ValueError(m_v)


_BBN_DEFAULT: list = []


def constraints_ref(m_v, g, q2_eff=None, delta_neff_max=float(C.LAND_DELTA_NEFF_TALK)):
    m, g = MP(m_v), abs(MP(g))
    if not _BBN_DEFAULT:
        _BBN_DEFAULT.append(bbn_mass_bound_ref(delta_neff_max))
    q2 = trident_q2_ref() if q2_eff is None else MP(q2_eff)
    n21, s21 = _band(C.A_MU_EXP_2021, C.A_MU_SM_WP2020)
    n25, s25 = _band(C.A_MU_EXP_2025, C.A_MU_SM_WP2025)
    da = delta_a_mp("vector", m, g)
    lo, hi = S.BABAR_RANGE
    out = {"delta_a_mu": da, "bbn": m < _BBN_DEFAULT[0], "neff_full": m < MP(neff_mass_bound_ref()),
           "bbn_talk": m < MP(float(C.LAND_T_NU_DEC)),
           "ccfr": g > trident_g_limit_ref(m, q2_eff=q2), "ccfr_contact": g > trident_g_limit_ref(m),
           "babar": bool(lo <= m <= hi and g > babar_ref(m)), "g2_2025": da > n25 + 2 * s25,
           "in_2021_band": n21 - 2 * s21 <= da <= n21 + 2 * s21}
    out["excluded"] = (out["bbn"] or out["neff_full"] or out["ccfr"] or out["babar"]
                       or out["g2_2025"])
    return {k: (MP(int(v)) if isinstance(v, bool) else v) for k, v in out.items()}


# --------------------------------------------------------------------------------------------
# the rows
# --------------------------------------------------------------------------------------------
R_FULL = logspace(1e-6, 1e6, 25)          # m/m_ℓ over the full range, crossovers of g2 inside
R_EDGES = [1e-3 * 0.999, 1e-3 * 1.001, 2.0, 4.2 * 0.999, 4.2 * 1.001]   # g2's series/closed-form switches
TAU = logspace(1e-13, 1e11, 25) + [1e-3 * 0.999, 1e-3 * 1.001, 1 - 1e-9, 1.0, 1 + 1e-9, 0.5, 2.0]
X_ENTROPY = [0.0, 1e-300, 1e-8, 9.99e-6, 1.001e-5, 1e-4, 0.03, 0.2] + logspace(0.5, 199.9, 12)
MV_NEFF = logspace(1e-8, 1.4, 14) + [4e-3, 8.1e-3, 0.02, 0.1, 0.3, 0.3998, 0.4, 0.4002, 1.0]

CASES = [
    Case(S.dark_photon_delta_a, dark_photon_delta_a_ref,
         [(r * MMU, 1e-3) for r in R_FULL + R_EDGES] + [(r * ME, 3e-4, ME) for r in R_FULL]),
    Case(S.dark_photon_eps_for_delta_a, dark_photon_eps_ref,
         [(r * MMU, 2.5e-9) for r in R_FULL + R_EDGES] + [(r * ME, 1e-12, ME) for r in R_FULL]),
    # value: ai − a_ref is exact (Sterbenz) near α_ae, so no floor is needed even where it → 0
    Case(S.delta_a_e_from_alpha, delta_a_e_ref,
         [(ai, 1e-8) for ai in (100.5, 120.0, 137.0, 137.035999046, 137.035999206, 137.035999166,
                                137.036, 150.0, 199.9)] + [(137.035999046, 0.0), (137.04, 0.5)]),
    Case(S.higgs_mixed_coupling, higgs_coupling_ref,
         [(mf, s) for mf in (ME, MMU, MTAU, 173.0, 1e-9, 1e6) for s in (-1.0, -0.3, 1e-8, 1.0)]),
    Case(S.higgs_mixed_sin_theta_for_delta_a, higgs_sin_theta_ref,
         [(r * MMU, 251e-11) for r in R_FULL + R_EDGES] + [(0.01, 1e-15), (0.01, 1e-5)]),
    Case(S.operator_coupling, operator_coupling_ref,
         [(c, m) for c in (-3.0, 1e-6, 1.0, 4 * math.pi) for m in (1.0, 1e3, 1e5, 1e16)]),
    Case(S.diphoton_amplitude, diphoton_ref, [(t,) for t in TAU]),
    Case(S.scalar_widths, scalar_widths_ref,
         [(r * MMU, 1e-3) for r in R_FULL]
         + [(2 * MMU * (1 + d), 1e-3, 0.1, MMU) for d in (1e-12, 1e-9, 1e-6, 1e-3, 1.0)]
         + [(1.0, 2e-3, 0.5, 0.01), (0.05, 1e-4, 1.0, 0.0249), (1e3, 1.0, 1.0, 1.0)]),
    Case(S.lmu_ltau_widths, lmu_ltau_widths_ref,
         [(m, 1e-3) for m in logspace(1e-6, 1e6, 25)]
         + [(2 * ml * (1 + d), 5e-4) for ml in (MMU, MTAU) for d in (1e-12, 1e-8, 1e-4, 0.1)]
         + [(2 * ME * (1 + 1e-10), 1e-3), (0.3, 1.0)]),
    Case(S.lmu_ltau_invisible_fraction, invisible_fraction_ref,
         [(m,) for m in logspace(1e-6, 1e6, 25)]
         + [(2 * ml * (1 + d),) for ml in (MMU, MTAU) for d in (1e-12, 1e-8, 1e-4, 0.1)]),
    Case(S.kinetic_mixing_lmu_ltau, kinetic_mixing_ref, [(g,) for g in (-1.0, 1e-12, 5e-4, 1.0, 3.0)]),
    Case(S.entropy_fraction_boson, entropy_fraction_ref, [(x,) for x in X_ENTROPY]),
    Case(S.delta_neff_estimate, delta_neff_ref,
         [(m,) for m in MV_NEFF] + [(1e-3, 1e-3, 1), (5e-3, 1e-3, 2), (1e-2, 5e-3, 3), (1e-4, 1e-3, 1e-3)]),
    Case(S.bbn_mass_bound, bbn_mass_bound_ref,
         [(), (0.2,), (1.0,), (2.4,), (1e-3,), (1e-6,), (0.5, 1e-3, 1), (0.5, 3e-3, 2), (0.1, 2e-3, 60)]),
    # ratio ≥ 1 always (the shift is ≥ 0): relative errors without a floor
    Case(S.trident_ratio, trident_ratio_ref,
         [(m, g) for m in (1e-6, 1e-3, 0.1, 1.0, 10.0, 1e3) for g in (0.0, 1e-8, 1e-4, 1e-2, 1.0)]
         + [(1e-3, 1e-3, 1.0), (0.01, 5e-4, 1e-4), (1.0, 1e-2, 1e4)]),
    Case(S.trident_g_limit, trident_g_limit_ref,
         [(m,) for m in logspace(1e-6, 1e3, 10)]
         + [(1.0, r) for r in (1 + 1e-12, 1 + 1e-9, 1 + 1e-6, 1.001, 1.3, 2.0, 10.0, 1e6)]
         + [(1e-3, S.CCFR_RATIO_MAX_95, 1.0), (0.1, 1.5, 1e-6)]),
    # Q² → 0 where g_cross → the contact limit at m_cross: the absolute error of
    # m²((g/g_heavy)² − 1) is ~ ε m² (g_heavy is rounded), so the floor is m² = 0.16 GeV²
    Case(S.trident_q2_calibrated, trident_q2_ref,
         [(), (0.4, 1e-3), (0.4, 3e-3), (0.4, 0.1), (0.4, 6.5e-4), (0.4, 6.47e-4)],
         floor=0.16, label="m0.4"),
    Case(S.trident_q2_calibrated, trident_q2_ref,
         [(1e-3, 1e-4), (0.01, 5e-4, 1.1), (1.0, 0.05, 3.0), (5.0, 0.1)], label="other_m"),
    Case(S.babar_muonic_limit, babar_ref,
         [(m,) for m in logspace(0.2137, 7.68, 23)] + [(0.3,), (1.0,), (2.0,), (7.6,), (0.2137,)]),
    Case(S.lmu_ltau_constraints, constraints_ref,
         [(m, g) for m in (1e-4, 1e-3, 5e-3, 0.02, 0.03, 0.1, 0.3, 1.0, 5.0)
          for g in (1e-5, 1e-4, 5e-4, 2e-3, 1e-2)]
         + [(0.03, -5e-4), (0.1, 1e-3, 0.0), (0.01, 5e-4, None, 1.0)]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
