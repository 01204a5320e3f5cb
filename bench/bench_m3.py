"""Benchmark: dialm.m3, the M³ signal yield, against the obvious scipy baselines.

Run as ``.venv/bin/python bench/bench_m3.py``.  Prints times, ratios and accuracies, and writes
bench/results/bench_m3.json.

1. ``chi_flux`` (Gauss–Legendre in ln t, numba) on 10⁴ points against scipy.integrate.quad of
   the same integrand in a Python loop (500 points, extrapolated); accuracy of both against
   mpmath at 30 digits on 20 points.
2. ``sigma_signal`` — the yield integral ∫dx ∫dt — on 100 masses against
   scipy.integrate.dblquad over (x, ln t) in a Python loop (5 masses, extrapolated), and against
   scipy quad over x of quad over t; accuracy against the nested mpmath quadrature at 3 masses.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from common import best_of, write_result
from scipy.integrate import dblquad, quad

from dialm import constants as C
from dialm.m3 import chi_flux, sigma_signal, t_min, target_properties

MMU = float(C.M_MU)
ALPHA = float(C.ALPHA)
E = float(C.M3_E_BEAM)
XLO = 1.0 - float(C.M3_E_OUT_MAX) / E
Z, _, _, A2, D = target_properties("W")
PREF = 4 * ALPHA ** 2 / (4 * math.pi)


def g2(t):
    s = A2 * t / (1 + A2 * t)
    return Z * Z * s * s / (1 + t / D) ** 2


def tmin_of(x, mv):
    u0 = mv * mv * (1 - x) / x + MMU * MMU * x
    return (u0 / (2 * E * (1 - x))) ** 2, u0


def chi_quad(tmin, tmax):
    if tmin >= tmax:
        return 0.0
    f = lambda u: (1 - tmin / math.exp(u)) * g2(math.exp(u))          # noqa: E731
    pts = [math.log(p) for p in (1 / A2, D) if tmin < p < tmax]
    return quad(f, math.log(tmin), math.log(tmax), points=pts or None, epsabs=0, epsrel=1e-10,
                limit=200)[0]


def chi_mp(tmin, tmax):
    with mp.workdps(30):
        f = lambda t: (t - tmin) / t ** 2 * g2(t)                       # noqa: E731
        pts = [mp.mpf(tmin)] + [p for p in (1 / A2, D) if tmin < p < tmax] + [mp.mpf(tmax)]
        return float(mp.quad(f, pts))


def bracket(x, mv, u0):
    beta = math.sqrt(max(1 - (mv / (x * E)) ** 2, 0.0))
    return PREF * beta * ((1 - x + x * x / 2) / u0 - x * (1 - x) * (mv * mv + 2 * MMU * MMU) / (6 * u0 * u0))


def sigma_dblquad(mv):
    """∫dx ∫d(ln t) with scipy dblquad (x outer, ln t inner)."""
    hi = 1 - MMU / E
    tmax = mv * mv + MMU * MMU

    def f(u, x):
        tmin, u0 = tmin_of(x, mv)
        t = math.exp(u)
        return bracket(x, mv, u0) * (1 - tmin / t) * g2(t)

    return dblquad(f, max(XLO, mv / E), hi, lambda x: math.log(tmin_of(x, mv)[0]),
                   lambda x: math.log(tmax), epsabs=0, epsrel=1e-8)[0]


def sigma_nested_quad(mv):
    hi = 1 - MMU / E
    tmax = mv * mv + MMU * MMU

    def fx(x):
        tmin, u0 = tmin_of(x, mv)
        return bracket(x, mv, u0) * chi_quad(tmin, tmax)

    return quad(fx, max(XLO, mv / E), hi, epsabs=0, epsrel=1e-10, limit=200,
                points=[0.99, 0.999])[0]


def sigma_mp(mv):
    hi = 1 - MMU / E
    tmax = mv * mv + MMU * MMU

    def fx(x):
        x = float(x)
        tmin, u0 = tmin_of(x, mv)
        return bracket(x, mv, u0) * chi_mp(tmin, tmax)

    with mp.workdps(15):
        return float(mp.quad(fx, [max(XLO, mv / E), 0.9, 0.99, 0.999, hi]))


def main():
    rng = np.random.default_rng(3)
    n = 10_000
    mv = 10 ** rng.uniform(-3, 0.3, n)
    x = rng.uniform(0.4, 0.99, n)
    chi_flux(x[:5], mv[:5])                                           # compile / load the cache
    t_ours, ours = best_of(lambda: chi_flux(x, mv))
    tmins = np.asarray(t_min(x, mv))
    tmaxs = mv ** 2 + MMU ** 2
    m = 500
    t_sc, _ = best_of(lambda: [chi_quad(a, b) for a, b in zip(tmins[:m], tmaxs[:m], strict=True)],
                      repeat=2)
    t_sc *= n / m
    idx = rng.choice(n, 20, replace=False)
    ref = np.array([chi_mp(tmins[i], tmaxs[i]) for i in idx])
    acc_ours = float(np.max(np.abs(ours[idx] / ref - 1)))
    acc_sc = float(np.max(np.abs(np.array([chi_quad(tmins[i], tmaxs[i]) for i in idx]) / ref - 1)))
    print(f"chi_flux, {n} points: dialm {t_ours * 1e3:.1f} ms, scipy quad loop {t_sc * 1e3:.0f} ms "
          f"(extrapolated) -> ratio {t_sc / t_ours:.0f}x; max rel. error vs mpmath: dialm "
          f"{acc_ours:.1e}, scipy {acc_sc:.1e}")

    masses = np.geomspace(1e-3, 2.0, 100)
    sigma_signal(masses[:3])
    t_sig, sig = best_of(lambda: sigma_signal(masses))
    sub = masses[::20]
    t_dbl, dbl = best_of(lambda: np.array([sigma_dblquad(v) for v in sub]), repeat=1)
    t_dbl *= len(masses) / len(sub)
    t_nq, nq = best_of(lambda: np.array([sigma_nested_quad(v) for v in sub]), repeat=1)
    t_nq *= len(masses) / len(sub)
    ref_m = np.array([sigma_mp(v) for v in sub[::2]])
    acc_sig = float(np.max(np.abs(sig[::20][::2] / ref_m - 1)))
    acc_dbl = float(np.max(np.abs(dbl[::2] / ref_m - 1)))
    acc_nq = float(np.max(np.abs(nq[::2] / ref_m - 1)))
    print(f"sigma_signal, {len(masses)} masses: dialm {t_sig * 1e3:.1f} ms; scipy dblquad "
          f"{t_dbl:.1f} s -> ratio {t_dbl / t_sig:.0f}x; nested quad {t_nq:.1f} s -> ratio "
          f"{t_nq / t_sig:.0f}x (both extrapolated from {len(sub)} masses)")
    print(f"  max rel. error vs nested mpmath ({len(ref_m)} masses): dialm {acc_sig:.1e}, dblquad "
          f"{acc_dbl:.1e}, nested quad {acc_nq:.1e}")
    write_result("bench_m3", {
        "chi_flux": {"n": n, "t_dialm_s": t_ours, "t_scipy_quad_loop_s": t_sc,
                     "ratio": t_sc / t_ours, "max_rel_err_dialm_vs_mpmath": acc_ours,
                     "max_rel_err_scipy_vs_mpmath": acc_sc},
        "sigma_signal": {"n": len(masses), "t_dialm_s": t_sig, "t_scipy_dblquad_s": t_dbl,
                         "ratio_dblquad": t_dbl / t_sig, "t_nested_quad_s": t_nq,
                         "ratio_nested_quad": t_nq / t_sig, "max_rel_err_dialm": acc_sig,
                         "max_rel_err_dblquad": acc_dbl, "max_rel_err_nested_quad": acc_nq},
    })


if __name__ == "__main__":
    main()
