"""Tests of dialm.precession: frequencies, the decay spectrum, the generators and the wiggle fit."""

import math

import numpy as np
import pytest
from scipy.integrate import quad

from dialm import precession as P
from dialm.constants import A_MU_EXP_2025, E989_B_T, E_TESLA_GEV2, M_MU, TAU_MU_S

A_MU = float(A_MU_EXP_2025)
GAMMA = P.magic_gamma(A_MU)
OMEGA = P.anomalous_precession_frequency(A_MU, E989_B_T)
TAU = GAMMA * float(TAU_MU_S)
T_C = P.cyclotron_period(GAMMA)


# ------------------------------------------------------------------ frequencies and magic momentum
def test_omega_a_hand_number_si():
    """ω_a = a e B / m with e and m_μ in SI units (CODATA 2018 by hand): E989 ≈ 229 kHz."""
    e_si, m_kg = 1.602176634e-19, 1.883531627e-28
    hand = A_MU * e_si * 1.45 / m_kg
    assert OMEGA == pytest.approx(hand, rel=2e-9)
    assert OMEGA / (2 * math.pi) == pytest.approx(229e3, rel=2e-3)


def test_tesla_conversion_matches_critical_field():
    """e·(1 T) in GeV² equals m_e²/B_crit with the QED critical field 4.414e9 T."""
    m_e = 0.51099895e-3
    assert float(E_TESLA_GEV2) == pytest.approx(m_e**2 / 4.414004e9, rel=1e-6)


def test_magic_gamma_and_momentum():
    assert GAMMA == pytest.approx(29.30, abs=0.01)
    assert A_MU - 1.0 / (GAMMA**2 - 1.0) == pytest.approx(0.0, abs=1e-18)
    p = P.magic_momentum(A_MU)
    assert p == pytest.approx(3.094, abs=0.001)
    assert p == pytest.approx(float(M_MU) * math.sqrt(GAMMA**2 - 1), rel=1e-13)


def test_precession_over_cyclotron_is_a_gamma():
    omega_c = P.cyclotron_frequency(GAMMA, E989_B_T)
    assert OMEGA / omega_c == pytest.approx(A_MU * GAMMA, rel=1e-13)
    assert T_C == pytest.approx(149.1e-9, rel=1e-3)


def test_broadcasting_and_scalar_out():
    out = P.anomalous_precession_frequency(np.array([1e-3, 2e-3]), np.array([[1.0], [2.0]]))
    assert out.shape == (2, 2) and out[1, 1] == pytest.approx(4 * out[0, 0])
    assert isinstance(P.magic_gamma(1e-3), float)


# ------------------------------------------------------------------ the lab spectrum
def test_lab_spectrum_normalised_and_integrated_forms():
    assert quad(P.lab_number_density, 0, 1)[0] == pytest.approx(1.0, abs=1e-13)
    for yt in (0.0, 0.2, 0.55, 0.9):
        num = quad(lambda y: P.lab_number_density(y) * P.lab_asymmetry(y), yt, 1)[0]
        den = quad(P.lab_number_density, yt, 1)[0]
        assert den == pytest.approx(P.accepted_fraction(yt), abs=1e-13)
        assert num / den == pytest.approx(P.threshold_asymmetry(yt), abs=1e-12)


def test_threshold_inverse_and_monotonic():
    y = np.linspace(0, 1, 1001)
    A = P.threshold_asymmetry(y)
    assert np.all(np.diff(A) > 0) and A[0] == 0 and A[-1] == pytest.approx(1.0)
    assert np.allclose(P.threshold_for_asymmetry(A), y, atol=1e-12)


def test_decay_chain_reproduces_lab_spectrum_asymmetry_and_fraction():
    """Full MC (rest-frame Michel decay, boost) against the analytic N(y), A(y_t), F(y_t)."""
    n, yt = 600_000, 0.55
    e_th = yt * P.positron_energy_max(GAMMA)
    kept = [P.generate_decays(n, GAMMA, TAU_MU_S, 0.0, phase, e_th, seed=s)[0].size
            for s, phase in enumerate((0.0, math.pi, math.pi / 2))]
    A = (kept[0] - kept[1]) / (kept[0] + kept[1])
    sigma_A = math.sqrt((1 - A**2) / (kept[0] + kept[1]))
    assert abs(A - P.threshold_asymmetry(yt)) < 4 * sigma_A
    F = P.accepted_fraction(yt)
    assert abs(kept[2] / n - F) < 4 * math.sqrt(F * (1 - F) / n)
    # the energy spectrum at ψ = π/2 (no spin projection on the boost axis): n(y)
    _, e = P.generate_decays(n, GAMMA, TAU_MU_S, 0.0, math.pi / 2, 0.0, seed=9)
    h, edges = np.histogram(e / P.positron_energy_max(GAMMA), np.linspace(0, 1, 21))
    expect = n * np.diff([quad(P.lab_number_density, 0, x)[0] for x in edges])
    chi2 = np.sum((h - expect) ** 2 / expect)
    assert chi2 < 20 + 5 * math.sqrt(40)


# ------------------------------------------------------------------ the wiggle and its generators
def test_wiggle_cdf_against_quadrature():
    pars = (1e6, TAU, 0.37, OMEGA, 0.8)

    def rate(t):
        return pars[0] / TAU * math.exp(-t / TAU) * (1 + 0.37 * math.cos(OMEGA * t + 0.8))

    for t in (3e-6, 41.3e-6, 200e-6):
        ref = quad(rate, 0, t, limit=2000, epsabs=0, epsrel=1e-12)[0]
        assert P.wiggle_cdf(t, *pars) == pytest.approx(ref, rel=1e-10)


def test_generated_lifetime_and_asymmetry_recovered():
    n = 400_000
    t = P.generate_decay_times(n, TAU, 0.0, 0.0, seed=4)
    assert abs(t.mean() - TAU) < 4 * TAU / math.sqrt(n)
    counts, edges = P.fill_wiggle_histogram(n, TAU, 0.37, OMEGA, 0.8, bin_width=T_C, seed=5)
    fit = P.fit_wiggle(counts, edges, OMEGA, TAU, t_start=0.0)
    assert fit.valid
    checks = ((fit.tau, fit.tau_err, TAU), (fit.asymmetry, fit.asymmetry_err, 0.37),
              (fit.omega_a, fit.omega_a_err, OMEGA), (fit.phase, fit.phase_err, 0.8))
    for value, err, truth in checks:
        assert abs(value - truth) < 4 * err


def test_histogram_normalisation():
    n = 200_000
    counts, edges = P.fill_wiggle_histogram(n, TAU, 0.4, OMEGA, 0.0, t_max=300e-6, seed=6)
    inside = P.wiggle_cdf(edges[-1], 1.0, TAU, 0.4, OMEGA, 0.0) / P.wiggle_cdf(1.0, 1.0, TAU, 0.4,
                                                                              OMEGA, 0.0)
    assert abs(counts.sum() - n * inside) < 5 * math.sqrt(n * inside * (1 - inside))
    mu = P.wiggle_expected(edges, 1e9, TAU, 0.4, OMEGA, 0.0)
    c2, e2 = P.poisson_wiggle_histogram(1e9, TAU, 0.4, OMEGA, 0.0, t_max=300e-6, seed=7)
    assert np.array_equal(e2, edges)
    assert abs(c2.sum() - mu.sum()) < 5 * math.sqrt(mu.sum())


def test_generators_are_deterministic_per_seed():
    a = P.generate_decay_times(1000, TAU, 0.3, OMEGA, seed=11)
    b = P.generate_decay_times(1000, TAU, 0.3, OMEGA, seed=11)
    c = P.generate_decay_times(1000, TAU, 0.3, OMEGA, seed=12)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    h1 = P.poisson_wiggle_histogram(1e6, TAU, 0.3, OMEGA, seed=3)[0]
    h2 = P.poisson_wiggle_histogram(1e6, TAU, 0.3, OMEGA, seed=3)[0]
    assert np.array_equal(h1, h2)


# ------------------------------------------------------------------ the fit
def test_deviance_kernel_equals_iminuit_extended_binned_nll():
    from iminuit.cost import ExtendedBinnedNLL

    counts, edges = P.poisson_wiggle_histogram(1e7, TAU, 0.37, OMEGA, 1.0, bin_width=T_C, seed=2)
    xe, n = edges[200:2000] * 1e6, counts[200:1999].astype(float)
    ref = ExtendedBinnedNLL(n, xe, lambda x, *p: P._cdf_between(0.0, x, *p))
    for pars in ((1e7, 64.4, 0.37, OMEGA / 1e6, 1.0), (1.2e7, 60.0, 0.2, 1.4375, -2.0)):
        assert P._deviance(n, xe[0], xe[1] - xe[0], *pars) == pytest.approx(ref(*pars), rel=1e-9)


def test_fit_pulls_are_standard_normal():
    pulls = []
    for seed in range(24):
        c, e = P.poisson_wiggle_histogram(2e6, TAU, 0.37, OMEGA, 1.0, bin_width=T_C, seed=seed)
        fit = P.fit_wiggle(c, e, OMEGA * (1 + 2e-4), TAU * 0.97)
        assert fit.valid
        pulls.append((fit.omega_a - OMEGA) / fit.omega_a_err)
    pulls = np.array(pulls)
    assert abs(pulls.mean()) < 3 / math.sqrt(pulls.size)
    assert 0.6 < pulls.std(ddof=1) < 1.45


def test_fitted_error_scales_as_inverse_sqrt_n_and_matches_formula():
    errs = []
    for n0 in (1e6, 1e8, 1e10):
        c, e = P.poisson_wiggle_histogram(n0, TAU, 0.37, OMEGA, 1.0, bin_width=T_C, seed=1)
        fit = P.fit_wiggle(c, e, OMEGA, TAU)
        expect = P.omega_a_relative_error(fit.n_positrons, 0.37, TAU, OMEGA)
        assert fit.relative_error == pytest.approx(expect, rel=0.02)
        errs.append(fit.relative_error)
    assert errs[0] / errs[1] == pytest.approx(10.0, rel=0.02)
    assert errs[1] / errs[2] == pytest.approx(10.0, rel=0.02)
    small = P.omega_a_relative_error(1e9, 0.37, TAU, OMEGA, small_asymmetry=True)
    assert P.omega_a_relative_error(1e9, 0.37, TAU, OMEGA) / small == pytest.approx(
        1 / math.sqrt(1 + 0.37**2 / 4), rel=0.01)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("call, name", [
    (lambda: P.anomalous_precession_frequency(-1e-3, 1.45), "a"),
    (lambda: P.anomalous_precession_frequency(1e-3, 0.0), "B_tesla"),
    (lambda: P.anomalous_precession_frequency(1e-3, 1.45, m=-0.1), "m"),
    (lambda: P.magic_gamma(0.0), "a"),
    (lambda: P.cyclotron_frequency(0.5, 1.45), "gamma"),
    (lambda: P.lab_number_density(1.2), "y"),
    (lambda: P.threshold_asymmetry(np.nan), "y_threshold"),
    (lambda: P.threshold_for_asymmetry(1.5), "asymmetry"),
    (lambda: P.omega_a_relative_error(0, 0.3, TAU, OMEGA), "n_positrons"),
    (lambda: P.generate_decay_times(10, TAU, 1.5, OMEGA), "asymmetry"),
    (lambda: P.generate_decay_times(10, -TAU, 0.3, OMEGA), "tau_lab"),
    (lambda: P.generate_decay_times(-5, TAU, 0.3, OMEGA), "n"),
    (lambda: P.generate_decay_times(10, TAU, 0.3, OMEGA, seed=-1), "seed"),
    (lambda: P.generate_decays(10, 0.9, TAU_MU_S, OMEGA), "gamma"),
    (lambda: P.generate_decays(10, GAMMA, TAU_MU_S, OMEGA, energy_threshold=-1),
     "energy_threshold"),
    (lambda: P.fill_wiggle_histogram(10, TAU, 0.3, OMEGA, bin_width=0.0), "bin_width"),
    (lambda: P.poisson_wiggle_histogram(np.inf, TAU, 0.3, OMEGA), "n0"),
    (lambda: P.wiggle_expected([0.0, 2e-6, 1e-6], 1.0, TAU, 0.3, OMEGA, 0.0), "edges"),
])
def test_bad_input_raises_naming_parameter(call, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        call()


def test_fit_rejects_bad_histograms():
    c, e = P.poisson_wiggle_histogram(1e6, TAU, 0.3, OMEGA, seed=1)
    with pytest.raises(ValueError, match="len\\(edges\\)"):
        P.fit_wiggle(c[:-1], e, OMEGA, TAU)
    with pytest.raises(ValueError, match="t_stop"):
        P.fit_wiggle(c, e, OMEGA, TAU, t_start=100e-6, t_stop=50e-6)
    e_bad = e.copy()
    e_bad[10] += 0.3 * (e[1] - e[0])
    with pytest.raises(ValueError, match="uniformly spaced"):
        P.fit_wiggle(c, e_bad, OMEGA, TAU)
    with pytest.raises(ValueError, match="omega_start"):
        P.fit_wiggle(c, e, 0.0, TAU)


def _cdf_mp(a, b, n0, tau, A, omega, phase):
    import mpmath as mp

    with mp.workdps(40):
        a, b, tau, A, omega, phase = (mp.mpf(float(v)) for v in (a, b, tau, A, omega, phase))
        wt = omega * tau

        def G(x):
            u = omega * x + phase
            return mp.e ** (-x / tau) * (1 + A * (mp.cos(u) - wt * mp.sin(u)) / (1 + wt * wt))
        return float(n0 * (G(a) - G(b)))


@pytest.mark.parametrize("t", [1e-15, 1e-12, 1e-9, 1e-6, 1e-4, 1e-3, 1.0])
def test_wiggle_cdf_keeps_full_precision_at_small_t(t):
    # the naive N0[G(0) - G(t)] lost 3e-6 of its value at t = 1e-15 s, 1e-9 at 1e-12 s
    pars = (1e6, 64.4e-6, 0.37, 1.439e6, 0.3)
    assert P.wiggle_cdf(t, *pars) == pytest.approx(_cdf_mp(0.0, t, *pars), rel=1e-14)


def test_wiggle_expected_late_narrow_bins_to_full_precision():
    # bins of 149 ns at 600-700 us: the difference of two cumulative counts near N0 cancelled
    edges = np.linspace(600e-6, 700e-6, 671)
    pars = (1e9, 64.4e-6, 0.37, 1.439e6, 0.3)
    mu = P.wiggle_expected(edges, *pars)
    for i in (0, 333, 669):
        assert mu[i] == pytest.approx(_cdf_mp(edges[i], edges[i + 1], *pars), rel=1e-13)
