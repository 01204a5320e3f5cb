"""Input checks for the public functions of :mod:`dialm`: the one place the convention lives.

Convention.  A public function checks its arguments once, at its entry, with the helpers below
(never inside a numba kernel).  Bad input raises ``ValueError`` with one message format that names
the function, the parameter, the offending value (the first bad element of an array) and the
allowed range, with the unit in parentheses when there is one::

    delta_a_mu: m = -0.1 is outside the allowed range 0 < m < inf (GeV)
    delta_a_mu: g = nan is outside the allowed range -inf < g < inf; g must be finite
    poisson_upper_limit: n_obs = 1.5 is outside the allowed range n_obs = 0, 1, 2, ...

A value that is not a number at all (a string, ``None`` for a count, a complex for a real, a bool
for a count) raises :class:`NotNumericError`, which is both a ``TypeError`` and a ``ValueError``,
with the same format (``f: x = 'abc' is not a real number or an array of them (allowed range
-inf < x < inf)``).  Checks the helpers cannot express (a sign fixed by a model, a closed decay)
raise :func:`range_error`, which builds the same message.  Results go back through
:func:`scalar_or_array`: a scalar in gives a Python float (complex) out, an array gives an array.

Usage (``caller``, the first argument of every check, is the public function's name as the user
called it; a private helper of a topic module takes it as the keyword ``caller``)::

    m = real("delta_a_mu", "m", m, 0.0, unit="GeV")           # float64 array, 0 < m < inf
    n = count("poisson_upper_limit", "n_obs", n_obs)            # int64 array, 0, 1, 2, ...
    kind = choice("delta_a_mu", "kind", kind, KINDS)
    V = ckm_stack("jarlskog", V)                                # complex (..., 3, 3)
    return scalar_or_array(result)
"""

from __future__ import annotations

import math
import reprlib

import numpy as np

__all__ = [
    "NotNumericError",
    "range_text",
    "range_error",
    "first_bad",
    "real",
    "count",
    "choice",
    "rng_seed",
    "ckm_stack",
    "callable_values",
    "scalar_or_array",
]

_INT64_MAX = np.iinfo(np.int64).max
_SEED_HIGH = 2**32 - 1


class NotNumericError(TypeError, ValueError):
    """A parameter that is not a number of the required kind.

    A ``TypeError`` (the value has the wrong type) and, so that every bad input of a public
    function can be caught as one, also a ``ValueError``.
    """


# --------------------------------------------------------------------------------------------
# the message
# --------------------------------------------------------------------------------------------
def _bound(x) -> str:
    """A range bound as written in a message: 0, 1, -1, 1e-06, 0.225 (no trailing '.0')."""
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return str(int(x))
    r = repr(float(x))
    return r[:-2] if r.endswith(".0") else r


def _value(x) -> str:
    """An offending value as written in a message: repr of the Python float (or int)."""
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return str(int(x))
    try:
        return repr(float(x))
    except (TypeError, ValueError):
        return reprlib.repr(x)


def range_text(name, low=None, high=None, *, low_open=True, high_open=True, unit="") -> str:
    """The allowed range as in the messages, e.g. ``0 < m < inf (GeV)``, ``0 <= p_c < inf``."""
    lo = "-inf <" if low is None else f"{_bound(low)} {'<' if low_open else '<='}"
    hi = "< inf" if high is None else f"{'<' if high_open else '<='} {_bound(high)}"
    text = f"{lo} {name} {hi}"
    return f"{text} ({unit})" if unit else text


def _message(name, value, rng, reason="", *, caller):
    msg = f"{caller}: {name} = {_value(value)} is outside the allowed range {rng}"
    try:
        finite = math.isfinite(float(value))
    except (TypeError, ValueError):
        finite = True
    if not finite:
        msg += f"; {name} must be finite"
    if reason:
        msg += f"; {reason}"
    return msg


def range_error(caller, name, value, low=None, high=None, *, low_open=True, high_open=True,
                unit="", reason="") -> ValueError:
    """The standard ``ValueError`` for ``name = value`` outside ``low < name < high``.

    For checks the helpers below cannot express (a sign fixed by a model, a closed decay, a
    derived quantity): ``raise range_error(...)``.  ``reason`` is appended after a semicolon.

    >>> str(range_error("f", "m", -0.1, 0.0, unit="GeV"))
    'f: m = -0.1 is outside the allowed range 0 < m < inf (GeV)'
    """
    rng = range_text(name, low, high, low_open=low_open, high_open=high_open, unit=unit)
    return ValueError(_message(name, value, rng, reason, caller=caller))


def first_bad(arr, mask):
    """The first element of ``arr`` (broadcast to ``mask``'s shape) where ``mask`` is True."""
    return np.broadcast_to(arr, np.shape(mask))[mask].flat[0].item()


def _not_numeric(name, value, rng, what="a real number", *, caller):
    return NotNumericError(f"{caller}: {name} = {reprlib.repr(value)} is not {what} or an array "
                           f"of them (allowed range {rng})")


def _scalar_only(name, arr, *, caller):
    if arr.ndim:
        raise ValueError(f"{caller}: {name} must be a scalar (one value per call); "
                         f"got an array of shape {arr.shape}")
    return arr.item()


# --------------------------------------------------------------------------------------------
# the checks
# --------------------------------------------------------------------------------------------
def real(caller, name, value, low=None, high=None, *, low_open=True, high_open=True, unit="",
         scalar=False):
    """``value`` as a finite float64 array with ``low < value < high``.

    ``low``/``high`` None mean −inf/+inf; ``low_open=False`` (``high_open=False``) allows the
    bound itself.  Non-finite or out-of-range elements raise the standard ``ValueError`` naming
    the first bad one; a non-numeric or complex value raises :class:`NotNumericError`.  With
    ``scalar=True`` the value must be 0-d and a Python float is returned.

    >>> real("f", "x", [0.5, 2.0], 0.0)
    array([0.5, 2. ])
    >>> real("f", "x", [0.5, -2.0], 0.0)
    Traceback (most recent call last):
    ...
    ValueError: f: x = -2.0 is outside the allowed range 0 < x < inf
    """
    rng_kw = dict(low_open=low_open, high_open=high_open, unit=unit)
    if getattr(value, "dtype", None) is not None and value.dtype.kind == "c":  # numpy complex
        raise _not_numeric(name, value, range_text(name, low, high, **rng_kw), caller=caller)
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise _not_numeric(name, value, range_text(name, low, high, **rng_kw), caller=caller) from exc
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= (arr <= low) if low_open else (arr < low)
    if high is not None:
        bad |= (arr >= high) if high_open else (arr > high)
    if bad.any():
        raise range_error(caller, name, arr[bad].flat[0], low, high, **rng_kw)
    return _scalar_only(name, arr, caller=caller) if scalar else arr


def count(caller, name, value, high=None, *, low=0, scalar=False):
    """``value`` as an int64 array of integers ``low <= n <= high`` (default 0, 1, 2, ...).

    Integer-valued floats are accepted; bools, strings and complex numbers raise
    :class:`NotNumericError`; negative, fractional, non-finite or too large values the standard
    ``ValueError``.  ``scalar=True`` requires a 0-d value and returns a Python int.

    >>> count("f", "n", [0, 3.0])
    array([0, 3])
    >>> count("f", "n", 2.5)
    Traceback (most recent call last):
    ...
    ValueError: f: n = 2.5 is outside the allowed range n = 0, 1, 2, ...
    """
    lo = int(low)
    rng = (f"{name} = {lo}, {lo + 1}, ..., {int(high)}" if high is not None
           else f"{name} = {lo}, {lo + 1}, {lo + 2}, ...")
    arr = np.asarray(value)
    if (arr.dtype == bool or not np.issubdtype(arr.dtype, np.number)
            or np.issubdtype(arr.dtype, np.complexfloating)):
        raise _not_numeric(name, value, rng, what="an integer", caller=caller)
    top = _INT64_MAX if high is None else int(high)
    if np.issubdtype(arr.dtype, np.integer):
        bad = (arr < lo) | (arr > top)
    else:
        arrf = arr.astype(np.float64)
        bad = (~np.isfinite(arrf) | (arrf < lo) | (arrf != np.floor(arrf)) | (arrf > top)
               | (arrf >= 2.0**63))
    if bad.any():
        v = arr[bad].flat[0].item()  # a Python int for integer input, a float for float input
        reason = "it does not fit in int64" if high is None and v > _INT64_MAX else ""
        raise ValueError(_message(name, v, rng, reason, caller=caller))
    out = arr.astype(np.int64)
    return _scalar_only(name, out, caller=caller) if scalar else out


def _same(value, option):
    """``value == option`` for a value of the option's type (a str subclass counts as str, a bool
    never counts as a number); never compares arrays elementwise."""
    if isinstance(value, bool) != isinstance(option, bool) or not isinstance(value, type(option)):
        return False
    return bool(value == option)


def choice(caller, name, value, options):
    """``value`` if it is one of ``options`` (of the option's type and equal), else ``ValueError``.

    >>> choice("f", "kind", "pear", ("apple", "plum"))
    Traceback (most recent call last):
    ...
    ValueError: f: kind = 'pear' is not one of the allowed values ('apple', 'plum')
    """
    options = tuple(options)
    if not any(_same(value, o) for o in options):
        raise ValueError(f"{caller}: {name} = {reprlib.repr(value)} is not one of the allowed "
                         f"values {options!r}")
    return value


def rng_seed(caller, name, value):
    """A seed for numpy or a numba kernel: a Python or numpy integer 0 <= seed < 2**32 (not bool).

    >>> rng_seed("f", "seed", 7)
    7
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise NotNumericError(f"{caller}: {name} = {reprlib.repr(value)} is not an integer "
                              f"(allowed range {name} = 0, 1, ..., {_SEED_HIGH})")
    if not 0 <= value <= _SEED_HIGH:
        raise ValueError(_message(name, int(value), f"{name} = 0, 1, ..., {_SEED_HIGH}", caller=caller))
    return int(value)


def ckm_stack(caller, V, unitarity_tol=None):
    """``V`` as a complex array of shape (..., 3, 3) with finite entries (rows u, c, t; columns
    d, s, b); with ``unitarity_tol`` also max|V†V − 1| <= unitarity_tol (None or inf: no check).

    >>> ckm_stack("f", np.eye(3)).dtype
    dtype('complex128')
    """
    try:
        M = np.asarray(V, dtype=complex)
    except (TypeError, ValueError) as exc:
        raise NotNumericError(f"{caller}: V = {reprlib.repr(V)} is not a numeric array of shape "
                              "(..., 3, 3)") from exc
    if M.ndim < 2 or M.shape[-2:] != (3, 3):
        raise ValueError(f"{caller}: V has shape {M.shape}, outside the allowed shapes (..., 3, 3) "
                         "(rows u, c, t; columns d, s, b)")
    bad = ~np.isfinite(M)
    if bad.any():
        idx = ", ".join(str(int(i)) for i in np.argwhere(bad)[0])
        raise ValueError(f"{caller}: V[{idx}] = {M[bad].flat[0].item()!r} is outside the allowed "
                         f"range |V[{idx}]| < inf; V must be finite")
    if unitarity_tol is not None and unitarity_tol < math.inf:
        dev = np.max(np.abs(np.conj(np.swapaxes(M, -1, -2)) @ M - np.eye(3)), axis=(-2, -1))
        worst = float(np.max(dev))
        if worst > unitarity_tol:
            raise range_error(caller, "max|V^dagger V - 1|", worst, 0.0, unitarity_tol,
                              low_open=False, high_open=False,
                              reason="V must be unitary (the bound is unitarity_tol)")
    return M


def callable_values(func, name, f, x, *, what="value"):
    """A user-supplied callable ``f`` evaluated at the array ``x``: float64 of ``x``'s shape.

    One rule for every public function that accepts a callable (a form factor, a spectrum):
    ``f`` is called once with the whole array.  A scalar result (a constant, or a callable written
    for one number that returns one number) is broadcast to ``x``'s shape; a result of any other
    shape, a non-numeric or complex result, or a non-finite value raises ``ValueError`` naming the
    function and the parameter::

        dalitz_ratio: form_factor returned shape (3,) for an argument of shape (128,); it must
        return one real value per point (an array of the argument's shape) or a scalar
    """
    x = np.asarray(x)
    try:
        y = np.asarray(f(x))
    except (TypeError, ValueError) as exc:
        if x.ndim == 0:
            raise
        # a callable written for scalars (math.exp, an if-statement): evaluate point by point
        try:
            y = np.asarray([f(float(v)) for v in x.ravel()]).reshape(x.shape)
        except Exception:
            raise ValueError(f"{func}: {name} could not be evaluated on an array of shape "
                             f"{x.shape} ({type(exc).__name__}: {exc})") from exc
    if y.dtype.kind not in "biuf":
        if y.dtype.kind == "c" and not np.any(np.imag(y)):
            y = np.real(y)
        else:
            raise ValueError(f"{func}: {name} returned {reprlib.repr(y.tolist())} (dtype {y.dtype}); "
                             f"it must return a real {what} per point")
    if y.ndim == 0:
        y = np.broadcast_to(y, x.shape)
    elif y.shape != x.shape:
        raise ValueError(f"{func}: {name} returned shape {y.shape} for an argument of shape "
                         f"{x.shape}; it must return one real {what} per point (an array of the "
                         f"argument's shape) or a scalar")
    y = np.array(y, dtype=np.float64)
    bad = ~np.isfinite(y)
    if np.any(bad):
        raise ValueError(f"{func}: {name} returned {first_bad(y, bad)!r} at "
                         f"{first_bad(x, bad)!r}; it must return a finite {what}")
    return y


def scalar_or_array(x):
    """A 0-d result as a Python float (complex if complex), anything else as an ndarray.

    >>> scalar_or_array(np.float64(2.0)), scalar_or_array(np.asarray(1j))
    (2.0, 1j)
    """
    arr = np.asarray(x)
    if arr.ndim == 0:
        return complex(arr) if np.iscomplexobj(arr) else float(arr)
    return arr
