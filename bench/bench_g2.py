"""Benchmark: dialm.g2.delta_a_mu on a 1000×1000 (m, g) grid vs scipy.integrate.quad in a loop.

Run as ``.venv/bin/python bench/bench_g2.py``.  Prints times, their ratio and the largest
relative difference, and writes bench/results/bench_g2.json.

Two dialm timings are reported: the natural call on an outer-product grid (m of shape (1000, 1)
and g of shape (1000,): the loop function is evaluated once a mass and broadcast over g), and a
dense call with full (1000, 1000) arrays for m and g (10⁶ kernel evaluations).  The
quad baseline is the obvious one: quad of the Feynman-parameter integrand point by point; a random
subsample of 2000 calls is timed and extrapolated to 10⁶.
"""

from __future__ import annotations

import math
import time

import numpy as np
from common import best_of, row, write_result
from scipy.integrate import quad

from dialm.constants import M_MU
from dialm.g2 import KINDS, delta_a_mu

N = 1000
N_QUAD = 2000
KIND = "vector"


def integrand(z, kind, r):
    d = (1 - z) ** 2 + r * r * z
    if kind == "scalar":
        n = (1 - z) ** 2 * (1 + z)
    elif kind == "pseudoscalar":
        n = -((1 - z) ** 3)
    elif kind == "vector":
        n = 2 * z * (1 - z) ** 2
    else:
        n = -2 * z * (1 - z) * (3 + z) - 4 * (1 - z) ** 3 / (r * r)
    return n / d


def quad_delta_a(kind, m, g):
    r = m / M_MU
    val, _ = quad(integrand, 0.0, 1.0, args=(kind, r), epsabs=0.0, epsrel=1e-12, limit=200)
    return g * g / (8 * math.pi**2) * val




def main():
    m = np.logspace(-3, 2, N)        # 1 MeV .. 100 GeV
    g = np.logspace(-6, 0, N)
    for kind in KINDS:               # warm-up: numba compile / cache load
        delta_a_mu(kind, m[:3], 1.0)

    t_outer, grid = best_of(lambda: delta_a_mu(KIND, m[:, None], g[None, :]))
    mm, gg = np.meshgrid(m, g, indexing="ij")
    # full (N, N) arrays: the kernel runs 10⁶ times (no deduplication of repeated masses)
    t_dense, dense = best_of(lambda: delta_a_mu(KIND, mm, gg))

    rng = np.random.default_rng(20210407)
    idx = rng.integers(0, N * N, size=N_QUAD)
    iu, iv = np.unravel_index(idx, (N, N))
    t0 = time.perf_counter()
    ref = np.array([quad_delta_a(KIND, mm[i, j], gg[i, j]) for i, j in zip(iu, iv, strict=False)])
    t_quad_sub = time.perf_counter() - t0
    t_quad = t_quad_sub * (N * N) / N_QUAD

    maxrel_dense = float(np.max(np.abs(dense[iu, iv] / ref - 1)))
    maxrel_outer = float(np.max(np.abs(grid[iu, iv] / ref - 1)))
    result = {
        "kind": KIND,
        "grid": f"{N}x{N} (m from 1e-3 to 1e2 GeV, g from 1e-6 to 1)",
        "dialm_outer_product_s": t_outer,
        "dialm_dense_s": t_dense,
        "quad_subsample_calls": N_QUAD,
        "quad_subsample_s": t_quad_sub,
        "quad_extrapolated_1e6_s": t_quad,
        "ratio_quad_over_dialm_dense": t_quad / t_dense,
        "ratio_quad_over_dialm_outer": t_quad / t_outer,
        "max_rel_diff_dense_vs_quad": maxrel_dense,
        "max_rel_diff_outer_vs_quad": maxrel_outer,
    }
    rows = [
        ("dialm, outer-product grid (m:(N,1), g:(N,))", f"{t_outer * 1e3:9.2f} ms"),
        ("dialm, dense (N,N) arrays, 10^6 kernel calls", f"{t_dense * 1e3:9.2f} ms"),
        (f"scipy quad, {N_QUAD} calls", f"{t_quad_sub:9.2f} s -> {t_quad:.1f} s for 10^6"),
        ("ratio quad / dialm (dense)", f"{t_quad / t_dense:9.0f}"),
        ("ratio quad / dialm (outer product)", f"{t_quad / t_outer:9.0f}"),
        ("max relative difference (dense, outer)", f"{maxrel_dense:.1e}, {maxrel_outer:.1e}"),
    ]
    print(f"delta_a_mu({KIND!r}) on a {N}x{N} grid")
    for label, value in rows:
        print(f"  {label:<46s}: {value}")

    write_result("bench_g2", result, rows=[
        row(f"delta_a_mu({KIND!r})", f"{N}x{N} grid, dense", t_dense,
            "scipy quad in a Python loop (extrapolated)", t_quad, maxrel_dense, "scipy quad"),
        row(f"delta_a_mu({KIND!r})", f"{N}x{N} grid, outer product", t_outer,
            "scipy quad in a Python loop (extrapolated)", t_quad, maxrel_outer, "scipy quad")])
    return result


if __name__ == "__main__":
    main()
