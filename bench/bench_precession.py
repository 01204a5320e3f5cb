"""Benchmark: the wiggle-plot generators of dialm.precession against pure numpy, in the same run.

Filling a positron-time histogram of N decays from dN/dt ∝ e^{−t/τ}[1 + A cos(ω_a t + φ)]:

* numpy baseline: ``Generator.exponential`` times, accept-reject on the modulation with
  ``Generator.random``, then ``numpy.histogram`` (vectorised, stores the events);
* ``fill_wiggle_histogram``: the numba kernel, events drawn and binned one by one (no event array);
* ``poisson_wiggle_histogram``: one Poisson draw per bin around the closed-form bin integrals
  (the same distribution for a Poisson number of decays, cost independent of N);
* one ``fit_wiggle`` (5 parameters, Migrad) of the result.

Accuracy: each histogram's Pearson χ²/ndf against the expected bin contents (≈ 1 when right).
Prints the ratios; writes bench/results/bench_precession.json.  Run:
``.venv/bin/python bench/bench_precession.py [N]`` (default N = 10⁷).
"""

from __future__ import annotations

import platform
import sys

import numpy as np
from common import best_of, row, write_result

from dialm import precession as P
from dialm.constants import A_MU_EXP_2025, E989_B_T, TAU_MU_S

A_MU = float(A_MU_EXP_2025)
GAMMA = P.magic_gamma(A_MU)
OMEGA = P.anomalous_precession_frequency(A_MU, E989_B_T)
TAU = GAMMA * float(TAU_MU_S)
ASYM, PHASE = 0.37, 1.0
WIDTH = P.cyclotron_period(GAMMA)
T_MAX = 700e-6


def numpy_histogram(n, seed):
    """Pure numpy: n accepted decay times (accept-reject), binned with numpy.histogram."""
    rng = np.random.default_rng(seed)
    nbins = int(T_MAX / WIDTH)
    edges = np.arange(nbins + 1) * WIDTH
    out = []
    have = 0
    while have < n:
        m = int(1.05 * (n - have) * (1 + ASYM)) + 1000
        t = rng.exponential(TAU, m)
        keep = rng.random(m) * (1 + ASYM) < 1 + ASYM * np.cos(OMEGA * t + PHASE)
        t = t[keep][: n - have]
        out.append(t)
        have += t.size
    counts, _ = np.histogram(np.concatenate(out), edges)
    return counts, edges




def pearson(counts, edges, n):
    mu = P.wiggle_expected(edges, 1.0, TAU, ASYM, OMEGA, PHASE)
    mu *= n / P.wiggle_cdf(1.0, 1.0, TAU, ASYM, OMEGA, PHASE)
    ok = mu > 5
    return float(np.sum((counts[ok] - mu[ok]) ** 2 / mu[ok]) / ok.sum())


def main(n=10_000_000):
    # warm-up: compile / load the numba caches
    P.fill_wiggle_histogram(1000, TAU, ASYM, OMEGA, PHASE, T_MAX, WIDTH, seed=0)
    P.poisson_wiggle_histogram(1e3, TAU, ASYM, OMEGA, PHASE, T_MAX, WIDTH, seed=0)

    t_np, (c_np, edges) = best_of(lambda: numpy_histogram(n, 1))
    t_nb, (c_nb, _) = best_of(
        lambda: P.fill_wiggle_histogram(n, TAU, ASYM, OMEGA, PHASE, T_MAX, WIDTH, seed=1))
    t_po, (c_po, _) = best_of(
        lambda: P.poisson_wiggle_histogram(n, TAU, ASYM, OMEGA, PHASE, T_MAX, WIDTH, seed=1))
    P.fit_wiggle(c_nb, edges, OMEGA, TAU)
    t_fit, fit = best_of(lambda: P.fit_wiggle(c_nb, edges, OMEGA, TAU), repeat=5)

    res = {
        "n_decays": n,
        "bins": int(edges.size - 1),
        "numpy_event_histogram_s": t_np,
        "numba_event_histogram_s": t_nb,
        "numba_poisson_bins_s": t_po,
        "ratio_numpy_over_numba_events": t_np / t_nb,
        "ratio_numpy_over_poisson_bins": t_np / t_po,
        "fit_wiggle_s": t_fit,
        "pearson_chi2_per_bin": {"numpy": pearson(c_np, edges, n),
                                 "numba_events": pearson(c_nb, edges, n),
                                 "poisson_bins": pearson(c_po, edges, n)},
        "fit_pull_omega": (fit.omega_a - OMEGA) / fit.omega_a_err,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
    }
    print(f"N = {n:.0e} decays into {res['bins']} bins of {WIDTH * 1e9:.1f} ns")
    print(f"  numpy (exponential + accept-reject + histogram): {t_np * 1e3:8.1f} ms")
    print(f"  numba fill_wiggle_histogram (event by event):     {t_nb * 1e3:8.1f} ms   "
          f"ratio numpy/numba = {t_np / t_nb:.1f}")
    print(f"  numba poisson_wiggle_histogram (per bin):         {t_po * 1e3:8.2f} ms   "
          f"ratio numpy/poisson = {t_np / t_po:.0f}")
    print(f"  fit_wiggle (5 parameters):                        {t_fit * 1e3:8.1f} ms")
    print("  Pearson chi2/bin vs expectation:",
          {k: round(v, 3) for k, v in res["pearson_chi2_per_bin"].items()})
    write_result("bench_precession", res, rows=[
        row("fill_wiggle_histogram", f"{n:.0e} decays", t_nb, "numpy events + histogram", t_np,
            None, ""),
        row("poisson_wiggle_histogram", f"{n:.0e} decays", t_po, "numpy events + histogram", t_np,
            None, "")])
    return res


if __name__ == "__main__":
    main(int(float(sys.argv[1])) if len(sys.argv) > 1 else 10_000_000)
