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

#: the part of the suite run with NUMBA_DISABLE_JIT=1: the unit and accuracy tests (against
#: mpmath) of every kernel with a numpy path, and the scipy wiggle fit (~1 minute on 2 cores)
NOJIT_SUBSET = [
    "tests/test_nojit.py::test_vectorised_paths_are_active_without_jit",
    "tests/test_fitting.py::test_quadratic_exact",
    "tests/test_fitting.py::test_wiggle_fit_scipy_equals_iminuit",
    "tests/test_precession.py::test_fit_rejects_bad_histograms",
    "tests/test_kaon_na62.py::test_dgamma_against_mpmath",
    "tests/test_kaon_na62.py::test_reach_and_events_are_consistent",
    "tests/test_accuracy_kaon_na62.py::test_stated_accuracy[dgamma_dm2miss]",
    "tests/test_accuracy_kaon_na62.py::test_stated_accuracy[br_k_mu_nu_v]",
    "tests/test_accuracy_kaon_na62.py::test_dgamma_closed_form_is_the_integral",
    "tests/test_accuracy_limits.py::test_stated_accuracy[fc_belt]",
    "tests/test_m3.py::test_sigma_signal_against_mpmath_integral",
    "tests/test_m3.py::test_yield_scaling_and_reach",
    "tests/test_accuracy_m3.py::test_stated_accuracy[g_reach]",
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


#: what the JupyterLite site installs (Pyodide's own numpy, scipy, matplotlib; pure wheels) and
#: the kernel brings (IPython): dialm's module-level imports must come from here or the stdlib
PYODIDE_PACKAGES = {"numpy", "scipy", "matplotlib", "sympy", "mpmath", "ipywidgets", "IPython",
                    "uncertainties"}


def test_module_level_imports_are_available_in_pyodide():
    """Anything else (numba, iminuit, dask, tqdm, ...) is imported inside a function or guarded
    by try/except ImportError, so that ``import dialm.<module>`` works in the browser."""
    import ast

    found = {}
    for path in sorted((ROOT / "lib" / "dialm").rglob("*.py")):
        tree = ast.parse(path.read_text())
        for node in tree.body:                  # module level only, not inside try or def
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], []).append(path.name)
    extra = {name: files for name, files in found.items()
             if name not in PYODIDE_PACKAGES | set(sys.stdlib_module_names) | {"dialm"}}
    assert not extra, f"module-level imports Pyodide lacks: {extra}"


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


@pytest.mark.skipif(not _jit.HAVE_NUMBA, reason="compares with the jitted kernels")
def test_vectorised_na62_rates_equal_jitted():
    """K⁺ → μ⁺νV: the spectrum (48 m23² nodes) and the rate (96 × 48 nodes), numpy vs numba,
    across the Dalitz plot (both branches of the m23² rule, the double-double corner)."""
    from dialm.kaon import na62 as N
    mv = np.concatenate([np.geomspace(1e-4, 0.38, 30), [0.1, 0.2, 0.3]])
    g = np.full(mv.size, 1e-3)
    cut = np.where(np.arange(mv.size) % 3 == 0, 0.05, 0.0)
    jit = np.empty(mv.size)
    N._gamma_kernel(mv, g, cut, N._LAM, N._MK, N._MMU, N._X23, N._W23, N._X12, N._W12, jit)
    assert N._gamma_np(mv, g, cut) == pytest.approx(jit, rel=1e-12, abs=0)
    end = (N._MK - N._MMU) ** 2
    s12 = np.concatenate([np.linspace(1e-6, end, 200), end * (1 - np.geomspace(1e-12, 1e-2, 30)),
                          np.geomspace(1e-8, 0.1, 30)])
    for m in (1e-4, 0.01, 0.05, 0.2, 0.35):
        mvv, gg = np.full(s12.size, m), np.full(s12.size, 2e-3)
        jit = np.empty(s12.size)
        N._dgamma_kernel(s12, mvv, gg, N._LAM, N._MK, N._MMU, N._X23, N._W23, jit)
        assert N._dgamma_np(s12, mvv, gg) == pytest.approx(jit, rel=1e-12, abs=0)


@pytest.mark.skipif(not _jit.HAVE_NUMBA, reason="compares with the jitted kernels")
@pytest.mark.parametrize("b, sigma, cl", [(0.0, 0.0, 0.9), (3.0, 0.0, 0.9), (0.5, 0.0, 0.68),
                                          (10.0, 0.0, 0.99), (1.0, 0.3, 0.9)])
def test_vectorised_fc_belt_equals_jitted(b, sigma, cl):
    """Feldman–Cousins: the same acceptance interval [n1, n2] at every μ of the grid, and the
    same Poisson rows (to rounding), known and uncertain background."""
    from dialm import limits as L
    nodes, weights = L._background_nodes(b, sigma)
    mus = np.arange(0.0, 20.0 + 0.5 * L.MU_STEP, L.MU_STEP)
    nmax = L._nmax_for(20.0, float(nodes.max()))
    pbest = L._pbest(nodes, weights, nmax)
    n1, n2 = np.empty(mus.size, np.int64), np.empty(mus.size, np.int64)
    L._belt_kernel(mus, nodes, weights, pbest, cl, n1, n2)
    v1, v2 = L._belt_np(mus, nodes, weights, pbest, cl)
    assert np.array_equal(v1, n1) and np.array_equal(v2, n2)
    rows, row = L._pmf_rows_np(mus, nodes, weights, nmax), np.empty(nmax)
    for i in range(0, mus.size, 37):
        L._pmf_row(mus[i], nodes, weights, nmax, row)
        assert rows[i] == pytest.approx(row, rel=1e-12, abs=1e-300)


@pytest.mark.skipif(not _jit.HAVE_NUMBA, reason="compares with the jitted kernels")
@pytest.mark.parametrize("target", ["W", "Pb"])
@pytest.mark.parametrize("kind", [0, 1])
def test_vectorised_m3_sigma_equals_jitted(target, kind):
    """M³: σ_sig (x nodes × t nodes) numpy vs numba, masses from below 1 MeV to near the end
    point, with and without the E_out cut."""
    from dialm import m3 as M
    z, _, _, a2, d = M.target_properties(target)
    mv = np.concatenate([np.geomspace(1e-3, 3.0, 30), [1e-4, 5.0, 9.5]])
    e = np.full(mv.size, 15.0)
    e[-1] = 10.0
    xlo = np.full(mv.size, 0.2)
    xlo[::4] = 0.0
    jit = np.empty(mv.size)
    M._sigma_kernel(mv, e, xlo, M._MMU, M._ALPHA, z, a2, d, kind, M._TX, M._TW, M._T_PANELS,
                    M._XX, M._XW, M._X_PANELS, jit)
    assert M._sigma_np(mv, e, xlo, z, a2, d, kind) == pytest.approx(jit, rel=1e-12, abs=0)


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
    last = out.stdout.strip().splitlines()[-1]
    assert " passed" in last and "failed" not in last and "skipped" not in last, last
