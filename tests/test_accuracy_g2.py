"""The stated accuracy of dialm.g2 against independent 40-digit mpmath references.

Loop functions: mp.quad of the Feynman-parameter integral (tests/test_g2.py::reference), for
m/m_ℓ from 1e-6 to 1e6 with the switch points (small-r series, closed form, root form, large-r
series) and r = 2 (where the roots of the denominator become real) sampled on both sides.
HVP: the kernel by mp.quad of its Feynman-parameter form (tests/test_g2_hvp.py::k_ref) from below
the ππ threshold to s/m² = 1e10; R(s) re-derived from Gounaris & Sakurai (h'(m²) by mp.diff) and
the pQCD formula; a_μ^{HVP,LO} by mp.quad of (α²/3π²)∫ K R ds/s with the 40-digit closed form of K.
"""

from __future__ import annotations

import math

import mpmath as mp
import pytest
from _accuracy import Case, check, logspace
from test_g2 import reference as loop_ref
from test_g2_hvp import k_ref

from dialm import constants as C
from dialm import g2
from dialm.constants import M_E, M_MU

KINDS = g2.KINDS
MU = float(M_MU)

# r = m/m_ℓ: 1e-6 … 1e6 (4 points a decade) and both sides of every switch point
R_POINTS = sorted(set(logspace(1e-6, 1e6, 49) + [
    0.999e-3, 1.001e-3,                    # small-r series | closed form
    0.3, 1.0, 1.5, 1.78, 1.9, 1.999, 2.0,   # closed form up to the threshold r = 2
    2.0000001, 2.001, 2.01, 2.1, 2.5, 3.0, 4.2, 6.0,   # root form
    7.999, 8.001, 30.0]))                   # root form | large-r series


def _loop_case(kind):
    return Case(g2.loop_function, lambda k, r: loop_ref(k, r, dps=40),
                [(kind, r) for r in R_POINTS], label=kind)


def _da_ref(kind, m, g, m_lepton=MU):
    return mp.mpf(g) ** 2 / (8 * mp.pi**2) * loop_ref(kind, mp.mpf(m) / mp.mpf(m_lepton), dps=40)


def _g_ref(kind, m, delta_a, m_lepton=MU):
    return mp.sqrt(8 * mp.pi**2 * mp.mpf(delta_a) / loop_ref(kind, mp.mpf(m) / mp.mpf(m_lepton),
                                                                dps=40))


# masses for Δa: m/m_μ over 1e-6 … 1e6, and the electron (m/m_e over the same range)
DA_POINTS = ([(k, r * MU, 1e-3) for k in KINDS for r in logspace(1e-6, 1e6, 13) + [2.0, 2.01]]
             + [(k, r * float(M_E), 0.3, float(M_E)) for k in KINDS for r in (1e-6, 0.5, 3.0, 1e6)])
G_POINTS = ([(k, r * MU, da) for r in logspace(1e-6, 1e6, 9) + [2.0, 2.01]
             for k, da in (("scalar", 251e-11), ("vector", 2.5e-9), ("pseudoscalar", -88e-11),
                           ("axial", -1e-9))]
            + [("vector", 1e-3, 0.0)])


# -- HVP ------------------------------------------------------------------------------------
M2 = MU * MU
S_THRESHOLD = 4 * float(C.M_PIPLUS) ** 2
# s from below the muon-pair threshold through the ππ threshold to 1e4 GeV² (book range) and on
# to s/m² = 1e10; r = 4 (K's closed form at β = 0) and the series switch r = 50 on both sides
K_POINTS = sorted({r * M2 for r in (0.05, 0.5, 1.74, 3.9, 3.9999999, 4.0, 4.0000001, 4.001, 4.5,
                                    16.0, 30.0, 49.9, 50.1, 300.0, 1e7, 1e10)}
                  | set(logspace(S_THRESHOLD, 1e4, 25)))


def _kernel_ref(s, m=MU):
    return k_ref(mp.mpf(s) / mp.mpf(m) ** 2)


def _k_closed(r):
    """K(r = s/m²) from the closed form at 40 digits plus the digits its cancellation needs."""
    r = mp.mpf(r)
    with mp.workdps(mp.mp.dps + 3 * int(max(0, mp.log10(r))) + 10):
        if r == 4:
            return mp.mpf(8) * mp.log(2) - mp.mpf(11) / 2
        b = mp.sqrt(1 - 4 / mp.mpc(r))
        y = (1 - b) / (1 + b)
        k = (y**2 * (1 - y**2 / 2) + (1 + y) ** 2 * (1 + 1 / y**2) * (mp.log(1 + y) - y + y**2 / 2)
             - 2 * y**2 * mp.atanh(b) / b)
        return +mp.re(k)


def _mp(v):
    return mp.mpf(float(v))


def _gs_bw_mp(s, m_r, g_r, m_pi):
    """Gounaris–Sakurai (PRL 21, 244): m²(1 + dΓ/m)/(m² − s + f(s) − i m Γ(s))."""
    m2 = m_r**2

    def k_of(t):
        return mp.sqrt(t / 4 - m_pi**2)

    def h(t):
        return 2 / mp.pi * k_of(t) / mp.sqrt(t) * mp.log((mp.sqrt(t) + 2 * k_of(t)) / (2 * m_pi))

    km = k_of(m2)
    f = g_r * m2 / km**3 * (k_of(s) ** 2 * (h(s) - h(m2)) + (m2 - s) * km**2 * mp.diff(h, m2))
    d = (3 / mp.pi * m_pi**2 / km**2 * mp.log((m_r + 2 * km) / (2 * m_pi)) + m_r / (2 * mp.pi * km)
         - m_pi**2 * m_r / (mp.pi * km**3))
    width = g_r * m_r / mp.sqrt(s) * (k_of(s) / km) ** 3
    return m2 * (1 + d * g_r / m_r) / (m2 - s + f - 1j * m_r * width)


def _alpha_s_mp(e, a_mz):
    """One-loop α_s(√s), n_f = 5, 4, 3 below m_b(m_b), m_c(m_c) (continuous matching)."""
    mz, mc, mb = _mp(C.M_Z), _mp(C.M_C_MSBAR), _mp(C.M_B_MSBAR)

    def run(a, nf, mu2, mu02):
        return a / (1 + a * (11 - mp.mpf(2) * nf / 3) / (4 * mp.pi) * mp.log(mu2 / mu02))

    mu2 = e * e
    if mu2 >= mb**2:
        return run(a_mz, 5, mu2, mz**2)
    a_b = run(a_mz, 5, mb**2, mz**2)
    if mu2 >= mc**2:
        return run(a_b, 4, mu2, mb**2)
    return run(run(a_b, 4, mc**2, mb**2), 3, mu2, mc**2)


def _r_mp(e, m_rho, gamma_rho, eps_rho_omega, e_cut, alpha_s_mz):
    e = mp.mpf(e)
    if e >= e_cut:
        nf = 3 + (e >= _mp(C.HVP_E_OPEN_CHARM)) + (e >= _mp(C.HVP_E_OPEN_BOTTOM))
        q2 = [None, None, None, mp.mpf(2) / 3, mp.mpf(10) / 9, mp.mpf(11) / 9][nf]
        a = _alpha_s_mp(e, alpha_s_mz) / mp.pi
        return 3 * q2 * (1 + a + (mp.mpf("1.9857") - mp.mpf("0.1152") * nf) * a**2)
    m_pi, m_om, g_om = _mp(C.M_PIPLUS), _mp(C.M_OMEGA), _mp(C.GAMMA_OMEGA)
    s = e * e
    if s <= 4 * m_pi**2:
        return mp.mpf(0)
    c1 = _mp(C.HVP_C_RHO1450)
    mix = 1 + eps_rho_omega * s / (m_om**2 - s - 1j * m_om * g_om)
    ff = (_gs_bw_mp(s, m_rho, gamma_rho, m_pi) * mix
          + c1 * _gs_bw_mp(s, _mp(C.M_RHO1450), _mp(C.GAMMA_RHO1450), m_pi)) / (1 + c1)
    return (1 - 4 * m_pi**2 / s) ** mp.mpf(1.5) / 4 * abs(ff) ** 2


def _model(kw):
    d = dict(g2.HVP_DEFAULTS, **kw)
    return [mp.mpf(d[k]) for k in ("m_rho", "gamma_rho", "eps_rho_omega", "e_cut", "alpha_s_mz")]


def _r_ratio_ref(sqrt_s, **kw):
    return _r_mp(sqrt_s, *_model(kw))


E_THR = 2 * float(C.M_PIPLUS)
R_RATIO_POINTS = ([(E_THR * (1 + d),) for d in (1e-12, 1e-8, 1e-4, 1e-2)]
                  + [(e,) for e in (0.3, 0.5, 0.7, 0.77526, 0.78266, 0.79, 0.9, 0.999, 1.0, 1.5,
                                    3.7, 3.8, 4.0, 10.0, 10.6, 91.0, 100.0)])
R_RATIO_MODELS = [dict(m_rho=0.770, gamma_rho=0.155, eps_rho_omega=-0.01, e_cut=1.8, alpha_s_mz=0.125)]


def _parts_ref(e_max=mp.inf, **kw):
    """(α²/3π²)[∫ K R ds/s for ππ and pQCD, 3Γ_ee K(M²)/(πM) per narrow meson] at 30 digits."""
    m_rho, gamma_rho, eps, e_cut, a_s = _model(kw)
    e_max = mp.mpf(e_max)
    with mp.workdps(30):
        mmu = mp.mpf(MU)
        pref = mp.mpf(float(C.ALPHA)) ** 2 / (3 * mp.pi**2)

        def integrand(e):
            return 2 * _k_closed(e * e / mmu**2) * _r_mp(e, m_rho, gamma_rho, eps, e_cut, a_s) / e

        def integral(pts):
            pts = sorted({p for p in pts if pts[0] <= p <= pts[-1]})
            return pref * mp.quad(integrand, pts) if pts[-1] > pts[0] else mp.mpf(0)

        thr = 2 * _mp(C.M_PIPLUS)
        om, gom = _mp(C.M_OMEGA), _mp(C.GAMMA_OMEGA)
        top = min(e_max, e_cut)
        pipi = integral([thr] + [p for p in (thr * 1.01, thr * 1.2, mp.mpf("0.5"), m_rho - gamma_rho,
                                             om - 3 * gom, om - gom, om, om + gom, om + 3 * gom,
                                             m_rho + gamma_rho) if thr < p < top] + [top])
        pqcd = mp.mpf(0)
        if e_max > e_cut:
            # R jumps at 2M_D, 2M_B and has kinks at m_c, m_b (the running α_s): break points
            edges = [e_cut, _mp(C.M_C_MSBAR), _mp(C.HVP_E_OPEN_CHARM), _mp(C.M_B_MSBAR),
                     _mp(C.HVP_E_OPEN_BOTTOM), mp.mpf(100), mp.mpf(1e4), mp.inf]
            edges = [max(x, e_cut) for x in edges]
            for lo, hi in zip(edges[:-1], edges[1:], strict=True):
                hi = min(hi, e_max)
                if hi > lo:
                    pqcd += pref * mp.quad(integrand, [lo, hi])
        narrow = {}
        groups = [("omega", [(C.M_OMEGA, C.GAMMA_EE_OMEGA)]), ("phi", [(C.M_PHI, C.GAMMA_EE_PHI)]),
                  ("charmonium", [(C.M_JPSI, C.GAMMA_EE_JPSI), (C.M_PSI2S, C.GAMMA_EE_PSI2S)]),
                  ("bottomonium", [(C.M_UPS1S, C.GAMMA_EE_UPS1S), (C.M_UPS2S, C.GAMMA_EE_UPS2S),
                                   (C.M_UPS3S, C.GAMMA_EE_UPS3S)])]
        for name, mesons in groups:
            narrow[name] = sum((3 * _mp(gee) * _k_closed(_mp(mv) ** 2 / mmu**2) / (mp.pi * _mp(mv))
                                for mv, gee in mesons if _mp(mv) <= e_max), mp.mpf(0))
        return dict(pipi=pipi, pqcd=pqcd, **narrow)


def _a_mu_ref(**kw):
    return sum(_parts_ref(**kw).values())


CASES = (
    [_loop_case(kind) for kind in KINDS]
    + [Case(g2.delta_a_mu, _da_ref, DA_POINTS),
       Case(g2.g_for_delta_a, _g_ref, G_POINTS),
       Case(g2.hvp_kernel, _kernel_ref, [(s,) for s in K_POINTS]),
       Case(g2.hvp_kernel, _kernel_ref, [(s, float(M_E)) for s in (1e-7, 4 * float(M_E) ** 2, 1.0)],
            label="electron"),
       Case(g2.r_ratio, _r_ratio_ref, R_RATIO_POINTS),
       Case(g2.r_ratio, _r_ratio_ref, [(e,) for e in (E_THR * 1.001, 0.6, 0.77, 1.2, 1.79, 1.8, 5.0)],
            kwargs=R_RATIO_MODELS[0], label="other model"),
       Case(g2.a_mu_hvp_lo, _a_mu_ref, [()]),
       *[Case(g2.a_mu_hvp_lo, _a_mu_ref, [()], kwargs=dict(e_max=e), label=f"e_max={e}")
         for e in (0.3, 0.6, 0.78266, 1.0, 2.0, 3.5, 11.0, 100.0, math.inf)],
       Case(g2.a_mu_hvp_lo, _a_mu_ref, [()], kwargs=R_RATIO_MODELS[0], label="other model"),
       Case(g2.hvp_lo_parts, _parts_ref, [()])]
)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
