"""Two photons, form factors, Dalitz decays and radiative modes of the light pseudoscalars.

Sections:

* **P → γγ** — :func:`gamma_two_photon` and its inverse :func:`coupling_from_width`
  (L = (f/4M) ε_{μνλσ} F^{μν} F^{λσ} P, review eqs. 32–34).
* **Form factors** — :class:`FormFactor` and its three named models
  :func:`form_factor_pointlike`, :func:`form_factor_pole`, :func:`form_factor_bms`
  (review eqs. 36–37), evaluated inside the compiled quadratures.
* **Dalitz decays P → ℓ⁺ℓ⁻γ** — :func:`kroll_wada`, :func:`dalitz_ratio` (numba),
  the seeded sampler :func:`sample_dalitz_x`.
* **Double Dalitz P → ℓ⁺ℓ⁻ℓ⁺ℓ⁻** — :func:`double_dalitz_limits`, :func:`double_dalitz_ratio`.
* **Radiative K_ℓ2, K⁺ → ℓ⁺νγ** — :func:`kl2gamma_density`, :func:`kl2gamma_x_spectrum`
  (Bijnens, Ecker & Gasser, NPB 396 (1993) 81).
* **ππ phase shifts of K_e4** — :func:`pipi_phase_shift` (Schenk parametrisation, CGL
  coefficients).
* **K⁺ → π⁺ℓ⁺ℓ⁻** — :func:`kpill_spectrum`, :func:`kpill_width` (numba) with the linear form
  factor W(z) = G_F M_K² (a₊ + b₊ z) of D'Ambrosio, Ecker, Isidori & Portolés, JHEP 08 (1998) 004
  (book/kaons/radiative.md).

Sources: Barker & Kettell 2000, sec. 3 (eqs. 32–37); Kroll & Wada, PR 98 (1955) 1355; Bergström,
Massó & Singer, PLB 131 (1983) 229; Schenk, NPB 363 (1991) 97.  Chapter:
book/kaons/two_photons.md.  Masses in GeV, widths in GeV; x = k²/M² dimensionless.
"""

from __future__ import annotations

import math

import numpy as np

from dialm import _dd
from dialm import constants as C
from dialm._jit import njit
from dialm._validate import callable_values, choice, count, range_error, real, rng_seed, scalar_or_array

__all__ = ["FormFactor", "form_factor_pointlike", "form_factor_pole", "form_factor_bms",
           "gamma_two_photon", "coupling_from_width", "kroll_wada", "dalitz_ratio",
           "sample_dalitz_x", "double_dalitz_limits", "double_dalitz_ratio",
           "kl2gamma_density", "kl2gamma_x_spectrum", "pipi_phase_shift",
           "kpill_spectrum", "kpill_width"]


C_ALPHA = float(C.ALPHA)

_TP_KINDS = ("pointlike", "pole", "bms")
_TP_NODES = 128   # Gauss–Legendre nodes in w (x = 4μ² cosh²w): the integrand is analytic in w
_TP_XW, _TP_WW = np.polynomial.legendre.leggauss(_TP_NODES)
_TP_NODES2 = 64   # per dimension for the double Dalitz integral
_TP_XW2, _TP_WW2 = np.polynomial.legendre.leggauss(_TP_NODES2)


class FormFactor:
    """A named model of the one-virtual-photon form factor F(x) = F(k², 0), x = k²/M², F(0) = 1.

    Build one with :func:`form_factor_pointlike`, :func:`form_factor_pole` or
    :func:`form_factor_bms`; call it on x (array or scalar, dimensionless).  ``kind`` is one of
    ``"pointlike"``, ``"pole"``, ``"bms"``; ``params`` the model's numbers (``alpha`` and
    ``r_v = M_V²/M²`` for the pole, ``alpha_kstar``, ``c`` and the four ``r_V`` for BMS);
    ``m_meson`` the decaying meson's mass in GeV that defines x.  A named model is evaluated
    inside the compiled quadrature of :func:`dalitz_ratio` (a plain callable is evaluated by
    numpy at the quadrature nodes).

    >>> ff = form_factor_bms(-0.2)
    >>> ff.kind, round(float(ff(0.0)), 12), round(float(ff(0.5)), 4)
    ('bms', 1.0, 1.4472)
    """

    __slots__ = ("kind", "params", "m_meson", "_code", "_vec")

    def __init__(self, kind, params, m_meson):
        self.kind = choice("FormFactor", "kind", kind, _TP_KINDS)
        self.params = tuple(float(p) for p in params)
        self.m_meson = float(m_meson)
        self._code = _TP_KINDS.index(kind)
        vec = np.zeros(7)
        vec[: len(self.params)] = self.params
        self._vec = vec

    def __call__(self, x):
        xa = real("FormFactor", "x", x, 0.0, 1.0, low_open=False, high_open=False)
        out = np.empty(xa.shape)
        _ff_kernel(self._code, self._vec, np.ascontiguousarray(xa, dtype=np.float64).ravel(),
                   out.reshape(-1))
        return scalar_or_array(out)

    def __repr__(self):
        return f"FormFactor({self.kind!r}, {self.params}, m_meson={self.m_meson})"

    def __eq__(self, other):
        return (isinstance(other, FormFactor) and other.kind == self.kind
                and other.params == self.params and other.m_meson == self.m_meson)

    def __hash__(self):
        return hash((self.kind, self.params, self.m_meson))


@njit(cache=True)
def _ff_one(code, p, x):
    if code == 0:
        return 1.0
    if code == 1:                      # 1 + α x/(x − r_V)   (review eq. 36 with k₂² = 0)
        return 1.0 + p[0] * x / (x - p[1])
    # BMS (review eq. 37, normalised): p = (α_K*, C, r_ρ, r_ω, r_φ, r_K*)
    rho = 1.0 / (1.0 - x / p[2])
    om = 1.0 / (1.0 - x / p[3])
    ph = 1.0 / (1.0 - x / p[4])
    ks = 1.0 / (1.0 - x / p[5])
    return rho + p[1] * p[0] * ks * (4.0 / 3.0 - rho - om / 9.0 - 2.0 * ph / 9.0)


@njit(cache=True)
def _ff_kernel(code, p, x, out):
    for i in range(x.size):
        out[i] = _ff_one(code, p, x[i])


def form_factor_pointlike(m_meson=C.M_K0):
    """F(x) = 1: the point-like P γ* γ vertex.  ``m_meson`` in GeV (default K⁰).

    Accuracy: exact — returns the model F = 1 (its callable: test_form_factor_values).

    >>> form_factor_pointlike()(0.3)
    1.0
    """
    m = real("form_factor_pointlike", "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    return FormFactor("pointlike", (), m)


def form_factor_pole(alpha=-1.0, m_v=C.M_RHO0, m_meson=C.M_K0):
    """The vector-meson-pole form factor of the review's eq. 36 at k₂² = 0:

        F(x) = 1 + α x/(x − r_V),   r_V = M_V²/M²,

    α = −1 is the single pole 1/(1 − x/r_V).  ``m_v`` must exceed ``m_meson`` (the pole outside
    the Dalitz region 0 ≤ x ≤ 1).  GeV.

    Accuracy: exact — the model (r_V rounded once); F(x) ≤ 1e-14 of mpmath (test_form_factor_values).

    >>> round(form_factor_pole()(0.5), 6), round(1 / (1 - 0.5 * 0.497611**2 / 0.77526**2), 6)
    (1.259437, 1.259437)
    """
    caller = "form_factor_pole"
    a = real(caller, "alpha", alpha, scalar=True)
    m = real(caller, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    mv = real(caller, "m_v", m_v, m, unit="GeV", scalar=True)
    return FormFactor("pole", (a, (mv / m) ** 2), m)


def form_factor_bms(alpha_kstar, m_meson=C.M_K0, c=C.TWOPH_BMS_C):
    """The Bergström–Massó–Singer form factor of K_L → γ*γ (review eq. 37, normalised F(0) = 1):

        F(x) = 1/(1 − x/r_ρ) + C α_K*/(1 − x/r_K*) [4/3 − 1/(1 − x/r_ρ) − 1/(9(1 − x/r_ω))
               − 2/(9(1 − x/r_φ))],   r_V = M_V²/M_K²,  C = 2.5.

    The review prints each pole as k²/(k² − M_V²), which vanishes at k² = 0; the normalised form
    (each pole M_V²/(M_V² − k²)) is the one of Bergström, Massó & Singer, PLB 131 (1983) 229, that
    the experiments fit (see the chapter).  α_K* = 0 is the pure ρ pole.

    Accuracy: exact — the model (r_V rounded once); F(x) ≤ 1e-14 of mpmath (test_form_factor_values).

    >>> round(form_factor_bms(0.0)(0.4), 10) == round(form_factor_pole(-1.0)(0.4), 10)
    True
    """
    caller = "form_factor_bms"
    a = real(caller, "alpha_kstar", alpha_kstar, scalar=True)
    m = real(caller, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    cc = real(caller, "c", c, scalar=True)
    masses = (C.M_RHO0, C.M_OMEGA, C.M_PHI, C.M_KSTAR0)
    if m >= min(masses):
        raise range_error(caller, "m_meson", m, 0.0, float(min(masses)), unit="GeV",
                          reason="the vector-meson poles must lie above the Dalitz region")
    r = tuple((float(mv) / m) ** 2 for mv in masses)
    return FormFactor("bms", (a, cc) + r, m)


def gamma_two_photon(f, m_meson):
    """Γ(P → γγ) = f² M/(16π) in GeV (review eq. 34), for L = (f/4M) ε_{μνλσ}F^{μν}F^{λσ}P.

    ``f`` is dimensionless (the coupling g = f/M of ε·FF·P/4 has dimension 1/GeV); derived with
    an explicit polarisation sum in the chapter.  Broadcasts.

    Accuracy: ≤ 1e-15 relative for all inputs (vs mpmath).

    >>> round(gamma_two_photon(1e-9, 0.5) * 1e20, 6)
    0.994718
    """
    caller = "gamma_two_photon"
    f = real(caller, "f", f)
    m = real(caller, "m_meson", m_meson, 0.0, unit="GeV")
    return scalar_or_array(f * f * m / (16.0 * math.pi))


def coupling_from_width(width, m_meson):
    """|f| = sqrt(16π Γ/M) (dimensionless) from Γ(P → γγ) in GeV: the inverse of
    :func:`gamma_two_photon`.  Broadcasts.

    Accuracy: ≤ 1e-15 relative for all allowed inputs (vs mpmath).

    >>> round(coupling_from_width(gamma_two_photon(3e-9, 0.4976), 0.4976) * 1e9, 12)
    3.0
    """
    caller = "coupling_from_width"
    w = real(caller, "width", width, 0.0, low_open=False, unit="GeV")
    m = real(caller, "m_meson", m_meson, 0.0, unit="GeV")
    return scalar_or_array(np.sqrt(16.0 * math.pi * w / m))


def _lepton_meson(m_lepton, m_meson, *, caller):
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV")
    mm = real(caller, "m_meson", m_meson, 0.0, unit="GeV")
    ml, mm = np.broadcast_arrays(ml, mm)
    bad = 2.0 * ml >= mm
    if bad.any():
        i = np.flatnonzero(bad.ravel())[0]
        raise range_error(caller, "m_lepton", ml.flat[i], 0.0, 0.5 * mm.flat[i], unit="GeV",
                          reason="P -> l+ l- gamma is closed for 2 m_lepton >= m_meson")
    return ml, mm


def _ff_resolve(form_factor, m_meson, *, caller):
    """(code, params, callable): a named model runs compiled; a callable through numpy."""
    if form_factor is None:
        return 0, np.zeros(7), None
    if isinstance(form_factor, FormFactor):
        mm = np.unique(np.asarray(m_meson, dtype=float))
        if form_factor.kind != "pointlike" and np.any(np.abs(mm / form_factor.m_meson - 1) > 1e-9):
            raise ValueError(f"{caller}: form_factor was built for m_meson = {form_factor.m_meson!r} "
                             f"GeV (x = k^2/M^2 depends on M), but m_meson = {mm.tolist()!r}; "
                             "build it with the same m_meson")
        return form_factor._code, form_factor._vec, None
    if callable(form_factor):
        return -1, np.zeros(7), form_factor
    raise ValueError(f"{caller}: form_factor = {form_factor!r} is not one of the allowed values "
                     "(None, a FormFactor from form_factor_pole/form_factor_bms, or a callable "
                     "F(x) of x = k^2/M^2)")


@njit(cache=True)
def _w_nodes(mu2, mu2_lo, xlo, xhi, xg, wg, xs, ws):
    """Nodes and weights of ∫ dx/x g(x) on [xlo, xhi] in w: x = 4μ² cosh² w, dx/x = 2 tanh w dw,
    with the factor β(1 + 2μ²/x)(1 − x)³ included in the weights.  μ² = mu2 + mu2_lo
    (double-double): sinh² w = (x − 4μ²)/4μ² and 1 − x = (1 − 4μ²) − 4μ² sinh² w keep their
    digits at threshold (2m → M) and at x_min."""
    f_hi, f_lo = 4.0 * mu2, 4.0 * mu2_lo
    wlo = 0.0                                     # xlo = float(4μ²) means the threshold
    if xlo > f_hi:
        wlo = math.asinh(math.sqrt(max(((xlo - f_hi) - f_lo) / f_hi, 0.0)))
    whi = math.asinh(math.sqrt(max(((xhi - f_hi) - f_lo) / f_hi, 0.0)))
    c0 = (1.0 - f_hi) - f_lo                      # 1 − 4μ², exact part first (Sterbenz)
    half = 0.5 * (whi - wlo)
    for i in range(xg.size):
        w = wlo + half * (xg[i] + 1.0)
        c = math.cosh(w)
        sh = math.sinh(w)
        t = math.tanh(w)
        xs[i] = f_hi * c * c
        # β = tanh w, 1 + 2μ²/x = 1 + 1/(2cosh²w); dx/x = 2 tanh w dw
        ws[i] = (half * wg[i] * 2.0 * t * t * (1.0 + 0.5 / (c * c))
                 * (c0 - (f_hi + f_lo) * sh * sh) ** 3)


@njit(cache=True)
def _dalitz_kernel(mu2, mu2_lo, xlo, xhi, code, p, xg, wg, out):
    xs = np.empty(xg.size)
    ws = np.empty(xg.size)
    pref = 2.0 * C_ALPHA / (3.0 * math.pi)
    for i in range(mu2.size):
        if xlo[i] >= xhi[i]:
            out[i] = 0.0
            continue
        _w_nodes(mu2[i], mu2_lo[i], xlo[i], xhi[i], xg, wg, xs, ws)
        acc = 0.0
        for j in range(xg.size):
            ff = _ff_one(code, p, xs[j])
            acc += ws[j] * ff * ff
        out[i] = pref * acc



def kroll_wada(x, m_lepton, m_meson, form_factor=None):
    """The Kroll–Wada spectrum (1/Γ_γγ) dΓ(P → ℓ⁺ℓ⁻γ)/dx, x = M_ℓℓ²/M² (dimensionless):

        (2α/3π) (1 − x)³/x · sqrt(1 − 4μ²/x) (1 + 2μ²/x) |F(x)|²,   μ = m_ℓ/M,

    derived in the chapter from eq. 33 with the lepton current (Kroll & Wada, PR 98 (1955) 1355).
    Zero outside 4μ² < x < 1.  ``form_factor``: None (point-like), a :class:`FormFactor` built for
    the same ``m_meson``, or a callable F(x).  Broadcasts over x, m_lepton, m_meson (GeV).

    Accuracy: ≤ 1e-14 relative for 4μ²(1 + 1e-12) ≤ x < 1, 1e-6 ≤ m_ℓ/M < 0.5 (vs mpmath).

    >>> round(kroll_wada(0.1, 0.000511, 0.135) * 1e3, 5)
    11.2889
    """
    caller = "kroll_wada"
    xa = real(caller, "x", x, 0.0, 1.0, low_open=False, high_open=False)
    ml, mm = _lepton_meson(m_lepton, m_meson, caller=caller)
    return scalar_or_array(_kroll_wada(xa, ml, mm, _ff_resolve(form_factor, mm, caller=caller),
                                       caller))


def _kroll_wada(xa, ml, mm, resolved, caller="kroll_wada"):
    """The array of :func:`kroll_wada` for checked x, masses and a resolved form factor
    (:func:`_ff_resolve`)."""
    code, p, ff_callable = resolved
    xa, ml, mm = np.broadcast_arrays(xa, ml, mm)
    mu2 = (ml / mm) ** 2
    base = np.zeros(xa.shape)
    inside = (xa > 4.0 * mu2) & (xa < 1.0)
    xi, mi = xa[inside], mu2[inside]
    # β² = (x − 4μ²)/x with μ² in double-double: x − 4μ²_hi is exact near x_min (Sterbenz), so
    # the threshold keeps its digits instead of amplifying the rounding of μ² as μ²/(x − 4μ²)
    m_hi, m_lo = _dd.ratio_sq(np.ascontiguousarray(ml[inside], dtype=np.float64),
                              np.ascontiguousarray(mm[inside], dtype=np.float64))
    beta2 = np.maximum(((xi - 4.0 * m_hi) - 4.0 * m_lo) / xi, 0.0)   # 0 below the true x_min
    base[inside] = (2.0 * C_ALPHA / (3.0 * math.pi) * (1.0 - xi) ** 3 / xi
                    * np.sqrt(beta2) * (1.0 + 2.0 * mi / xi))
    if ff_callable is not None:
        ff = np.zeros(xa.shape)
        ff[inside] = callable_values(caller, "form_factor", ff_callable, xi)
    else:
        ff = np.ones(xa.shape)
        tmp = np.empty(xi.size)
        _ff_kernel(code, p, np.ascontiguousarray(xi, dtype=np.float64), tmp)
        ff[inside] = tmp
    return base * ff * ff


def dalitz_ratio(m_lepton, m_meson, form_factor=None, *, x_min=0.0, x_max=1.0):
    """Γ(P → ℓ⁺ℓ⁻γ)/Γ(P → γγ): the Kroll–Wada spectrum (:func:`kroll_wada`) integrated over
    max(4μ², x_min) < x < x_max (default: all of phase space), x = M_ℓℓ²/M².

    Quadrature: 128-node Gauss–Legendre in w with x = 4μ² cosh² w, which maps the 1/x pole and the
    √ threshold into an analytic integrand, so the rule is exact to rounding; numba for named
    form factors, numpy at the same nodes for a callable.  Point-like π⁰ → e⁺e⁻γ: 0.011850
    (PDG ratio 0.01174/0.98823 = 0.01188 includes radiative corrections).  Broadcasts over
    m_lepton, m_meson, x_min, x_max (GeV, GeV, –, –).

    Accuracy: ≤ 1e-13 relative for 1e-7 ≤ m_ℓ/M, to 1 − 2m_ℓ/M = 1e-12, any x range (vs mpmath quad).

    >>> round(dalitz_ratio(0.00051099895, 0.1349768), 6)
    0.01185
    >>> round(dalitz_ratio(0.1056583755, 0.497611, form_factor_bms(-0.157)), 6)
    0.000642
    """
    caller = "dalitz_ratio"
    ml, mm = _lepton_meson(m_lepton, m_meson, caller=caller)
    lo = real(caller, "x_min", x_min, 0.0, 1.0, low_open=False, high_open=False)
    hi = real(caller, "x_max", x_max, 0.0, 1.0, low_open=False, high_open=False)
    code, p, ff_callable = _ff_resolve(form_factor, mm, caller=caller)
    ml, mm, lo, hi = np.broadcast_arrays(ml, mm, lo, hi)
    mu2, mu2_lo = _dd.ratio_sq(np.ascontiguousarray(ml, dtype=np.float64).ravel(),
                               np.ascontiguousarray(mm, dtype=np.float64).ravel())
    xlo = np.maximum(np.ascontiguousarray(lo, dtype=np.float64).ravel(), 4.0 * mu2)
    xhi = np.ascontiguousarray(hi, dtype=np.float64).ravel().copy()
    out = np.empty(mu2.size)
    if ff_callable is None:
        _dalitz_kernel(mu2, mu2_lo, xlo, xhi, code, p, _TP_XW, _TP_WW, out)
    else:
        xs, ws = np.empty(_TP_NODES), np.empty(_TP_NODES)
        for i in range(mu2.size):
            if xlo[i] >= xhi[i]:
                out[i] = 0.0
                continue
            _w_nodes(mu2[i], mu2_lo[i], xlo[i], xhi[i], _TP_XW, _TP_WW, xs, ws)
            ff = callable_values(caller, "form_factor", ff_callable, xs.copy())
            out[i] = 2.0 * C_ALPHA / (3.0 * math.pi) * float(np.dot(ws, ff * ff))
    return scalar_or_array(out.reshape(ml.shape))


def sample_dalitz_x(n, m_lepton, m_meson, form_factor=None, seed=2000, n_grid=4096):
    """``n`` values of x = M_ℓℓ²/M² drawn from the Kroll–Wada spectrum (a seeded numpy MC).

    Inverse-CDF sampling on a grid of ``n_grid`` points in w (x = 4μ² cosh² w, where the density
    is smooth), with linear interpolation of the CDF; ``seed`` seeds ``numpy.random.default_rng``.
    The sample's histogram converges to :func:`kroll_wada`/:func:`dalitz_ratio` (χ² test in the
    unit tests).  Scalars only.

    Accuracy: statistical — χ² of the histogram against dalitz_ratio in bins.

    >>> x = sample_dalitz_x(1000, 0.1056583755, 0.497611, seed=1)
    >>> bool(x.min() > 4 * (0.1056583755 / 0.497611) ** 2), x.shape
    (True, (1000,))
    """
    caller = "sample_dalitz_x"
    n = count(caller, "n", n, low=1, scalar=True)
    ng = count(caller, "n_grid", n_grid, low=16, scalar=True)
    seed = rng_seed(caller, "seed", seed)
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mm = real(caller, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    _lepton_meson(ml, mm, caller=caller)
    resolved = _ff_resolve(form_factor, mm, caller=caller)
    mu2 = (ml / mm) ** 2
    w = np.linspace(0.0, math.acosh(math.sqrt(1.0 / (4.0 * mu2))), ng)
    x = np.clip(4.0 * mu2 * np.cosh(w) ** 2, 4.0 * mu2, 1.0)
    dens = _kroll_wada(x, ml, mm, resolved, caller) * x * 2.0 * np.tanh(w)   # dR/dw
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (dens[1:] + dens[:-1]) * np.diff(w))])
    cdf /= cdf[-1]
    u = np.random.default_rng(seed).random(n)
    return np.clip(4.0 * mu2 * np.cosh(np.interp(u, cdf, w)) ** 2, 4.0 * mu2, 1.0)


def double_dalitz_limits(m1, m2, m_meson):
    """Ranges of k₁² and k₂² (GeV²) in P → (ℓ₁⁺ℓ₁⁻)(ℓ₂⁺ℓ₂⁻): 4m₁² ≤ k₁² ≤ (M − 2m₂)² and
    4m₂² ≤ k₂² ≤ (M − 2m₁)², with √k₁² + √k₂² ≤ M jointly (review sec. 3.1).  Returns
    ((k1_min, k1_max), (k2_min, k2_max)).  Scalars.

    Accuracy: ≤ 1e-15 relative for all open channels, thresholds included (vs mpmath).

    >>> [round(v, 6) for v in double_dalitz_limits(0.1056583755, 0.00051099895, 0.497611)[0]]
    [0.044655, 0.246601]
    """
    a, b, m = _two_pairs(m1, m2, m_meson, caller="double_dalitz_limits")
    return (4 * a * a, (m - 2 * b) ** 2), (4 * b * b, (m - 2 * a) ** 2)


def _two_pairs(m1, m2, m_meson, *, caller):
    """The lepton and meson masses of P → (ℓ₁⁺ℓ₁⁻)(ℓ₂⁺ℓ₂⁻) as floats (GeV), checked: positive,
    and the two pairs fit, 2(m1 + m2) < m_meson."""
    a = real(caller, "m1", m1, 0.0, unit="GeV", scalar=True)
    b = real(caller, "m2", m2, 0.0, unit="GeV", scalar=True)
    m = real(caller, "m_meson", m_meson, 0.0, unit="GeV", scalar=True)
    if 2 * (a + b) >= m:
        raise range_error(caller, "m1 + m2", a + b, 0.0, 0.5 * m, unit="GeV",
                          reason="two lepton pairs do not fit: 2(m1 + m2) >= m_meson")
    return a, b, m


@njit(cache=True)
def _double_dalitz_kernel(mu1, mu2, code, p, xg, wg):
    """∫∫ dx₁dx₂ λ^{3/2}(1, x₁, x₂)/(x₁x₂) β₁(1 + 2μ₁²/x₁) β₂(1 + 2μ₂²/x₂) |F(x₁)F(x₂)|²."""
    m1s, m2s = mu1 * mu1, mu2 * mu2
    w1hi = math.acosh(math.sqrt((1.0 - 2.0 * mu2) ** 2 / (4.0 * m1s)))
    acc = 0.0
    for i in range(xg.size):
        t = 0.5 * (xg[i] + 1.0)
        s = t * t * (3.0 - 2.0 * t)                 # smoothstep: λ^{3/2} endpoint made smooth
        ds = 6.0 * t * (1.0 - t) * 0.5
        w1 = w1hi * s
        c1, t1 = math.cosh(w1), math.tanh(w1)
        x1 = 4.0 * m1s * c1 * c1
        g1 = 2.0 * t1 * t1 * (1.0 + 0.5 / (c1 * c1))   # dx₁/x₁ β₁(1 + 2μ₁²/x₁) per dw₁
        f1 = _ff_one(code, p, x1)
        x2hi = (1.0 - math.sqrt(x1)) ** 2
        if x2hi <= 4.0 * m2s:
            continue
        w2hi = math.acosh(math.sqrt(x2hi / (4.0 * m2s)))
        inner = 0.0
        for j in range(xg.size):
            tt = 0.5 * (xg[j] + 1.0)
            ss = tt * tt * (3.0 - 2.0 * tt)
            dss = 6.0 * tt * (1.0 - tt) * 0.5
            w2 = w2hi * ss
            c2, t2 = math.cosh(w2), math.tanh(w2)
            x2 = 4.0 * m2s * c2 * c2
            lam = (1.0 - x1 - x2) ** 2 - 4.0 * x1 * x2
            if lam <= 0.0:
                continue
            f2 = _ff_one(code, p, x2)
            inner += (wg[j] * dss * w2hi * 2.0 * t2 * t2 * (1.0 + 0.5 / (c2 * c2))
                      * lam ** 1.5 * f2 * f2)
        acc += wg[i] * ds * w1hi * g1 * f1 * f1 * inner
    return acc


def double_dalitz_ratio(m1, m2, m_meson, form_factor=None, *, identical=False):
    """Γ(P → ℓ₁⁺ℓ₁⁻ℓ₂⁺ℓ₂⁻)/Γ(P → γγ) with a factorised form factor F(x₁)F(x₂):

        2 (α/3π)² ∫∫ dx₁dx₂/(x₁x₂) λ^{3/2}(1, x₁, x₂) β₁(1 + 2μ₁²/x₁) β₂(1 + 2μ₂²/x₂) |F₁F₂|²

    (two off-shell photons; derived in the chapter).  ``identical=True`` (e⁺e⁻e⁺e⁻, μ⁺μ⁻μ⁺μ⁻)
    multiplies by 1/2: two pairings and 1/(2!2!), their interference neglected (a few-% effect).
    Nested 64×64 Gauss–Legendre in the w variables with a smoothstep (numba).  ``form_factor``
    None or a named :class:`FormFactor`.  Scalars.

    Accuracy: ≤ 1e-12 relative for 1e-5 ≤ m/M, 2(m₁ + m₂)/M ≤ 0.98 (vs scipy nested quad, 1e-13).

    >>> round(double_dalitz_ratio(0.1056583755, 0.00051099895, 0.497611) * 1e6, 3)
    2.859
    """
    caller = "double_dalitz_ratio"
    a, b, m = _two_pairs(m1, m2, m_meson, caller=caller)
    if form_factor is not None and not isinstance(form_factor, FormFactor):
        raise ValueError(f"{caller}: form_factor = {form_factor!r} is not one of the allowed values "
                         "(None or a FormFactor)")
    code, p, _ = _ff_resolve(form_factor, m, caller=caller)
    val = _double_dalitz_kernel(a / m, b / m, code, p, _TP_XW2, _TP_WW2)
    factor = 0.5 if identical else 1.0
    return float(factor * 2.0 * (C_ALPHA / (3.0 * math.pi)) ** 2 * val)


# ---- radiative K_ℓ2: K⁺ → ℓ⁺νγ (Bijnens, Ecker & Gasser, NPB 396 (1993) 81) -----------------
_KL2G_PARTS = ("ib", "sd+", "sd-", "int+", "int-", "sd", "int", "all")


@njit(cache=True)
def _kl2g_terms(x, d, dd, w, r):
    """(f_IB, f_SD+, f_SD−, f_INT+, f_INT−) of BEG at x = 2E_γ/M_K, r = m_ℓ²/M_K², written in
    d = x + y − 1 − r (= 2p_ℓ·k/M_K²) and dd = d − d_min, d_min = r x/(1 − x) (the lower edge of
    y) and w = 1 − y + r = x − d (2p_ν·k/M_K²): with (x + y − 1)(1 − x) − r = (1 − x) dd nothing
    cancels, so the collinear edge d → d_min and the soft-neutrino edge w → 0 keep their digits
    when the caller knows d, dd and w accurately."""
    fib = w / (x * x * d) * (x * x + 2.0 * (1.0 - r) * (1.0 - x) * dd / d)   # = NA62's f_IB
    fsp = d * (1.0 - x) * dd
    fsm = w * ((1.0 - x) * w + r * x)          # (1 − x)(1 − y) + r
    pre = w / (x * d)
    fip = -pre * (1.0 - x) * dd
    fim = pre * (x * x + (1.0 - x) * dd)       # x² − (1 − x)(1 − x − y) − r
    return fib, fsp, fsm, fip, fim


def _kl2g_coeffs(r, mk, fk):
    """A_IB, A_SD, A_INT in units of Γ(K → ℓν)."""
    a = C_ALPHA
    return (a / (2 * math.pi) / (1 - r) ** 2,
            a / (8 * math.pi) / (r * (1 - r) ** 2) * (mk / fk) ** 2,
            a / (2 * math.pi) / (1 - r) * (mk / fk))


def kl2gamma_density(x, y, m_lepton, f_v, f_a, part="all", *, m_k=C.M_KPLUS,
                     f_k=C.NA62V_F_K):
    """(1/Γ(K → ℓν)) d²Γ(K⁺ → ℓ⁺νγ)/dx dy, x = 2E_γ/M_K, y = 2E_ℓ/M_K (K rest frame):

        A_IB f_IB + A_SD [(F_V + F_A)² f_SD+ + (F_V − F_A)² f_SD−]
        + A_INT [(F_V + F_A) f_INT+ + (F_V − F_A) f_INT−],

    A_IB = α/(2π(1 − r)²), A_SD = α/(8π r (1 − r)²) (M_K/F_K)², A_INT = α/(2π(1 − r)) M_K/F_K,
    r = m_ℓ²/M_K² (Bijnens, Ecker & Gasser 1993, their eqs. for K_ℓ2γ; the f's in the chapter).
    F_K = f_K ≈ 156 MeV (the normalisation in which E787's |F_V + F_A| = 0.165 reproduces its
    B(SD⁺) = 1.33e-5: checked in the chapter).  ``part``: "ib", "sd+", "sd-", "int+", "int-",
    "sd", "int" or "all".  Zero outside 0 < x < 1 − r, 1 − x + r/(1 − x) < y < 1 + r.
    Broadcasts over x, y, f_v, f_a.

    Accuracy: ≤ 1e-14 relative in the Dalitz region, to 1e-9 of the y range off its edges (vs mpmath).

    >>> round(kl2gamma_density(0.5, 0.9, 0.1056583755, 0.0945, 0.0425, "sd+") * 1e5, 4)
    7.1744
    """
    caller = "kl2gamma_density"
    part = choice(caller, "part", part, _KL2G_PARTS)
    xa = real(caller, "x", x)
    ya = real(caller, "y", y)
    fv = real(caller, "f_v", f_v)
    fa = real(caller, "f_a", f_a)
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mk = real(caller, "m_k", m_k, ml, unit="GeV", scalar=True)
    fk = real(caller, "f_k", f_k, 0.0, unit="GeV", scalar=True)
    r = (ml / mk) ** 2
    xa, ya, fv, fa = np.broadcast_arrays(xa, ya, fv, fa)
    out = np.zeros(xa.shape)
    inside = (xa > 0) & (xa < 1 - r)           # the y range is decided by dd > 0 and w > 0
    xi, yi = xa[inside], ya[inside]
    r_hi, r_lo = _dd.ratio_sq(ml, mk)          # r to ~1e-32: its rounding would be amplified
    s0, e0 = _dd.two_sum(yi, -1.0)
    s1, e1 = _dd.two_sum(s0, xi)
    d_hi, e2 = _dd.two_sum(s1, -r_hi)
    d_lo = e2 + ((e1 + e0) - r_lo)              # d = x + y − 1 − r as d_hi + d_lo
    d = d_hi + d_lo
    # dd = d − r x/(1 − x) = [(1 − x) d − r x]/(1 − x), the two products in double-double so
    # that the lower edge y → 1 − x + r/(1 − x) keeps its digits
    a, a_e = _dd.two_sum(1.0, -xi)                 # a + a_e = 1 − x exactly
    p1, e1p = _dd.two_prod(a, d_hi)
    p2, e2p = _dd.two_prod(r_hi, xi)
    dd = ((p1 - p2) + ((e1p - e2p) + a * d_lo + a_e * d_hi - r_lo * xi)) / a
    w = ((1.0 - yi) + r_hi) + r_lo              # 1 − y exact: w keeps its digits as y → 1 + r
    # inside the Dalitz region 1 − x + r/(1 − x) < y < 1 + r exactly when dd > 0 and w > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        val = _kl2g_value(part, xi, d, dd, w, r, fv[inside], fa[inside], mk, fk)
    out[inside] = np.where((dd > 0) & (w > 0), val, 0.0)
    return scalar_or_array(out)


def _kl2g_value(part, x, d, dd, w, r, fv, fa, mk, fk):
    """The density of :func:`kl2gamma_density` from (x, d, dd) of :func:`_kl2g_terms`."""
    fib, fsp, fsm, fip, fim = _kl2g_terms(x, d, dd, w, r)
    aib, asd, aint = _kl2g_coeffs(r, mk, fk)
    sp_, sm_ = fv + fa, fv - fa
    terms = {"ib": aib * fib, "sd+": asd * sp_ ** 2 * fsp, "sd-": asd * sm_ ** 2 * fsm,
             "int+": aint * sp_ * fip, "int-": aint * sm_ * fim}
    if part in terms:
        return terms[part]
    if part == "sd":
        return terms["sd+"] + terms["sd-"]
    if part == "int":
        return terms["int+"] + terms["int-"]
    return sum(terms.values())


def kl2gamma_x_spectrum(x, m_lepton, f_v, f_a, part="all", *, y_nodes=64, m_k=C.M_KPLUS,
                        f_k=C.NA62V_F_K):
    """(1/Γ(K → ℓν)) dΓ(K⁺ → ℓ⁺νγ)/dx: :func:`kl2gamma_density` integrated over y at fixed
    x = 2E_γ/M_K (Gauss–Legendre, ``y_nodes`` nodes, in ln(x + y − 1 − r), which flattens the
    collinear peak of inner bremsstrahlung at small lepton–photon angle).  Broadcasts over x.

    Accuracy: ≤ 2e-13 relative for 1e-4 ≤ x ≤ 0.999 (1 − r), e and μ (vs mpmath quad).

    >>> round(kl2gamma_x_spectrum(0.5, 0.1056583755, 0.0945, 0.0425, "sd+") * 1e5, 4)
    2.3617
    """
    caller = "kl2gamma_x_spectrum"
    part = choice(caller, "part", part, _KL2G_PARTS)
    xa = real(caller, "x", x)
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mk = real(caller, "m_k", m_k, ml, unit="GeV", scalar=True)
    fv = real(caller, "f_v", f_v)
    fa = real(caller, "f_a", f_a)
    fk = real(caller, "f_k", f_k, 0.0, unit="GeV", scalar=True)
    n = count(caller, "y_nodes", y_nodes, low=2, scalar=True)
    r = (ml / mk) ** 2
    t, w = np.polynomial.legendre.leggauss(n)
    out = np.zeros(xa.shape)
    inside = (xa > 0) & (xa < 1 - r)
    xi = xa[inside][:, None]
    # integrate in u = ln d, d = x + y − 1 − r ∈ [r x/(1 − x), x]: the collinear 1/d peak of the
    # IB term (sharp for electrons) becomes flat
    ulo, uhi = np.log(r * xi / (1 - xi)), np.log(xi)
    half = 0.5 * (uhi - ulo)
    v = half * (t[None, :] + 1)
    d = np.exp(ulo + v)
    dd = np.exp(ulo) * np.expm1(v)               # d − d_min without cancellation (collinear end)
    xb = np.broadcast_to(xi, d.shape)
    w_ = -xb * np.expm1(v - 2.0 * half)          # x − d without cancellation (soft neutrino)
    dens = np.asarray(_kl2g_value(part, xb, d, dd, w_, r, fv, fa, mk, fk))
    out[inside] = np.sum(dens * d * w[None, :], axis=1) * half[:, 0]
    return scalar_or_array(out)


# ---- ππ phase shifts for K_e4 ---------------------------------------------------------------
def _schenk(s, q2, coeffs, ell, a_scale):
    """q2 = s/4 − 1 is passed in, computed without cancellation at threshold."""
    a, b, c, d, sl = (float(v) for v in coeffs)
    poly = a * a_scale + b * q2 + c * q2 ** 2 + d * q2 ** 3
    return np.arctan(np.sqrt(4.0 * q2 / s) * q2 ** ell * poly * (4.0 - sl) / (s - sl))


def pipi_phase_shift(m_pipi, a00=C.TWOPH_A00_CGL_2001, wave="delta", *, m_pi=C.M_PIPLUS):
    """ππ phase shifts in radians at M_ππ (GeV) from the Schenk parametrisation (Schenk, NPB 363
    (1991) 97) with the Colangelo–Gasser–Leutwyler coefficients (constants.TWOPH_SCHENK_*):

        tan δ_ℓ^I = sqrt(1 − 4M_π²/s) q^{2ℓ} (A + Bq² + Cq⁴ + Dq⁶)(4M_π² − s_ℓ)/(s − s_ℓ),

    q² = s/4 − M_π² (units of M_π).  ``a00`` rescales A₀⁰ = a_0^0 only (B₀⁰ … fixed: an
    illustrative one-parameter family, not the Roy-equation band).  ``wave``: "delta" (δ₀⁰ − δ₁¹,
    what K_e4 measures), "s0" (δ₀⁰) or "p1" (δ₁¹).  Near threshold δ ≈ (2q/√s) a_0^0.
    Defined for 2M_π < M_ππ < 0.8 GeV.  Broadcasts.

    Accuracy: ≤ 1e-14 relative for 2M_π(1 + 1e-15) ≤ M_ππ ≤ 0.8 GeV (vs mpmath).

    >>> round(pipi_phase_shift(0.36), 4)
    0.245
    """
    caller = "pipi_phase_shift"
    wave = choice(caller, "wave", wave, ("delta", "s0", "p1"))
    mp_ = real(caller, "m_pi", m_pi, 0.0, unit="GeV", scalar=True)
    m = real(caller, "m_pipi", m_pipi, 2 * mp_, 0.8, low_open=False, high_open=False, unit="GeV")
    a = real(caller, "a00", a00, 0.0, 1.0)
    s = (m / mp_) ** 2
    q2 = (m - 2.0 * mp_) * (m + 2.0 * mp_) / (4.0 * mp_ * mp_)   # m − 2M_π exact near threshold
    scale = a / float(C.TWOPH_SCHENK_S0[0])
    d0 = _schenk(s, q2, C.TWOPH_SCHENK_S0, 0, scale)
    d1 = _schenk(s, q2, C.TWOPH_SCHENK_P1, 1, 1.0)
    return scalar_or_array({"delta": d0 - d1, "s0": d0, "p1": d1}[wave])



# --- K+ -> pi+ l+ l- with the linear form factor -------------------------------------------------

_KPILL_PREF = C_ALPHA**2 / (12.0 * math.pi * (4.0 * math.pi) ** 4)
_KPILL_NODES = 48
_KPILL_XG, _KPILL_WG = np.polynomial.legendre.leggauss(_KPILL_NODES)


def _kpill_masses(m_lepton, m_k, m_pi, caller):
    ml = real(caller, "m_lepton", m_lepton, 0.0, unit="GeV", scalar=True)
    mk = real(caller, "m_k", m_k, 0.0, unit="GeV", scalar=True)
    mp = real(caller, "m_pi", m_pi, 0.0, mk, unit="GeV", scalar=True)
    if 2.0 * ml >= mk - mp:
        raise range_error(caller, "m_lepton", ml, 0.0, 0.5 * (mk - mp), unit="GeV",
                          reason="K -> pi l l is closed for 2 m_lepton >= m_k - m_pi")
    return ml, mk, mp


@njit(cache=True)
def _kpill_base(z, rl2, rp2):
    """λ^{3/2}(1, z, r_π²) β (1 + 2r_ℓ²/z), zero outside 4r_ℓ² < z < (1 − r_π)²."""
    lam = (1.0 - z - rp2) ** 2 - 4.0 * z * rp2
    b2 = 1.0 - 4.0 * rl2 / z
    if lam <= 0.0 or b2 <= 0.0:
        return 0.0
    return lam * math.sqrt(lam) * math.sqrt(b2) * (1.0 + 2.0 * rl2 / z)


@njit(cache=True)
def _kpill_moments(rl2, rp2, xg, wg):
    """∫ base(z) z^k dz for k = 0, 1, 2 over the Dalitz range: z = z₀ + Δ sin²φ makes both
    square-root endpoints analytic; panels in φ geometric from the threshold scale √(z₀/Δ)."""
    z0 = 4.0 * rl2
    z1 = (1.0 - math.sqrt(rp2)) ** 2
    dz = z1 - z0
    phi_s = math.sqrt(z0 / dz)
    edges = np.empty(40)
    edges[0] = 0.0
    n = 1
    e = 2.0 * phi_s
    while e < 0.5 * math.pi and n < 39:
        edges[n] = e
        n += 1
        e *= 4.0
    edges[n] = 0.5 * math.pi
    out = np.zeros(3)
    for k in range(n):
        lo, hi = edges[k], edges[k + 1]
        half, mid = 0.5 * (hi - lo), 0.5 * (hi + lo)
        for i in range(xg.size):
            phi = mid + half * xg[i]
            sn, cs = math.sin(phi), math.cos(phi)
            z = z0 + dz * sn * sn
            w = wg[i] * half * 2.0 * dz * sn * cs * _kpill_base(z, rl2, rp2)
            out[0] += w
            out[1] += w * z
            out[2] += w * z * z
    return out


def kpill_spectrum(z, m_lepton, a_plus, b_plus, *, m_k=C.M_KPLUS, m_pi=C.M_PIPLUS, g_f=C.G_F):
    """dΓ(K⁺ → π⁺ℓ⁺ℓ⁻)/dz in GeV, z = M_ℓℓ²/M_K², for the one-photon amplitude with the linear
    form factor W(z) = G_F M_K² (a₊ + b₊ z) (D'Ambrosio, Ecker, Isidori & Portolés, JHEP 08 (1998)
    004; the ππ-loop part of W is not included):

        dΓ/dz = α² M_K / (12π (4π)⁴) · λ^{3/2}(1, z, r_π²) β (1 + 2r_ℓ²/z) |W(z)|²,

    r_ℓ = m_ℓ/M_K, r_π = M_π/M_K, β = √(1 − 4r_ℓ²/z), derived in book/kaons/radiative.md from the
    current matrix element.  Zero outside 4r_ℓ² < z < (1 − r_π)².  Broadcasts over z, a_plus and
    b_plus (dimensionless); masses in GeV, g_f in GeV⁻².

    Accuracy: ≤ 1e-10 relative inside the Dalitz range, z ≥ 4r_ℓ²(1 + 1e-5) (vs mpmath).

    >>> round(kpill_spectrum(0.1, 0.000511, -0.587, -0.655) * 1e24, 3)
    49.322
    """
    caller = "kpill_spectrum"
    za = real(caller, "z", z, 0.0, 1.0, low_open=False, high_open=False)
    ap = real(caller, "a_plus", a_plus)
    bp = real(caller, "b_plus", b_plus)
    ml, mk, mp = _kpill_masses(m_lepton, m_k, m_pi, caller)
    gf = real(caller, "g_f", g_f, 0.0, unit="GeV^-2", scalar=True)
    za, ap, bp = np.broadcast_arrays(za, ap, bp)
    rl2, rp2 = (ml / mk) ** 2, (mp / mk) ** 2
    base = np.array([_kpill_base(float(v), rl2, rp2) for v in za.ravel()]).reshape(za.shape)
    w = gf * mk * mk * (ap + bp * za)
    return scalar_or_array(_KPILL_PREF * mk * base * w * w)


def kpill_width(m_lepton, a_plus, b_plus, *, m_k=C.M_KPLUS, m_pi=C.M_PIPLUS, g_f=C.G_F):
    """Γ(K⁺ → π⁺ℓ⁺ℓ⁻) in GeV: :func:`kpill_spectrum` integrated over 4r_ℓ² < z < (1 − r_π)².

    Γ is a quadratic form in (a₊, b₊): the three moments ∫ base · z^k dz (k = 0, 1, 2) are computed
    once (numba, Gauss–Legendre panels in φ with z = z₀ + Δ sin²φ, which makes the √ threshold and
    the λ^{3/2} endpoint analytic) and combined, so a_plus and b_plus broadcast at no cost.  Divide
    by ħ/τ_K for the branching ratio.

    Accuracy: ≤ 1e-12 relative for e and μ pairs, |a₊|, |b₊| ≤ 5, W(z) ≠ 0 on the range (vs mpmath quad).

    >>> round(kpill_width(0.000511, -0.587, -0.655) * 1e25, 3)
    145.415
    """
    caller = "kpill_width"
    ap = real(caller, "a_plus", a_plus)
    bp = real(caller, "b_plus", b_plus)
    ml, mk, mp = _kpill_masses(m_lepton, m_k, m_pi, caller)
    gf = real(caller, "g_f", g_f, 0.0, unit="GeV^-2", scalar=True)
    mom = _kpill_moments((ml / mk) ** 2, (mp / mk) ** 2, _KPILL_XG, _KPILL_WG)
    ap, bp = np.broadcast_arrays(ap, bp)
    quad = ap * ap * mom[0] + 2.0 * ap * bp * mom[1] + bp * bp * mom[2]
    return scalar_or_array(_KPILL_PREF * mk * (gf * mk * mk) ** 2 * quad)
