"""dialm without numba (and without iminuit, dask, ...), as in Pyodide / JupyterLite.

* dialm imports and computes with numba, iminuit, dask and the other optional packages hidden
  (a subprocess where ``sys.modules[name] = None`` makes their import fail);
* the numpy-vectorised paths, used when numba is absent, give the jitted kernels' numbers;
* a fast subset of the suite runs in a subprocess with ``NUMBA_DISABLE_JIT=1``: numba's decorators
  then return the plain-Python kernels, which is the code Pyodide runs (``_jit.HAVE_NUMBA`` is
  false there too, so the vectorised paths are the ones tested).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dialm import _jit
from dialm import precession as P

ROOT = Path(__file__).resolve().parents[1]

#: what Pyodide lacks among the packages dialm could reach for
ABSENT = ("numba", "llvmlite", "iminuit", "dask", "distributed", "particle", "pdg", "tqdm",
          "myst_nb", "jupytext")

#: the part of the suite run with NUMBA_DISABLE_JIT=1 (chosen to finish in ~1 minute on 2 cores)
NOJIT_SUBSET = [
    "tests/test_nojit.py::test_vectorised_paths_are_active_without_jit",
    "tests/test_fitting.py",
    "tests/test_g2.py",
    "tests/test_precession.py",
    "tests/test_kaon_pinunu.py",
]

HIDDEN_IMPORT = f"""
import sys
for name in {ABSENT!r}:
    sys.modules[name] = None
import importlib, pkgutil
import numpy as np
import dialm
from dialm import _jit, fitting
assert not _jit.HAVE_NUMBA and not _jit.NUMBA_INSTALLED and not fitting.HAVE_IMINUIT
names = [m.name for m in pkgutil.walk_packages(dialm.__path__, "dialm.")]
for name in names:
    importlib.import_module(name)
from dialm import g2, limits, precession as P
print("modules", len(names))
print("g2", float(g2.delta_a_mu("vector", 0.1, 1e-3)))
print("fc", limits.feldman_cousins(3, 0.5))
c, e = P.poisson_wiggle_histogram(1e8, 64.4e-6, 0.37, 1.439e6, phase=0.5, seed=7)
f = P.fit_wiggle(c, e, omega_start=1.4395e6, tau_start=64e-6)
print("fit", f.minimizer, f.valid, f.omega_a)
"""


def test_imports_and_runs_without_numba_and_iminuit():
    out = subprocess.run([sys.executable, "-c", HIDDEN_IMPORT], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert int(lines["modules"]) > 20
    assert lines["fit"].startswith("scipy True")
    from dialm import g2, limits
    assert float(lines["g2"]) == pytest.approx(float(g2.delta_a_mu("vector", 0.1, 1e-3)),
                                               rel=1e-12)
    assert lines["fc"] == str(limits.feldman_cousins(3, 0.5))
    c, e = P.poisson_wiggle_histogram(1e8, 64.4e-6, 0.37, 1.439e6, phase=0.5, seed=7)
    f = P.fit_wiggle(c, e, omega_start=1.4395e6, tau_start=64e-6)
    assert float(lines["fit"].split()[2]) == pytest.approx(f.omega_a, abs=0.02 * f.omega_a_err)


def test_njit_fallback_decorates_with_and_without_arguments():
    source = ("import sys; sys.modules['numba'] = None\n"
              "from dialm._jit import njit, prange, HAVE_NUMBA\n"
              "f = njit(lambda x: x + 1)\n"
              "g = njit(cache=True, parallel=True)(lambda x: 2 * x)\n"
              "assert not HAVE_NUMBA and prange is range and f(1) == 2 and g(2) == 4\n")
    out = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]


@pytest.mark.skipif(not _jit.HAVE_NUMBA, reason="compares with the jitted kernels")
def test_vectorised_deviance_equals_jitted():
    counts, edges = P.poisson_wiggle_histogram(1e10, 64.4e-6, 0.37, 1.439e6, 2.0, seed=3)
    n = counts[200:4300].astype(float)
    xe = edges[200:4301] * 1e6
    x0, dx = float(xe[0]), float(xe[1] - xe[0])
    n0 = 1e10 * 1.0004
    for tau, A, w, ph in ((64.4, 0.37, 1.439, 2.0), (64.0, 0.3, 1.4395, 1.9), (60, 0.9, 1.3, -3)):
        jit = P._deviance(n, x0, dx, n0, tau, A, w, ph)
        vec = P._deviance_np(n, x0, dx, n0, tau, A, w, ph)
        assert vec == pytest.approx(jit, rel=1e-12)
    assert P._deviance_np(n, x0, dx, -1.0, 64.4, 0.37, 1.439, 2.0) == 1e300


def test_vectorised_paths_are_active_without_jit():
    """Under NUMBA_DISABLE_JIT=1 (the subset below) HAVE_NUMBA is false: the numpy paths run."""
    disabled = os.environ.get("NUMBA_DISABLE_JIT", "0") not in ("", "0")
    assert _jit.HAVE_NUMBA is (_jit.NUMBA_INSTALLED and not disabled)


@pytest.mark.skipif(os.environ.get("NUMBA_DISABLE_JIT", "0") not in ("", "0"),
                    reason="this is the outer run")
def test_suite_subset_without_jit():
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly",
                          *NOJIT_SUBSET], capture_output=True, text=True, cwd=ROOT, env=env,
                         timeout=600)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert " passed" in out.stdout.splitlines()[-1]
    assert np.all(["failed" not in line for line in out.stdout.splitlines()[-1:]])
