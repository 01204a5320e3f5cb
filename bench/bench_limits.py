"""Benchmark: a 90 % CL Feldman–Cousins interval, dialm (numba belt) vs a pure-Python construction.

Run as ``.venv/bin/python bench/bench_limits.py``.  Prints both times, their ratio (measured in
this run) and the difference of the intervals, and writes bench/results/bench_limits.json.

Both build the same belt: μ from 0 to μ_max in steps of 0.005 (dialm's default), Poisson
probabilities up to the same n_max, the likelihood-ratio ordering R = P(n|μ+b)/P(n|μ_best+b) and
acceptance until the summed probability reaches 0.9.  The baseline is the obvious pure-Python
code (math.exp, sorted, lists); dialm additionally refines both interval ends by bisection, so the
comparison is, if anything, unfair to dialm.  Also timed: the same baseline with numpy/scipy
vectorised per μ row (a stronger baseline), and the fc1998 table convention.
"""

from __future__ import annotations

import math

import numpy as np
from common import best_of, row, write_result
from scipy.stats import poisson

from dialm.limits import MU_STEP, _mu_max_guess, _nmax_for, feldman_cousins

N_OBS, BKG, CL = 3, 1.0, 0.9


def pure_python_fc(n0, b, cl, mu_max, step, nmax):
    """The straightforward construction, one μ at a time, in plain Python."""
    pbest = []
    for n in range(nmax):
        lam = max(n, b)
        pbest.append(math.exp(n * math.log(lam) - lam - math.lgamma(n + 1)) if lam > 0
                     else (1.0 if n == 0 else 0.0))
    lo, hi = None, None
    n_mu = int(round(mu_max / step)) + 1
    for i in range(n_mu):
        mu = i * step
        lam = mu + b
        p = [math.exp(n * math.log(lam) - lam - math.lgamma(n + 1)) if lam > 0
             else (1.0 if n == 0 else 0.0) for n in range(nmax)]
        order = sorted(range(nmax), key=lambda n: (-p[n] / pbest[n], n))
        total, accepted = 0.0, []
        for n in order:
            total += p[n]
            accepted.append(n)
            if total >= cl:
                break
        if min(accepted) <= n0 <= max(accepted):
            lo = mu if lo is None else lo
            hi = mu
    return lo, hi


def numpy_fc(n0, b, cl, mu_max, step, nmax):
    """The same with numpy/scipy vectorised over n (a loop over μ only)."""
    n = np.arange(nmax)
    pbest = poisson.pmf(n, np.maximum(n, b))
    lo = hi = None
    for mu in np.arange(0.0, mu_max + 0.5 * step, step):
        p = poisson.pmf(n, mu + b)
        order = np.argsort(-(p / pbest), kind="stable")
        k = int(np.searchsorted(np.cumsum(p[order]), cl)) + 1
        acc = order[:k]
        if acc.min() <= n0 <= acc.max():
            lo = mu if lo is None else lo
            hi = mu
    return lo, hi




def main():
    mu_max = _mu_max_guess(N_OBS, BKG, 0.0, CL)
    nmax = _nmax_for(mu_max, BKG)
    feldman_cousins(N_OBS, BKG, CL)                      # warm-up (numba cache / compile)
    feldman_cousins(0, 2.0, CL, convention="fc1998")

    t_dialm, iv = best_of(lambda: feldman_cousins(N_OBS, BKG, CL), repeat=20)
    t_fc98, iv98 = best_of(lambda: feldman_cousins(0, 2.0, CL, convention="fc1998"), repeat=5)
    t_py, iv_py = best_of(lambda: pure_python_fc(N_OBS, BKG, CL, mu_max, MU_STEP, nmax), repeat=2)
    t_np, iv_np = best_of(lambda: numpy_fc(N_OBS, BKG, CL, mu_max, MU_STEP, nmax), repeat=2)

    diff = max(abs(iv[0] - iv_py[0]), abs(iv[1] - iv_py[1]))
    result = {
        "case": f"n_obs={N_OBS}, b={BKG}, CL={CL}, mu grid step {MU_STEP} to {mu_max:.2f}, "
                f"n_max={nmax}",
        "dialm_s": t_dialm,
        "pure_python_s": t_py,
        "numpy_scipy_row_loop_s": t_np,
        "ratio_pure_python_over_dialm": t_py / t_dialm,
        "ratio_numpy_over_dialm": t_np / t_dialm,
        "dialm_interval": list(iv),
        "pure_python_interval_grid": list(iv_py),
        "max_abs_diff_vs_grid_baseline": diff,
        "dialm_fc1998_n0_0_b2_s": t_fc98,
        "dialm_fc1998_n0_0_b2_interval": list(iv98),
    }
    print(f"Feldman-Cousins 90% CL interval, {result['case']}")
    print(f"  dialm (numba belt + bisection)   : {t_dialm * 1e3:9.2f} ms  -> "
          f"[{iv[0]:.4f}, {iv[1]:.4f}]")
    print(f"  pure Python construction         : {t_py * 1e3:9.2f} ms  -> "
          f"[{iv_py[0]:.4f}, {iv_py[1]:.4f}] (grid)")
    print(f"  numpy/scipy, loop over mu        : {t_np * 1e3:9.2f} ms")
    print(f"  ratio pure Python / dialm        : {t_py / t_dialm:9.0f}")
    print(f"  ratio numpy / dialm              : {t_np / t_dialm:9.0f}")
    print(f"  max |difference| (grid step {MU_STEP}) : {diff:.4f}")
    print(f"  dialm fc1998 convention (0, b=2) : {t_fc98 * 1e3:9.2f} ms  -> "
          f"[{iv98[0]:.4f}, {iv98[1]:.4f}]")
    write_result("bench_limits", result, rows=[
        row("feldman_cousins (90% CL)", result["case"], t_dialm, "pure-Python belt construction",
            t_py, diff / max(iv[1], 1e-300), "pure-Python construction (grid step)"),
        row("feldman_cousins (90% CL)", result["case"], t_dialm, "numpy/scipy loop over mu", t_np,
            None, "")])
    return result


if __name__ == "__main__":
    main()
