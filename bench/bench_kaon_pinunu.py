"""Benchmark: dialm.kaon.pinunu (K → π ν ν̄) against the obvious baselines.

Run as ``.venv/bin/python bench/bench_kaon_pinunu.py``.  Prints times, ratios and accuracies, and writes
bench/results/bench_kaon_pinunu.json.

1. ``inami_lim_x0`` on 10⁶ points in 1e-3 ≤ x ≤ 1e3 (numba kernel, closed form + series at x = 1)
   against the plain numpy closed form (same formula, no special case at x = 1) and mpmath at 40
   digits (a 2000-point subsample, extrapolated); accuracy of both float versions vs mpmath.
2. ``br_kplus_pinunu`` + ``br_kl_pi0nunu`` on a stack of 10⁵ CKM matrices against a Python loop
   calling them one matrix at a time (2000 matrices, extrapolated).
"""

from __future__ import annotations

import time

import mpmath as mp
import numpy as np
from common import best_of, row, write_result

from dialm.ckm import ckm_matrix
from dialm.kaon.pinunu import br_kl_pi0nunu, br_kplus_pinunu, inami_lim_x0

N_X = 1_000_000
N_MP = 2000
N_V = 100_000
N_LOOP = 2000




def x0_numpy(x):
    return x / 8 * ((x + 2) / (x - 1) + (3 * x - 6) / (x - 1) ** 2 * np.log(x))


def x0_mp(x):
    with mp.workdps(40):
        x = mp.mpf(float(x))
        if x == 1:
            return mp.mpf(11) / 16
        return x / 8 * ((x + 2) / (x - 1) + (3 * x - 6) / (x - 1) ** 2 * mp.log(x))


def main():
    rng = np.random.default_rng(1981)
    x = np.concatenate([10 ** rng.uniform(-3, 3, N_X // 2), 1 + rng.uniform(-0.1, 0.1, N_X // 2)])
    inami_lim_x0(x[:10])  # compile / load the cache
    t_ours, v_ours = best_of(lambda: inami_lim_x0(x))
    with np.errstate(all="ignore"):
        t_np, v_np = best_of(lambda: x0_numpy(x))
    sub = rng.choice(x.size, N_MP, replace=False)
    t0 = time.perf_counter()
    ref = np.array([float(x0_mp(v)) for v in x[sub]])
    t_mp = (time.perf_counter() - t0) * x.size / N_MP
    err_ours = float(np.max(np.abs(v_ours[sub] / ref - 1)))
    err_np = float(np.nanmax(np.abs(v_np[sub] / ref - 1)))

    V = ckm_matrix(rng.uniform(0.2, 0.25, N_V), rng.uniform(0.7, 0.9, N_V),
                   rng.uniform(-0.2, 0.5, N_V), rng.uniform(0.1, 0.6, N_V))
    t_vec, (bp, bl) = best_of(lambda: (br_kplus_pinunu(V), br_kl_pi0nunu(V)), repeat=3)
    t0 = time.perf_counter()
    loop = [(br_kplus_pinunu(V[i]), br_kl_pi0nunu(V[i])) for i in range(N_LOOP)]
    t_loop = (time.perf_counter() - t0) * N_V / N_LOOP
    diff = max(max(abs(a / bp[i] - 1), abs(b / bl[i] - 1)) for i, (a, b) in enumerate(loop))

    res = {
        "x0_points": x.size,
        "x0_dialm_s": t_ours, "x0_numpy_s": t_np, "x0_mpmath_s_extrapolated": t_mp,
        "x0_ratio_numpy_over_dialm": t_np / t_ours, "x0_ratio_mpmath_over_dialm": t_mp / t_ours,
        "x0_max_rel_err_dialm": err_ours, "x0_max_rel_err_numpy_closed_form": err_np,
        "br_matrices": N_V, "br_stack_s": t_vec, "br_python_loop_s_extrapolated": t_loop,
        "br_ratio_loop_over_stack": t_loop / t_vec, "br_max_rel_diff_loop_vs_stack": diff,
    }
    for k, v in res.items():
        print(f"{k:36s} {v:.4g}" if isinstance(v, float) else f"{k:36s} {v}")
    write_result("bench_kaon_pinunu", res, rows=[
        row("inami_lim_x0", f"{x.size} points", t_ours, "numpy closed form", t_np, err_ours,
            "mpmath 30 digits"),
        row("inami_lim_x0", f"{x.size} points", t_ours, "mpmath (extrapolated)", t_mp, err_ours,
            "mpmath 30 digits"),
        row("br_kplus_pinunu + br_kl_pi0nunu", f"{N_V} CKM matrices", t_vec,
            "one matrix at a time in a Python loop (extrapolated)", t_loop, diff, "the loop")])


if __name__ == "__main__":
    main()
