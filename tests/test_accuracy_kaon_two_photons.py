"""The stated accuracy of dialm.kaon.two_photons: two photons, form factors, Dalitz decays, radiative
K_ℓ2 and the ππ phase shifts (book/kaons/two_photons.md).

Each reference is re-derived from the physics formula of the docstring at 40 digits in mpmath
(mp.quad for the integrals), never from the float code; the exception is double_dalitz_ratio, whose
two-dimensional integral is referenced by nested scipy quad at epsrel 1e-13 in the w variables.
The sampler is checked against the spectrum it samples (STATISTICAL).
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from _accuracy import DPS, Case, check, edge_points, logspace
from _accuracy import exact_mpf as F
from scipy import integrate

from dialm import constants as C
from dialm.kaon import two_photons as K

ME, MMU = float(C.M_E), float(C.M_MU)
MK0, MPI0 = float(C.M_K0), float(C.M_PI0)
MKP = float(C.M_KPLUS)
ALPHA = mp.mpf(float(C.ALPHA))



# --------------------------------------------------------------------------------------------
# two photons and Dalitz decays
# --------------------------------------------------------------------------------------------
def ff_ref(ff):
    """The form factor's defining formula in mpmath from the model's parameters."""
    if ff is None or ff.kind == "pointlike":
        return lambda x: mp.mpf(1)
    p = [F(v) for v in ff.params]
    if ff.kind == "pole":                      # 1 + α x/(x − r_V)
        return lambda x: 1 + p[0] * x / (x - p[1])
    a, c, rr, rw, rp, rk = p                   # BMS, normalised poles M_V²/(M_V² − k²)
    return lambda x: (1 / (1 - x / rr) + c * a / (1 - x / rk)
                      * (mp.mpf(4) / 3 - 1 / (1 - x / rr) - 1 / (9 * (1 - x / rw))
                         - 2 / (9 * (1 - x / rp))))


def kw_ref(x, ml, mm, ff=None):
    x = F(x)
    mu2 = (F(ml) / F(mm)) ** 2
    if x <= 4 * mu2 or x >= 1:
        return mp.mpf(0)
    return (2 * ALPHA / (3 * mp.pi) * (1 - x) ** 3 / x * mp.sqrt(1 - 4 * mu2 / x)
            * (1 + 2 * mu2 / x) * ff_ref(ff)(x) ** 2)


def dalitz_ref(ml, mm, ff=None, *, x_min=0.0, x_max=1.0):
    mu2 = (F(ml) / F(mm)) ** 2
    lo, hi = max(4 * mu2, F(x_min)), F(x_max)
    if lo >= hi:
        return mp.mpf(0)
    g = ff_ref(ff)
    # in w (x = 4μ² cosh² w) the integrand is analytic: 2 tanh²w (1 + 1/(2cosh²w)) (1 − x)³ F².
    # 60 digits: at 40, tanh-sinh on the tiny w range of 1 − 2m/M = 1e-12 did not converge
    with mp.workdps(60):
        wlo, whi = mp.acosh(mp.sqrt(lo / (4 * mu2))), mp.acosh(mp.sqrt(hi / (4 * mu2)))

        def h(w):
            x = 4 * mu2 * mp.cosh(w) ** 2
            return (2 * mp.tanh(w) ** 2 * (1 + 1 / (2 * mp.cosh(w) ** 2)) * (1 - x) ** 3
                    * g(x) ** 2)
        return 2 * ALPHA / (3 * mp.pi) * mp.quad(h, mp.linspace(wlo, whi, 5))


_FF_K = [None, K.form_factor_pole(-1.0), K.form_factor_pole(0.7), K.form_factor_bms(-0.2),
         K.form_factor_bms(0.3)]


def _kw_points():
    pts = []
    for ml, mm in ((ME, MPI0), (ME, MK0), (MMU, MK0), (0.2, 0.41), (1e-6, 1.0)):
        lo = 4 * (ml / mm) ** 2        # down to x − 4μ² = 1e-12 x at x_min
        for x in ([lo * (1 + e) for e in (1e-12, 1e-8, 1e-4, 1e-2, 1.0) if lo * (1 + e) < 1]
                  + [1 - d * (1 - lo) for d in (1e-12, 1e-6, 1e-2, 0.5)]):
            for ff in (_FF_K if mm == MK0 else [None]):
                pts.append((x, ml, mm, ff))
    return pts


_DALITZ_POINTS = ([(ml, mm, None) for mm in (MPI0, MK0, 1.0)
                   for ml in [mu * mm for mu in logspace(1e-7, 0.45, 9)]]
                  + [(0.5 * mm * (1 - d), mm, None) for mm in (MK0, 1.0)
                     for d in (0.1, 1e-2, 1e-4, 1e-8, 1e-12)]
                  + [(ml, MK0, ff) for ml in (ME, MMU, 0.2) for ff in _FF_K])
_DALITZ_PARTIAL = [(ml, MK0, ff) for ml in (ME, MMU) for ff in (None, _FF_K[3])]
_X_NEAR = 4 * (MMU / MK0) ** 2 * (1 + 1e-9)          # an x_max just above x_min (muons in K_L)


def dd_limits_ref(m1, m2, m):
    m1, m2, m = F(m1), F(m2), F(m)
    return ((4 * m1 ** 2, (m - 2 * m2) ** 2), (4 * m2 ** 2, (m - 2 * m1) ** 2))


_DD_LIMITS_POINTS = [(MMU, ME, MK0), (ME, ME, MPI0), (MMU, MMU, MK0), (1e-6, 2e-6, 1.0),
                     (0.1, 0.15, 0.5 * (1 + 1e-12)), (0.2, 1e-9, 0.4000001), (ME, MMU, MK0)]


def dd_ratio_ref(m1, m2, m, ff=None, *, identical=False):
    """2 (α/3π)² ∫∫ dx₁dx₂/(x₁x₂) λ^{3/2} β₁(1 + 2μ₁²/x₁) β₂(1 + 2μ₂²/x₂) F₁²F₂², in w₁, w₂
    (x = 4μ² cosh² w) by nested scipy quad: mpmath in two dimensions is too slow here."""
    u1, u2 = (m1 / m) ** 2, (m2 / m) ** 2
    g = (lambda x: 1.0) if ff is None else (lambda x: float(ff_ref(ff)(mp.mpf(x))))

    def jac(w):                     # dx/x β (1 + 2μ²/x) per dw
        return 2 * math.tanh(w) ** 2 * (1 + 0.5 / math.cosh(w) ** 2)

    def inner(w1):
        x1 = 4 * u1 * math.cosh(w1) ** 2
        top = (1 - math.sqrt(x1)) ** 2
        if top <= 4 * u2:
            return 0.0
        wtop = math.acosh(math.sqrt(top / (4 * u2)))

        def f2(w2):
            x2 = 4 * u2 * math.cosh(w2) ** 2
            lam = (1 - x1 - x2) ** 2 - 4 * x1 * x2
            return 0.0 if lam <= 0 else jac(w2) * lam ** 1.5 * g(x2) ** 2
        return (jac(w1) * g(x1) ** 2
                * integrate.quad(f2, 0, wtop, epsabs=0, epsrel=1e-13, limit=200)[0])

    w1top = math.acosh(math.sqrt((1 - 2 * math.sqrt(u2)) ** 2 / (4 * u1)))
    val = integrate.quad(inner, 0, w1top, epsabs=0, epsrel=1e-13, limit=200)[0]
    return (0.5 if identical else 1.0) * 2 * (float(C.ALPHA) / (3 * math.pi)) ** 2 * val


_DD_POINTS = [(MMU, ME, MK0, None), (ME, ME, MK0, None), (MMU, MMU, MK0, None),
              (ME, ME, MPI0, None), (MMU, ME, MK0, _FF_K[3]), (0.1, 0.1, 0.41, None),
              (1e-5, 1e-5, 1.0, None)]


def kl2g_terms_ref(x, y, r):
    """f_IB, f_SD±, f_INT± of Bijnens, Ecker & Gasser (1993), in mpmath."""
    d = x + y - 1 - r
    fib = (1 - y + r) / (x ** 2 * d) * (x ** 2 + 2 * (1 - x) * (1 - r) - 2 * x * r * (1 - r) / d)
    fsp = d * ((x + y - 1) * (1 - x) - r)
    fsm = (1 - y + r) * ((1 - x) * (1 - y) + r)
    fip = (1 - y + r) / (x * d) * ((1 - x) * (1 - x - y) + r)
    fim = (1 - y + r) / (x * d) * (x ** 2 - (1 - x) * (1 - x - y) - r)
    return fib, fsp, fsm, fip, fim


def kl2g_density_ref(x, y, ml, fv, fa, part="all", *, m_k=C.M_KPLUS, f_k=C.NA62V_F_K):
    x, y, mk, fk = F(x), F(y), F(m_k), F(f_k)
    r = (F(ml) / mk) ** 2
    if not (0 < x < 1 - r and 1 - x + r / (1 - x) < y < 1 + r):
        return mp.mpf(0)
    fib, fsp, fsm, fip, fim = kl2g_terms_ref(x, y, r)
    aib = ALPHA / (2 * mp.pi) / (1 - r) ** 2
    asd = ALPHA / (8 * mp.pi) / (r * (1 - r) ** 2) * (mk / fk) ** 2
    aint = ALPHA / (2 * mp.pi) / (1 - r) * (mk / fk)
    sp_, sm_ = F(fv) + F(fa), F(fv) - F(fa)
    t = {"ib": aib * fib, "sd+": asd * sp_ ** 2 * fsp, "sd-": asd * sm_ ** 2 * fsm,
         "int+": aint * sp_ * fip, "int-": aint * sm_ * fim}
    if part in t:
        return t[part]
    if part == "sd":
        return t["sd+"] + t["sd-"]
    if part == "int":
        return t["int+"] + t["int-"]
    return sum(t.values())


_PARTS = ("ib", "sd+", "sd-", "int+", "int-", "sd", "int", "all")


def _kl2g_points():
    pts = []
    for ml in (ME, MMU):
        r = (ml / MKP) ** 2
        for x in (1e-8, 1e-4, 0.05, 0.5, 0.9, 1 - r - 1e-3, 1 - r - 1e-7):
            lo, hi = 1 - x + r / (1 - x), 1 + r
            for y in edge_points(lo, hi, (1e-9, 1e-6, 1e-3, 0.1, 0.5)):
                for part in _PARTS:
                    pts.append((x, y, ml, 0.0945, 0.0425, part))
    return pts


def kl2g_spectrum_ref(x, ml, fv, fa, part="all", **kw):
    r = (F(ml) / F(C.M_KPLUS)) ** 2
    x = F(x)
    if not 0 < x < 1 - r:
        return mp.mpf(0)
    # in u = ln(x + y − 1 − r) the collinear 1/d peak of IB is flat; tanh-sinh on 4 panels
    ulo, uhi = mp.log(r * x / (1 - x)), mp.log(x)
    with mp.workdps(25):                  # 25 digits: ample against the bound, and faster
        return mp.quad(lambda u: kl2g_density_ref(x, mp.exp(u) + 1 + r - x, ml, fv, fa, part)
                       * mp.exp(u), mp.linspace(ulo, uhi, 5))


_KL2GX_POINTS = [(x, ml, 0.0945, 0.0425, part) for ml in (ME, MMU)
                 for x in (1e-4, 1e-3, 0.05, 0.4, 0.9, 0.999 * (1 - (ml / MKP) ** 2))
                 for part in ("ib", "sd+", "sd-", "int+", "int-", "all")]


def pipi_ref(m, a00=C.TWOPH_A00_CGL_2001, wave="delta", *, m_pi=C.M_PIPLUS):
    """Schenk: tan δ_ℓ = √(1 − 4/s) q^{2ℓ} (A + Bq² + Cq⁴ + Dq⁶)(4 − s_ℓ)/(s − s_ℓ), units M_π."""
    s = (F(m) / F(m_pi)) ** 2

    def delta(coeffs, ell, a):
        A, B, Cc, D, sl = (F(c) for c in coeffs)
        q2 = s / 4 - 1
        return mp.atan(mp.sqrt(1 - 4 / s) * q2 ** ell * (a + B * q2 + Cc * q2 ** 2 + D * q2 ** 3)
                       * (4 - sl) / (s - sl))

    d0 = delta(C.TWOPH_SCHENK_S0, 0, F(a00))
    d1 = delta(C.TWOPH_SCHENK_P1, 1, F(C.TWOPH_SCHENK_P1[0]))
    return {"delta": d0 - d1, "s0": d0, "p1": d1}[wave]


_MPIP = float(C.M_PIPLUS)
_PIPI_POINTS = [(m, a, w) for w in ("delta", "s0", "p1") for a in (0.22, 0.15, 0.3)
                for m in edge_points(2 * _MPIP, 0.8, (1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.1, 0.5))
                + [0.8]]


# --------------------------------------------------------------------------------------------
# K+ -> pi+ l+ l- with the linear form factor
# --------------------------------------------------------------------------------------------
_MPIP = float(C.M_PIPLUS)
_GF = float(C.G_F)


def kpill_base_ref(z, ml):
    z, rl2, rp2 = F(z), (F(ml) / F(MKP)) ** 2, (F(_MPIP) / F(MKP)) ** 2
    lam = (1 - z - rp2) ** 2 - 4 * z * rp2
    if lam <= 0 or z <= 4 * rl2:
        return mp.mpf(0)
    return lam ** mp.mpf(1.5) * mp.sqrt(1 - 4 * rl2 / z) * (1 + 2 * rl2 / z)


def kpill_pref():
    return ALPHA**2 / (12 * mp.pi * (4 * mp.pi) ** 4) * F(MKP) * (F(_GF) * F(MKP) ** 2) ** 2


def kpill_spectrum_ref(z, ml, a, b):
    return kpill_pref() * kpill_base_ref(z, ml) * (F(a) + F(b) * F(z)) ** 2


def kpill_width_ref(ml, a, b):
    rl2, rp2 = (F(ml) / F(MKP)) ** 2, (F(_MPIP) / F(MKP)) ** 2
    z0, z1 = 4 * rl2, (1 - mp.sqrt(rp2)) ** 2
    f = lambda t: kpill_spectrum_ref(t, ml, a, b)  # noqa: E731
    return mp.quad(f, [z0, z0 * (1 + mp.mpf(10) ** -6), 2 * z0, 10 * z0, 100 * z0, z1]
                   if z0 * 100 < z1 else [z0, (z0 + z1) / 2, z1])


_KPILL_SPEC_POINTS = [(z, ml, a, b) for ml in (ME, MMU) for a, b in ((-0.587, -0.655), (1.0, 3.0))
                      for z in (4 * (ml / MKP) ** 2 * (1 + 1e-5), 0.05, 0.2, 0.4, 0.5)
                      if z > 4 * (ml / MKP) ** 2]
_KPILL_WIDTH_POINTS = [(ml, a, b) for ml in (ME, MMU)
                       for a, b in ((-0.587, -0.655), (1.0, 0.0), (0.0, 1.0), (-5.0, 5.0))]


# --------------------------------------------------------------------------------------------
# K_L -> pi0 gamma gamma at O(p^4): F(x) from its Feynman-parameter integral, never the closed form
# --------------------------------------------------------------------------------------------
def loop_f_ref(x):
    """F(x) = −2x ∫₀¹dξ ∫₀^{1−ξ}dη ξη/(1 − xξη − i0): the inner η integral in closed form,
    ∫₀^{a} η/(1 − cη − i0) dη = −a/c − ln(1 − ca − i0)/c², c = xξ, then mp.quad over ξ (split where
    1 − xξ(1−ξ) = 0, the real cut)."""
    x = F(x)
    if x == 0:
        return mp.mpc(0)

    def inner(xi):
        a, c = 1 - xi, x * xi
        arg = 1 - c * a
        if arg == 0:                            # the integrable log point ξ = 1/2 at x = 4
            return mp.mpf(0)
        lg = mp.log(abs(arg)) - (mp.mpc(0, mp.pi) if arg < 0 else 0)   # ln(arg − i0)
        return xi * (-a / c - lg / c**2)

    half = mp.mpf(1) / 2                    # 1 − xξ(1−ξ) is smallest at ξ = 1/2 (zero at x = 4)
    pts = [mp.mpf(0), half, mp.mpf(1)]
    if x > 4:
        d = mp.sqrt(1 - 4 / x)
        pts = [mp.mpf(0), (1 - d) / 2, half, (1 + d) / 2, mp.mpf(1)]
    return -2 * x * mp.quad(inner, pts)


_LOOP_F_POINTS = [(x,) for x in (0.0, 1e-8, 1e-3, 0.3, 0.999, 1.0, 1.001, 2.5, 3.999999, 4.0,
                                  4.000001, 4.1, 6.0, 20.0, 1e3, 1e4)]

_MPIC, _MK0 = float(C.M_PIPLUS), float(C.M_K0)
_G8 = float(C.PIGG_G8_E14)


def kl_pigg_spec_ref(z, g8, a_v=0.0, kaon_loop=True):
    z, mk, mp_, ml = F(z), F(_MK0), F(MPI0), F(_MPIC)
    r2 = (mp_ / mk) ** 2
    lam = (1 - z - r2) ** 2 - 4 * z * r2
    if z <= 0 or lam <= 0:
        return mp.mpf(0)
    amp = (1 - r2 / z) * loop_f_ref(z * (mk / ml) ** 2)
    if kaon_loop:
        amp -= (1 - (1 + r2) / z) * loop_f_ref(z)
    norm = ALPHA / mp.pi * F(g8) * mk**2
    a_v = F(a_v)
    amp, b = (amp + a_v * (3 - z + r2)) * norm, -2 * a_v * norm
    ymax = mp.sqrt(lam) / 2                 # y integral of (y² − λ/4)² done numerically here
    y4 = mp.quad(lambda y: (y**2 - lam / 4) ** 2, [0, ymax])
    return mk / (512 * mp.pi**3) * (z**2 * abs(amp + b) ** 2 * ymax + b**2 * y4)


def kl_pigg_width_ref(g8, a_v=0.0, kaon_loop=True):
    mk = F(_MK0)
    z1 = (1 - F(MPI0) / mk) ** 2
    zt = 4 * (F(_MPIC) / mk) ** 2
    with mp.workdps(20):
        return mp.quad(lambda t: kl_pigg_spec_ref(t, g8, a_v, kaon_loop), [0, zt / 2, zt, (zt + z1) / 2,
                                                                      z1])


_ZT = 4 * (_MPIC / _MK0) ** 2
_Z1 = (1 - MPI0 / _MK0) ** 2
_KLPIGG_Z = (1e-6, 0.05, 0.2, _ZT * (1 - 1e-9), _ZT, _ZT * (1 + 1e-9), 0.4, 0.55, _Z1 - 1e-5)
_KLPIGG_POINTS = [(z, g, a) for g, a in ((_G8, 0.0), (-2e-5, -0.72), (_G8, 0.5)) for z in _KLPIGG_Z]

_PIGG_CASES = [
    Case(K.chiral_loop_f, loop_f_ref, _LOOP_F_POINTS),
    Case(K.kl_pi0gg_spectrum, kl_pigg_spec_ref, _KLPIGG_POINTS),
    Case(K.kl_pi0gg_spectrum, kl_pigg_spec_ref, _KLPIGG_POINTS[:6],
         kwargs=dict(kaon_loop=False), label="pion loop only"),
    Case(K.kl_pi0gg_width, kl_pigg_width_ref, [(_G8, 0.0), (1e-5, 0.0), (_G8, -0.72), (_G8, 0.4)]),
    Case(K.kl_pi0gg_width, kl_pigg_width_ref, [(_G8,)],
         kwargs=dict(kaon_loop=False), label="pion loop only"),
]


CASES = [
    *_PIGG_CASES,
    Case(K.kpill_spectrum, kpill_spectrum_ref, _KPILL_SPEC_POINTS),
    Case(K.kpill_width, kpill_width_ref, _KPILL_WIDTH_POINTS),
    Case(K.gamma_two_photon, lambda f, m: F(f) ** 2 * F(m) / (16 * mp.pi),
         [(f, m) for f in (-3e-9, 1e-20, 2.0, 1e5) for m in (1e-3, MPI0, MK0, 1e3)]),
    Case(K.coupling_from_width, lambda w, m: mp.sqrt(16 * mp.pi * F(w) / F(m)),
         [(w, m) for w in (0.0, 1e-30, 7.7e-9, 1.0) for m in (1e-3, MPI0, MK0, 1e3)]),
    Case(K.kroll_wada, kw_ref, _kw_points()),
    Case(K.dalitz_ratio, dalitz_ref, _DALITZ_POINTS, label="whole"),
    Case(K.dalitz_ratio, dalitz_ref, _DALITZ_PARTIAL, kwargs=dict(x_min=0.1, x_max=0.7),
         label="partial"),
    Case(K.dalitz_ratio, dalitz_ref, [(MMU, MK0, None), (MMU, MK0, _FF_K[3])],
         kwargs=dict(x_max=_X_NEAR), label="x_max near x_min"),
    Case(K.double_dalitz_limits, dd_limits_ref, _DD_LIMITS_POINTS),
    Case(K.double_dalitz_ratio, dd_ratio_ref, _DD_POINTS),
    Case(K.kl2gamma_density, kl2g_density_ref, _kl2g_points()),
    Case(K.kl2gamma_x_spectrum, kl2g_spectrum_ref, _KL2GX_POINTS),
    Case(K.pipi_phase_shift, pipi_ref, _PIPI_POINTS),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)


@pytest.mark.parametrize("make", [lambda: K.form_factor_pointlike(), lambda: K.form_factor_pole(),
                                  lambda: K.form_factor_pole(0.7, 0.9, MPI0),
                                  lambda: K.form_factor_bms(-0.2), lambda: K.form_factor_bms(0.5),
                                  lambda: K.form_factor_bms(-0.3, 0.135, 1.0)])
def test_form_factor_values(make):
    """The factories return models (Accuracy: exact); their callables F(x) on 0 ≤ x ≤ 1 (edges
    included) agree with the defining formula in mpmath to ≤ 1e-14 relative (measured 2.4e-15)."""
    ff = make()
    xs = [0.0, 1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9, 1.0]
    got = np.atleast_1d(ff(np.array(xs)))
    with mp.workdps(DPS):
        g = ff_ref(ff)
        worst = max(float(abs(mp.mpf(v) - g(F(x))) / abs(g(F(x)))) for v, x in zip(got, xs,
                                                                                  strict=True))
    assert worst <= 1e-14
    assert float(ff(0.3)) == got[4]                      # scalar in, float out


STATISTICAL = {
    K.sample_dalitz_x: "tests/test_kaon_two_photons.py::test_sampler_histogram_matches_spectrum",
}

