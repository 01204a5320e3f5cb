"""Minimise a likelihood and quote Hessian errors: iminuit when installed, scipy otherwise.

The book's fits (the wiggle fit of ``dialm.precession``, the α_K* fits of the two-photon chapter)
call :func:`minimize`.  With iminuit installed it runs Migrad then HESSE, as the experiments do.
Where iminuit does not exist (Pyodide, so JupyterLite in the browser) it minimises the same
function with ``scipy.optimize.minimize`` (BFGS, or L-BFGS-B with limits), polishes the minimum
with Newton steps on a central-difference Hessian and takes the errors from that Hessian, as HESSE
does.  The result says which ran (``FitResult.minimizer``); tests/test_fitting.py checks that the
two agree on the chapters' fits (best fit to 1e-4 relative, errors to 1 %).
"""

from __future__ import annotations

import math
import reprlib
from dataclasses import dataclass

import numpy as np

from dialm._validate import choice

__all__ = ["FitResult", "minimize", "HAVE_IMINUIT"]

try:  # iminuit has no wheel for Pyodide
    import iminuit as _iminuit
except ImportError:
    _iminuit = None

#: iminuit is importable (the default backend then).
HAVE_IMINUIT = _iminuit is not None


@dataclass(frozen=True)
class FitResult:
    """Best fit ``values``, their Hessian ``errors`` (same order as the start values), the
    function's value ``fval`` at the minimum, ``valid`` (the minimiser's verdict) and
    ``minimizer``: "iminuit" or "scipy"."""

    values: tuple
    errors: tuple
    fval: float
    valid: bool
    minimizer: str


def minimize(fcn, start, *, errordef=0.5, steps=None, limits=None, fix_first=(), backend=None):
    """Minimise ``fcn(*params)`` from ``start``; errors from the Hessian at the minimum.

    ``errordef``: 0.5 for a negative log-likelihood, 1 for a χ² or a deviance (−2 ln L).
    ``steps``: initial step per parameter (default 0.1·|start|, or 0.1 when it is 0).
    ``limits``: None or a (low, high) pair per parameter (None for no limit on a side).
    ``fix_first``: indices of parameters held at their start values in a first minimisation
    (for a parameter that needs the others settled first), then everything is free.
    ``backend``: "iminuit", "scipy" or None (iminuit when installed).
    Migrad+HESSE, or scipy (BFGS / L-BFGS-B, then at most 8 Newton steps on a central-difference
    Hessian of steps 0.1σ until the predicted decrease is below 1e-9·errordef; errors
    √(2·errordef·(H⁻¹)ᵢᵢ)).  Accuracy: the two backends agree to 1e-4 relative in the values and
    1 % in the errors on the book's fits (tests/test_fitting.py).

    >>> r = minimize(lambda x, y: (x - 1) ** 2 + 4 * (y + 2) ** 2, (0.0, 0.0), errordef=1.0,
    ...              backend="scipy")
    >>> [round(v, 6) for v in r.values], [round(e, 4) for e in r.errors], r.minimizer
    ([1.0, -2.0], [1.0, 0.5], 'scipy')
    """
    caller = "minimize"
    if not callable(fcn):
        raise ValueError(f"{caller}: fcn = {reprlib.repr(fcn)} is not callable; pass the function "
                         "to minimise, fcn(*params) -> float")
    x0 = np.atleast_1d(np.asarray(start, dtype=float))
    if x0.ndim != 1 or x0.size == 0 or not np.all(np.isfinite(x0)):
        raise ValueError(f"{caller}: start = {reprlib.repr(start)} must be one or more finite "
                         "numbers (one per parameter)")
    npar = x0.size
    if not (isinstance(errordef, (int, float)) and math.isfinite(errordef) and errordef > 0):
        raise ValueError(f"{caller}: errordef = {errordef!r} is out of range; allowed: a number "
                         "> 0 (0.5 for -ln L, 1 for chi2)")
    if steps is None:
        steps = np.where(x0 != 0, 0.1 * np.abs(x0), 0.1)
    steps = np.atleast_1d(np.asarray(steps, dtype=float))
    if steps.shape != x0.shape or not np.all(np.isfinite(steps) & (steps > 0)):
        raise ValueError(f"{caller}: steps = {reprlib.repr(steps)} is out of range; allowed: one "
                         "number > 0 per parameter")
    if limits is not None:
        limits = [tuple(lim) if lim is not None else (None, None) for lim in limits]
        if len(limits) != npar or any(len(lim) != 2 for lim in limits):
            raise ValueError(f"{caller}: limits = {reprlib.repr(limits)} must be one (low, high) "
                             "pair per parameter")
    fix_first = tuple(int(i) for i in fix_first)
    if any(not 0 <= i < npar for i in fix_first):
        raise ValueError(f"{caller}: fix_first = {fix_first!r} is out of range; allowed: "
                         f"parameter indices 0 .. {npar - 1}")
    if backend is None:
        backend = "iminuit" if HAVE_IMINUIT else "scipy"
    backend = choice(caller, "backend", backend, ("iminuit", "scipy"))
    if backend == "iminuit":
        if not HAVE_IMINUIT:
            raise ValueError(f"{caller}: backend = 'iminuit' but iminuit is not installed here "
                             "(it has no Pyodide wheel); use backend='scipy' or None")
        return _minuit(fcn, x0, errordef, steps, limits, fix_first)
    return _scipy(fcn, x0, errordef, steps, limits, fix_first)


def _minuit(fcn, x0, errordef, steps, limits, fix_first):
    m = _iminuit.Minuit(lambda *p: fcn(*p), *x0, name=[f"p{i}" for i in range(x0.size)])
    m.errordef = errordef
    m.errors = tuple(steps)
    if limits is not None:
        m.limits = limits
    if fix_first:
        for i in fix_first:
            m.fixed[i] = True
        m.migrad()
        for i in fix_first:
            m.fixed[i] = False
    m.migrad()
    m.hesse()
    return FitResult(tuple(float(v) for v in m.values), tuple(float(e) for e in m.errors),
                     float(m.fval), bool(m.valid), "iminuit")


def _hessian(f, x, h):
    """Central-difference Hessian of f at x with steps h (and f(x))."""
    n = x.size
    f0 = f(x)
    H = np.empty((n, n))
    g = np.empty(n)
    for i in range(n):
        e = np.zeros(n)
        e[i] = h[i]
        fp, fm = f(x + e), f(x - e)
        g[i] = (fp - fm) / (2 * h[i])
        H[i, i] = (fp - 2 * f0 + fm) / h[i] ** 2
        for j in range(i):
            d = np.zeros(n)
            d[j] = h[j]
            H[i, j] = H[j, i] = (f(x + e + d) - f(x + e - d) - f(x - e + d) + f(x - e - d)) / (
                4 * h[i] * h[j])
    return f0, g, H


def _scipy(fcn, x0, errordef, steps, limits, fix_first):
    from scipy.optimize import minimize as sp_minimize

    lo = np.array([-np.inf if lim[0] is None else lim[0] for lim in limits]) if limits else None
    hi = np.array([np.inf if lim[1] is None else lim[1] for lim in limits]) if limits else None

    def run(x, free):
        idx = np.flatnonzero(free)

        def f_free(y):
            z = x.copy()
            z[idx] = y * steps[idx] + x[idx]
            if lo is not None and (np.any(z < lo) or np.any(z > hi)):
                return 1e300
            return float(fcn(*z))

        if lo is None:
            # Newton with a trust region on the central-difference gradient and Hessian (in
            # units of the steps, where a first-order method is badly conditioned)
            cache = {}

            def derivs(y):
                key = y.tobytes()
                if key not in cache:
                    cache.clear()
                    cache[key] = _hessian(f_free, y, np.full(y.size, 1e-3))[1:]
                return cache[key]

            res = sp_minimize(f_free, np.zeros(idx.size), method="trust-exact",
                              jac=lambda y: derivs(y)[0], hess=lambda y: derivs(y)[1],
                              options={"gtol": 1e-6 * errordef})
        else:
            bounds = [((lo[i] - x[i]) / steps[i] if np.isfinite(lo[i]) else None,
                       (hi[i] - x[i]) / steps[i] if np.isfinite(hi[i]) else None) for i in idx]
            res = sp_minimize(f_free, np.zeros(idx.size), method="L-BFGS-B", bounds=bounds,
                              jac="3-point", options={"gtol": 1e-8, "ftol": 1e-13})
        z = x.copy()
        z[idx] = res.x * steps[idx] + x[idx]
        return z, res

    x = x0.copy()
    if fix_first:
        free = np.ones(x.size, bool)
        free[list(fix_first)] = False
        x, _ = run(x, free)
    x, res = run(x, np.ones(x.size, bool))

    def f(z):
        if lo is not None and (np.any(z < lo) or np.any(z > hi)):
            return 1e300
        return float(fcn(*z))

    # Newton polish and Hessian errors (steps 0.1 sigma, re-estimated each round)
    h = steps * 1e-2
    valid = bool(np.isfinite(res.fun))
    for _ in range(8):
        f0, g, H = _hessian(f, x, h)
        try:
            cov = 2 * errordef * np.linalg.inv(H)
        except np.linalg.LinAlgError:
            valid = False
            break
        sig = np.sqrt(np.abs(np.diag(cov)))
        dx = -np.linalg.solve(H, g)
        decrease = -0.5 * float(g @ dx)
        trial = x + dx
        if np.all(np.diag(H) > 0) and f(trial) <= f0:
            x = trial
        h = np.maximum(0.1 * sig, 1e-12 * np.maximum(np.abs(x), 1.0))
        if 0 <= decrease < 1e-9 * errordef:
            break
    f0, g, H = _hessian(f, x, h)
    try:
        cov = 2 * errordef * np.linalg.inv(H)
        valid = valid and bool(np.all(np.diag(cov) > 0))
    except np.linalg.LinAlgError:
        cov = np.full((x.size, x.size), np.nan)
        valid = False
    err = np.sqrt(np.abs(np.diag(cov)))
    return FitResult(tuple(float(v) for v in x), tuple(float(e) for e in err), float(f0), valid,
                     "scipy")
