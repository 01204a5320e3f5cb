"""Muon spin precession in a storage ring and the "wiggle" of the decay positrons (E989).

Physics (derived in ``book/g2/measuring.md``):

* In a uniform magnetic field B, with the electric-field term cancelled at the magic momentum, the
  spin of a muon turns relative to its momentum at the anomalous precession frequency
  ω_a = ω_s − ω_c = a e B / m  (Thomas–BMT equation; Bargmann, Michel & Telegdi 1959).
  ``anomalous_precession_frequency`` converts e B to natural units with
  ``constants.E_TESLA_GEV2`` and returns rad/s.  ``magic_gamma(a) = sqrt(1 + 1/a)``.
* μ⁺ → e⁺ ν ν̄ (Michel spectrum, ρ = δ = 3/4, ξ = 1, m_e → 0): in the muon rest frame
  d²N/dx dcosθ ∝ x² [(3 − 2x) + (2x − 1) cosθ], x = 2E*/m, θ the angle to the spin.  Boosted to
  the lab with γ ≫ 1 the positron energy fraction y = E/E_max has the number density
  n(y) = (y − 1)(4y² − 5y − 5)/3 and the asymmetry A(y) = (−8y² + y + 1)/(4y² − 5y − 5); counting
  every positron above a threshold y_t gives the accepted fraction
  F(y_t) = (1 − y_t)²(3 + y_t − y_t²)/3 and the asymmetry A(y_t) = y_t(1 + 2y_t)/(3 + y_t − y_t²).
* The positron count above threshold versus time is the five-parameter "wiggle"
  dN/dt = (N₀/τ) e^{−t/τ} [1 + A cos(ω_a t + φ)],  τ = γ τ_μ (dilated lifetime).
  Its bin integrals use the closed-form cumulative ``wiggle_cdf``.
* A fit of N positrons (phase free, ω_a τ ≫ 1) measures ω_a with
  σ(ω_a)/ω_a = 1 / (ω_a τ √N √(1 − √(1 − A²))) → √2 / (A ω_a τ √N) for small A.

Units at the interface: times in seconds, angular frequencies in rad/s, energies and masses in
GeV, fields in tesla.  Internally the fit works in microseconds (parameters of order one).

Generators (numba, seeded inside the kernel: numba's random stream is separate from numpy's):
``generate_decays`` (the full decay chain: time, Michel decay in the rest frame, boost, energy
cut), ``generate_decay_times`` (event times from the five-parameter law), ``fill_wiggle_histogram``
(the same, filled straight into uniform bins without storing events) and
``poisson_wiggle_histogram`` (independent Poisson counts per bin around the bin integrals: exact
for a Poisson-distributed number of muons, and O(bins) instead of O(N)).
"""

# numba kernels seed and draw with the legacy np.random API: it is the one numba compiles with a
# generator state inside the kernel (numba's stream is separate from numpy's Generator).
# ruff: noqa: NPY002

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dialm._jit import HAVE_NUMBA, njit
from dialm._validate import count, real, rng_seed, scalar_or_array
from dialm.constants import (
    C_LIGHT_M_S,
    E989_RADIUS_M,
    E_TESLA_GEV2,
    HBAR_GEV_S,
    M_MU,
)
from dialm.fitting import minimize

__all__ = [
    "anomalous_precession_frequency", "cyclotron_frequency", "magic_gamma", "magic_momentum",
    "positron_energy_max", "lab_number_density", "lab_asymmetry", "accepted_fraction",
    "threshold_asymmetry", "threshold_for_asymmetry", "omega_a_relative_error",
    "cyclotron_period", "wiggle_cdf", "wiggle_expected", "generate_decays",
    "generate_decay_times", "fill_wiggle_histogram", "poisson_wiggle_histogram", "fit_wiggle",
    "WiggleFit",
]

_US = 1e6  # microseconds per second: the fit's internal time unit


# --------------------------------------------------------------------------------------------
# precession frequencies and the magic momentum
# --------------------------------------------------------------------------------------------
def anomalous_precession_frequency(a, B_tesla, m=M_MU):
    """Anomalous spin precession frequency ω_a = a e B / m in rad/s.

    The difference of the spin and cyclotron frequencies in a vertical magnetic field, with the
    electric term of the Thomas–BMT equation cancelled (magic momentum) and β·B = 0.  e B is
    converted to GeV² with ``constants.E_TESLA_GEV2`` and the frequency from GeV to rad/s with ħ.
    Exact (no approximation beyond the BMT equation); units: ``a`` dimensionless, ``B_tesla`` in T,
    ``m`` in GeV.  Broadcasts; a scalar in gives a float out.
    Accuracy: ≤ 1e-15 relative for 1e-12 ≤ a ≤ 1, 1e-6 ≤ B ≤ 1e3 T, 5e-4 ≤ m ≤ 1e6 GeV (vs 40-digit mpmath).

    >>> round(anomalous_precession_frequency(0.00116592, 1.45) / (2 * math.pi) / 1e3, 1)
    228.9
    """
    caller = "anomalous_precession_frequency"
    a = real(caller, "a", a, 0.0, 1.0, high_open=False)
    B = real(caller, "B_tesla", B_tesla, 0.0, 1e3, high_open=False)
    m = real(caller, "m", m, 0.0, 1e6, high_open=False)
    return scalar_or_array(a * float(E_TESLA_GEV2) * B / m / float(HBAR_GEV_S))


def cyclotron_frequency(gamma, B_tesla, m=M_MU):
    """Cyclotron frequency ω_c = e B / (γ m) in rad/s (``gamma`` ≥ 1, ``B_tesla`` in T, ``m`` GeV).

    Accuracy: ≤ 1e-15 relative for 1 ≤ γ ≤ 1e9, 1e-6 ≤ B ≤ 1e3 T, 5e-4 ≤ m ≤ 1e6 GeV (vs 40-digit mpmath).

    >>> round(cyclotron_frequency(29.3, 1.45) / (2 * math.pi) / 1e6, 3)
    6.7
    """
    caller = "cyclotron_frequency"
    gamma = real(caller, "gamma", gamma, 1.0, 1e9, low_open=False, high_open=False)
    B = real(caller, "B_tesla", B_tesla, 0.0, 1e3, high_open=False)
    m = real(caller, "m", m, 0.0, 1e6, high_open=False)
    return scalar_or_array(float(E_TESLA_GEV2) * B / (gamma * m) / float(HBAR_GEV_S))


def magic_gamma(a):
    """The Lorentz factor at which the β×E term of ω_a vanishes: γ = sqrt(1 + 1/a).

    From a − 1/(γ² − 1) = 0 (Thomas–BMT).  ``a`` dimensionless, > 0.
    Accuracy: ≤ 1e-15 relative for 1e-12 ≤ a ≤ 1e6 (vs the 40-digit root of a(γ² − 1) = 1).

    >>> round(magic_gamma(0.00116592), 3)
    29.304
    """
    caller = "magic_gamma"
    a = real(caller, "a", a, 0.0)
    return scalar_or_array(np.sqrt(1.0 + 1.0 / a))


def magic_momentum(a, m=M_MU):
    """The magic momentum p = m sqrt(γ² − 1) = m / sqrt(a), in GeV.

    Accuracy: ≤ 1e-15 relative for 1e-12 ≤ a ≤ 1e6, 5e-4 ≤ m ≤ 1e6 GeV (vs 40-digit mpmath).

    >>> round(magic_momentum(0.00116592), 4)
    3.0943
    """
    caller = "magic_momentum"
    a = real(caller, "a", a, 0.0)
    m = real(caller, "m", m, 0.0, 1e6, high_open=False)
    return scalar_or_array(m / np.sqrt(a))


def cyclotron_period(gamma, radius_m=E989_RADIUS_M):
    """Revolution period 2πR/(βc) in seconds for a ring of radius ``radius_m`` (metres).

    E989 bins its positron-time histograms in this period to wash out the bunch rotation.
    Accuracy: ≤ 1e-15 relative for 1 + 2⁻⁵² ≤ γ ≤ 1e9 (β → 0 included) (vs 40-digit mpmath).

    >>> round(cyclotron_period(29.3) * 1e9, 2)
    149.1
    """
    caller = "cyclotron_period"
    gamma = real(caller, "gamma", gamma, 1.0, 1e9, high_open=False)
    radius = real(caller, "radius_m", radius_m, 0.0, 1e6, high_open=False)
    beta = np.sqrt((gamma - 1.0) * (gamma + 1.0)) / gamma  # no cancellation at γ → 1
    return scalar_or_array(2.0 * np.pi * radius / (beta * float(C_LIGHT_M_S)))


# --------------------------------------------------------------------------------------------
# the decay spectrum in the lab: number density and asymmetry
# --------------------------------------------------------------------------------------------
def positron_energy_max(gamma, m=M_MU):
    """Largest lab energy of the decay positron, E_max = γ m (1 + β)/2 in GeV (m_e neglected).

    Accuracy: ≤ 1e-15 relative for 1 ≤ γ ≤ 1e9 (β → 0 included) (vs 40-digit mpmath).

    >>> round(positron_energy_max(29.3), 3)
    3.095
    """
    caller = "positron_energy_max"
    gamma = real(caller, "gamma", gamma, 1.0, 1e9, low_open=False, high_open=False)
    m = real(caller, "m", m, 0.0, 1e6, high_open=False)
    beta = np.sqrt((gamma - 1.0) * (gamma + 1.0)) / gamma  # no cancellation at γ → 1
    return scalar_or_array(gamma * m * (1.0 + beta) / 2.0)


def lab_number_density(y):
    """Lab-frame positron spectrum n(y) = (y − 1)(4y² − 5y − 5)/3, y = E/E_max ∈ [0, 1].

    Normalised, ∫₀¹ n dy = 1; the Michel spectrum (ρ = 3/4) boosted with γ → ∞, m_e → 0.
    Accuracy: ≤ 1e-15 relative for 0 ≤ y < 1 (vs 40-digit quadrature of the boosted Michel spectrum).

    >>> round(lab_number_density(0.5), 6)
    1.083333
    """
    caller = "lab_number_density"
    y = real(caller, "y", y, 0.0, 1.0, low_open=False, high_open=False)
    return scalar_or_array((y - 1.0) * (4.0 * y**2 - 5.0 * y - 5.0) / 3.0)


def lab_asymmetry(y):
    """Asymmetry of the lab spectrum at fixed y: A(y) = (−8y² + y + 1)/(4y² − 5y − 5).

    dN/dy ∝ n(y)[1 + A(y) cos ψ], ψ the angle between spin and momentum (μ⁺).  A(0) = −1/5,
    A(1) = 1.
    Accuracy: ≤ 5e-15 relative to max(|A|, 0.01) for 0 ≤ y ≤ 1 (vs 40-digit quadrature); A = 0 at
    y = (1 + √33)/16, where the error is absolute.

    >>> round(lab_asymmetry(1.0), 6), round(lab_asymmetry(0.0), 6)
    (1.0, -0.2)
    """
    caller = "lab_asymmetry"
    y = real(caller, "y", y, 0.0, 1.0, low_open=False, high_open=False)
    return scalar_or_array((-8.0 * y**2 + y + 1.0) / (4.0 * y**2 - 5.0 * y - 5.0))


def accepted_fraction(y_threshold):
    """Fraction of decay positrons with y > y_t: F = (1 − y_t)²(3 + y_t − y_t²)/3.

    Accuracy: ≤ 1e-15 relative for 0 ≤ y_t ≤ 1, y_t → 1 included (vs 40-digit quadrature of n(y)).

    >>> round(accepted_fraction(0.55), 4)
    0.2192
    """
    caller = "accepted_fraction"
    y = real(caller, "y_threshold", y_threshold, 0.0, 1.0, low_open=False, high_open=False)
    return scalar_or_array((1.0 - y) ** 2 * (3.0 + y - y**2) / 3.0)


def threshold_asymmetry(y_threshold):
    """Asymmetry of all positrons above y_t: A = y_t(1 + 2y_t)/(3 + y_t − y_t²).

    Accuracy: ≤ 1e-15 relative for 1e-300 ≤ y_t ≤ 1 (vs 40-digit quadrature of n(y) A(y)).

    >>> round(threshold_asymmetry(0.55), 4)
    0.3557
    """
    caller = "threshold_asymmetry"
    y = real(caller, "y_threshold", y_threshold, 0.0, 1.0, low_open=False, high_open=False)
    return scalar_or_array(y * (1.0 + 2.0 * y) / (3.0 + y - y**2))


def threshold_for_asymmetry(asymmetry):
    """The threshold y_t at which ``threshold_asymmetry`` equals ``asymmetry`` (0 ≤ A ≤ 1).

    Root of (2 + A) y² + (1 − A) y − 3A = 0 in [0, 1].
    Accuracy: ≤ 1e-15 relative for 0 ≤ A ≤ 1, A → 0 included (vs a 40-digit mpmath root).

    >>> round(threshold_for_asymmetry(threshold_asymmetry(0.6)), 12)
    0.6
    """
    caller = "threshold_for_asymmetry"
    A = real(caller, "asymmetry", asymmetry, 0.0, 1.0, low_open=False, high_open=False)
    disc = (1.0 - A) ** 2 + 12.0 * A * (2.0 + A)
    # y = 2c/(−b − √D) form of the root: −(1 − A) + √D would cancel as A → 0
    return scalar_or_array(6.0 * A / ((1.0 - A) + np.sqrt(disc)))


def omega_a_relative_error(n_positrons, asymmetry, tau_lab, omega_a, small_asymmetry=False):
    """Statistical error σ(ω_a)/ω_a of a five-parameter fit to N positrons.

    Cramér–Rao bound with the phase free, for ω_a τ ≫ 1 and a fit window much longer than τ:
    σ(ω_a)/ω_a = 1/(ω_a τ √N √(1 − √(1 − A²))); with ``small_asymmetry=True`` its A → 0 form
    √2/(A ω_a τ √N) (the textbook formula).  ``tau_lab`` in s, ``omega_a`` in rad/s.
    Accuracy: ≤ 1e-15 relative for 1e-12 ≤ A ≤ 1 (vs 40-digit mpmath).

    >>> round(omega_a_relative_error(1e11, 0.37, 64.4e-6, 1.439e6, small_asymmetry=True) * 1e9)
    130
    """
    caller = "omega_a_relative_error"
    n = real(caller, "n_positrons", n_positrons, 0.0)
    A = real(caller, "asymmetry", asymmetry, 0.0, 1.0, high_open=False)
    tau = real(caller, "tau_lab", tau_lab, 0.0)
    w = real(caller, "omega_a", omega_a, 0.0)
    if small_asymmetry:
        return scalar_or_array(np.sqrt(2.0) / (A * w * tau * np.sqrt(n)))
    # 1 − √(1 − A²) = A²/(1 + √(1 − A²)): no cancellation at small A
    one_minus = A * A / (1.0 + np.sqrt((1.0 - A) * (1.0 + A)))
    return scalar_or_array(1.0 / (w * tau * np.sqrt(n) * np.sqrt(one_minus)))


# --------------------------------------------------------------------------------------------
# the five-parameter wiggle
# --------------------------------------------------------------------------------------------
def _cdf_between(a, b, n0, tau, A, omega, phase):
    """Expected count ∫_a^b dN/dt dt of the wiggle (any consistent time unit), without cancellation.

    N₀[G(a) − G(b)] = N₀ e^{−a/τ}[−expm1(−Δ/τ)(1 + A c h(b)) + A c (h(a) − h(b))], Δ = b − a,
    c = 1/(1 + ω²τ²), h = cos u − ωτ sin u, and h(a) − h(b) = 2 sin(ωΔ/2)[sin m + ωτ cos m] with
    m = the mean phase: every piece is small where the difference is, so a short interval (a narrow
    bin, or [0, t] at small t) keeps full relative precision.  Intervals longer than τ use the
    direct difference, where nothing cancels."""
    wt = omega * tau
    c = 1.0 / (1.0 + wt * wt)
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    delta = b - a
    u_a, u_b = omega * a + phase, omega * b + phase
    mid = omega * 0.5 * (a + b) + phase
    h_a = np.cos(u_a) - wt * np.sin(u_a)
    h_b = np.cos(u_b) - wt * np.sin(u_b)
    dh = 2.0 * np.sin(0.5 * omega * delta) * (np.sin(mid) + wt * np.cos(mid))
    short = n0 * np.exp(-a / tau) * (-np.expm1(-delta / tau) * (1.0 + A * c * h_b) + A * c * dh)
    # over more than a lifetime nothing cancels in the direct form, while the short form would
    # make two large-phase terms cancel
    direct = n0 * (np.exp(-a / tau) * (1.0 + A * c * h_a) - np.exp(-b / tau) * (1.0 + A * c * h_b))
    return np.where(delta < tau, short, direct)


def wiggle_cdf(t, n0, tau, asymmetry, omega, phase):
    """Expected number of positrons in [0, t] for dN/dt = (N₀/τ)e^{−t/τ}[1 + A cos(ωt + φ)].

    Closed form (checked against quadrature in the chapter and the tests):
    N₀[G(0) − G(t)], G(t) = e^{−t/τ}[1 + A(cos u − ωτ sin u)/(1 + ω²τ²)], u = ωt + φ, evaluated
    without cancellation (expm1 and the sum-to-product identities).  Times and τ in seconds, ω in
    rad/s; ``n0`` the count per lifetime at t = 0 (N₀ ≈ total).
    Accuracy: ≤ 5e-15 relative for 1e-15 ≤ t ≤ 1 s, |A| ≤ 0.9, 0 ≤ ω ≤ 1e8 rad/s (vs 40-digit mpmath).

    >>> round(wiggle_cdf(1.0, 1000.0, 64.4e-6, 0.4, 1.439e6, 0.0), 3)
    1000.0
    """
    t = real("wiggle_cdf", "t", t, 0.0, low_open=False)
    return scalar_or_array(_checked_cdf(0.0, t, n0, tau, asymmetry, omega, phase, caller="wiggle_cdf"))


def _checked_cdf(a, b, n0, tau, asymmetry, omega, phase, *, caller):
    """The count in [a, b] (:func:`_cdf_between`) with the wiggle's parameters checked and any bad
    one reported under the public caller's name ``caller``."""
    real(caller, "n0", n0, 0.0, low_open=False)
    real(caller, "tau", tau, 0.0)
    real(caller, "asymmetry", asymmetry, -1.0, 1.0, low_open=False, high_open=False)
    real(caller, "omega", omega, 0.0, low_open=False)
    real(caller, "phase", phase)
    return _cdf_between(a, b, float(n0), float(tau), float(asymmetry), float(omega), float(phase))


def wiggle_expected(edges, n0, tau, asymmetry, omega, phase):
    """Expected counts in the bins ``edges`` (seconds, increasing): ∫ dN/dt over each bin, computed
    bin by bin without differencing the cumulative count (full relative precision for narrow, late
    bins; the residual error, ~ε ω t, is the rounding of the phase ω t + φ itself).
    Accuracy: ≤ 2e-12 relative for bins in 0 ≤ t ≤ 1 s, |A| ≤ 0.9, ω ≤ 1e8 rad/s (vs 40-digit mpmath),
    counts above 1e-290 (below, underflow).

    >>> e = np.linspace(0.0, 1e-3, 5001)
    >>> round(float(wiggle_expected(e, 1e6, 64.4e-6, 0.4, 1.439e6, 0.0).sum()), 3)
    1000046.391
    """
    caller = "wiggle_expected"
    edges = real(caller, "edges", edges, 0.0, low_open=False)
    if edges.ndim != 1 or edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError(f"{caller}: edges must be a 1-d increasing array of at least 2 times in s; "
                         f"got shape {edges.shape}")
    return _checked_cdf(edges[:-1], edges[1:], n0, tau, asymmetry, omega, phase, caller=caller)


# --------------------------------------------------------------------------------------------
# numba kernels (seeded inside: numba's generator is separate from numpy's)
# --------------------------------------------------------------------------------------------
@njit(cache=True)
def _decay_chain(n, gamma, tau_mu, omega, phase, m, e_threshold, seed):
    """n muons: decay time, Michel decay in the rest frame, boost; keep E > e_threshold."""
    np.random.seed(seed)
    beta = math.sqrt(1.0 - 1.0 / (gamma * gamma))
    tau_lab = gamma * tau_mu
    t_out = np.empty(n)
    e_out = np.empty(n)
    k = 0
    for _ in range(n):
        t = -tau_lab * math.log(1.0 - np.random.random())
        psi = omega * t + phase  # angle between spin and momentum
        sp = math.sin(psi)
        cp = math.cos(psi)
        while True:  # accept-reject on x^2[(3-2x) + (2x-1) cos(theta_spin)] <= 2
            x = np.random.random()
            c = 2.0 * np.random.random() - 1.0  # cos of the angle to the boost axis
            az = 2.0 * math.pi * np.random.random()
            cos_spin = c * cp + math.sqrt(1.0 - c * c) * math.cos(az) * sp
            w = x * x * ((3.0 - 2.0 * x) + (2.0 * x - 1.0) * cos_spin)
            if 2.0 * np.random.random() < w:
                break
        energy = gamma * 0.5 * m * x * (1.0 + beta * c)
        if energy > e_threshold:
            t_out[k] = t
            e_out[k] = energy
            k += 1
    return t_out[:k], e_out[:k]


@njit(cache=True)
def _draw_time(tau, A, omega, phase, amax):
    while True:
        t = -tau * math.log(1.0 - np.random.random())
        if amax * np.random.random() < 1.0 + A * math.cos(omega * t + phase):
            return t


@njit(cache=True)
def _times_kernel(n, tau, A, omega, phase, seed):
    np.random.seed(seed)
    amax = 1.0 + abs(A)
    out = np.empty(n)
    for i in range(n):
        out[i] = _draw_time(tau, A, omega, phase, amax)
    return out


@njit(cache=True)
def _fill_kernel(n, tau, A, omega, phase, width, nbins, seed):
    np.random.seed(seed)
    amax = 1.0 + abs(A)
    counts = np.zeros(nbins, dtype=np.int64)
    inv = 1.0 / width
    for _ in range(n):
        j = int(_draw_time(tau, A, omega, phase, amax) * inv)
        if j < nbins:
            counts[j] += 1
    return counts


@njit(cache=True)
def _poisson_kernel(mu, seed):
    np.random.seed(seed)
    out = np.empty(mu.size, dtype=np.int64)
    for i in range(mu.size):
        out[i] = np.random.poisson(mu[i])
    return out


def generate_decays(n_muons, gamma, tau_mu, omega_a, phase=0.0, energy_threshold=0.0,
                    m=M_MU, seed=0):
    """Full Monte Carlo of ``n_muons`` stored, fully polarised μ⁺: the positrons above threshold.

    Each muon decays at t ~ Exp(γτ_μ); its spin is at angle ψ = ω_a t + φ to the momentum; the
    positron is drawn from the Michel distribution x²[(3 − 2x) + (2x − 1) cos θ_spin] in the rest
    frame (m_e neglected) and boosted: E = γ (m x/2)(1 + β cos θ_boost).  Kept if E >
    ``energy_threshold`` (GeV).  No detector: acceptance, resolution and pile-up are ideal.
    Accuracy: statistical — seeded χ² of the y spectrum against n(y), and A(y_t), F(y_t) (tests).

    Returns (times in s, energies in GeV).  Deterministic for a given ``seed``.

    >>> t, e = generate_decays(20000, 29.3, 2.197e-6, 1.439e6, energy_threshold=1.7, seed=1)
    >>> round(t.size / 20000, 2), bool(e.min() > 1.7), bool(e.max() < 3.095)
    (0.22, True, True)
    """
    caller = "generate_decays"
    n = count(caller, "n_muons", n_muons, high=10**9, scalar=True)
    gamma = real(caller, "gamma", gamma, 1.0, 1e9, high_open=False, scalar=True)
    tau_mu = real(caller, "tau_mu", tau_mu, 0.0, 1.0, high_open=False, scalar=True)
    omega = real(caller, "omega_a", omega_a, 0.0, 1e12, low_open=False, high_open=False, scalar=True)
    phase = real(caller, "phase", phase, scalar=True)
    e_th = real(caller, "energy_threshold", energy_threshold, 0.0, 1e9, low_open=False,
                high_open=False, scalar=True)
    m = real(caller, "m", m, 0.0, 1e6, high_open=False, scalar=True)
    return _decay_chain(n, gamma, tau_mu, omega, phase, m, e_th, rng_seed(caller, "seed", seed))


def _check_wiggle(tau_lab, asymmetry, omega_a, phase, *, caller):
    tau = real(caller, "tau_lab", tau_lab, 0.0, 1.0, high_open=False, scalar=True)
    A = real(caller, "asymmetry", asymmetry, -1.0, 1.0, low_open=False, high_open=False, scalar=True)
    omega = real(caller, "omega_a", omega_a, 0.0, 1e12, low_open=False, high_open=False, scalar=True)
    phase = real(caller, "phase", phase, scalar=True)
    return tau, A, omega, phase


def generate_decay_times(n, tau_lab, asymmetry, omega_a, phase=0.0, seed=0):
    """``n`` positron times (s) from dN/dt ∝ e^{−t/τ}[1 + A cos(ω_a t + φ)] on [0, ∞).

    Exponential times thinned by accept-reject on the modulation (probability
    (1 + A cos)/(1 + |A|)); exact.  ``tau_lab`` (s) is the dilated lifetime γτ_μ.
    Accuracy: statistical — seeded KS test against the exact cumulative ``wiggle_cdf`` (tests).

    >>> t = generate_decay_times(100000, 64.4e-6, 0.0, 0.0, seed=3)
    >>> round(float(t.mean()) * 1e6, 1)
    64.6
    """
    caller = "generate_decay_times"
    n = count(caller, "n", n, high=10**9, scalar=True)
    tau, A, omega, phase = _check_wiggle(tau_lab, asymmetry, omega_a, phase, caller=caller)
    return _times_kernel(n, tau, A, omega, phase, rng_seed(caller, "seed", seed))


def fill_wiggle_histogram(n, tau_lab, asymmetry, omega_a, phase=0.0, t_max=700e-6,
                          bin_width=149.2e-9, seed=0):
    """Draw ``n`` positron times as ``generate_decay_times`` and fill uniform bins on [0, t_max).

    Events are binned as they are drawn (no event array): memory O(bins).  Times beyond ``t_max``
    are dropped.  Returns (counts int64, edges in s).
    Accuracy: statistical — seeded χ² of the counts against n × the exact bin probabilities (tests).

    >>> c, e = fill_wiggle_histogram(10**5, 64.4e-6, 0.4, 1.439e6, seed=2)
    >>> int(c.sum()), e.size - 1
    (99996, 4691)
    """
    caller = "fill_wiggle_histogram"
    n = count(caller, "n", n, high=2**62, scalar=True)
    tau, A, omega, phase = _check_wiggle(tau_lab, asymmetry, omega_a, phase, caller=caller)
    width = real(caller, "bin_width", bin_width, 0.0, 1.0, high_open=False, scalar=True)
    t_max = real(caller, "t_max", t_max, width, 1.0, low_open=False, high_open=False, scalar=True)
    nbins = int(t_max / width)
    edges = np.arange(nbins + 1) * width
    return _fill_kernel(n, tau, A, omega, phase, width, nbins, rng_seed(caller, "seed", seed)), edges


def poisson_wiggle_histogram(n0, tau_lab, asymmetry, omega_a, phase=0.0, t_max=700e-6,
                             bin_width=149.2e-9, seed=0):
    """Bin counts drawn as independent Poisson variates around ``wiggle_expected``.

    For a Poisson number of decays (a real fill) the bin counts of a Poisson process are exactly
    independent Poisson variates, so this samples the same distribution as filling events one by
    one, at a cost O(bins) independent of ``n0`` (the expected count per lifetime at t = 0).
    Returns (counts int64, edges in s).
    Accuracy: statistical — seeded χ² and Poisson dispersion against ``wiggle_expected`` (tests).

    >>> c, e = poisson_wiggle_histogram(1e9, 64.4e-6, 0.4, 1.439e6, seed=5)
    >>> round(float(c.sum()) / 1e9, 4)
    1.0
    """
    caller = "poisson_wiggle_histogram"
    n0 = real(caller, "n0", n0, 0.0, 1e15, low_open=False, high_open=False, scalar=True)
    tau, A, omega, phase = _check_wiggle(tau_lab, asymmetry, omega_a, phase, caller=caller)
    width = real(caller, "bin_width", bin_width, 0.0, 1.0, high_open=False, scalar=True)
    t_max = real(caller, "t_max", t_max, width, 1.0, low_open=False, high_open=False, scalar=True)
    nbins = int(t_max / width)
    edges = np.arange(nbins + 1) * width
    mu = np.maximum(wiggle_expected(edges, n0, tau, A, omega, phase), 0.0)
    return _poisson_kernel(mu, rng_seed(caller, "seed", seed)), edges


# --------------------------------------------------------------------------------------------
# the fit
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WiggleFit:
    """Result of ``fit_wiggle``: values and standard errors, in s and rad/s.

    ``n_positrons`` is the number of counts in the fit window; ``deviance`` the Poisson deviance
    (a χ² for large counts) over ``ndof`` degrees of freedom; ``valid`` the minimiser's verdict;
    ``minimizer`` which one ran ("iminuit" or "scipy", see ``dialm.fitting``).
    """

    n0: float
    n0_err: float
    tau: float
    tau_err: float
    asymmetry: float
    asymmetry_err: float
    omega_a: float
    omega_a_err: float
    phase: float
    phase_err: float
    n_positrons: int
    deviance: float
    ndof: int
    valid: bool
    minimizer: str = "iminuit"

    @property
    def relative_error(self) -> float:
        """σ(ω_a)/ω_a."""
        return self.omega_a_err / self.omega_a


@njit(cache=True)
def _deviance(n, x0, dx, n0, tau, A, omega, phase):
    """Poisson deviance 2Σ[μ − n + n ln(n/μ)] of the binned wiggle on uniform bins.

    The cumulative G(t) = e^{−t/τ}[1 + A Re((1 + iωτ) e^{iu})/(1 + ω²τ²)] is advanced from edge to
    edge by one complex multiplication, z ← z·e^{(−1/τ + iω)dx} (no transcendental per bin).
    """
    wt = omega * tau
    c = A / (1.0 + wt * wt)
    g0 = 1.0 + c * (math.cos(phase) - wt * math.sin(phase))
    z = math.exp(-x0 / tau) * complex(math.cos(omega * x0 + phase), math.sin(omega * x0 + phase))
    q = math.exp(-dx / tau) * complex(math.cos(omega * dx), math.sin(omega * dx))
    k = complex(1.0, wt)
    e = math.exp(-x0 / tau)
    qe = math.exp(-dx / tau)
    cdf_prev = n0 * (g0 - (e + c * (k * z).real))
    total = 0.0
    for i in range(n.size):
        z *= q
        e *= qe
        cdf = n0 * (g0 - (e + c * (k * z).real))
        mu = cdf - cdf_prev
        cdf_prev = cdf
        if mu <= 0.0:
            return 1e300
        total += mu - n[i]
        if n[i] > 0.0:
            total += n[i] * math.log(n[i] / mu)
    return 2.0 * total


def _deviance_np(n, x0, dx, n0, tau, A, omega, phase):
    """``_deviance`` with numpy, for when numba is absent (Pyodide): the same recurrence, the
    edge-to-edge products accumulated by ``np.multiply.accumulate`` (sequential, as the loop), so
    the same numbers to rounding."""
    wt = omega * tau
    c = A / (1.0 + wt * wt)
    g0 = 1.0 + c * (math.cos(phase) - wt * math.sin(phase))
    z0 = math.exp(-x0 / tau) * complex(math.cos(omega * x0 + phase), math.sin(omega * x0 + phase))
    q = math.exp(-dx / tau) * complex(math.cos(omega * dx), math.sin(omega * dx))
    k = complex(1.0, wt)
    e0 = math.exp(-x0 / tau)
    qe = math.exp(-dx / tau)
    zs = np.full(n.size + 1, q, dtype=complex)
    zs[0] = z0
    es = np.full(n.size + 1, qe)
    es[0] = e0
    z = np.multiply.accumulate(zs)
    e = np.multiply.accumulate(es)
    cdf = n0 * (g0 - (e + c * (k * z).real))
    mu = np.diff(cdf)
    if np.any(mu <= 0.0):
        return 1e300
    pos = n > 0.0
    terms = mu - n
    terms[pos] += n[pos] * np.log(n[pos] / mu[pos])
    return 2.0 * float(np.sum(terms))


def _fisher_covariance(xe, theta):
    """Inverse of the Fisher information Σ_i ∂μ_i ∂μ_i / μ_i of the binned Poisson likelihood.

    The expected information at the fitted point (asymptotically the HESSE matrix, but free of
    the ~1 % scatter of numerical second differences of the likelihood); ∂μ by central
    differences of the closed-form bin integrals.
    """
    mu = _cdf_between(xe[:-1], xe[1:], *theta)
    scale = np.array([abs(theta[0]), abs(theta[1]), 1.0, abs(theta[3]), 1.0])
    jac = np.empty((5, mu.size))
    for k in range(5):
        h = np.zeros(5)
        h[k] = 1e-6 * scale[k]
        jac[k] = (_cdf_between(xe[:-1], xe[1:], *(theta + h))
                  - _cdf_between(xe[:-1], xe[1:], *(theta - h))) / (2 * h[k])
    info = (jac / mu) @ jac.T
    return np.linalg.inv(info)


def fit_wiggle(counts, edges, omega_start, tau_start, t_start=30e-6, t_stop=650e-6,
               backend=None):
    """Fit the five-parameter wiggle to a histogram by a binned extended Poisson likelihood.

    Model: bin integrals of (N₀/τ)e^{−t/τ}[1 + A cos(ω_a t + φ)] (``wiggle_cdf``), so no
    bin-width bias.  Cost: the Poisson deviance 2Σ[μ − n + n ln(n/μ)] (the extended binned
    likelihood, as iminuit's ``ExtendedBinnedNLL``, here in a numba kernel for uniform bins) over
    the bins inside [``t_start``, ``t_stop``] (s), minimised by ``dialm.fitting.minimize``
    (iminuit's Migrad; scipy where iminuit is absent or ``backend="scipy"``; ``minimizer`` in the
    result says which ran): first with ω_a fixed at ``omega_start`` (rad/s; the experiment's
    blinded value plays this role) to settle N₀, τ, A, φ, then with everything free.
    ``tau_start`` (s) starts the lifetime.  Errors: the inverse Fisher information at the minimum
    (``_fisher_covariance``; HESSE's numerical second differences agree on average but scatter by
    ~1 %).  A is returned ≥ 0 and φ in (−π, π].
    Accuracy: statistical — ω_a pulls of seeded toys are standard normal; on exact expected counts
    (an Asimov histogram) every fitted parameter is the truth to ≤ 0.01 σ (Migrad's tolerance).

    >>> from dialm.precession import poisson_wiggle_histogram
    >>> c, e = poisson_wiggle_histogram(1e8, 64.4e-6, 0.37, 1.439e6, phase=0.5, seed=7)
    >>> f = fit_wiggle(c, e, omega_start=1.4395e6, tau_start=64e-6)
    >>> f.valid, round(f.omega_a / 1e6, 4), round(f.relative_error * 1e6, 1)
    (True, 1.439, 5.1)
    """
    counts = np.asarray(counts)
    caller = "fit_wiggle"
    edges = real(caller, "edges", edges, 0.0, 1.0, low_open=False, high_open=False)
    if edges.ndim != 1 or counts.ndim != 1 or edges.size != counts.size + 1:
        raise ValueError(f"{caller}: counts and edges must be 1-d with len(edges) == len(counts) + 1; "
                         f"got {counts.shape} and {edges.shape}")
    widths = np.diff(edges)
    if widths.min() <= 0 or widths.max() - widths.min() > 1e-6 * widths.mean():
        raise ValueError(f"{caller}: edges must be increasing and uniformly spaced (relative spread "
                         f"<= 1e-6); got widths from {widths.min():g} to {widths.max():g} s")
    real(caller, "counts", counts, 0.0, low_open=False)
    w0 = real(caller, "omega_start", omega_start, 0.0, 1e12, high_open=False, scalar=True)
    tau0 = real(caller, "tau_start", tau_start, 0.0, 1.0, high_open=False, scalar=True)
    t0 = real(caller, "t_start", t_start, 0.0, float(edges[-1]), low_open=False, scalar=True)
    t1 = real(caller, "t_stop", t_stop, t0, scalar=True)
    i0 = int(np.searchsorted(edges, t0, side="left"))
    i1 = int(np.searchsorted(edges, t1, side="right")) - 1
    if i1 - i0 < 8:
        raise ValueError(f"{caller}: the fit window [t_start, t_stop] = [{t0:g}, {t1:g}] s holds "
                         f"{max(i1 - i0, 0)} bins; need at least 8")
    n = counts[i0:i1].astype(float)
    xe = edges[i0:i1 + 1] * _US
    n_win = float(n.sum())
    if n_win <= 0:
        raise ValueError(f"{caller}: counts in the fit window sum to 0: nothing to fit")

    tau_us, w_us = tau0 * _US, w0 / _US
    # starting values: N0 from the window total, (A, φ) from the projections of the relative
    # residuals onto cos and sin at the starting frequency
    frac = math.exp(-xe[0] / tau_us) - math.exp(-xe[-1] / tau_us)
    n0 = n_win / frac
    tc = 0.5 * (xe[:-1] + xe[1:])
    expo = np.diff(-n0 * np.exp(-xe / tau_us))
    r = n / np.maximum(expo, 1e-300) - 1.0
    wgt = expo / expo.sum()
    a_c = 2.0 * float(np.sum(wgt * r * np.cos(w_us * tc)))
    a_s = -2.0 * float(np.sum(wgt * r * np.sin(w_us * tc)))
    A_start = min(max(math.hypot(a_c, a_s), 0.05), 0.9)
    phi_start = math.atan2(a_s, a_c)

    x0, dx = float(xe[0]), float(xe[1] - xe[0])

    deviance = _deviance if HAVE_NUMBA else _deviance_np

    def cost(norm, tau, A, omega, phase):  # norm = N0 / (its starting value): order one
        return deviance(n, x0, dx, norm * n0, tau, A, omega, phase)

    # errordef 1: the deviance is -2 ln L + const.  No limits: Minuit's bounded-parameter
    # transforms distort HESSE errors far from the bounds' centre; the kernel returns a huge cost
    # wherever a bin expectation is <= 0.  ω_a is held at its start in a first pass.
    res = minimize(cost, (1.0, tau_us, A_start, w_us, phi_start), errordef=1.0,
                   steps=(0.01, 0.01 * tau_us, 0.01, 1e-4 * w_us, 0.01), fix_first=(3,),
                   backend=backend)
    theta = np.array(res.values)
    theta[0] *= n0
    cov = _fisher_covariance(xe, theta)
    err = np.sqrt(np.diag(cov))
    A, phase = float(theta[2]), float(theta[4])
    if A < 0:
        A, phase = -A, phase + math.pi
    phase = math.pi - (math.pi - phase) % (2.0 * math.pi)
    nfree = 5
    return WiggleFit(
        n0=float(theta[0]), n0_err=float(err[0]),
        tau=float(theta[1]) / _US, tau_err=float(err[1]) / _US,
        asymmetry=A, asymmetry_err=float(err[2]),
        omega_a=float(theta[3]) * _US, omega_a_err=float(err[3]) * _US,
        phase=phase, phase_err=float(err[4]),
        n_positrons=int(round(n_win)), deviance=float(res.fval), ndof=int(n.size - nfree),
        valid=bool(res.valid), minimizer=res.minimizer,
    )
