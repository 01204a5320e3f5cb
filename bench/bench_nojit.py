"""Benchmark: dialm without numba (the browser's code: Pyodide has no numba) against numba, in
the same run.

Each case is the work of one widget callback of a chapter (the same arguments).  The parent
process times it with numba's compiled kernels; a child process started with
``NUMBA_DISABLE_JIT=1`` (numba's decorators then return the plain-Python functions, as
``dialm._jit`` does where numba is absent) times

* the path dialm takes without numba: the numpy-vectorised one where the module has it,
  otherwise the plain-Python kernel;
* the plain-Python kernel itself (the module's ``HAVE_NUMBA`` switched on, so the loops run
  uncompiled), to show what the vectorised path saves.

Rows: the no-numba path against numba and against the plain kernel (ratio = baseline time / our
time: < 1 against numba, > 1 against the plain loops); accuracy: the largest relative difference
of the no-numba result from the numba one.  Prints the table; writes
bench/results/bench_nojit.json.  Run: ``.venv/bin/python bench/bench_nojit.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from common import best_of, row, write_result

from dialm import constants as C
from dialm import limits as L
from dialm import m3 as M
from dialm import precession as P
from dialm import relic as R
from dialm.g2 import delta_a_mu
from dialm.kaon import dgamma_dm2miss, na62_g_reach
from dialm.kaon import na62 as N

#: modules with a numpy path chosen by their HAVE_NUMBA flag
VECTORISED = {"precession": P, "na62": N, "limits": L, "m3": M}

_A = float(C.A_MU_EXP_2025)
_GAMMA = P.magic_gamma(_A)
_OMEGA = P.anomalous_precession_frequency(_A, C.E989_B_T)
_TAU = _GAMMA * float(C.TAU_MU_S)
_COUNTS, _EDGES = P.poisson_wiggle_histogram(1e10, _TAU, 0.37, _OMEGA, 2.0, t_max=700e-6,
                                              bin_width=P.cyclotron_period(_GAMMA), seed=1)
_S_FAST = np.linspace(1e-6, (float(C.M_KPLUS) - float(C.M_MU)) ** 2, 300)


def _wiggle(backend=None):
    f = P.fit_wiggle(_COUNTS, _EDGES, _OMEGA * 1.0003, 60e-6, backend=backend)
    return [f.omega_a, f.tau, f.asymmetry, f.phase, f.omega_a_err]


#: name -> (module whose flag selects the path, work, the call); the chapters' widget arguments
CASES = {
    "precession.fit_wiggle": ("precession", "5-parameter fit of the measuring chapter's "
                              "Run-1 histogram (4150 bins), iminuit", _wiggle),
    "precession.fit_wiggle[scipy]": ("precession", "the same fit by the scipy fallback (the "
                                     "browser has no iminuit)", lambda: _wiggle("scipy")),
    "limits.fc_belt": ("limits", "belt b = 3, CL = 0.9, mu 0..20 step 0.02 (limits chapter)",
                       lambda: np.concatenate(L.fc_belt(3.0, 0.9, mu_max=20.0, step=0.02))),
    "limits.feldman_cousins": ("limits", "interval n = 5, b = 3, CL = 0.9",
                               lambda: L.feldman_cousins(5, 3.0, 0.9)),
    "kaon.na62_g_reach": ("na62", "reach on 120 masses (na62 chapter)",
                          lambda: na62_g_reach(np.geomspace(1e-3, 0.38, 120), 5.0, 1e12, 0.1)),
    "kaon.dgamma_dm2miss": ("na62", "spectrum on 300 m2miss points (na62 chapter)",
                            lambda: dgamma_dm2miss(_S_FAST, 0.05, 1e-3)),
    "m3.g_reach": ("m3", "reach on 50 masses (M3 chapter)",
                   lambda: M.g_reach(np.geomspace(1e-3, 3.0, 50), 1e10)),
    "relic.thermal_target_g": (None, "thermal target on 12 masses, coarse settings "
                               "(dark-matter chapter)",
                               lambda: R.thermal_target_g(np.geomspace(0.01, 1.0, 12),
                                                          ratio=1 / 3, alpha_d=0.5, n_x=32,
                                                          tol=1e-5, rtol=1e-4, refine=False,
                                                          max_iter=1)),
    "g2.delta_a_mu": (None, "vector loop on 400 masses (light-mediators chapter)",
                      lambda: delta_a_mu("vector", np.geomspace(1e-3, 10.0, 400), 1e-3)),
}


def _time(fn):
    """Best of 5 (of 1 when a call takes over a second), after one warm-up call."""
    t0, _ = best_of(fn, repeat=1)
    return best_of(fn, repeat=1 if t0 > 1.0 else 5)


def child() -> None:
    out = {}
    for name, (module, _, fn) in CASES.items():
        t_path, res = _time(fn)
        entry = {"t_path_s": t_path, "result": np.ravel(np.asarray(res, dtype=float)).tolist(),
                 "vectorised": module is not None}
        if module is not None:
            mod = VECTORISED[module]
            mod.HAVE_NUMBA = True          # the kernels are plain Python under NUMBA_DISABLE_JIT
            try:
                entry["t_plain_s"] = _time(fn)[0]
            finally:
                mod.HAVE_NUMBA = False
        out[name] = entry
    print("NOJIT-TIMES " + json.dumps(out))


def main() -> None:
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child"], env=env,
                          capture_output=True, text=True, check=True)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("NOJIT-TIMES "))
    nojit = json.loads(line.split(" ", 1)[1])
    rows, cases = [], []
    print(f"{'kernel':26s} {'numba':>10s} {'no numba':>10s} {'plain loops':>12s}  "
          f"{'numba/no':>9s} {'plain/no':>9s}  max rel diff")
    for name, (module, work, fn) in CASES.items():
        t_jit, res = _time(fn)
        ref = np.ravel(np.asarray(res, dtype=float))
        got = np.asarray(nojit[name]["result"])
        diff = float(np.max(np.abs(got - ref) / np.maximum(np.abs(ref), 1e-300)))
        t_no = nojit[name]["t_path_s"]
        t_plain = nojit[name].get("t_plain_s", t_no)
        kind = "numpy-vectorised" if module is not None else "plain Python"
        rows.append(row(f"{name} without numba ({kind})", work, t_no, "numba (compiled)", t_jit,
                        diff, "the numba kernel's result"))
        if module is not None:
            rows.append(row(f"{name} without numba ({kind})", work, t_no,
                            "plain-Python kernel", t_plain, diff, "the numba kernel's result"))
        cases.append({"kernel": name, "work": work, "path": kind, "t_numba_s": t_jit,
                      "t_nojit_s": t_no, "t_plain_s": t_plain, "max_rel_diff": diff})
        print(f"{name:26s} {t_jit * 1e3:8.2f}ms {t_no * 1e3:8.1f}ms {t_plain * 1e3:10.1f}ms  "
              f"{t_jit / t_no:9.3f} {t_plain / t_no:9.1f}  {diff:.1e}")
    write_result("bench_nojit", {"cases": cases}, rows)


if __name__ == "__main__":
    child() if "--child" in sys.argv[1:] else main()
