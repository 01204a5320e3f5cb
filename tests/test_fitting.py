"""dialm.fitting: the scipy fallback (used where iminuit does not exist, e.g. in the browser) gives
the same best fit and errors as iminuit on the book's fits: the wiggle fit of the g-2 chapter and
the α_K* fit of the two-photon chapter.  Tolerances: values to 1e-4 relative (or 0.02σ, Migrad's
own convergence tolerance, whichever is larger), errors to 1 %."""

import math

import numpy as np
import pytest

from dialm import fitting
from dialm import precession as P
from dialm.constants import A_MU_EXP_2025, E989_B_T, M_E, M_K0, M_MU, TAU_MU_S
from dialm.kaon import dalitz_ratio, form_factor_bms, sample_dalitz_x

pytestmark = pytest.mark.skipif(not fitting.HAVE_IMINUIT, reason="compares with iminuit")


def _agree(a, b, sigma):
    return abs(a - b) <= max(1e-4 * abs(b), 0.02 * sigma)


def test_quadratic_exact():
    f = lambda x, y: (x - 1) ** 2 + 4 * (y + 2) ** 2 + (x - 1) * (y + 2)  # noqa: E731
    for backend in ("iminuit", "scipy"):
        r = fitting.minimize(f, (0.0, 0.0), errordef=1.0, backend=backend)
        assert r.minimizer == backend and r.valid
        assert r.values == pytest.approx((1.0, -2.0), abs=1e-6)
        # covariance 2·errordef·H⁻¹ with H = [[2, 1], [1, 8]]: σ² = (16/15, 4/15)
        assert r.errors == pytest.approx((math.sqrt(16 / 15), math.sqrt(4 / 15)), rel=1e-4)


def test_wiggle_fit_scipy_equals_iminuit():
    """The chapter's Run-1-sized histogram (N0 = 1e10, bins of one cyclotron period)."""
    a = float(A_MU_EXP_2025)
    gamma = P.magic_gamma(a)
    omega = P.anomalous_precession_frequency(a, E989_B_T)
    tau = gamma * float(TAU_MU_S)
    counts, edges = P.poisson_wiggle_histogram(1e10, tau, 0.37, omega, 2.0, t_max=700e-6,
                                               bin_width=P.cyclotron_period(gamma), seed=1)
    m = P.fit_wiggle(counts, edges, omega * 1.0003, 60e-6, backend="iminuit")
    s = P.fit_wiggle(counts, edges, omega * 1.0003, 60e-6, backend="scipy")
    assert (m.minimizer, s.minimizer) == ("iminuit", "scipy") and m.valid and s.valid
    for name in ("n0", "tau", "asymmetry", "omega_a", "phase"):
        err = getattr(m, name + "_err")
        assert _agree(getattr(s, name), getattr(m, name), err), name
        assert getattr(s, name + "_err") == pytest.approx(err, rel=0.01), name
    assert s.deviance == pytest.approx(m.deviance, abs=1e-3)


@pytest.mark.parametrize("ml", [float(M_E), float(M_MU)], ids=["ee", "mumu"])
def test_alpha_kstar_fit_scipy_equals_iminuit(ml):
    """The unbinned BMS shape fit of the two-photon chapter (20 000 events, truth −0.2)."""
    mk = float(M_K0)
    xs = sample_dalitz_x(20_000, ml, mk, form_factor_bms(-0.2), seed=1999)

    def nll(a_):
        ffa = form_factor_bms(a_)
        return float(-2 * np.sum(np.log(np.abs(ffa(xs)))) + xs.size * math.log(
            dalitz_ratio(ml, mk, ffa)))

    m = fitting.minimize(nll, (-0.2,), errordef=0.5, limits=[(-1.5, 1.0)], backend="iminuit")
    s = fitting.minimize(nll, (-0.2,), errordef=0.5, limits=[(-1.5, 1.0)], backend="scipy")
    assert m.valid and s.valid
    assert _agree(s.values[0], m.values[0], m.errors[0])
    assert s.errors[0] == pytest.approx(m.errors[0], rel=0.01)


def test_default_backend_and_clear_error_without_iminuit(monkeypatch):
    assert fitting.minimize(lambda x: x * x, (1.0,)).minimizer == "iminuit"
    monkeypatch.setattr(fitting, "HAVE_IMINUIT", False)
    assert fitting.minimize(lambda x: x * x, (1.0,)).minimizer == "scipy"
    with pytest.raises(ValueError, match="iminuit is not installed"):
        fitting.minimize(lambda x: x * x, (1.0,), backend="iminuit")
