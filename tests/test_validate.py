"""Tests of dialm._validate: the input checks and the one message format of every public function."""

import math
import re

import numpy as np
import pytest

from dialm._validate import (
    NotNumericError,
    callable_values,
    choice,
    ckm_stack,
    count,
    first_bad,
    range_error,
    range_text,
    real,
    rng_seed,
    scalar_or_array,
)
from dialm.ckm import ckm_matrix


def message(excinfo):
    return str(excinfo.value)


# --------------------------------------------------------------------------------------------
# the message
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, text", [
    (dict(), "-inf < x < inf"),
    (dict(low=0.0), "0 < x < inf"),
    (dict(low=0.0, low_open=False), "0 <= x < inf"),
    (dict(high=1.0, high_open=False), "-inf < x <= 1"),
    (dict(low=-1, high=1e-6), "-1 < x < 1e-06"),
    (dict(low=0.225, high=1e15, high_open=False, unit="GeV"), "0.225 < x <= 1000000000000000 (GeV)"),
])
def test_range_text(kwargs, text):
    assert range_text("x", **kwargs) == text


def test_range_error_format():
    err = range_error("delta_a_mu", "m", -0.1, 0.0, unit="GeV")
    assert isinstance(err, ValueError)
    assert str(err) == "delta_a_mu: m = -0.1 is outside the allowed range 0 < m < inf (GeV)"
    err = range_error("f", "b", math.inf, 0.0, low_open=False, reason="b is a background")
    assert str(err) == ("f: b = inf is outside the allowed range 0 <= b < inf; b must be finite; "
                        "b is a background")


def test_first_bad_broadcasts():
    mask = np.array([[False, False], [True, False]])
    assert first_bad(np.array([3.0, 4.0]), mask) == 3.0
    assert first_bad(7.5, mask) == 7.5
    assert type(first_bad(np.array([3.0, 4.0]), mask)) is float


# --------------------------------------------------------------------------------------------
# real
# --------------------------------------------------------------------------------------------
def test_real_accepts_and_returns_float64_array():
    out = real("f", "x", [1, 2, 3], 0.0)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (3,)
    assert real("f", "x", 0.0, 0.0, low_open=False) == 0.0
    assert real("f", "x", 1.0, 0.0, 1.0, high_open=False) == 1.0
    assert real("f", "x", -1e300) == -1e300
    assert real("f", "x", [[0.5], [0.25]], 0.0, 1.0).shape == (2, 1)


@pytest.mark.parametrize("value, shown, rng, finite", [
    (-0.1, "-0.1", "0 < m < inf (GeV)", True),
    (0.0, "0.0", "0 < m < inf (GeV)", True),
    ([0.1, np.nan, -1.0], "nan", "0 < m < inf (GeV)", False),
    ([[0.1, 2.0], [math.inf, 1.0]], "inf", "0 < m < inf (GeV)", False),
])
def test_real_positive_errors(value, shown, rng, finite):
    with pytest.raises(ValueError) as exc:
        real("delta_a_mu", "m", value, 0.0, unit="GeV")
    expected = f"delta_a_mu: m = {shown} is outside the allowed range {rng}"
    if not finite:
        expected += "; m must be finite"
    assert message(exc) == expected


@pytest.mark.parametrize("value, kwargs, shown, rng", [
    (1.0, dict(low=0.0, high=1.0), "1.0", "0 < p < 1"),
    (0.0, dict(low=0.0, high=1.0, high_open=False), "0.0", "0 < p <= 1"),
    ([0.5, 1.5], dict(low=0.0, high=1.0, low_open=False, high_open=False), "1.5", "0 <= p <= 1"),
    (-2.0, dict(low=-1.0), "-2.0", "-1 < p < inf"),
    (3.0, dict(high=2.0), "3.0", "-inf < p < 2"),
])
def test_real_bounds(value, kwargs, shown, rng):
    with pytest.raises(ValueError, match=rf"^f: p = {re.escape(shown)} is outside the allowed range "
                                         rf"{re.escape(rng)}$"):
        real("f", "p", value, **kwargs)


def test_real_reports_first_bad_element_in_array_order():
    with pytest.raises(ValueError, match=r"^f: x = -2\.0 is outside"):
        real("f", "x", [[1.0, -2.0], [-3.0, 4.0]], 0.0)


@pytest.mark.parametrize("value", ["abc", 1 + 2j, [1j, 2.0], np.array([1.0 + 0j]), object()])
def test_real_rejects_non_numbers(value):
    with pytest.raises(TypeError) as exc:
        real("kappa_from_kl3", "alpha", value, 0.0)
    assert isinstance(exc.value, NotNumericError) and isinstance(exc.value, ValueError)
    msg = message(exc)
    assert msg.startswith("kappa_from_kl3: alpha = ")
    assert "is not a real number" in msg and "allowed range 0 < alpha < inf" in msg


def test_real_scalar():
    out = real("f", "x", np.float64(2.0), 0.0, scalar=True)
    assert type(out) is float and out == 2.0
    with pytest.raises(ValueError, match=r"^f: x must be a scalar .*shape \(2,\)"):
        real("f", "x", [1.0, 2.0], scalar=True)


# --------------------------------------------------------------------------------------------
# count
# --------------------------------------------------------------------------------------------
def test_count_accepts_integers_and_integer_valued_floats():
    out = count("f", "n", [0, 3, 7.0])
    assert out.dtype == np.int64 and out.tolist() == [0, 3, 7]
    assert count("f", "n", np.uint8(5)) == 5
    assert count("f", "n", 2**62) == 2**62
    n = count("f", "n", 4.0, scalar=True)
    assert type(n) is int and n == 4


@pytest.mark.parametrize("value, shown", [(-1, "-1"), (1.5, "1.5"), ([2, -3], "-3"),
                                          (np.nan, "nan"), (-0.5, "-0.5")])
def test_count_errors(value, shown):
    with pytest.raises(ValueError) as exc:
        count("poisson_upper_limit", "n_obs", value)
    expected = (f"poisson_upper_limit: n_obs = {shown} is outside the allowed range "
                "n_obs = 0, 1, 2, ...")
    if shown == "nan":
        expected += "; n_obs must be finite"
    assert message(exc) == expected


def test_count_high_and_low():
    with pytest.raises(ValueError, match=r"^g: n = 11 is outside the allowed range n = 0, 1, \.\.\., 10$"):
        count("g", "n", 11, high=10)
    with pytest.raises(ValueError, match=r"^g: n = 11\.0 is outside the allowed range n = 0, 1, \.\.\., 10$"):
        count("g", "n", 11.0, high=10)
    with pytest.raises(ValueError, match=r"^g: n = 0 is outside the allowed range n = 1, 2, 3, \.\.\.$"):
        count("g", "n", 0, low=1)
    assert count("g", "n", 10, high=10) == 10


def test_count_too_large_for_int64():
    with pytest.raises(ValueError, match=r"n = 1e\+30 .*n = 0, 1, 2, \.\.\.; it does not fit in int64"):
        count("g", "n", 1e30)


@pytest.mark.parametrize("value", [True, False, np.array([True, False]), "3", None, 2 + 0j])
def test_count_rejects_bools_and_non_numbers(value):
    with pytest.raises(NotNumericError) as exc:
        count("bifurcation_toy", "n_toys", value)
    assert isinstance(exc.value, ValueError) and isinstance(exc.value, TypeError)
    msg = message(exc)
    assert msg.startswith("bifurcation_toy: n_toys = ") and "is not an integer" in msg
    assert "allowed range n_toys = 0, 1, 2, ..." in msg


# --------------------------------------------------------------------------------------------
# choice and rng_seed
# --------------------------------------------------------------------------------------------
def test_choice():
    kinds = ("scalar", "vector")
    assert choice("f", "kind", "vector", kinds) == "vector"
    assert choice("f", "kind", np.str_("scalar"), kinds) == "scalar"
    for bad in ("tensor", "Scalar", 0, None, ["scalar"], np.array(["scalar"])):
        with pytest.raises(ValueError) as exc:
            choice("delta_a_mu", "kind", bad, kinds)
        assert message(exc) == (f"delta_a_mu: kind = {bad!r} is not one of the allowed values "
                                "('scalar', 'vector')")
    assert choice("f", "mode", "a", {"a": 1, "b": 2}) == "a"  # a dict's keys are the options
    with pytest.raises(ValueError):
        choice("f", "flag", True, (1, 0))  # a bool is not the number 1


def test_rng_seed():
    assert rng_seed("f", "seed", 0) == 0
    assert rng_seed("f", "seed", np.int64(2**32 - 1)) == 2**32 - 1
    for bad in (-1, 2**32):
        with pytest.raises(ValueError, match=rf"^f: seed = {bad} is outside the allowed range "
                                             r"seed = 0, 1, \.\.\., 4294967295$"):
            rng_seed("f", "seed", bad)
    for bad in (True, 1.0, "1", None):
        with pytest.raises(NotNumericError, match=r"^f: seed = .* is not an integer"):
            rng_seed("f", "seed", bad)


# --------------------------------------------------------------------------------------------
# ckm_stack
# --------------------------------------------------------------------------------------------
GOOD_V = ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)


def test_ckm_stack_accepts_stacks():
    M = ckm_stack("f", np.eye(3))
    assert M.dtype == complex and M.shape == (3, 3)
    stack = ckm_matrix([0.2, 0.22], 0.8, 0.15, 0.35)[None]
    assert ckm_stack("f", stack, unitarity_tol=1e-12).shape == (1, 2, 3, 3)
    assert ckm_stack("f", np.ones((3, 3)), unitarity_tol=np.inf).shape == (3, 3)  # inf: no check
    assert ckm_stack("f", np.ones((3, 3))).shape == (3, 3)  # None: no check


@pytest.mark.parametrize("bad", [np.eye(2), np.zeros(3), np.ones((3, 4)), np.ones((2, 3, 2)), 1.0])
def test_ckm_stack_shape_error(bad):
    with pytest.raises(ValueError) as exc:
        ckm_stack("jarlskog", bad)
    assert message(exc) == (f"jarlskog: V has shape {np.shape(bad)}, outside the allowed shapes "
                            "(..., 3, 3) (rows u, c, t; columns d, s, b)")


def test_ckm_stack_finite_error():
    V = np.array([GOOD_V, GOOD_V])
    V[1, 2, 0] = np.nan
    with pytest.raises(ValueError, match=r"^f: V\[1, 2, 0\] = \(?nan.* is outside the allowed range "
                                         r"\|V\[1, 2, 0\]\| < inf; V must be finite$"):
        ckm_stack("f", V)


def test_ckm_stack_non_numeric():
    with pytest.raises(NotNumericError, match=r"^jarlskog: V = .* is not a numeric array"):
        ckm_stack("jarlskog", [["a", "b", "c"]] * 3)


def test_ckm_stack_unitarity():
    assert ckm_stack("f", GOOD_V, unitarity_tol=1e-12) is not None
    with pytest.raises(ValueError) as exc:
        ckm_stack("pinunu_amplitude", np.array([GOOD_V, GOOD_V * 1.001]), unitarity_tol=1e-9)
    msg = message(exc)
    assert re.fullmatch(r"pinunu_amplitude: max\|V\^dagger V - 1\| = 0\.002\d* is outside the "
                        r"allowed range 0 <= max\|V\^dagger V - 1\| <= 1e-09; V must be unitary "
                        r"\(the bound is unitarity_tol\)", msg), msg


# --------------------------------------------------------------------------------------------
# scalar_or_array
# --------------------------------------------------------------------------------------------
def test_scalar_or_array():
    for x in (2.0, np.float64(2.0), np.asarray(2.0), np.int64(2), 2):
        out = scalar_or_array(x)
        assert type(out) is float and out == 2.0
    out = scalar_or_array(np.asarray(1 + 2j))
    assert type(out) is complex and out == 1 + 2j
    arr = np.array([1.0, 2.0])
    assert scalar_or_array(arr) is arr
    assert scalar_or_array(np.zeros((2, 0))).shape == (2, 0)
    assert isinstance(scalar_or_array(np.array([1.0])), np.ndarray)


# --------------------------------------------------------------------------------------------
# the public functions use the helpers: scalar in, float out; broadcasting; one message format
# --------------------------------------------------------------------------------------------
def test_public_functions_broadcast_and_return_floats():
    from dialm.g2 import delta_a_mu
    from dialm.kaon import inami_lim_x0
    from dialm.precession import magic_gamma

    assert type(delta_a_mu("vector", 0.01, 1e-3)) is float
    assert delta_a_mu("vector", np.array([[0.01], [0.1]]), [1e-3, 2e-3, 3e-3]).shape == (2, 3)
    assert type(inami_lim_x0(4.0)) is float
    assert type(magic_gamma(0.00116592)) is float


@pytest.mark.parametrize("call, text", [
    ("dialm.g2:delta_a_mu('vector', -0.1, 1e-3)",
     "delta_a_mu: m = -0.1 is outside the allowed range 0 < m < inf (GeV)"),
    ("dialm.kaon:grossman_nir_factor(tau_l=-5e-8)",
     "grossman_nir_factor: tau_l = -5e-08 is outside the allowed range 0 < tau_l < inf (s)"),
    ("dialm.limits:poisson_upper_limit(1, 0.0, 1.0)",
     "poisson_upper_limit: cl = 1.0 is outside the allowed range 0 < cl < 1"),
    ("dialm.precession:anomalous_precession_frequency(1e-3, 0.0)",
     "anomalous_precession_frequency: B_tesla = 0.0 is outside the allowed range 0 < B_tesla <= 1000"),
    ("dialm.ckm:rhobar_etabar_from_rho_eta(1.2, 0.1, 0.3)",
     "rhobar_etabar_from_rho_eta: lam = 1.2 is outside the allowed range 0 < lam < 1"),
])
def test_one_message_format_in_every_module(call, text):
    import importlib

    module, expr = call.split(":")
    namespace = vars(importlib.import_module(module))
    with pytest.raises(ValueError) as exc:
        eval(expr, dict(namespace))
    assert message(exc) == text


# --------------------------------------------------------------------------------------------
# user-supplied callables
# --------------------------------------------------------------------------------------------
def test_callable_values_broadcasts_a_scalar_result():
    x = np.linspace(0.1, 0.9, 5)
    y = callable_values("f", "form_factor", lambda t: 2.0, x)
    assert y.shape == x.shape and y.dtype == np.float64 and np.all(y == 2.0)
    assert np.array_equal(callable_values("f", "ff", lambda t: 1 + t, x), 1 + x)


def test_callable_values_evaluates_a_scalar_only_callable_point_by_point():
    x = np.array([0.1, 0.5, 0.9])
    y = callable_values("f", "ff", lambda t: math.exp(t) if t < 0.7 else 0.0, x)
    assert np.allclose(y, [math.exp(0.1), math.exp(0.5), 0.0], rtol=0, atol=0)


def test_callable_values_rejects_wrong_shapes_and_values():
    x = np.linspace(0.1, 0.9, 4)
    with pytest.raises(ValueError, match=r"^g: ff returned shape \(3,\) for an argument of shape "
                                         r"\(4,\); it must return one real value per point"):
        callable_values("g", "ff", lambda t: np.ones(3), x)
    with pytest.raises(ValueError, match=r"^g: ff returned nan at 0\.1; it must return a finite"):
        callable_values("g", "ff", lambda t: np.nan * t, x)
    with pytest.raises(ValueError, match=r"^g: ff returned .*complex128.*real value per point"):
        callable_values("g", "ff", lambda t: t + 1j, x)
    assert np.array_equal(callable_values("g", "ff", lambda t: t + 0j, x), x)  # real complex ok
    with pytest.raises(ValueError, match=r"^g: ff could not be evaluated"):
        callable_values("g", "ff", lambda t: [][0] if False else int("x"), x)
