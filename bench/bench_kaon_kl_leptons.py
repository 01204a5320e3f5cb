"""Benchmark: dialm.kaon.kl_leptons, K_L → ℓ⁺ℓ⁻ and K_L → π⁰ℓ⁺ℓ⁻, against the obvious baselines.

Run as ``.venv/bin/python bench/bench_kaon_kl_leptons.py``.  Prints times, ratios and accuracies,
and writes bench/results/bench_kaon_kl_leptons.json.

1. ``pi0ll_phase_space`` (numba, two-panel 64-node Gauss–Legendre in θ) for 2000 lepton masses
   0 ≤ m ≤ 0.17 GeV, V and A currents, against scipy.integrate.quad of the same integrand written
   in plain Python, in a Python loop (200 masses, extrapolated); accuracy of both against a
   30-digit mpmath quadrature on 13 masses (e, μ, 0 and 10 random ones); the baseline integrand is
   checked against ``pi0ll_dgamma_ds``.
2. ``absorptive_ratio`` on 10⁶ values of m_ℓ/M in [1e-9, 0.5) against the plain numpy closed form
   (ln((1+β)/(1−β))) and mpmath at 40 digits (1000-point subsample, extrapolated); accuracy of
   both float versions against mpmath.
"""

from __future__ import annotations

import math
import time

import mpmath as mp
import numpy as np
from common import best_of, row, write_result
from scipy import integrate

from dialm import constants as C
from dialm.kaon.kl_leptons import absorptive_ratio, pi0ll_dgamma_ds, pi0ll_phase_space

N_PS = 2000
N_QUAD = 200
N_R = 1_000_000
N_MP = 1000


MK, MPI, MPOLE = float(C.M_K0), float(C.M_PI0), float(C.M_KSTAR_PLUS)


def rate_py(s, ml, axial):
    """The integrand of pi0ll_phase_space in plain Python (the baseline's integrand)."""
    lam = ((MK - MPI) ** 2 - s) * ((MK + MPI) ** 2 - s)
    beta = math.sqrt(max(1 - 4 * ml * ml / s, 0.0))
    ff = 1 / (1 - s / MPOLE**2)
    core = (lam * beta**2 + 6 * ml * ml * (MK**2 - MPI**2) ** 2 / s if axial
            else lam * (1 + 2 * ml * ml / s))
    return 4 / 3 * beta * math.sqrt(lam) * core * ff * ff


def mp_phase_space(ml, current, dps=30):
    """The reference: mpmath quadrature in θ (s = mid − half cos θ) at 30 digits."""
    with mp.workdps(dps):
        m, mk, mpi, mpole = (mp.mpf(float(v)) for v in (ml, MK, MPI, MPOLE))
        lo, hi = 4 * m * m, (mk - mpi) ** 2

        def f(th):
            s = (lo + hi) / 2 - (hi - lo) / 2 * mp.cos(th)
            if s <= lo or s >= hi:
                return mp.mpf(0)
            lam = (hi - s) * ((mk + mpi) ** 2 - s)
            b = mp.sqrt(1 - lo / s)           # lo, hi: quad raises the precision inside
            core = (lam * b**2 + 6 * m * m * (mk**2 - mpi**2) ** 2 / s if current == "A"
                    else lam * (1 + 2 * m * m / s))
            return (mp.mpf(4) / 3 * b * mp.sqrt(lam) * core / (1 - s / mpole**2) ** 2
                    * (hi - lo) / 2 * mp.sin(th))

        return float(mp.quad(f, [0, mp.pi / 8, mp.pi / 2, mp.pi]))


def quad_phase_space(ml, current):
    lo, hi = 4 * ml * ml, (MK - MPI) ** 2
    mid = min(max(400 * lo, 1e-6), 0.5 * hi)      # split off the threshold rise for electrons
    axial = current == "A"
    return sum(integrate.quad(rate_py, a, b, args=(ml, axial), epsabs=0, epsrel=1e-12,
                              limit=200)[0] for a, b in ((lo, mid), (mid, hi)) if b > a)


def ratio_numpy(r, alpha):
    b = np.sqrt(1 - 4 * r * r)
    return alpha**2 * r * r / (2 * b) * np.log((1 + b) / (1 - b)) ** 2


def ratio_mp(r, alpha):
    with mp.workdps(40):
        r = mp.mpf(float(r))
        b = mp.sqrt(1 - 4 * r * r)
        return mp.mpf(alpha) ** 2 * r * r / (2 * b) * mp.log((1 + b) / (1 - b)) ** 2


def main():
    rng = np.random.default_rng(1969)
    ml = np.sort(rng.uniform(0.0, 0.17, N_PS))
    pi0ll_phase_space(ml[:4])  # compile / load the cache
    res = {}
    for cur in ("V", "A"):
        t_ours, v_ours = best_of(lambda cur=cur: pi0ll_phase_space(ml, cur))
        sub = ml[:: N_PS // N_QUAD]
        t0 = time.perf_counter()
        ref = np.array([quad_phase_space(float(m), cur) for m in sub])
        t_quad = (time.perf_counter() - t0) * N_PS / N_QUAD
        sub_mp = np.concatenate([[0.0, float(C.M_E), float(C.M_MU)], sub[::20]])
        ref_mp = np.array([mp_phase_space(m, cur) for m in sub_mp])
        err = float(np.max(np.abs(pi0ll_phase_space(sub_mp, cur) / ref_mp - 1)))
        err_q = float(np.max(np.abs(np.array([quad_phase_space(float(m), cur) for m in sub_mp])
                                    / ref_mp - 1)))
        s_chk = np.linspace(0.05, 0.12, 7)
        same = max(abs(rate_py(sv, 0.1, cur == "A") / pi0ll_dgamma_ds(sv, 0.1, cur) - 1)
                   for sv in s_chk)
        assert same < 1e-12
        res.update({f"ps_{cur}_masses": N_PS, f"ps_{cur}_dialm_s": t_ours,
                    f"ps_{cur}_quad_loop_s_extrapolated": t_quad,
                    f"ps_{cur}_ratio_quad_over_dialm": t_quad / t_ours,
                    f"ps_{cur}_max_rel_err_dialm_vs_mpmath": err,
                    f"ps_{cur}_max_rel_err_quad_vs_mpmath": err_q})
        assert v_ours.shape == ml.shape

    r = np.concatenate([10 ** rng.uniform(-9, -3, N_R // 2), rng.uniform(1e-3, 0.4999, N_R // 2)])
    t_ours, v_ours = best_of(lambda: absorptive_ratio(r, 1.0))
    with np.errstate(all="ignore"):
        t_np, v_np = best_of(lambda: ratio_numpy(r, C.ALPHA))
    idx = rng.choice(r.size, N_MP, replace=False)
    t0 = time.perf_counter()
    ref = np.array([float(ratio_mp(v, C.ALPHA)) for v in r[idx]])
    t_mp = (time.perf_counter() - t0) * r.size / N_MP
    res.update({
        "abs_points": r.size, "abs_dialm_s": t_ours, "abs_numpy_s": t_np,
        "abs_mpmath_s_extrapolated": t_mp, "abs_ratio_numpy_over_dialm": t_np / t_ours,
        "abs_ratio_mpmath_over_dialm": t_mp / t_ours,
        "abs_max_rel_err_dialm": float(np.max(np.abs(v_ours[idx] / ref - 1))),
        "abs_max_rel_err_numpy_closed_form": float(np.nanmax(np.abs(v_np[idx] / ref - 1))),
    })
    for k, v in res.items():
        print(f"{k:40s} {v:.4g}" if isinstance(v, float) else f"{k:40s} {v}")
    rows = [row(f"pi0ll_phase_space ({cur})", f"{N_PS} lepton masses", res[f"ps_{cur}_dialm_s"],
                "scipy quad loop (extrapolated)", res[f"ps_{cur}_quad_loop_s_extrapolated"],
                res[f"ps_{cur}_max_rel_err_dialm_vs_mpmath"], "mpmath") for cur in ("V", "A")]
    rows += [row("absorptive_ratio", f"{r.size} points", res["abs_dialm_s"], base, res[key],
                 res["abs_max_rel_err_dialm"], "mpmath")
             for base, key in (("numpy closed form", "abs_numpy_s"),
                               ("mpmath (extrapolated)", "abs_mpmath_s_extrapolated"))]
    write_result("bench_kaon_kl_leptons", res, rows=rows)


if __name__ == "__main__":
    main()
