"""Benchmark: ΔN_eff from the coupled ν–V–γ thermal history (dialm.neff) against the obvious
implementation of the same equations.

Run as ``.venv/bin/python bench/bench_neff.py``.  ``delta_neff`` integrates three temperatures
through neutrino decoupling with LSODA on a numba right-hand side whose thermal integrals are a
fixed 128-node Gauss–Legendre rule.  The obvious baseline is what one writes first (and what the
method's public code does): ``scipy.integrate.quad`` for ρ, p and ∂ρ/∂T of e± and V at every
right-hand-side call, with scipy's Radau.  Both solve the same equations for m_V = 10 MeV and the
Standard Model; prints both times, their ratio (measured in this run) and the error of each
against the package's equations at rtol = 1e-12 (Radau, 40 MeV start); writes
bench/results/bench_neff.json.
"""

from __future__ import annotations

import math

import numpy as np
from common import best_of, row, write_result
from scipy.integrate import quad, solve_ivp

from dialm import neff as N

M_V = 0.01


def thermo_quad(x, sign):
    """(ρ, p, T∂ρ/∂T)/(g T⁴) by QUADPACK in E/T, one quantity at a time."""
    if x > 700.0:
        return 0.0, 0.0, 0.0
    def f(e):
        q = math.exp(-e)
        return q / (1.0 + sign * q)
    rho = quad(lambda e: e * e * math.sqrt(e * e - x * x) * f(e), x, x + 100.0)[0]
    p = quad(lambda e: (e * e - x * x) ** 1.5 * f(e), x, x + 100.0)[0] / 3.0
    drho = quad(lambda e: e**3 * math.sqrt(e * e - x * x) * f(e) * (1.0 - sign * f(e)), x,
                x + 100.0)[0]
    return tuple(v / (2.0 * math.pi**2) for v in (rho, p, drho))


def rhs_quad(_x, y, m_v):
    """The right-hand side of dialm.neff written directly, thermal integrals by quad."""
    me, rgam, rnu1, mpl, rate, ce, cmu, fa, fs = N._PAR
    tg, te, tm = np.exp(y)
    r, p, d = thermo_quad(me / tg, 1.0)
    em = [(rgam + 4 * r) * tg**4, (rgam / 3 + 4 * p) * tg**4, (4 * rgam + 4 * d) * tg**4]
    rv = pv = dv = 0.0
    if m_v is not None:
        rv, pv, dv = (3.0 * v * tm**4 for v in thermo_quad(m_v / tm, -1.0))
    nue = rnu1 * te**4
    mt = [2 * rnu1 * tm**4 + rv, 2 * rnu1 * tm**4 / 3 + pv, 8 * rnu1 * tm**4 + dv]
    hub = math.sqrt(8 * math.pi * (em[0] + nue + mt[0]) / 3) / mpl

    def f(t1, t2):
        return 32 * fa * (t1**9 - t2**9) + 56 * fs * t1**4 * t2**4 * (t1 - t2)
    q_e = rate * (ce * f(tg, te) + 2 * f(tm, te))
    q_mu = rate * (cmu * f(tg, tm) - f(tm, te))
    return [(-3 * (em[0] + em[1]) - (q_e + 2 * q_mu) / hub) / em[2],
            (-4 * nue + q_e / hub) / (4 * nue),
            (-3 * (mt[0] + mt[1]) + 2 * q_mu / hub) / mt[2]]


def n_eff_quad(m_v):
    x_end = math.log(N._T_START * N._X_END / N._ME) + 1.0
    sol = solve_ivp(rhs_quad, (0.0, x_end), [math.log(N._T_START)] * 3, method="Radau",
                    rtol=1e-8, atol=1e-10, args=(m_v,))
    return N._n_eff(N._Model(m_v, 3.0, "mu_tau", True), sol.y[:, -1])


def main():
    ref = (N._n_eff_cached(M_V, 3.0, "mu_tau", None, 1e-12, 0.04, "Radau")
           - N._n_eff_cached(None, 3.0, "mu_tau", None, 1e-12, 0.04, "Radau"))
    N.delta_neff(M_V)   # compile (numba) outside the timing

    def ours():
        N._n_eff_cached.cache_clear()
        return N.delta_neff(M_V)
    t_ours, d_ours = best_of(ours, repeat=5)
    t_base, d_base = best_of(lambda: n_eff_quad(M_V) - n_eff_quad(None), repeat=1)
    err_ours, err_base = abs(d_ours / ref - 1), abs(d_base / ref - 1)
    print(f"Delta N_eff(m_V = 10 MeV), SM subtracted (errors vs Radau at rtol 1e-12): {ref:.6f}")
    print(f"  dialm (numba RHS, LSODA):        {t_ours * 1e3:9.1f} ms, rel. err. {err_ours:.1e}")
    print(f"  quad in every RHS call, Radau:   {t_base * 1e3:9.1f} ms, rel. err. {err_base:.1e}")
    print(f"  ratio baseline / dialm: {t_base / t_ours:.0f}x")
    write_result("bench_neff", rows=[
        row("delta_neff", "m_V = 10 MeV + SM", t_ours, "quad RHS + Radau", t_base, err_ours,
            "Radau rtol 1e-12")], result={
        "t_dialm_s": t_ours, "t_baseline_s": t_base, "ratio": t_base / t_ours,
        "rel_err_dialm": err_ours, "rel_err_baseline": err_base, "delta_neff": ref})


if __name__ == "__main__":
    main()
