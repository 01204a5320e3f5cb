"""Benchmark: the SSF/FFS loop functions of dialm.heavy against scipy.integrate.quad in a loop.

Run as ``.venv/bin/python bench/bench_heavy.py``.  Prints both times for the same random mass
points (ratios up to 1e2 either way), their ratio (measured in this run) and the largest relative
difference, and writes bench/results/bench_heavy.json.  The baseline is the obvious code: one
``scipy.integrate.quad`` of the same integrand per point (tolerances 1e-12); dialm evaluates all
points at once with its fixed composite Gauss-Legendre rule (numpy, vectorised).
"""

from __future__ import annotations

import numpy as np
from common import best_of, row, write_result
from scipy.integrate import quad

from dialm.heavy import ffs_loop, ssf_loop

N_POINTS = 2000


def ssf_quad(mf, ma, mb, qf):
    qs = -1.0 - qf

    def f(x):
        fa, fb = mf**2 * x + ma**2 * (1 - x), mf**2 * x + mb**2 * (1 - x)
        sa, sb = ma**2 * x + mf**2 * (1 - x), mb**2 * x + mf**2 * (1 - x)
        return x**2 * (1 - x) * (qf / (fa * fb) - qs / (sa * sb))

    return mf * quad(f, 0.0, 1.0, epsabs=0.0, epsrel=1e-12, limit=200)[0]


def ffs_quad(ma, mb, ms, qf):
    qs = -1.0 - qf

    def f(x):
        fa, fb = ma**2 * x + ms**2 * (1 - x), mb**2 * x + ms**2 * (1 - x)
        sa, sb = ms**2 * x + ma**2 * (1 - x), ms**2 * x + mb**2 * (1 - x)
        return qf * x**3 / (fa * fb) - qs * x * (1 - x) ** 2 / (sa * sb)

    return ma * mb * quad(f, 0.0, 1.0, epsabs=0.0, epsrel=1e-12, limit=200)[0]


def main():
    rng = np.random.default_rng(2021)
    m = 10 ** rng.uniform(-1, 1, size=(3, N_POINTS))
    q = rng.choice([-2.0, -1.0, 1.0], size=N_POINTS)   # q_f = 0 makes some terms vanish exactly
    report = {"n_points": N_POINTS}
    for name, ours, base in (("ssf_loop", ssf_loop, ssf_quad), ("ffs_loop", ffs_loop, ffs_quad)):
        t_ours, v_ours = best_of(lambda ours=ours: ours(m[0], m[1], m[2], q), repeat=5)
        t_base, v_base = best_of(lambda base=base: np.array([base(a, b, c, qq) for a, b, c, qq
                                                             in zip(*m, q, strict=True)]), repeat=1)
        err = float(np.max(np.abs(v_ours / v_base - 1)))
        print(f"{name}: dialm {t_ours * 1e3:8.2f} ms, scipy.quad loop {t_base * 1e3:8.1f} ms, "
              f"ratio {t_base / t_ours:6.1f}x, max rel. difference {err:.1e}  ({N_POINTS} points)")
        report[name] = {"dialm_s": t_ours, "quad_loop_s": t_base, "speedup": t_base / t_ours,
                        "max_rel_diff": err}
    write_result("bench_heavy", report, rows=[
        row(name, f"{N_POINTS} points", report[name]["dialm_s"], "scipy quad loop",
            report[name]["quad_loop_s"], report[name]["max_rel_diff"], "scipy quad 1e-12")
        for name in ("ssf_loop", "ffs_loop")])


if __name__ == "__main__":
    main()
