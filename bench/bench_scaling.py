"""Benchmark: how each hot kernel's cost grows with its work, and what two cores buy.

For each kernel the wall time (best of 3) is measured at work sizes spread over two to three
decades; the slope of log(time) against log(work) is fitted over the upper half of the sizes
(where fixed call overheads no longer dominate).  A slope near 1 is linear cost; a kernel whose
slope is clearly above 1 must say why (none should).  The multi-core loop of ``delta_a_mu``
(numba prange) is timed against its single-core twin on the same arrays: the speed-up.

Prints a table; writes bench/results/bench_scaling.json (bench/README.md tabulates it).
Run: ``.venv/bin/python bench/bench_scaling.py``.
"""

from __future__ import annotations

import numpy as np
from common import best_of, write_result

from dialm import constants as C
from dialm import g2
from dialm.g2 import a_mu_hvp_lo, delta_a_mu
from dialm.kaon import br_k_mu_nu_v, dgamma_dm2miss, mc_m2miss_histogram
from dialm.limits import fc_belt
from dialm.precession import generate_decay_times

M_MU = float(C.M_MU)


def kernels():
    """(name, unit of work, sizes, fn(size)); each fn does `size` units of work."""
    rng = np.random.default_rng(1)

    def da(n):
        m = 10 ** rng.uniform(-4, 4, n) * M_MU
        return lambda: delta_a_mu("vector", m, 1e-3)

    def spectrum(n):
        s = np.linspace(0.011, 0.15, n)
        return lambda: dgamma_dm2miss(s, 0.1, 1e-3)

    def br(n):
        m = np.geomspace(1e-3, 0.38, n)
        return lambda: br_k_mu_nu_v(m, 1e-3)

    def mc(n):
        edges = np.linspace(0.01, 0.15, 25)
        return lambda: mc_m2miss_histogram(0.1, 1e-3, edges, n, seed=3)

    def hvp(n):
        e = np.geomspace(0.3, 100.0, n)
        return lambda: a_mu_hvp_lo(e_max=e)

    def decay(n):
        return lambda: generate_decay_times(n, 64.4e-6, 0.37, 1.439e6, seed=3)

    def belt(n):
        return lambda: fc_belt(3.0, mu_max=float(n), step=0.01)

    return [
        ("delta_a_mu", "points", [10**k for k in range(3, 7)], da),
        ("dgamma_dm2miss", "points", [10**k for k in range(2, 6)], spectrum),
        ("br_k_mu_nu_v", "masses", [10, 30, 100, 300, 1000], br),
        ("mc_m2miss_histogram", "events", [10**k for k in range(4, 8)], mc),
        ("a_mu_hvp_lo", "e_max values", [3, 10, 30, 100], hvp),
        ("generate_decay_times", "muons", [10**k for k in range(4, 8)], decay),
        ("fc_belt", "mu_max (belt rows / 100)", [5, 10, 20, 40], belt),
    ]


#: Why a kernel's cost may grow faster than its nominal work.
WHY = {"fc_belt": "each of the mu_max/step belt rows sums the Poisson pmf up to n_max ~ mu_max + b "
                  "+ 5 sqrt(mu_max): cost ~ rows x n_max ~ mu_max^2 (slope -> 2 for mu_max >> b)"}


def slope(sizes, times):
    """Least-squares slope of log t against log n over the upper half of the sizes (+1 point)."""
    half = len(sizes) // 2
    x, y = np.log(sizes[half - 1:]), np.log(times[half - 1:])
    return float(np.polyfit(x, y, 1)[0])


def parallel_speedup():
    rows = []
    for n in (10**4, 10**5, 10**6, 4 * 10**6):
        r = np.geomspace(1e-4, 1e4, n)
        out = np.empty_like(r)
        args = (2, r, out, g2._LARGE_C, g2._LARGE_D, g2._SMALL_A, g2._SMALL_B, g2.R_SMALL,
                g2.R_LARGE)
        g2._loop_kernel(*args)
        g2._loop_kernel_parallel(*args)
        t1, _ = best_of(lambda a=args: g2._loop_kernel(*a), repeat=7)
        t2, _ = best_of(lambda a=args: g2._loop_kernel_parallel(*a), repeat=7)
        rows.append({"n": n, "t_one_core_s": t1, "t_prange_s": t2, "speedup": t1 / t2})
        print(f"  delta_a_mu loop, {n:>8d} points: 1 core {t1 * 1e3:8.2f} ms, prange "
              f"{t2 * 1e3:8.2f} ms -> speed-up {t1 / t2:.2f}")
    return rows


def main():
    result = {"kernels": [], "parallel": None}
    for name, unit, sizes, make in kernels():
        make(sizes[0])()                          # compile / load the numba cache
        times = [best_of(make(n), repeat=3)[0] for n in sizes]
        k = slope(sizes, times)
        result["kernels"].append({"kernel": name, "work": unit, "sizes": sizes, "times_s": times,
                                  "slope": k, "why": WHY.get(name, "")})
        print(f"{name:22s} ({unit}): " + ", ".join(f"{n:g}: {t * 1e3:.3g} ms"
                                                    for n, t in zip(sizes, times, strict=True))
              + f"  -> slope {k:.2f}")
    print("multi-core (numba prange) against one core, same arrays:")
    result["parallel"] = parallel_speedup()
    write_result("bench_scaling", result)


if __name__ == "__main__":
    main()
