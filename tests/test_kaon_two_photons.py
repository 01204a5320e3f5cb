"""Two photons, form factors and Dalitz decays (dialm.kaon.two_photons): Γ(P→γγ), Kroll–Wada,
dalitz_ratio, the form-factor models, the sampler, double Dalitz, radiative K_ℓ2 and the ππ phase
shift."""

import math

import mpmath as mp
import numpy as np
import pytest
from scipy.integrate import quad

from dialm import constants as C
from dialm.kaon.two_photons import (
    FormFactor,
    coupling_from_width,
    dalitz_ratio,
    double_dalitz_limits,
    double_dalitz_ratio,
    form_factor_bms,
    form_factor_pointlike,
    form_factor_pole,
    gamma_two_photon,
    kl2gamma_density,
    kl2gamma_x_spectrum,
    kroll_wada,
    pipi_phase_shift,
    sample_dalitz_x,
)

ME, MMU = float(C.M_E), float(C.M_MU)
MK, MPI, MKP = float(C.M_K0), float(C.M_PI0), float(C.M_KPLUS)
PREF = 2 * float(C.ALPHA) / (3 * math.pi)


def ratio_mp(ml, mm, ff=None):
    """30-digit reference of Γ(ℓℓγ)/Γ(γγ), with an mpmath form factor."""
    with mp.workdps(30):
        mu2 = (mp.mpf(ml) / mm) ** 2

        def f(x):
            val = PREF * (1 - x) ** 3 / x * mp.sqrt(1 - 4 * mu2 / x) * (1 + 2 * mu2 / x)
            return val * (ff(x) ** 2 if ff else 1)

        pts = [4 * mu2] + [p for p in (8 * mu2, 100 * mu2, 0.01, 0.1) if 4 * mu2 < p < 1] + [1]
        return float(mp.quad(f, pts))


def bms_mp(ff):
    a, c, rr, rw, rp, rk = (mp.mpf(v) for v in ff.params)
    return lambda x: (1 / (1 - x / rr) + c * a / (1 - x / rk)
                      * (mp.mpf(4) / 3 - 1 / (1 - x / rr) - 1 / (9 * (1 - x / rw))
                         - 2 / (9 * (1 - x / rp))))


def test_two_photon_width_and_inverse():
    assert gamma_two_photon(2.0, 3.0) == pytest.approx(4 * 3 / (16 * math.pi), rel=1e-15)
    w = gamma_two_photon([1e-9, 3e-9], MK)
    assert np.allclose(coupling_from_width(w, MK), [1e-9, 3e-9], rtol=1e-14)
    # pi0: the measured width gives the anomaly's f = α M_π/(2π F_π) to 2 %
    g = float(C.BR_PI0_GG) * float(C.HBAR_GEV_S) / float(C.TAU_PI0_S)
    anomaly = float(C.ALPHA) * MPI / (2 * math.pi * float(C.TWOPH_F_PI))
    assert coupling_from_width(g, MPI) == pytest.approx(anomaly, rel=0.02)


def test_pi0_dalitz_fraction():
    r = dalitz_ratio(ME, MPI)
    assert r == pytest.approx(0.011851, abs=2e-6)
    pdg = float(C.BR_PI0_EEG) / float(C.BR_PI0_GG)
    assert abs(r - pdg) < float(C.BR_PI0_EEG.sigma) / float(C.BR_PI0_GG)


@pytest.mark.parametrize("ml, mm", [(ME, MPI), (ME, MK), (MMU, MK), (0.2, 0.41), (1e-6, 1.0),
                                    (MMU, 0.2115)])
def test_pointlike_ratio_against_mpmath(ml, mm):
    assert dalitz_ratio(ml, mm) == pytest.approx(ratio_mp(ml, mm), rel=1e-13)


def test_pointlike_small_mass_limit():
    # R → (2α/3π)[ln(M²/m²) − 7/2] + O(μ² ln μ) for m ≪ M
    for mu in (1e-5, 1e-6, 1e-7):
        assert dalitz_ratio(mu, 1.0) == pytest.approx(PREF * (math.log(mu ** -2) - 3.5), rel=1e-8)


@pytest.mark.parametrize("alpha", [-0.5, -0.2, 0.0, 0.3])
@pytest.mark.parametrize("ml", [ME, MMU])
def test_bms_ratio_against_mpmath_and_callable(alpha, ml):
    ff = form_factor_bms(alpha)
    ref = ratio_mp(ml, MK, bms_mp(ff))
    assert dalitz_ratio(ml, MK, ff) == pytest.approx(ref, rel=1e-12)
    assert dalitz_ratio(ml, MK, lambda x: ff(x)) == pytest.approx(ref, rel=1e-12)


def test_form_factor_models():
    x = np.linspace(0, 1, 11)
    assert form_factor_bms(-0.3)(0.0) == pytest.approx(1.0, abs=1e-15)
    assert form_factor_pole(0.7)(0.0) == 1.0
    assert np.allclose(form_factor_bms(0.0)(x), form_factor_pole(-1.0)(x), rtol=1e-14)
    r = (float(C.M_RHO0) / MK) ** 2
    assert np.allclose(form_factor_pole(-1.0)(x), 1 / (1 - x / r), rtol=1e-14)
    assert np.all(form_factor_pointlike()(x) == 1.0)
    # slope at 0 of BMS: 1/r_ρ − C α (1/r_ρ + 1/(9 r_ω) + 2/(9 r_φ))
    ff = form_factor_bms(-0.2)
    _, c, rr, rw, rp, _ = ff.params
    slope = (ff(1e-6) - 1) / 1e-6
    assert slope == pytest.approx(1 / rr - c * -0.2 * (1 / rr + 1 / (9 * rw) + 2 / (9 * rp)), rel=1e-4)
    assert ff == form_factor_bms(-0.2) and ff != form_factor_bms(-0.21)
    assert hash(ff) == hash(form_factor_bms(-0.2)) and "bms" in repr(ff)


def test_kroll_wada_positive_zero_outside_and_integrates():
    mu2 = (MMU / MK) ** 2
    x = np.linspace(0, 1, 2001)
    for ff in (None, form_factor_bms(-0.2), form_factor_pole(-1.0)):
        s = kroll_wada(x, MMU, MK, ff)
        assert np.all(s >= 0) and np.all(s[x <= 4 * mu2] == 0) and s[-1] == 0
        q = quad(lambda t, ff=ff: kroll_wada(t, MMU, MK, ff), 4 * mu2, 1, epsrel=1e-12)[0]
        assert dalitz_ratio(MMU, MK, ff) == pytest.approx(q, rel=1e-9)


def test_partial_ranges_add_up_and_broadcast():
    ff = form_factor_bms(-0.2)
    whole = dalitz_ratio(ME, MK, ff)
    parts = dalitz_ratio(ME, MK, ff, x_min=[0.0, 0.1, 0.5], x_max=[0.1, 0.5, 1.0])
    assert parts.shape == (3,) and np.sum(parts) == pytest.approx(whole, rel=1e-12)
    assert dalitz_ratio(ME, MK, x_min=0.6, x_max=0.5) == 0.0
    both = dalitz_ratio([ME, MMU], MK)
    assert both[0] == pytest.approx(dalitz_ratio(ME, MK), rel=1e-15)
    assert isinstance(dalitz_ratio(ME, MK), float)


def test_muon_mode_more_sensitive_to_the_form_factor():
    lo, hi = form_factor_bms(-0.4), form_factor_bms(0.0)
    re = dalitz_ratio(ME, MK, hi) / dalitz_ratio(ME, MK, lo)
    rm = dalitz_ratio(MMU, MK, hi) / dalitz_ratio(MMU, MK, lo)
    assert rm < re < 1.0


def test_sampler_histogram_matches_spectrum():
    ff = form_factor_bms(-0.2)
    n = 200_000
    x = sample_dalitz_x(n, MMU, MK, ff, seed=11)
    edges = np.linspace(4 * (MMU / MK) ** 2, 1, 21)
    h, _ = np.histogram(x, edges)
    tot = dalitz_ratio(MMU, MK, ff)
    expect = n * dalitz_ratio(MMU, MK, ff, x_min=edges[:-1], x_max=edges[1:]) / tot
    keep = expect > 20
    chi2 = np.sum((h[keep] - expect[keep]) ** 2 / expect[keep])
    assert chi2 < keep.sum() + 5 * math.sqrt(2 * keep.sum())
    assert np.array_equal(x[:5], sample_dalitz_x(n, MMU, MK, ff, seed=11)[:5])


def test_double_dalitz_limits_and_ratio():
    (a1, b1), (a2, b2) = double_dalitz_limits(MMU, ME, MK)
    assert a1 == pytest.approx(4 * MMU ** 2) and b1 == pytest.approx((MK - 2 * ME) ** 2)
    assert a2 == pytest.approx(4 * ME ** 2) and b2 == pytest.approx((MK - 2 * MMU) ** 2)
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

    ref = 2 * (PREF / 2) ** 2 * quad(inner, 4 * u1, (1 - 2 * math.sqrt(u2)) ** 2, epsrel=1e-10,
                                     limit=200)[0]
    assert double_dalitz_ratio(MMU, ME, MK) == pytest.approx(ref, rel=1e-8)
    ee = double_dalitz_ratio(ME, ME, MK, identical=True)
    assert ee == pytest.approx(0.5 * double_dalitz_ratio(ME, ME, MK), rel=1e-15)
    # today's B(K_L -> eeee)/B(K_L -> γγ) within 10 % (point-like, no interference)
    meas = float(C.BR_KL_EEEE) / float(C.BR_KL_GG)
    assert ee == pytest.approx(meas, rel=0.1)
    # a form factor that rises enhances the muon pair most
    assert double_dalitz_ratio(MMU, ME, MK, form_factor_bms(-0.2)) > double_dalitz_ratio(MMU, ME, MK)


@pytest.mark.parametrize("part", ["ib", "sd+", "sd-", "int+", "int-", "all"])
@pytest.mark.parametrize("ml", [ME, MMU])
def test_kl2gamma_x_spectrum_against_quad(part, ml):
    r = (ml / MKP) ** 2
    for x in (0.05, 0.4, 0.9):
        if x >= 1 - r:
            continue
        # reference: adaptive quadrature in u = ln(x + y − 1 − r) (the collinear IB peak is flat)
        q = quad(lambda u, x=x: kl2gamma_density(x, math.exp(u) + 1 + r - x, ml, 0.0945, 0.0425,
                                                 part) * math.exp(u),
                 math.log(r * x / (1 - x)), math.log(x), epsrel=1e-13, limit=200)[0]
        assert kl2gamma_x_spectrum(x, ml, 0.0945, 0.0425, part, y_nodes=96) == \
            pytest.approx(q, rel=1e-8, abs=1e-30)


def test_kl2gamma_sd_plus_reproduces_e787():
    # B(SD+) = B(K_mu2) ∫∫ A_SD (F_V + F_A)² f_SD+, E787: |F_V + F_A| = 0.165 -> 1.33e-5
    fsum = float(C.TWOPH_FVPA_E787)
    r = (MMU / MKP) ** 2
    x = np.linspace(0, 1 - r, 4001)
    s = kl2gamma_x_spectrum(x, MMU, fsum, 0.0, "sd+")
    br = float(C.BR_KPLUS_MUNU) * np.trapezoid(s, x)
    assert br == pytest.approx(float(C.TWOPH_BR_KMUNUG_SDP_E787), rel=0.15)
    # SD+ vanishes for F_V = -F_A, SD- for F_V = F_A; IB independent of both
    assert kl2gamma_density(0.5, 0.9, MMU, 0.1, -0.1, "sd+") == 0.0
    assert kl2gamma_density(0.5, 0.9, MMU, 0.1, 0.1, "sd-") == 0.0
    assert kl2gamma_density(0.5, 0.9, MMU, 0.1, 0.3, "ib") == kl2gamma_density(0.5, 0.9, MMU, 0, 0,
                                                                               "ib")
    assert kl2gamma_density(0.5, 0.2, MMU, 0.1, 0.3) == 0.0       # outside the Dalitz region
    assert kl2gamma_density(0.5, 0.9, MMU, 0.1, 0.03, "sd") > 0


def test_pipi_phase_shift():
    mpi = float(C.M_PIPLUS)
    m = 2 * mpi * (1 + 1e-6)
    s = (m / mpi) ** 2
    q = math.sqrt(s / 4 - 1)
    assert pipi_phase_shift(m, wave="s0") == pytest.approx(2 * q / math.sqrt(s) * 0.220, rel=1e-4)
    assert pipi_phase_shift(2 * mpi) == 0.0
    grid = np.linspace(0.28, 0.4, 50)
    d = pipi_phase_shift(grid)
    assert np.all(np.diff(d) > 0) and 0.1 < d[-1] < 0.4
    assert np.all(pipi_phase_shift(grid, 0.26) > d)
    assert np.allclose(pipi_phase_shift(grid, wave="s0") - pipi_phase_shift(grid, wave="p1"), d)


@pytest.mark.parametrize("call, match", [
    (lambda: dalitz_ratio(0.3, 0.5), "m_lepton = 0.3 is outside.*closed"),
    (lambda: dalitz_ratio(-ME, MK), "m_lepton = -0.000510"),
    (lambda: dalitz_ratio(ME, 0.0), "m_meson = 0"),
    (lambda: dalitz_ratio(ME, MK, x_min=1.5), "x_min = 1.5"),
    (lambda: dalitz_ratio(ME, MK, form_factor="bms"), "form_factor = 'bms'"),
    (lambda: dalitz_ratio(ME, MPI, form_factor_bms(-0.2)), "built for m_meson"),
    (lambda: kroll_wada(1.2, ME, MK), "x = 1.2"),
    (lambda: form_factor_bms(math.nan), "alpha_kstar = nan"),
    (lambda: form_factor_bms(0.1, m_meson=0.9), "m_meson = 0.9"),
    (lambda: form_factor_pole(-1.0, m_v=0.3), "m_v = 0.3"),
    (lambda: FormFactor("dip", (), MK), "kind = 'dip'"),
    (lambda: form_factor_bms(0.1)(-0.1), "x = -0.1"),
    (lambda: gamma_two_photon(math.inf, MK), "f = inf"),
    (lambda: coupling_from_width(-1.0, MK), "width = -1.0"),
    (lambda: sample_dalitz_x(0, MMU, MK), "n = 0"),
    (lambda: sample_dalitz_x(10, MMU, MK, seed=-3), "seed"),
    (lambda: double_dalitz_limits(MMU, MMU, 0.4), "m1 \\+ m2"),
    (lambda: double_dalitz_ratio(ME, ME, MK, form_factor=lambda x: 1.0), "form_factor"),
    (lambda: kl2gamma_density(0.5, 0.9, MMU, 0.1, 0.0, "sd"), None),
    (lambda: kl2gamma_density(0.5, 0.9, MMU, 0.1, 0.0, "ds"), "part = 'ds'"),
    (lambda: kl2gamma_x_spectrum(0.5, -MMU, 0.1, 0.0), "m_lepton"),
    (lambda: pipi_phase_shift(0.2), "m_pipi = 0.2"),
    (lambda: pipi_phase_shift(0.3, a00=-0.1), "a00 = -0.1"),
    (lambda: pipi_phase_shift(0.3, wave="d"), "wave = 'd'"),
])
def test_bad_input(call, match):
    if match is None:
        call()
        return
    with pytest.raises(ValueError, match=match):
        call()


# --------------------------------------------------------------------------------------------
# K_L -> pi0 gamma gamma at O(p^4)
# --------------------------------------------------------------------------------------------
def test_loop_function_limits_and_branches():
    """F ≈ −x/12 − x²/90 at small x; continuous where the evaluation switches (series → arcsin² at
    x = 1, arcsin² → logarithms at x = 4, where F = 1 − π²/4); Im F < 0 only above threshold."""
    from dialm.kaon.two_photons import chiral_loop_f

    x = np.array([1e-8, 1e-4, 1e-3])
    assert np.allclose(chiral_loop_f(x).real, -x / 12 - x**2 / 90, rtol=1e-6, atol=0)
    for edge in (1.0, 4.0):
        lo, hi = chiral_loop_f(edge * (1 - 1e-12)), chiral_loop_f(edge * (1 + 1e-12))
        assert abs(hi - lo) < 1e-5
    assert chiral_loop_f(4.0) == pytest.approx(1 - math.pi**2 / 4, rel=1e-15)
    assert chiral_loop_f(0.0) == 0.0
    grid = np.linspace(0.01, 50, 400)
    f = chiral_loop_f(grid)
    assert np.all(f.imag[grid <= 4] == 0) and np.all(f.imag[grid > 4] < 0)


def test_kl_pi0gg_scaling_and_threshold():
    """Γ ∝ G₈², quadratic in a_V; at O(p⁴) under a tenth of the rate lies below M_γγ = 2M_π⁺
    (F ≈ −x/12 there), with a_V = −0.72 over a quarter (its B amplitude does not vanish at small
    M_γγ); the kaon loop is a few per cent of the rate."""
    from dialm.kaon.two_photons import kl_pi0gg_spectrum, kl_pi0gg_width

    g = float(C.PIGG_G8_E14)
    assert kl_pi0gg_width(2 * g) == pytest.approx(4 * kl_pi0gg_width(g), rel=1e-14)
    w = [kl_pi0gg_width(g, a) for a in (-1.0, 0.0, 1.0, 2.0)]
    assert w[3] - 3 * w[2] + 3 * w[1] - w[0] == pytest.approx(0.0, abs=1e-10 * w[1])
    zt = (2 * float(C.M_PIPLUS) / MK) ** 2
    frac = {}
    for a_v in (0.0, -0.72):
        low = quad(lambda t, a_v=a_v: kl_pi0gg_spectrum(t, a_v=a_v), 0, zt, epsrel=1e-10)[0]
        frac[a_v] = low / kl_pi0gg_width(a_v=a_v)
    assert frac[0.0] < 0.1 < 0.25 < frac[-0.72]
    ratio = kl_pi0gg_width(kaon_loop=False) / kl_pi0gg_width()
    assert 0.85 < ratio < 1.0
    assert kl_pi0gg_spectrum(np.array([0.0, (1 - MPI / MK) ** 2])).tolist() == [0.0, 0.0]
