"""Benchmark: dialm.kaon.two_photons: two photons, form factors and Dalitz decays.

Run as ``.venv/bin/python bench/bench_kaon_two_photons.py``.  Prints times, ratios and accuracies,
and writes bench/results/bench_kaon_two_photons.json.

1. ``dalitz_ratio`` per call (point-like and BMS, e and μ pairs) against scipy.integrate.quad of
   the same Kroll–Wada integrand in x (with the 1/x pole split off by breakpoints), both against
   30-digit mpmath quadrature.
2. ``dalitz_ratio`` vectorised over 10⁴ lepton/meson mass pairs (one call, numba loop) against
   the quad loop (extrapolated from 200 calls).
3. ``double_dalitz_ratio`` against a nested scipy quad.
4. ``kpill_width`` (K⁺ → π⁺μ⁺μ⁻, linear form factor) for 10⁴ (a₊, b₊) pairs in one call against
   a scipy quad loop over the same spectrum (extrapolated from 100 calls), both against mpmath.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from common import best_of, write_result
from common import row as table_row
from scipy.integrate import quad

from dialm import constants as C
from dialm.kaon.two_photons import (
    dalitz_ratio,
    double_dalitz_ratio,
    form_factor_bms,
    kpill_spectrum,
    kpill_width,
)

ALPHA = float(C.ALPHA)
ME, MMU, MK, MPI = float(C.M_E), float(C.M_MU), float(C.M_K0), float(C.M_PI0)
MKP, MPIP = float(C.M_KPLUS), float(C.M_PIPLUS)
PREF = 2 * ALPHA / (3 * math.pi)


def kw(x, mu2, ff):
    return PREF * (1 - x) ** 3 / x * math.sqrt(1 - 4 * mu2 / x) * (1 + 2 * mu2 / x) * ff(x) ** 2


def ratio_quad(ml, mm, ff):
    """The obvious baseline: adaptive quad in x, breakpoints at the threshold decades."""
    mu2 = (ml / mm) ** 2
    lo = 4 * mu2
    pts = [p for p in (2 * lo, 10 * lo, 100 * lo, 1e-3, 1e-2, 0.1) if lo < p < 1]
    return quad(kw, lo, 1, args=(mu2, ff), points=pts, epsabs=0, epsrel=1e-12, limit=200)[0]


def ratio_mp(ml, mm, ff_mp):
    with mp.workdps(30):
        mu2 = (mp.mpf(ml) / mm) ** 2
        lo = 4 * mu2
        pts = [lo] + [p for p in (2 * lo, 10 * lo, 100 * lo, 1e-3, 1e-2, 0.1) if lo < p < 1] + [1]
        return float(mp.quad(lambda x: PREF * (1 - x) ** 3 / x * mp.sqrt(1 - 4 * mu2 / x)
                             * (1 + 2 * mu2 / x) * ff_mp(x) ** 2, pts))


def bms_mp(ff):
    a, c, rr, rw, rp, rk = (mp.mpf(v) for v in ff.params)
    return lambda x: (1 / (1 - x / rr) + c * a / (1 - x / rk) * (mp.mpf(4) / 3 - 1 / (1 - x / rr)
                                                               - 1 / (9 * (1 - x / rw))
                                                               - 2 / (9 * (1 - x / rp))))


def main():
    out = {}
    ffb = form_factor_bms(-0.2)

    def f_one(x):
        return 1.0

    a_, c_, rr, rw, rp, rk = ffb.params

    def f_bms(x):      # plain Python BMS (a fair baseline: no per-call input checks)
        return (1 / (1 - x / rr) + c_ * a_ / (1 - x / rk)
                * (4 / 3 - 1 / (1 - x / rr) - 1 / (9 * (1 - x / rw)) - 2 / (9 * (1 - x / rp))))
    cases = [("pi0 -> e e gamma, point-like", ME, MPI, None, f_one, lambda x: 1),
             ("K_L -> e e gamma, BMS -0.2", ME, MK, ffb, f_bms, bms_mp(ffb)),
             ("K_L -> mu mu gamma, BMS -0.2", MMU, MK, ffb, f_bms, bms_mp(ffb))]
    print("1. dalitz_ratio per call vs scipy quad (same integrand), accuracy vs 30-digit mpmath")
    for name, ml, mm, ff, f_py, f_mp in cases:
        dalitz_ratio(ml, mm, ff)                                       # compile / load cache
        t_ours, ours = best_of(lambda ml=ml, mm=mm, ff=ff: dalitz_ratio(ml, mm, ff), repeat=200)
        t_q, q = best_of(lambda ml=ml, mm=mm, f_py=f_py: ratio_quad(ml, mm, f_py), repeat=5)
        ref = ratio_mp(ml, mm, f_mp)
        row = dict(t_dialm_us=t_ours * 1e6, t_quad_us=t_q * 1e6, ratio=t_q / t_ours,
                   err_dialm=abs(ours / ref - 1), err_quad=abs(q / ref - 1))
        out[name] = row
        print(f"  {name:30s}: dialm {row['t_dialm_us']:7.1f} us, quad {row['t_quad_us']:8.0f} us "
              f"-> {row['ratio']:6.0f}x;  rel. error dialm {row['err_dialm']:.1e}, "
              f"quad {row['err_quad']:.1e}")

    print("2. vectorised: 10^4 (m_lepton, m_meson) pairs, point-like")
    rng = np.random.default_rng(1)
    n = 10_000
    mm = rng.uniform(0.1, 1.0, n)
    ml = mm * 10 ** rng.uniform(-4, math.log10(0.45), n)
    dalitz_ratio(ml[:5], mm[:5])
    t_v, vals = best_of(lambda: dalitz_ratio(ml, mm), repeat=3)
    m = 200
    t_l, lvals = best_of(lambda: [ratio_quad(a, b, f_one) for a, b in zip(ml[:m], mm[:m],
                                                                             strict=True)], repeat=2)
    t_l *= n / m
    dev = float(np.max(np.abs(vals[:m] / np.array(lvals) - 1)))
    out["vectorised"] = dict(t_dialm_ms=t_v * 1e3, t_quad_ms_extrapolated=t_l * 1e3,
                             ratio=t_l / t_v, max_dev_vs_quad=dev)
    print(f"  dialm {t_v * 1e3:.1f} ms, quad loop {t_l * 1e3:.0f} ms (extrapolated) -> "
          f"{t_l / t_v:.0f}x; max |dialm/quad - 1| = {dev:.1e}")

    print("3. double_dalitz_ratio (K_L -> mu mu e e) vs nested scipy quad")
    u1, u2 = (MMU / MK) ** 2, (ME / MK) ** 2

    def inner(x1):
        hi = (1 - math.sqrt(x1)) ** 2

        def g(t):
            x2 = math.exp(t)
            lam = (1 - x1 - x2) ** 2 - 4 * x1 * x2
            return 0.0 if lam <= 0 else (lam ** 1.5 / x1 * math.sqrt(1 - 4 * u1 / x1)
                                         * (1 + 2 * u1 / x1) * math.sqrt(1 - 4 * u2 / x2)
                                         * (1 + 2 * u2 / x2))
        return quad(g, math.log(4 * u2), math.log(hi), epsrel=1e-11, limit=200)[0]

    def dd_quad():
        return 2 * (PREF / 2) ** 2 * quad(inner, 4 * u1, (1 - 2 * math.sqrt(u2)) ** 2,
                                          epsrel=1e-10, limit=200)[0]
    double_dalitz_ratio(MMU, ME, MK)
    t_d, d = best_of(lambda: double_dalitz_ratio(MMU, ME, MK), repeat=20)
    t_dq, dq = best_of(dd_quad, repeat=2)
    out["double_dalitz"] = dict(t_dialm_ms=t_d * 1e3, t_quad_ms=t_dq * 1e3, ratio=t_dq / t_d,
                                rel_dev=abs(d / dq - 1))
    print(f"  dialm {t_d * 1e3:.2f} ms, nested quad {t_dq * 1e3:.0f} ms -> {t_dq / t_d:.0f}x; "
          f"|dialm/quad - 1| = {abs(d / dq - 1):.1e}")
    print("4. kpill_width (K+ -> pi+ mu mu): 10^4 (a+, b+) pairs vs a scipy quad loop")
    z0, z1 = 4 * (MMU / MKP) ** 2, (1 - MPIP / MKP) ** 2
    ab = rng.uniform(-1.0, 0.0, (n, 2))
    kpill_width(MMU, ab[:5, 0], ab[:5, 1])
    t_k, kv = best_of(lambda: kpill_width(MMU, ab[:, 0], ab[:, 1]), repeat=5)

    rl2, rp2 = (MMU / MKP) ** 2, (MPIP / MKP) ** 2
    pref = ALPHA**2 / (12 * math.pi * (4 * math.pi) ** 4) * MKP * (float(C.G_F) * MKP**2) ** 2
    assert abs(float(kpill_spectrum(0.3, MMU, -0.5, -0.5))
               / (pref * ((1 - 0.3 - rp2) ** 2 - 1.2 * rp2) ** 1.5 * math.sqrt(1 - 4 * rl2 / 0.3)
                  * (1 + 2 * rl2 / 0.3) * 0.65**2) - 1) < 1e-12

    def width_quad(a_, b_):      # plain Python integrand (no per-call input checks)
        def f(z):
            lam = (1 - z - rp2) ** 2 - 4 * z * rp2
            return (pref * max(lam, 0.0) ** 1.5 * math.sqrt(max(1 - 4 * rl2 / z, 0.0))
                    * (1 + 2 * rl2 / z) * (a_ + b_ * z) ** 2)
        return quad(f, z0, z1, epsabs=0, epsrel=1e-12, limit=200)[0]
    m_k = 100
    t_kq, kq = best_of(lambda: [width_quad(a_, b_) for a_, b_ in ab[:m_k]], repeat=1)
    t_kq *= n / m_k
    dev_k = float(np.max(np.abs(kv[:m_k] / np.array(kq) - 1)))
    out["kpill_width"] = dict(t_dialm_ms=t_k * 1e3, t_quad_ms_extrapolated=t_kq * 1e3,
                              ratio=t_kq / t_k, max_dev_vs_quad=dev_k)
    print(f"  dialm {t_k * 1e3:.2f} ms, quad loop {t_kq * 1e3:.0f} ms (extrapolated) -> "
          f"{t_kq / t_k:.0f}x; max |dialm/quad - 1| = {dev_k:.1e}")
    rows = [table_row(f"dalitz_ratio: {name}", "one call", v["t_dialm_us"] * 1e-6, "scipy quad",
                v["t_quad_us"] * 1e-6, v["err_dialm"], "mpmath 30 digits")
            for name, v in out.items() if "t_dialm_us" in v]
    rows.append(table_row("dalitz_ratio, vectorised", f"{n} mass pairs", t_v,
                          "scipy quad loop (extrapolated)", t_l, dev, "scipy quad"))
    rows.append(table_row("double_dalitz_ratio (K_L -> mu mu e e)", "one call", t_d, "nested scipy quad",
                    t_dq, abs(d / dq - 1), "nested quad"))
    rows.append(table_row("kpill_width (K+ -> pi+ mu mu)", f"{n} (a+, b+) pairs", t_k,
                          "scipy quad loop (extrapolated)", t_kq, dev_k, "scipy quad"))
    write_result("bench_kaon_two_photons", out, rows=rows)


if __name__ == "__main__":
    main()
