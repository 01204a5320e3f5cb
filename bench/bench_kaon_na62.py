"""Benchmark: dialm.kaon.na62, K⁺ → μ⁺νV (NA62), against the obvious baseline.

Run as ``.venv/bin/python bench/bench_kaon_na62.py``.  Prints times, ratios and accuracies, and
writes bench/results/bench_kaon_na62.json.

1. ``dgamma_dm2miss`` on 10⁴ points (numba Gauss–Legendre in ln(m23² − m_μ²)) against
   scipy.integrate.quad of the same |M|² in a Python loop (200 points, extrapolated); accuracy of
   both against mpmath quadrature at 30 digits on 20 points.
2. ``br_k_mu_nu_v`` on 200 masses against scipy.integrate.dblquad (5 masses, extrapolated).
3. ``dgamma_dm2miss_mu_nu_gamma`` (the K⁺ → μ⁺νγ background) on 200 bins against scipy quad of
   f_IB in a Python loop, and its accuracy against that quad at epsrel = 1e-12.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from common import best_of, row, write_result
from scipy.integrate import dblquad, quad

from dialm import constants as C
from dialm.kaon.na62 import (
    br_k_mu_nu_v,
    dalitz_m23sq_limits,
    dgamma_dm2miss,
    dgamma_dm2miss_mu_nu_gamma,
    gamma_in_bins,
    lambda_mu,
)

MK, MMU = float(C.M_KPLUS), float(C.M_MU)
HI = (MK - MMU) ** 2
LAM2 = lambda_mu() ** 2
NORM = 1.0 / (256 * math.pi ** 3 * MK ** 3)
CONV = float(C.TAU_KPLUS_S) / float(C.HBAR_GEV_S)


def msq(s12, s23, mv):
    """The talk's |M|²/g² (works for floats and mpmath numbers)."""
    a = MK ** 2 - MMU ** 2
    d = s23 - MMU ** 2
    return LAM2 * (2 + (s12 + 2 * MMU ** 2 - 2 * MK ** 2) / d - a * (mv ** 2 + 2 * MMU ** 2) / d ** 2
                   + 2 * (a ** 2 + mv ** 2 * MMU ** 2) / (s12 * d) - mv ** 2 * a / s12 ** 2
                   + (s23 + MMU ** 2 - 2 * MK ** 2) / s12)


def dgamma_scipy(s12, mv):
    lo, hi = dalitz_m23sq_limits(s12, mv)
    return NORM * quad(lambda t: msq(s12, t, mv), lo, hi, epsabs=0, epsrel=1e-12)[0]


def dgamma_mp(s12, mv):
    lo, hi = dalitz_m23sq_limits(s12, mv)
    with mp.workdps(30):
        return NORM * mp.quad(lambda t: msq(mp.mpf(s12), t, mv), [lo, hi])


def main():
    rng = np.random.default_rng(5)
    n = 10_000
    mv = 10 ** rng.uniform(-3, math.log10(0.38), n)
    s12 = mv ** 2 + rng.uniform(0.001, 0.999, n) * (HI - mv ** 2)
    dgamma_dm2miss(s12[:10], mv[:10], 1.0)                      # compile / load the cache
    t_ours, ours = best_of(lambda: dgamma_dm2miss(s12, mv, 1.0))
    m = 200
    t_sc, sc = best_of(lambda: np.array([dgamma_scipy(a, b) for a, b in
                                         zip(s12[:m], mv[:m], strict=True)]), repeat=2)
    t_sc *= n / m
    idx = rng.choice(n, 20, replace=False)
    ref = np.array([float(dgamma_mp(s12[i], mv[i])) for i in idx])
    acc_ours = float(np.max(np.abs(ours[idx] / ref - 1)))
    acc_sc = float(np.max(np.abs(np.array([dgamma_scipy(s12[i], mv[i]) for i in idx]) / ref - 1)))
    print(f"dgamma_dm2miss, {n} points: dialm {t_ours * 1e3:.1f} ms, scipy quad loop "
          f"{t_sc * 1e3:.0f} ms (extrapolated) -> ratio {t_sc / t_ours:.0f}x; "
          f"max rel. error vs mpmath: dialm {acc_ours:.1e}, scipy {acc_sc:.1e}")

    masses = np.geomspace(1e-3, 0.38, 200)
    br_k_mu_nu_v(masses[:3], 1.0)
    t_br, br = best_of(lambda: br_k_mu_nu_v(masses, 1.0))
    k = 5
    sub = masses[:: len(masses) // k][:k]

    def br_dbl(mv):
        def inner_lo(s):
            return dalitz_m23sq_limits(min(max(s, mv ** 2), HI), mv)[0]

        def inner_hi(s):
            return dalitz_m23sq_limits(min(max(s, mv ** 2), HI), mv)[1]

        return CONV * NORM * dblquad(lambda t, s: msq(s, t, mv), mv ** 2, HI, inner_lo, inner_hi,
                                     epsabs=0, epsrel=1e-10)[0]

    t_dbl, dbl = best_of(lambda: np.array([br_dbl(x) for x in sub]), repeat=1)
    t_dbl *= len(masses) / k
    acc_br = float(np.max(np.abs(br[:: len(masses) // k][:k] / dbl - 1)))
    print(f"br_k_mu_nu_v, {len(masses)} masses: dialm {t_br * 1e3:.1f} ms, scipy dblquad "
          f"{t_dbl:.1f} s (extrapolated) -> ratio {t_dbl / t_br:.0f}x; max rel. difference "
          f"{acc_br:.1e}")
    r = (MMU / MK) ** 2
    pref = LAM2 * (MK ** 2 - MMU ** 2) ** 2 / (32 * math.pi * MK ** 3) * C.ALPHA / (2 * math.pi) \
        / (1 - r) ** 2 / MK ** 2

    def f_ib(x, y):
        z = x + y - 1 - r
        return (1 - y + r) / (x * x * z) * (x * x + 2 * (1 - x) * (1 - r) - 2 * x * r * (1 - r) / z)

    def ib_quad(m2):
        y = 1 + r - m2 / MK ** 2
        root = math.sqrt(y * y - 4 * r)
        return pref * quad(lambda x: f_ib(x, y), 1 - (y + root) / 2, 1 - (y - root) / 2,
                           epsabs=0, epsrel=1e-12)[0]

    bins = np.linspace(0.01, HI * 0.999, 200)
    dgamma_dm2miss_mu_nu_gamma(bins[:3])
    t_ib, ib = best_of(lambda: dgamma_dm2miss_mu_nu_gamma(bins))
    t_ibq, ibq = best_of(lambda: np.array([ib_quad(b) for b in bins]), repeat=2)
    acc_ib = float(np.max(np.abs(ib / ibq - 1)))
    print(f"dgamma_dm2miss_mu_nu_gamma, {bins.size} bins: dialm {t_ib * 1e3:.2f} ms, scipy quad "
          f"loop {t_ibq * 1e3:.0f} ms -> ratio {t_ibq / t_ib:.0f}x; max rel. difference {acc_ib:.1e}")
    # the spectrum in 200 bins of m2_miss: gamma_in_bins against nested quad (quad over m12^2 of
    # quad over m23^2) per bin at 1e-10
    mv_b = 0.1
    edges = np.linspace(mv_b ** 2, HI, 201)
    gamma_in_bins(edges[:3], mv_b, 1.0)
    t_bins, b_ours = best_of(lambda: gamma_in_bins(edges, mv_b, 1.0))
    t_nq, b_nq = best_of(lambda: np.array([
        quad(lambda s: dgamma_scipy(s, mv_b), a, b, epsabs=0, epsrel=1e-10)[0]
        for a, b in zip(edges[:-1], edges[1:], strict=True)]), repeat=1)
    acc_bins = float(np.max(np.abs(b_ours / b_nq - 1)))
    print(f"dGamma/dm2miss in 200 bins (m_V = 100 MeV): dialm {t_bins * 1e3:.2f} ms, nested quad "
          f"{t_nq:.2f} s -> ratio {t_nq / t_bins:.0f}x; max rel. difference {acc_bins:.1e}")
    rows = [
        row("dgamma_dm2miss, bin integrals", "200 bins", t_bins, "nested scipy quad per bin",
            t_nq, acc_bins, "nested quad at 1e-10"),
        row("dgamma_dm2miss", f"{n} points", t_ours, "scipy quad loop (extrapolated)", t_sc,
            acc_ours, "mpmath 30 digits"),
        row("br_k_mu_nu_v", f"{len(masses)} masses", t_br, "scipy dblquad (extrapolated)", t_dbl,
            acc_br, "scipy dblquad"),
        row("dgamma_dm2miss_mu_nu_gamma", f"{bins.size} bins", t_ib, "scipy quad loop", t_ibq,
            acc_ib, "scipy quad 1e-12"),
    ]
    write_result("bench_kaon_na62", rows=rows, result={
        "dgamma_dm2miss_mu_nu_gamma": {"n": int(bins.size), "t_dialm_s": t_ib,
                                       "t_scipy_quad_loop_s": t_ibq, "ratio": t_ibq / t_ib,
                                       "max_rel_diff_vs_quad": acc_ib},
        "dgamma_dm2miss": {"n": n, "t_dialm_s": t_ours, "t_scipy_quad_loop_s": t_sc,
                           "ratio": t_sc / t_ours, "max_rel_err_dialm_vs_mpmath": acc_ours,
                           "max_rel_err_scipy_vs_mpmath": acc_sc},
        "br_k_mu_nu_v": {"n": len(masses), "t_dialm_s": t_br, "t_scipy_dblquad_s": t_dbl,
                         "ratio": t_dbl / t_br, "max_rel_diff": acc_br},
    })


if __name__ == "__main__":
    main()
