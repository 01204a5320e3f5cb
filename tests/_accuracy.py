"""The accuracy contract of dialm, shared by the tests/test_accuracy_*.py files.

Every public function of the physics modules says how accurate it is on a docstring line that
starts ``Accuracy:``, in one of three forms:

- ``Accuracy: ≤ 1e-12 relative ...`` — a float result.  The rest of the line names the range and
  the reference.  A row in ``CASES`` of some tests/test_accuracy_<module>.py evaluates the function
  at points spanning that range and compares with an independent high-precision reference
  (mpmath at 40 digits unless the row says otherwise); the largest relative error must not exceed
  the number in the docstring, so the docstring and the test cannot drift apart.
- ``Accuracy: exact ...`` — integers, strings, tables read from a file: nothing is rounded.
- ``Accuracy: statistical ...`` — random samples.  ``STATISTICAL`` in a test_accuracy file maps the
  function to the test (``"tests/test_x.py::test_name"``) that checks the samples' distribution.

tests/test_accuracy_contract.py checks that every public function has such a line and that every
numeric and statistical one is covered.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import mpmath as mp
import numpy as np

#: the three accepted forms of the docstring line
_BOUND = re.compile(r"^\s*Accuracy: ≤ (\d(?:\.\d+)?e-\d+) relative\b", re.MULTILINE)
_EXACT = re.compile(r"^\s*Accuracy: exact\b", re.MULTILINE)
_STATISTICAL = re.compile(r"^\s*Accuracy: statistical\b", re.MULTILINE)

DPS = 40  # working precision of the references (decimal digits)


def stated(func: Callable) -> float | str | None:
    """The docstring's accuracy: the relative bound (float), "exact", "statistical", or None."""
    doc = func.__doc__ or ""
    if m := _BOUND.search(doc):
        return float(m.group(1))
    if _EXACT.search(doc):
        return "exact"
    if _STATISTICAL.search(doc):
        return "statistical"
    return None


@dataclass(frozen=True)
class Case:
    """One function, its reference and the points where the two are compared.

    ``reference`` takes the same arguments as ``func`` and runs at ``DPS`` digits (mpmath); it
    returns a number, a sequence of numbers or a dict with the same keys as ``func``'s result.
    ``points`` are argument tuples spanning the range the docstring names, the places where a
    naive formula cancels included.  ``floor``: errors are relative to max(|reference|, floor),
    for results that pass through zero (the row's comment says why the floor is the right scale).
    """

    func: Callable
    reference: Callable
    points: Sequence[tuple]
    kwargs: dict = field(default_factory=dict)
    floor: float = 0.0
    label: str = ""

    @property
    def id(self) -> str:
        return self.func.__name__ + (f"[{self.label}]" if self.label else "")


def _values(x) -> list:
    """A result as a flat list of numbers (dict values in key order)."""
    if isinstance(x, dict):
        return [v for k in sorted(x) for v in _values(x[k])]
    if isinstance(x, tuple | list):
        return [v for item in x for v in _values(item)]
    if isinstance(x, np.ndarray):
        return [v for item in x.ravel().tolist() for v in _values(item)]
    return [x.item() if isinstance(x, np.generic) else x]   # numpy scalars as Python numbers


def max_relative_error(case: Case) -> tuple[float, tuple]:
    """The largest relative error of ``case.func`` over ``case.points`` and the point where it is."""
    worst, where = 0.0, ()
    for args in case.points:
        got = _values(case.func(*args, **case.kwargs))
        with mp.workdps(DPS):
            ref = _values(case.reference(*args, **case.kwargs))
            if len(got) != len(ref):
                raise AssertionError(f"{case.id} at {args}: {len(got)} values, reference {len(ref)}")
            for g, r in zip(got, ref, strict=True):
                if isinstance(g, str) or isinstance(r, str):   # labels in a record: equal or wrong
                    if g != r:
                        worst, where = math.inf, args
                    continue
                r = mp.mpmathify(r)  # real or complex
                scale = max(abs(r), mp.mpf(case.floor))
                if scale == 0:
                    err = 0.0 if g == 0 else math.inf
                else:
                    err = float(abs(mp.mpmathify(g) - r) / scale)
                if not err <= worst:  # also catches NaN
                    worst, where = err if err == err else math.inf, args
    return worst, where


def check(case: Case) -> float:
    """Assert the stated bound holds; return the measured worst error."""
    bound = stated(case.func)
    assert isinstance(bound, float), f"{case.func.__name__}: no 'Accuracy: ≤ ... relative' line"
    worst, where = max_relative_error(case)
    assert worst <= bound, f"{case.id}: relative error {worst:.3g} at {where} exceeds stated {bound:g}"
    return worst


def logspace(lo: float, hi: float, n: int) -> list[float]:
    """n points from lo to hi evenly in log (both ends included), as plain floats."""
    return [float(v) for v in np.geomspace(lo, hi, n)]


def exact_mpf(v) -> mp.mpf:
    """A float (or Measured) as an exact mpf; an mpf stays as it is (no rounding to float)."""
    return v if isinstance(v, mp.mpf) else mp.mpf(float(v))


def edge_points(lo: float, hi: float, deltas=(1e-12, 1e-9, 1e-6, 1e-3, 0.1, 0.5)) -> list[float]:
    """Points at relative distance delta from both ends of (lo, hi)."""
    out = []
    for d in deltas:
        out += [lo + d * (hi - lo), hi - d * (hi - lo)]
    return out
