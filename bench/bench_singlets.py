"""Benchmark: the BBN entropy kernel of dialm.singlets against scipy.integrate.quad in a loop.

Run as ``.venv/bin/python bench/bench_singlets.py``.  ``entropy_fraction_boson`` evaluates
s(m/T)/s(0) of a Bose-Einstein gas for a whole array of x = m/T at once (160-node Gauss-Legendre,
vectorised numpy); the obvious baseline is ``scipy.integrate.quad`` of the same integrand, one x at
a time.  It is the inner loop of ``bbn_mass_bound`` (a root-find) and so of every update of the
chapter's widget.  Prints both times, their ratio (measured in this run), the accuracy against
40-digit mpmath quadrature, and writes bench/results/bench_singlets.json.  Also timed: one
``bbn_mass_bound`` and one ``lmu_ltau_constraints`` call (the widget's per-point work).
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from common import best_of, row, write_result
from scipy.integrate import quad

from dialm.singlets import bbn_mass_bound, entropy_fraction_boson, lmu_ltau_constraints

X = np.linspace(0.0, 30.0, 400)
NORM = 4.0 * math.pi**4 / 45.0


def integrand(u, x):
    e = math.sqrt(u * u + x * x)
    if u <= 0 or e > 700.0:
        return 0.0
    return u * u * (e + u * u / (3.0 * e)) / math.expm1(e)


def quad_loop(xs):
    return np.array([quad(integrand, 0.0, np.inf, args=(x,), epsabs=0.0, epsrel=1e-12, limit=200)[0]
                     for x in xs]) / NORM


def reference(x):
    with mp.workdps(40):
        x = mp.mpf(float(x))
        f = lambda u: u**2 * (mp.sqrt(u**2 + x**2) + u**2 / (3 * mp.sqrt(u**2 + x**2))) / mp.expm1(  # noqa: E731
            mp.sqrt(u**2 + x**2))
        return float(mp.quad(f, [0, 1, x + 1, x + 20, mp.inf]) / (4 * mp.pi**4 / 45))


def main():
    t_ours, ours = best_of(lambda: entropy_fraction_boson(X), repeat=7)
    t_quad, base = best_of(lambda: quad_loop(X), repeat=2)
    xs_ref = X[::40]
    ref = np.array([reference(x) for x in xs_ref])
    err_ours = float(np.max(np.abs(ours[::40] / ref - 1)))
    err_quad = float(np.max(np.abs(base[::40] / ref - 1)))
    t_bbn, mb = best_of(lambda: bbn_mass_bound(0.5), repeat=5)
    t_pt, _ = best_of(lambda: lmu_ltau_constraints(0.03, 5e-4, q2_eff=1.0), repeat=5)
    print(f"entropy_fraction_boson, {X.size} values of x in [0, 30] (errors vs 40-digit mpmath):")
    print(f"  dialm (vectorised Gauss-Legendre): {t_ours * 1e3:8.2f} ms, max rel. err. {err_ours:.1e}")
    print(f"  scipy quad in a Python loop:       {t_quad * 1e3:8.2f} ms, max rel. err. {err_quad:.1e}")
    print(f"  ratio quad / dialm: {t_quad / t_ours:.0f}x")
    print(f"bbn_mass_bound(0.5) = {mb * 1e3:.3f} MeV in {t_bbn * 1e3:.2f} ms;"
          f" lmu_ltau_constraints(one point) {t_pt * 1e3:.2f} ms")
    write_result("bench_singlets", rows=[
        row("entropy_fraction_boson", f"{X.size} values", t_ours, "scipy quad loop", t_quad, err_ours,
            "mpmath 40 digits")], result={
        "n_x": int(X.size), "t_dialm_s": t_ours, "t_quad_loop_s": t_quad, "ratio": t_quad / t_ours,
        "max_rel_err_dialm": err_ours, "max_rel_err_quad": err_quad, "t_bbn_mass_bound_s": t_bbn,
        "t_lmu_ltau_constraints_s": t_pt})


if __name__ == "__main__":
    main()
