"""Benchmark: dialm.relic's Boltzmann solve and thermal average against the obvious baselines.

Run as ``.venv/bin/python bench/bench_relic.py``.  Prints times, ratios and accuracies, and writes
bench/results/bench_relic.json.

1. The freeze-out solve Y(x = 10⁴) for a constant s-wave ⟨σv⟩ at three masses: our numba
   Radau IIA (step doubling) against scipy ``solve_ivp(method="Radau")`` with a plain Python
   right-hand side and Jacobian (the same equation in W = ln Y vs ln x, same g*(T) lookups),
   each at the tolerance that gives ~1e-7 relative accuracy against a tight reference
   (scipy Radau at rtol = 1e-12).
2. The Gondolo–Gelmini ⟨σv⟩(x) on 64 temperatures near the resonance: numba adaptive GK15
   against scipy.integrate.quad in a Python loop (same integrand, same breakpoints).
"""

from __future__ import annotations

import math

import numpy as np
from common import best_of, write_result
from scipy.integrate import quad, solve_ivp
from scipy.special import kve

from dialm import constants as C
from dialm import relic as R


def scipy_solve(m, sv_cm3, rtol):
    lam0 = math.sqrt(math.pi / 45) * float(C.RELIC_M_PLANCK) * m * sv_cm3 / R.CM3_PER_S_PER_GEV2

    def ln_yeq(x):
        return (math.log(90 / (4 * math.pi**4)) + 2 * math.log(x) + math.log(kve(2, x)) - x
                - math.log(R.g_s(m / x)))

    def rhs(t, w):
        x = math.exp(t)
        k = lam0 * R.gstar_half(m / x) / x
        return [-k * (math.exp(w[0]) - math.exp(2 * ln_yeq(x) - w[0]))]

    def jac(t, w):
        x = math.exp(t)
        k = lam0 * R.gstar_half(m / x) / x
        return [[-k * (math.exp(w[0]) + math.exp(2 * ln_yeq(x) - w[0]))]]

    sol = solve_ivp(rhs, (0.0, math.log(R.X_END)), [ln_yeq(1.0)], method="Radau", jac=jac, rtol=rtol,
                    atol=rtol)
    return math.exp(sol.y[0, -1])


def main():
    cases = [(0.1, 5e-26), (10.0, 2.4e-26), (100.0, 2.2e-26)]
    R.boltzmann_y([R.X_END], 100.0, 2.2e-26)                         # compile / load the cache
    rows = []
    for m, sv in cases:
        ref = scipy_solve(m, sv, 1e-12)
        t_ours, (y_ours, n) = best_of(lambda m=m, sv=sv: R.boltzmann_y([R.X_END], m, sv, tol=1e-9))
        t_sc, y_sc = best_of(lambda m=m, sv=sv: scipy_solve(m, sv, 1e-8), repeat=2)
        err_ours = abs(y_ours[0] / ref - 1)
        err_sc = abs(y_sc / ref - 1)
        rows.append({"m_GeV": m, "sigma_v": sv, "t_dialm_s": t_ours, "t_scipy_radau_s": t_sc,
                     "ratio": t_sc / t_ours, "rel_err_dialm": err_ours, "rel_err_scipy": err_sc,
                     "steps_dialm": int(n)})
        print(f"Boltzmann, m = {m:6.1f} GeV: dialm {t_ours * 1e3:.2f} ms ({n} steps, rel. err "
              f"{err_ours:.1e}), scipy Radau + Python RHS {t_sc * 1e3:.0f} ms (rel. err {err_sc:.1e}) "
              f"-> ratio {t_sc / t_ours:.0f}x")

    # thermal average near the resonance
    mchi, mv, gv, ad = 0.1, 0.21, 1e-4, 0.5
    xs = np.geomspace(1.0, 1e3, 64)
    R.sigma_v_thermal(xs[:2], mchi, mv, gv, ad)
    t_gg, gg = best_of(lambda: R.sigma_v_thermal(xs, mchi, mv, gv, ad))
    gam = R.width_v(mv, gv, ad, mchi)
    gchi2 = 4 * math.pi * ad

    def svmol(s):
        chan = s
        for mf in (float(C.M_MU), float(C.M_TAU)):
            if s > 4 * mf**2:
                chan += math.sqrt(1 - 4 * mf**2 / s) * (s + 2 * mf**2)
        return gchi2 * gv**2 / (6 * math.pi * s) * (s + 2 * mchi**2) * chan / (
            (s - mv**2) ** 2 + mv**2 * gam**2)

    def gg_quad(x):
        def f(e):
            rt = math.sqrt(1 + e)
            return (svmol(4 * mchi**2 * (1 + e)) * math.sqrt(e) * (1 + e) * kve(1, 2 * x * rt)
                    * math.exp(-2 * x * (rt - 1)))
        e_max = (1 + 35 / x) ** 2 - 1
        pts = [p for p in ((mv**2 - 4 * mchi**2) / (4 * mchi**2), float(C.M_MU) ** 2 / mchi**2 - 1)
               if 0 < p < e_max]
        return 2 * x / kve(2, x) ** 2 * quad(f, 0, e_max, points=pts, epsabs=0, epsrel=1e-10,
                                              limit=400)[0] * R.CM3_PER_S_PER_GEV2

    t_q, q = best_of(lambda: np.array([gg_quad(x) for x in xs]), repeat=2)
    acc = float(np.max(np.abs(gg / q - 1)))
    print(f"Gondolo-Gelmini <sigma v>, 64 temperatures at m_V = 2.1 m_chi: dialm {t_gg * 1e3:.2f} ms, "
          f"scipy quad loop {t_q * 1e3:.0f} ms -> ratio {t_q / t_gg:.0f}x; max rel. difference {acc:.1e}")
    write_result("bench_relic", {
        "boltzmann": rows,
        "gondolo_gelmini": {"n": len(xs), "t_dialm_s": t_gg, "t_scipy_quad_loop_s": t_q,
                            "ratio": t_q / t_gg, "max_rel_diff": acc},
    })


if __name__ == "__main__":
    main()
